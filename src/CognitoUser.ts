import AuthenticationHelper from './AuthenticationHelper';
import type AuthenticationDetails from './AuthenticationDetails';
import BigInteger from './BigInteger';
import type Client from './Client';
import { createCognitoError } from './Client';
import CognitoAccessToken from './CognitoAccessToken';
import CognitoIdToken from './CognitoIdToken';
import CognitoRefreshToken from './CognitoRefreshToken';
import CognitoUserAttribute from './CognitoUserAttribute';
import type CognitoUserPool from './CognitoUserPool';
import CognitoUserSession from './CognitoUserSession';
import DateHelper from './DateHelper';
import { Platform } from './Platform';
import StorageHelper from './StorageHelper';
import type {
	ChallengeName,
	ChallengeParameters,
	ClientMetadata,
	CodeDeliveryDetails,
	GetSessionOptions,
	IAuthenticationCallback,
	ICognitoError,
	ICognitoStorage,
	ICognitoUserAttributeData,
	ICognitoUserData,
	IMfaSettings,
	MFAOption,
	NodeCallback,
	UpdateAttributesNodeCallback,
	UserData,
} from './types';
import { shareRefresh } from './utils/refreshCoordinator';
import { withSecret } from './utils/secretHash';
import { calculateSignature, deviceVerifierConfig } from './utils/srpSignature';
import {
	attempt,
	callMember,
	callNode,
	nodeOutcome,
	objectOutcome,
	outsidePromise,
	runStep,
} from './utils/userCallbacks';
import type { LooseNodeCallback, Outcome } from './utils/userCallbacks';

/** Tokens and device metadata of a successful authentication, as the service sends them. */
export interface AuthenticationResult {
	AccessToken?: string;
	IdToken?: string;
	RefreshToken?: string | null;
	ExpiresIn?: number;
	TokenType?: string;
	NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string } | null;
}

/** Reply of InitiateAuth and RespondToAuthChallenge. */
export interface AuthChallengeResponse {
	ChallengeName?: string;
	ChallengeParameters?: ChallengeParameters;
	Session?: string;
	AuthenticationResult?: AuthenticationResult;
}

/** A remembered device as GetDevice and ListDevices describe it. */
export interface CognitoDevice {
	DeviceKey?: string;
	DeviceAttributes?: ICognitoUserAttributeData[];
	DeviceCreateDate?: number;
	DeviceLastModifiedDate?: number;
	DeviceLastAuthenticatedDate?: number;
}

/** Reply of GetDevice. */
export interface GetDeviceResult {
	Device: CognitoDevice;
}

/** Reply of ListDevices. */
export interface ListDevicesResult {
	Devices: CognitoDevice[];
	PaginationToken?: string;
}

/** Reply of ForgotPassword, ResendConfirmationCode and GetUserAttributeVerificationCode. */
export interface CodeDeliveryResult {
	CodeDeliveryDetails: CodeDeliveryDetails;
}

/** Reply of UpdateUserAttributes. */
export interface UpdateAttributesResult {
	CodeDeliveryDetailsList?: CodeDeliveryDetails[];
}

/** Reply of VerifySoftwareToken. */
export interface VerifySoftwareTokenResult {
	Status?: 'SUCCESS' | 'ERROR';
	Session?: string;
}

/** Options of `getUserData`. */
export interface GetUserDataOptions {
	bypassCache?: boolean;
	clientMetadata?: ClientMetadata;
}

/** Callbacks of methods that report through `onSuccess` / `onFailure`. */
export interface IResultCallbacks<T> {
	onSuccess: (result: T) => void;
	onFailure: (err: ICognitoError) => void;
}

/** Callbacks of methods that may ask for a verification code instead of succeeding. */
export interface IVerificationCodeCallbacks<T, D = CodeDeliveryResult> extends IResultCallbacks<T> {
	inputVerificationCode?: (data: D) => void;
}

/** Callbacks of `associateSoftwareToken`. */
export interface IAssociateSoftwareTokenCallbacks {
	associateSecretCode: (secretCode: string) => void;
	onFailure: (err: ICognitoError) => void;
}

/** Callbacks of `sendMFASelectionAnswer`. */
export type IMfaSelectionCallbacks = Pick<
	IAuthenticationCallback,
	'onSuccess' | 'onFailure' | 'mfaRequired' | 'totpRequired'
>;

/**
 * `getSession`'s callback: `(error, null)` or `(null, session)`. Declared through a method so
 * that its parameters are checked bivariantly: callbacks written against the original's
 * typings, such as `(err: any, session: CognitoUserSession) => …` or `(error: Error, session:
 * null) => …`, are still accepted, while an unannotated callback gets the honest types.
 */
export type GetSessionCallback = {
	bivarianceHack(error: Error | null, session: CognitoUserSession | null): void;
}['bivarianceHack'];

type SessionCallback = (err: Error | null, session: CognitoUserSession | null) => void;
type Body = { [key: string]: unknown };

const NOT_AUTHENTICATED = 'User is not authenticated';

const noSecretCode = (): Error =>
	invalidResponse('The AssociateSoftwareToken reply lacks SecretCode.');

/** A 200 reply that lacks what the method needs: an error with a code, never a success. */
function invalidResponse(message: string): Error {
	return createCognitoError(message, 'InvalidResponseException');
}

/** Challenges whose callback receives `(challengeName, challengeParameters)`. */
const MFA_CHALLENGE_CALLBACKS = new Map<
	ChallengeName,
	'mfaRequired' | 'selectMFAType' | 'mfaSetup' | 'totpRequired'
>([
	['SMS_MFA', 'mfaRequired'],
	['SELECT_MFA_TYPE', 'selectMFAType'],
	['MFA_SETUP', 'mfaSetup'],
	['SOFTWARE_TOKEN_MFA', 'totpRequired'],
]);
const USER_ATTRIBUTES_PREFIX = 'userAttributes.';

/** The DeviceName ConfirmDevice registers, fixed when the module loads as in the original. */
const deviceName: string =
	typeof navigator === 'undefined'
		? 'nodejs'
		: Platform.isReactNative
			? 'react-native'
			: navigator.userAgent;

/**
 * The original resends PASSWORD_VERIFIER without DEVICE_KEY when the service no longer knows
 * the device; it recognises that case by this error.
 */
function isDeviceNotFound(err: ICognitoError): boolean {
	return (
		err.code === 'ResourceNotFoundException' &&
		String(err.message ?? '')
			.toLowerCase()
			.includes('device')
	);
}

/** Like the original, validation data, when there is any, travels as the ClientMetadata. */
function authFlowMetadata(details: AuthenticationDetails): unknown {
	const validation = details.getValidationData();
	return validation && Object.keys(validation).length !== 0
		? validation
		: details.getClientMetadata();
}

/** Runs `helper.getLargeAValue` as one step and hands A, in hex, to `next`. */
function withLargeA(
	helper: AuthenticationHelper,
	fail: (err: Error) => void,
	next: (srpA: string) => void,
): void {
	runStep<BigInteger>(
		(done) => helper.getLargeAValue(done),
		(err, largeA) =>
			err || !largeA
				? fail(err ?? new Error('SRP_A could not be computed.'))
				: next(largeA.toString(16)),
	);
}

/** A user of a user pool: authentication flows, the session, attributes, MFA and devices. */
export default class CognitoUser {
	/** The username; after an SRP login, the service's `USER_ID_FOR_SRP` for an alias. */
	username: string;
	/** The pool the user belongs to. */
	pool: CognitoUserPool;
	/**
	 * The service's session string between the steps of a challenge flow. Copied from each
	 * reply as is: a reply without one leaves it undefined, so that the next request omits it
	 * (null would be sent as null).
	 */
	Session: string | null | undefined;
	/** The pool's client, through which every request goes. */
	client: Client;
	/** The current tokens, once authenticated. */
	signInUserSession: CognitoUserSession | null;
	/** `USER_SRP_AUTH` (default), `CUSTOM_AUTH` or `USER_PASSWORD_AUTH`. */
	authenticationFlowType: string;
	/** Where tokens, user data and device keys are cached. */
	storage: ICognitoStorage;
	/** `CognitoIdentityServiceProvider.<clientId>`, the prefix of every storage key. */
	keyPrefix: string;
	/** Storage key of the cached `GetUser` reply. */
	userDataKey: string;
	/** Key of this device, once the device is remembered or read from storage. */
	declare deviceKey?: string | null;
	/** Group key of this device. */
	declare deviceGroupKey?: string | null;
	/** Device secret generated when this device was confirmed. */
	declare randomPassword?: string | null;
	/** Base64 password verifier sent with ConfirmDevice. */
	declare verifierDevices?: string;
	/** The challenge name of the last authentication result. */
	declare challengeName?: ChallengeName;

	/**
	 * @param data `Username` and `Pool` are required; `Storage` defaults to localStorage where
	 *   available, else the in-memory store (not to the pool's storage, as in the original).
	 */
	constructor(data: ICognitoUserData) {
		if (data == null || data.Username == null || data.Pool == null) {
			throw new Error('Username and Pool information are required.');
		}
		this.username = data.Username || '';
		this.pool = data.Pool;
		this.Session = null;
		this.client = data.Pool.client;
		this.signInUserSession = null;
		this.authenticationFlowType = 'USER_SRP_AUTH';
		this.storage = data.Storage || new StorageHelper().getStorage();
		this.keyPrefix = `CognitoIdentityServiceProvider.${this.pool.getClientId()}`;
		this.userDataKey = `${this.keyPrefix}.${this.username}.userData`;
	}

	/** Adopts `signInUserSession`, drops the cached user data and caches the tokens. */
	setSignInUserSession(signInUserSession: CognitoUserSession): void {
		this.clearCachedUserData();
		this.signInUserSession = signInUserSession;
		this.cacheTokens();
	}

	/** @returns the current session, or null before authentication. */
	getSignInUserSession(): CognitoUserSession | null {
		return this.signInUserSession;
	}

	/** @returns the username. */
	getUsername(): string {
		return this.username;
	}

	/** @returns the flow `authenticateUser` uses. */
	getAuthenticationFlowType(): string {
		return this.authenticationFlowType;
	}

	/** Chooses the flow `authenticateUser` uses. */
	setAuthenticationFlowType(authenticationFlowType: string): void {
		this.authenticationFlowType = authenticationFlowType;
	}

	// ---------------------------------------------------------------------------------------
	// Authentication flows

	/**
	 * Starts the CUSTOM_AUTH flow with the details' AuthParameters (to which `USERNAME` is
	 * added). Calls `customChallenge` or, if no challenge follows, `onSuccess`.
	 */
	initiateAuth(authDetails: AuthenticationDetails, callback: IAuthenticationCallback): void {
		const authParameters = authDetails.getAuthParameters() ?? {};
		authParameters.USERNAME = this.username;
		const request = this.completeBody({
			AuthFlow: 'CUSTOM_AUTH',
			ClientId: this.pool.getClientId(),
			AuthParameters: authParameters,
			ClientMetadata: authFlowMetadata(authDetails),
		});
		this.client.request<AuthChallengeResponse>('InitiateAuth', request, (err, data) => {
			if (err) return callMember(callback, 'onFailure', err);
			const reply = data ?? {};
			if (reply.ChallengeName === 'CUSTOM_CHALLENGE') {
				this.Session = reply.Session;
				return callMember(
					callback,
					'customChallenge',
					reply.ChallengeParameters as ChallengeParameters,
				);
			}
			const session = this.adoptAuthenticationResult(reply, callback);
			if (session) callMember(callback, 'onSuccess', session);
		});
	}

	/**
	 * Authenticates with the flow chosen by `setAuthenticationFlowType`: SRP by default,
	 * `CUSTOM_AUTH` (SRP first) or `USER_PASSWORD_AUTH`. The callbacks are told about every
	 * challenge the service asks for.
	 */
	authenticateUser(authDetails: AuthenticationDetails, callback: IAuthenticationCallback): void {
		if (this.authenticationFlowType === 'USER_PASSWORD_AUTH') {
			return this.authenticateUserPlainUsernamePassword(authDetails, callback);
		}
		if (
			this.authenticationFlowType === 'USER_SRP_AUTH' ||
			this.authenticationFlowType === 'CUSTOM_AUTH'
		) {
			return this.authenticateUserDefaultAuth(authDetails, callback);
		}
		return callMember(callback, 'onFailure', new Error('Authentication flow type is invalid.'));
	}

	/** The SRP flow (`USER_SRP_AUTH`, or `CUSTOM_AUTH` starting with SRP_A). */
	authenticateUserDefaultAuth(
		authDetails: AuthenticationDetails,
		callback: IAuthenticationCallback,
	): void {
		const fail = (err: Error): void => callMember(callback, 'onFailure', err);
		// The helper draws its secret a at once; without a secure random source that throws.
		const created = attempt(() => new AuthenticationHelper(this.pool.getUserPoolName()), fail);
		if (!created) return;
		const helper = created.value;
		const authParameters: Body = {};
		if (this.deviceKey != null) authParameters.DEVICE_KEY = this.deviceKey;
		authParameters.USERNAME = this.username;
		withLargeA(helper, fail, (srpA) => {
			authParameters.SRP_A = srpA;
			if (this.authenticationFlowType === 'CUSTOM_AUTH') {
				authParameters.CHALLENGE_NAME = 'SRP_A';
			}
			const clientMetadata = authFlowMetadata(authDetails);
			const request = this.completeBody({
				AuthFlow: this.authenticationFlowType,
				ClientId: this.pool.getClientId(),
				AuthParameters: authParameters,
				ClientMetadata: clientMetadata,
			});
			this.client.request<AuthChallengeResponse>('InitiateAuth', request, (err, data) => {
				if (err) return fail(err);
				const params = data?.ChallengeParameters ?? {};
				if (typeof params.USER_ID_FOR_SRP !== 'string') {
					// Adopting it would leave this user without a username.
					return fail(invalidResponse('The SRP challenge lacks USER_ID_FOR_SRP.'));
				}
				this.username = params.USER_ID_FOR_SRP;
				this.userDataKey = `${this.keyPrefix}.${this.username}.userData`;
				const prepared = attempt(() => {
					this.getCachedDeviceKeyAndPassword();
					return this.pool.getUserPoolName();
				}, fail);
				if (!prepared) return;
				this.computePasswordClaim(
					helper,
					prepared.value,
					this.username,
					authDetails.getPassword(),
					params,
					fail,
					(claim) =>
						this.respondToPasswordVerifier(claim, data?.Session, clientMetadata, helper, callback),
				);
			});
		});
	}

	/**
	 * PASSWORD_VERIFIER, resent once without the device if the service forgot the device.
	 * @internal
	 */
	private respondToPasswordVerifier(
		challengeResponses: Body,
		session: string | undefined,
		clientMetadata: unknown,
		helper: AuthenticationHelper,
		callback: IAuthenticationCallback,
	): void {
		if (this.deviceKey != null) challengeResponses.DEVICE_KEY = this.deviceKey;
		const request = this.completeBody({
			ChallengeName: 'PASSWORD_VERIFIER',
			ClientId: this.pool.getClientId(),
			ChallengeResponses: challengeResponses,
			Session: session,
			ClientMetadata: clientMetadata,
		});
		let retried = false;
		const send = (): void =>
			this.client.request<AuthChallengeResponse>('RespondToAuthChallenge', request, (err, data) => {
				// The original retried without limit; once is enough to drop a stale device.
				if (err && !retried && isDeviceNotFound(err)) {
					retried = true;
					challengeResponses.DEVICE_KEY = null;
					this.deviceKey = null;
					this.randomPassword = null;
					this.deviceGroupKey = null;
					const cleared = attempt(
						() => this.clearCachedDeviceKeyAndPassword(),
						(e) => callMember(callback, 'onFailure', e),
					);
					if (cleared) send();
					return;
				}
				if (err) return callMember(callback, 'onFailure', err);
				this.authenticateUserInternal(data ?? {}, helper, callback);
			});
		send();
	}

	/**
	 * Derives the SRP password claim from the server's SRP_B, SALT and SECRET_BLOCK and hands
	 * `next` the ChallengeResponses that carry it (USERNAME first). `srpName` is the pool name
	 * (user SRP) or the device group key (device SRP); `userId` is both hashed into x and signed.
	 * @internal
	 */
	private computePasswordClaim(
		helper: AuthenticationHelper,
		srpName: string,
		userId: string,
		password: string,
		params: ChallengeParameters,
		fail: (err: Error) => void,
		next: (challengeResponses: Body) => void,
	): void {
		const { SRP_B: srpB, SALT: salt, SECRET_BLOCK: secretBlock } = params;
		if (typeof srpB !== 'string' || typeof salt !== 'string' || typeof secretBlock !== 'string') {
			return fail(invalidResponse('The SRP challenge lacks SRP_B, SALT or SECRET_BLOCK.'));
		}
		const numbers = attempt(
			() => ({ B: new BigInteger(srpB, 16), salt: new BigInteger(salt, 16) }),
			fail,
		);
		if (!numbers) return;
		runStep<Uint8Array>(
			(keyReady) =>
				helper.getPasswordAuthenticationKey(
					userId,
					password,
					numbers.value.B,
					numbers.value.salt,
					keyReady,
				),
			(errKey, hkdf) => {
				if (errKey || !hkdf) return fail(errKey ?? new Error('No password authentication key.'));
				const signed = attempt(() => {
					const timestamp = new DateHelper().getNowString();
					return {
						USERNAME: this.username,
						PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
						TIMESTAMP: timestamp,
						PASSWORD_CLAIM_SIGNATURE: calculateSignature(
							hkdf,
							srpName,
							userId,
							secretBlock,
							timestamp,
						),
					};
				}, fail);
				if (signed) next(signed.value);
			},
		);
	}

	/** USER_PASSWORD_AUTH: the password travels to the service (over TLS); no SRP math. */
	authenticateUserPlainUsernamePassword(
		authDetails: AuthenticationDetails,
		callback: IAuthenticationCallback,
	): void {
		const authParameters: Body = {
			USERNAME: this.username,
			PASSWORD: authDetails.getPassword(),
		};
		if (!authParameters.PASSWORD) {
			return callMember(callback, 'onFailure', new Error('PASSWORD parameter is required'));
		}
		const fail = (err: Error): void => callMember(callback, 'onFailure', err);
		if (!attempt(() => this.getCachedDeviceKeyAndPassword(), fail)) return;
		if (this.deviceKey != null) authParameters.DEVICE_KEY = this.deviceKey;
		const request = this.completeBody({
			AuthFlow: 'USER_PASSWORD_AUTH',
			ClientId: this.pool.getClientId(),
			AuthParameters: authParameters,
			ClientMetadata: authFlowMetadata(authDetails),
		});
		this.client.request<AuthChallengeResponse>('InitiateAuth', request, (err, data) => {
			if (err) return fail(err);
			this.authenticateUserInternal(data ?? {}, null, callback);
		});
	}

	/**
	 * Handles an authentication reply: a challenge goes to its callback, DEVICE_SRP_AUTH to
	 * the device login, tokens are adopted and cached, and a new device is confirmed.
	 * `authenticationHelper` may be null: one is created only if a new device needs it.
	 */
	authenticateUserInternal(
		dataAuthenticate: AuthChallengeResponse,
		authenticationHelper: AuthenticationHelper | null | undefined,
		callback: IAuthenticationCallback,
	): void {
		const challengeName = dataAuthenticate.ChallengeName as ChallengeName | undefined;
		const params = dataAuthenticate.ChallengeParameters as ChallengeParameters;
		const adoptSession = (): void => {
			this.Session = dataAuthenticate.Session;
		};
		const asksForCode = MFA_CHALLENGE_CALLBACKS.get(challengeName as ChallengeName);
		if (asksForCode) {
			adoptSession();
			return callMember(callback, asksForCode, challengeName as ChallengeName, params);
		}
		switch (challengeName as string | undefined) {
			case 'CUSTOM_CHALLENGE':
				adoptSession();
				return callMember(callback, 'customChallenge', params);
			case 'NEW_PASSWORD_REQUIRED': {
				adoptSession();
				const parsed = attempt(
					() => {
						if (!params) return { userAttributes: null, requiredAttributes: [] };
						const userAttributes = JSON.parse(params.userAttributes as string) as {
							[key: string]: unknown;
						};
						const raw = JSON.parse(params.requiredAttributes as string) as string[] | null;
						const requiredAttributes = (raw ?? []).map((name) =>
							String(name).slice(USER_ATTRIBUTES_PREFIX.length),
						);
						return { userAttributes, requiredAttributes };
					},
					(e) => callMember(callback, 'onFailure', e),
				);
				if (!parsed) return;
				return callMember(
					callback,
					'newPasswordRequired',
					parsed.value.userAttributes as { [key: string]: unknown },
					parsed.value.requiredAttributes,
				);
			}
			case 'DEVICE_SRP_AUTH':
				adoptSession();
				return this.getDeviceResponse(callback);
		}
		const session = this.adoptAuthenticationResult(dataAuthenticate, callback);
		if (!session) return;
		this.challengeName = challengeName;
		this.finishWithDevice(
			dataAuthenticate.AuthenticationResult?.NewDeviceMetadata,
			session,
			authenticationHelper,
			callback,
		);
	}

	/**
	 * Builds the session from a reply's AuthenticationResult, adopts and caches it. A reply
	 * without one (the original took an empty body as success) fails instead.
	 * @internal
	 */
	private adoptAuthenticationResult(
		reply: AuthChallengeResponse,
		callback: Pick<IAuthenticationCallback, 'onFailure'>,
	): CognitoUserSession | undefined {
		const result = attempt(
			() => {
				if (reply.AuthenticationResult == null) {
					throw invalidResponse('The service replied without an AuthenticationResult.');
				}
				this.signInUserSession = this.getCognitoUserSession(reply.AuthenticationResult);
				this.cacheTokens();
				return this.signInUserSession;
			},
			(e) => callMember(callback, 'onFailure', e),
		);
		return result?.value;
	}

	/**
	 * Ends a login: straight to onSuccess, or, when the service issued a new device, through
	 * ConfirmDevice first (tokens are already cached by then, as in the original).
	 * @internal
	 */
	private finishWithDevice(
		newDevice: AuthenticationResult['NewDeviceMetadata'],
		session: CognitoUserSession,
		authenticationHelper: AuthenticationHelper | null | undefined,
		callback: IAuthenticationCallback,
	): void {
		if (newDevice == null) return callMember(callback, 'onSuccess', session);
		const fail = (err: Error): void => callMember(callback, 'onFailure', err);
		const created = attempt(
			() => authenticationHelper ?? new AuthenticationHelper(this.pool.getUserPoolName()),
			fail,
		);
		if (!created) return;
		const helper = created.value;
		runStep<null>(
			(done) => helper.generateHashDevice(newDevice.DeviceGroupKey, newDevice.DeviceKey, done),
			(errHash) => {
				if (errHash) return fail(errHash);
				const config = attempt(() => deviceVerifierConfig(helper), fail);
				if (!config) return;
				this.verifierDevices = config.value.PasswordVerifier;
				this.deviceGroupKey = newDevice.DeviceGroupKey;
				this.randomPassword = helper.getRandomPassword() ?? null;
				this.client.request<{ UserConfirmationNecessary?: boolean }>(
					'ConfirmDevice',
					{
						DeviceKey: newDevice.DeviceKey,
						AccessToken: session.getAccessToken().getJwtToken(),
						DeviceSecretVerifierConfig: config.value,
						DeviceName: deviceName,
					},
					(errConfirm, confirmed) => {
						if (errConfirm) return fail(errConfirm);
						this.deviceKey = newDevice.DeviceKey;
						if (!attempt(() => this.cacheDeviceKeyAndPassword(), fail)) return;
						if (confirmed?.UserConfirmationNecessary === true) {
							return callMember(callback, 'onSuccess', session, true);
						}
						return callMember(callback, 'onSuccess', session);
					},
				);
			},
		);
	}

	/**
	 * Answers NEW_PASSWORD_REQUIRED with the new password and the required attributes
	 * (given without the `userAttributes.` prefix).
	 */
	completeNewPasswordChallenge(
		newPassword: string,
		requiredAttributeData: { [key: string]: unknown } | null | undefined,
		callback: IAuthenticationCallback,
		clientMetadata?: ClientMetadata,
	): void {
		if (!newPassword) {
			return callMember(callback, 'onFailure', new Error('New password is required.'));
		}
		const challengeResponses: Body = {};
		if (requiredAttributeData) {
			for (const key of Object.keys(requiredAttributeData)) {
				challengeResponses[USER_ATTRIBUTES_PREFIX + key] = requiredAttributeData[key];
			}
		}
		challengeResponses.NEW_PASSWORD = newPassword;
		challengeResponses.USERNAME = this.username;
		this.respondToChallenge(
			{
				ChallengeName: 'NEW_PASSWORD_REQUIRED',
				ClientId: this.pool.getClientId(),
				ChallengeResponses: challengeResponses,
				Session: this.Session,
				ClientMetadata: clientMetadata,
			},
			callback,
		);
	}

	/**
	 * Sends a RespondToAuthChallenge whose reply continues as any authentication reply.
	 * @internal
	 */
	private respondToChallenge(request: Body, callback: IAuthenticationCallback): void {
		this.client.request<AuthChallengeResponse>(
			'RespondToAuthChallenge',
			this.completeBody(request),
			(err, data) => {
				if (err) return callMember(callback, 'onFailure', err);
				this.authenticateUserInternal(data ?? {}, null, callback);
			},
		);
	}

	/**
	 * Logs the remembered device in (DEVICE_SRP_AUTH, then DEVICE_PASSWORD_VERIFIER), using the
	 * device key and secret in place of username and password.
	 */
	getDeviceResponse(callback: IAuthenticationCallback, clientMetadata?: ClientMetadata): void {
		const fail = (err: Error): void => callMember(callback, 'onFailure', err);
		const deviceGroupKey = this.deviceGroupKey as string;
		const created = attempt(() => new AuthenticationHelper(deviceGroupKey), fail);
		if (!created) return;
		const helper = created.value;
		const challengeResponses: Body = {
			USERNAME: this.username,
			DEVICE_KEY: this.deviceKey,
		};
		withLargeA(helper, fail, (srpA) => {
			challengeResponses.SRP_A = srpA;
			const request = this.completeBody({
				ChallengeName: 'DEVICE_SRP_AUTH',
				ClientId: this.pool.getClientId(),
				ChallengeResponses: challengeResponses,
				ClientMetadata: clientMetadata,
				Session: this.Session,
			});
			this.client.request<AuthChallengeResponse>('RespondToAuthChallenge', request, (err, data) => {
				if (err) return fail(err);
				this.computePasswordClaim(
					helper,
					deviceGroupKey,
					this.deviceKey as string,
					this.randomPassword as string,
					data?.ChallengeParameters ?? {},
					fail,
					(claim) => this.respondToDevicePasswordVerifier(claim, data?.Session, callback),
				);
			});
		});
	}

	/**
	 * The second leg of the device login, which yields the tokens.
	 * @internal
	 */
	private respondToDevicePasswordVerifier(
		challengeResponses: Body,
		session: string | undefined,
		callback: IAuthenticationCallback,
	): void {
		challengeResponses.DEVICE_KEY = this.deviceKey;
		const request = this.completeBody({
			ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
			ClientId: this.pool.getClientId(),
			ChallengeResponses: challengeResponses,
			Session: session,
		});
		this.client.request<AuthChallengeResponse>('RespondToAuthChallenge', request, (err, data) => {
			if (err) return callMember(callback, 'onFailure', err);
			const adopted = this.adoptAuthenticationResult(data ?? {}, callback);
			if (adopted) callMember(callback, 'onSuccess', adopted);
		});
	}

	/** Answers a CUSTOM_CHALLENGE; the reply continues as any authentication reply. */
	sendCustomChallengeAnswer(
		answerChallenge: string,
		callback: IAuthenticationCallback,
		clientMetadata?: ClientMetadata,
	): void {
		const challengeResponses: Body = {
			USERNAME: this.username,
			ANSWER: answerChallenge,
		};
		const cached = attempt(
			() => this.getCachedDeviceKeyAndPassword(),
			(e) => callMember(callback, 'onFailure', e),
		);
		if (!cached) return;
		if (this.deviceKey != null) challengeResponses.DEVICE_KEY = this.deviceKey;
		this.respondToChallenge(
			{
				ChallengeName: 'CUSTOM_CHALLENGE',
				ChallengeResponses: challengeResponses,
				ClientId: this.pool.getClientId(),
				Session: this.Session,
				ClientMetadata: clientMetadata,
			},
			callback,
		);
	}

	/**
	 * Answers an SMS_MFA (default) or SOFTWARE_TOKEN_MFA challenge with the code. A reply that
	 * asks for DEVICE_SRP_AUTH continues with the device login; as in the original, the
	 * challenge Session is not updated first.
	 */
	sendMFACode(
		confirmationCode: string,
		callback: Pick<IAuthenticationCallback, 'onSuccess' | 'onFailure'>,
		mfaType?: string,
		clientMetadata?: ClientMetadata,
	): void {
		const challengeName = mfaType || 'SMS_MFA';
		const challengeResponses: Body = {
			USERNAME: this.username,
			SMS_MFA_CODE: confirmationCode,
		};
		if (challengeName === 'SOFTWARE_TOKEN_MFA') {
			challengeResponses.SOFTWARE_TOKEN_MFA_CODE = confirmationCode;
		}
		if (this.deviceKey != null) challengeResponses.DEVICE_KEY = this.deviceKey;
		const request = this.completeBody({
			ChallengeName: challengeName,
			ChallengeResponses: challengeResponses,
			ClientId: this.pool.getClientId(),
			Session: this.Session,
			ClientMetadata: clientMetadata,
		});
		this.client.request<AuthChallengeResponse>('RespondToAuthChallenge', request, (err, data) => {
			if (err) return callMember(callback, 'onFailure', err);
			const reply = data ?? {};
			if (reply.ChallengeName === 'DEVICE_SRP_AUTH') return this.getDeviceResponse(callback);
			const session = this.adoptAuthenticationResult(reply, callback);
			if (!session) return;
			this.finishWithDevice(reply.AuthenticationResult?.NewDeviceMetadata, session, null, callback);
		});
	}

	/**
	 * Answers SELECT_MFA_TYPE with `SMS_MFA` or `SOFTWARE_TOKEN_MFA`, then asks for the code
	 * through `mfaRequired` or `totpRequired`. Any other answer fails through `onFailure`
	 * (the original never called back).
	 */
	sendMFASelectionAnswer(answerChallenge: string, callback: IMfaSelectionCallbacks): void {
		const request = this.completeBody({
			ChallengeName: 'SELECT_MFA_TYPE',
			ChallengeResponses: { USERNAME: this.username, ANSWER: answerChallenge },
			ClientId: this.pool.getClientId(),
			Session: this.Session,
		});
		this.client.request<AuthChallengeResponse>('RespondToAuthChallenge', request, (err, data) => {
			if (err) return callMember(callback, 'onFailure', err);
			const reply = data ?? {};
			this.Session = reply.Session;
			const name = reply.ChallengeName as ChallengeName;
			const params = reply.ChallengeParameters as ChallengeParameters;
			if (answerChallenge === 'SMS_MFA') return callMember(callback, 'mfaRequired', name, params);
			if (answerChallenge === 'SOFTWARE_TOKEN_MFA') {
				return callMember(callback, 'totpRequired', name, params);
			}
			return callMember(
				callback,
				'onFailure',
				new Error(
					`Unsupported MFA selection answer: ${String(answerChallenge)}; expected SMS_MFA or SOFTWARE_TOKEN_MFA.`,
				),
			);
		});
	}

	// ---------------------------------------------------------------------------------------
	// Sign-up and passwords (no session needed)

	/** Confirms the sign-up with the code the user received. */
	confirmRegistration(
		confirmationCode: string,
		forceAliasCreation: boolean,
		callback: NodeCallback<Error, 'SUCCESS'>,
		clientMetadata?: ClientMetadata,
	): void {
		this.send(
			'ConfirmSignUp',
			this.completeBody({
				ClientId: this.pool.getClientId(),
				ConfirmationCode: confirmationCode,
				Username: this.username,
				ForceAliasCreation: forceAliasCreation,
				ClientMetadata: clientMetadata,
			}),
			nodeOutcome(callback),
			() => 'SUCCESS' as const,
		);
	}

	/** Sends the sign-up confirmation code again; calls back with the delivery details. */
	resendConfirmationCode(
		callback: NodeCallback<Error, CodeDeliveryResult>,
		clientMetadata?: ClientMetadata,
	): void {
		this.send(
			'ResendConfirmationCode',
			withSecret(
				this.pool,
				{
					ClientId: this.pool.getClientId(),
					Username: this.username,
					ClientMetadata: clientMetadata,
				},
				this.username,
			),
			nodeOutcome(callback),
			(data: CodeDeliveryResult) => data,
		);
	}

	/**
	 * Starts the forgot-password flow. `inputVerificationCode`, when given, is called instead
	 * of `onSuccess` with the delivery details.
	 */
	forgotPassword(
		callback: IVerificationCodeCallbacks<CodeDeliveryResult>,
		clientMetadata?: ClientMetadata,
	): void {
		this.send(
			'ForgotPassword',
			this.completeBody({
				ClientId: this.pool.getClientId(),
				Username: this.username,
				ClientMetadata: clientMetadata,
			}),
			this.verificationOutcome(callback, (data: CodeDeliveryResult) => data),
			(data: CodeDeliveryResult) => data,
		);
	}

	/** Sets the new password with the code from `forgotPassword`. */
	confirmPassword(
		confirmationCode: string,
		newPassword: string,
		callback: IResultCallbacks<'SUCCESS'>,
		clientMetadata?: ClientMetadata,
	): void {
		this.send(
			'ConfirmForgotPassword',
			this.completeBody({
				ClientId: this.pool.getClientId(),
				Username: this.username,
				ConfirmationCode: confirmationCode,
				Password: newPassword,
				ClientMetadata: clientMetadata,
			}),
			objectOutcome(callback),
			() => 'SUCCESS' as const,
		);
	}

	/** Changes the password of the signed-in user. */
	changePassword(
		oldUserPassword: string,
		newUserPassword: string,
		callback: NodeCallback<Error, 'SUCCESS'>,
		clientMetadata?: ClientMetadata,
	): void {
		this.sendAuthenticated(
			'ChangePassword',
			(accessToken) => ({
				PreviousPassword: oldUserPassword,
				ProposedPassword: newUserPassword,
				AccessToken: accessToken,
				ClientMetadata: clientMetadata,
			}),
			nodeOutcome(callback),
			() => 'SUCCESS' as const,
		);
	}

	// ---------------------------------------------------------------------------------------
	// MFA settings

	/** @deprecated Turns on SMS MFA through the legacy SetUserSettings; prefer setUserMfaPreference. */
	enableMFA(callback: NodeCallback<Error, 'SUCCESS'>): void {
		this.sendAuthenticated(
			'SetUserSettings',
			(accessToken) => ({
				MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }],
				AccessToken: accessToken,
			}),
			nodeOutcome(callback),
			() => 'SUCCESS' as const,
		);
	}

	/** Sets whether SMS and TOTP MFA are enabled and which one is preferred. */
	setUserMfaPreference(
		smsMfaSettings: IMfaSettings | null,
		softwareTokenMfaSettings: IMfaSettings | null,
		callback: NodeCallback<Error, 'SUCCESS'>,
	): void {
		this.sendAuthenticated(
			'SetUserMFAPreference',
			(accessToken) => ({
				SMSMfaSettings: smsMfaSettings,
				SoftwareTokenMfaSettings: softwareTokenMfaSettings,
				AccessToken: accessToken,
			}),
			nodeOutcome(callback),
			() => 'SUCCESS' as const,
		);
	}

	/** @deprecated Turns off SMS MFA through the legacy SetUserSettings; prefer setUserMfaPreference. */
	disableMFA(callback: NodeCallback<Error, 'SUCCESS'>): void {
		this.sendAuthenticated(
			'SetUserSettings',
			(accessToken) => ({ MFAOptions: [], AccessToken: accessToken }),
			nodeOutcome(callback),
			() => 'SUCCESS' as const,
		);
	}

	/** @deprecated The service no longer returns meaningful MFAOptions; use getUserData. */
	getMFAOptions(callback: NodeCallback<Error, MFAOption[]>): void {
		this.sendAuthenticated(
			'GetUser',
			(accessToken) => ({ AccessToken: accessToken }),
			nodeOutcome(callback),
			(data: Partial<UserData>) => data.MFAOptions as MFAOption[],
		);
	}

	/**
	 * Asks for a TOTP secret. Before sign-in completes (MFA_SETUP) this uses the challenge
	 * Session and keeps the new one; once signed in, the access token.
	 */
	associateSoftwareToken(callback: IAssociateSoftwareTokenCallbacks): void {
		const outcome: Outcome<string> = {
			fail: (err) => callMember(callback, 'onFailure', err),
			succeed: (secretCode) => callMember(callback, 'associateSecretCode', secretCode),
		};
		const accessToken = this.validAccessToken();
		if (accessToken === undefined) {
			this.send(
				'AssociateSoftwareToken',
				{ Session: this.Session },
				outcome,
				(data: { SecretCode: string; Session?: string }) => {
					if (typeof data.SecretCode !== 'string') throw noSecretCode();
					this.Session = data.Session;
					return data.SecretCode;
				},
			);
			return;
		}
		this.send(
			'AssociateSoftwareToken',
			{ AccessToken: accessToken },
			outcome,
			(data: { SecretCode: string }) => {
				if (typeof data.SecretCode !== 'string') throw noSecretCode();
				return data.SecretCode;
			},
		);
	}

	/**
	 * Verifies a TOTP code. During MFA_SETUP this completes the sign-in and calls back with the
	 * session; once signed in it calls back with the service's reply.
	 */
	verifySoftwareToken<T = CognitoUserSession | VerifySoftwareTokenResult>(
		totpCode: string,
		friendlyDeviceName: string,
		callback: IResultCallbacks<T>,
	): void {
		// T only lets code typed for the original (`onSuccess(session: CognitoUserSession)`) compile.
		const real = callback as unknown as IResultCallbacks<
			CognitoUserSession | VerifySoftwareTokenResult
		>;
		const fail = (err: Error): void => callMember(real, 'onFailure', err);
		const accessToken = this.validAccessToken();
		if (accessToken !== undefined) {
			this.send(
				'VerifySoftwareToken',
				{
					AccessToken: accessToken,
					UserCode: totpCode,
					FriendlyDeviceName: friendlyDeviceName,
				},
				objectOutcome(real),
				(data: VerifySoftwareTokenResult) => data,
			);
			return;
		}
		this.client.request<VerifySoftwareTokenResult>(
			'VerifySoftwareToken',
			{
				Session: this.Session,
				UserCode: totpCode,
				FriendlyDeviceName: friendlyDeviceName,
			},
			(err, data) => {
				if (err) return fail(err);
				this.Session = data?.Session;
				const request = this.completeBody({
					ChallengeName: 'MFA_SETUP',
					ClientId: this.pool.getClientId(),
					ChallengeResponses: { USERNAME: this.username },
					Session: this.Session,
				});
				this.client.request<AuthChallengeResponse>(
					'RespondToAuthChallenge',
					request,
					(errRespond, reply) => {
						if (errRespond) return fail(errRespond);
						const session = this.adoptAuthenticationResult(reply ?? {}, real);
						if (session) callMember(real, 'onSuccess', session);
					},
				);
			},
		);
	}

	// ---------------------------------------------------------------------------------------
	// Attributes and the user

	/** Deletes the signed-in user and clears the cached tokens and user data. */
	deleteUser(callback: NodeCallback<Error, 'SUCCESS'>, clientMetadata?: ClientMetadata): void {
		this.sendAuthenticated(
			'DeleteUser',
			(accessToken) => ({
				AccessToken: accessToken,
				ClientMetadata: clientMetadata,
			}),
			nodeOutcome(callback),
			() => {
				this.clearCachedUser();
				return 'SUCCESS' as const;
			},
		);
	}

	/**
	 * Updates attributes, then refreshes the cached user data (and, when the cache existed, the
	 * tokens) before calling back with `'SUCCESS'` and the service's reply. As in the original,
	 * a failure of that refresh does not change the outcome.
	 */
	updateAttributes(
		attributes: (CognitoUserAttribute | ICognitoUserAttributeData)[],
		callback: UpdateAttributesNodeCallback<Error, 'SUCCESS', UpdateAttributesResult>,
		clientMetadata?: ClientMetadata,
	): void {
		const reply = nodeOutcome<UpdateAttributesResult>(callback);
		this.sendAuthenticated(
			'UpdateUserAttributes',
			(accessToken) => ({
				AccessToken: accessToken,
				UserAttributes: attributes,
				ClientMetadata: clientMetadata,
			}),
			{
				fail: reply.fail,
				succeed: (result) =>
					this.getUserData(() => callNode(callback, null, 'SUCCESS', result), {
						bypassCache: true,
					}),
			},
			(data: UpdateAttributesResult) => data,
		);
	}

	/** Calls back with the user's attributes as CognitoUserAttribute objects. */
	getUserAttributes(callback: NodeCallback<Error, CognitoUserAttribute[]>): void {
		this.sendAuthenticated(
			'GetUser',
			(accessToken) => ({ AccessToken: accessToken }),
			nodeOutcome(callback),
			(data: Partial<UserData>) => {
				if (!Array.isArray(data.UserAttributes)) {
					throw invalidResponse('The GetUser reply lacks UserAttributes.');
				}
				return data.UserAttributes.map(
					({ Name, Value }) => new CognitoUserAttribute({ Name, Value }),
				);
			},
		);
	}

	/** Deletes attributes, then refreshes the cached user data. */
	deleteAttributes(attributeList: string[], callback: NodeCallback<Error, 'SUCCESS'>): void {
		this.sendAuthenticated(
			'DeleteUserAttributes',
			(accessToken) => ({
				UserAttributeNames: attributeList,
				AccessToken: accessToken,
			}),
			{
				fail: nodeOutcome(callback).fail,
				succeed: () =>
					this.getUserData(() => callNode(callback, null, 'SUCCESS'), {
						bypassCache: true,
					}),
			},
			() => 'SUCCESS' as const,
		);
	}

	/**
	 * Sends a verification code for an attribute. `inputVerificationCode`, when given, is called
	 * instead of `onSuccess` with the delivery details.
	 */
	getAttributeVerificationCode<D = CodeDeliveryResult>(
		attributeName: string,
		callback: IVerificationCodeCallbacks<'SUCCESS', D>,
		clientMetadata?: ClientMetadata,
	): void {
		// D only lets code typed for the original (`inputVerificationCode(data: string)`) compile.
		const real = callback as unknown as IVerificationCodeCallbacks<'SUCCESS'>;
		this.sendAuthenticated(
			'GetUserAttributeVerificationCode',
			(accessToken) => ({
				AttributeName: attributeName,
				AccessToken: accessToken,
				ClientMetadata: clientMetadata,
			}),
			this.verificationOutcome(real, () => 'SUCCESS' as const),
			(data: CodeDeliveryResult) => data,
		);
	}

	/** Verifies an attribute with the code sent for it. */
	verifyAttribute(
		attributeName: string,
		confirmationCode: string,
		callback: IResultCallbacks<'SUCCESS'>,
	): void {
		this.sendAuthenticated(
			'VerifyUserAttribute',
			(accessToken) => ({
				AttributeName: attributeName,
				Code: confirmationCode,
				AccessToken: accessToken,
			}),
			objectOutcome(callback),
			() => 'SUCCESS' as const,
		);
	}

	// ---------------------------------------------------------------------------------------
	// Devices

	/**
	 * Calls back with this device's record (GetDevice). `T` defaults to the real result; it only
	 * lets code typed for the original (`onSuccess(success: string)`) keep compiling.
	 */
	getDevice<T = GetDeviceResult>(callback: IResultCallbacks<T>): void {
		const real = callback as unknown as IResultCallbacks<GetDeviceResult>;
		this.sendAuthenticated(
			'GetDevice',
			(accessToken) => ({
				AccessToken: accessToken,
				DeviceKey: this.deviceKey,
			}),
			objectOutcome(real),
			(data: GetDeviceResult) => data,
		);
	}

	/** Forgets the device with the given key. */
	forgetSpecificDevice(deviceKey: string, callback: IResultCallbacks<'SUCCESS'>): void {
		this.sendAuthenticated(
			'ForgetDevice',
			(accessToken) => ({ AccessToken: accessToken, DeviceKey: deviceKey }),
			objectOutcome(callback),
			() => 'SUCCESS' as const,
		);
	}

	/** Forgets this device and drops its keys from memory and storage. */
	forgetDevice(callback: IResultCallbacks<'SUCCESS'>): void {
		this.forgetSpecificDevice(this.deviceKey as string, {
			onFailure: (err) => callMember(callback, 'onFailure', err),
			onSuccess: (result) => {
				this.deviceKey = null;
				this.deviceGroupKey = null;
				this.randomPassword = null;
				const cleared = attempt(
					() => this.clearCachedDeviceKeyAndPassword(),
					(e) => callMember(callback, 'onFailure', e),
				);
				if (cleared) callMember(callback, 'onSuccess', result);
			},
		});
	}

	/** Marks this device as remembered. */
	setDeviceStatusRemembered(callback: IResultCallbacks<'SUCCESS'>): void {
		this.updateDeviceStatus('remembered', callback);
	}

	/** Marks this device as not remembered. */
	setDeviceStatusNotRemembered(callback: IResultCallbacks<'SUCCESS'>): void {
		this.updateDeviceStatus('not_remembered', callback);
	}

	/** @internal */
	private updateDeviceStatus(status: string, callback: IResultCallbacks<'SUCCESS'>): void {
		this.sendAuthenticated(
			'UpdateDeviceStatus',
			(accessToken) => ({
				AccessToken: accessToken,
				DeviceKey: this.deviceKey,
				DeviceRememberedStatus: status,
			}),
			objectOutcome(callback),
			() => 'SUCCESS' as const,
		);
	}

	/** Lists remembered devices; pass the previous reply's PaginationToken (or null) to page. */
	listDevices(
		limit: number,
		paginationToken: string | null | undefined,
		callback: IResultCallbacks<ListDevicesResult>,
	): void {
		this.sendAuthenticated(
			'ListDevices',
			(accessToken) => {
				const body: Body = { AccessToken: accessToken, Limit: limit };
				if (paginationToken) body.PaginationToken = paginationToken;
				return body;
			},
			objectOutcome(callback),
			(data: ListDevicesResult) => data,
		);
	}

	// ---------------------------------------------------------------------------------------
	// Session

	/**
	 * Calls back with a valid session: the one in memory, else the one in storage (both
	 * synchronously), else a refreshed one. Concurrent calls that need a refresh share one
	 * request. Unreadable or corrupt storage counts as no session.
	 */
	getSession(callback: GetSessionCallback, options?: GetSessionOptions): void {
		const reply: SessionCallback = callback;
		if (this.username == null) {
			return reply(new Error('Username is null. Cannot retrieve a new session'), null);
		}
		if (this.signInUserSession != null && this.signInUserSession.isValid()) {
			return reply(null, this.signInUserSession);
		}
		const stored = this.readStoredSession();
		if (!stored) {
			return reply(new Error('Local storage is missing an ID Token, Please authenticate'), null);
		}
		if (stored.session.isValid()) {
			this.signInUserSession = stored.session;
			return reply(null, stored.session);
		}
		const refreshToken = stored.session.getRefreshToken();
		if (!refreshToken.getToken()) {
			return reply(new Error('Cannot retrieve a new session. Please authenticate.'), null);
		}
		this.refreshSession(
			refreshToken,
			callback as unknown as NodeCallback<Error, CognitoUserSession>,
			options?.clientMetadata,
		);
	}

	/**
	 * The session cached in storage, or undefined when there is none or it cannot be read.
	 * @internal
	 */
	private readStoredSession(): { session: CognitoUserSession } | undefined {
		try {
			const prefix = `CognitoIdentityServiceProvider.${this.pool.getClientId()}.${this.username}`;
			// Read twice, as the original does: apps' tests count getItem calls.
			if (!this.storage.getItem(`${prefix}.idToken`)) return undefined;
			const idToken = this.storage.getItem(`${prefix}.idToken`);
			const text = (value: unknown): string | undefined =>
				typeof value === 'string' ? value : undefined;
			const session = new CognitoUserSession({
				IdToken: new CognitoIdToken({ IdToken: String(idToken) }),
				AccessToken: new CognitoAccessToken({
					AccessToken: text(this.storage.getItem(`${prefix}.accessToken`)),
				}),
				RefreshToken: new CognitoRefreshToken({
					RefreshToken: text(this.storage.getItem(`${prefix}.refreshToken`)),
				}),
				// Radix 0, as the original: a stored '0x…' drift parses as hex there too.
				ClockDrift: parseInt(String(this.storage.getItem(`${prefix}.clockDrift`)), 0) || 0,
			});
			return { session };
		} catch {
			return undefined;
		}
	}

	/**
	 * Exchanges the refresh token for new tokens (InitiateAuth REFRESH_TOKEN_AUTH, retried on
	 * transient errors). Concurrent refreshes of the same user and refresh token, from any
	 * CognitoUser of the pool, share one request and its result. NotAuthorizedException clears
	 * the cached tokens, once.
	 */
	refreshSession(
		refreshToken: CognitoRefreshToken,
		callback: NodeCallback<Error, CognitoUserSession>,
		clientMetadata?: ClientMetadata,
	): void {
		const wrap = this.pool.wrapRefreshSessionCallback;
		const reply = (
			typeof wrap === 'function' ? wrap.call(this.pool, callback) : callback
		) as LooseNodeCallback;
		const authParameters: Body = { REFRESH_TOKEN: refreshToken.getToken() };
		const prepared = attempt(
			() => {
				const lastUserKey = `${this.keyPrefix}.LastAuthUser`;
				// Read twice, as the original does: apps' tests count getItem calls.
				if (this.storage.getItem(lastUserKey)) {
					this.username = this.storage.getItem(lastUserKey) as string;
					this.deviceKey = this.storage.getItem(`${this.keyPrefix}.${this.username}.deviceKey`) as
						string | null;
					authParameters.DEVICE_KEY = this.deviceKey;
				}
			},
			(e) => callNode(reply, e, null),
		);
		if (!prepared) return;
		const waiter = (err: Error | null, session: CognitoUserSession | null): void => {
			if (session) this.signInUserSession = session;
			if (err) callNode(reply, err, null);
			else callNode(reply, null, session);
		};
		shareRefresh<CognitoUserSession>(
			this.pool,
			`${this.username}\u0000${refreshToken.getToken()}`,
			waiter,
			(finish) => this.requestRefresh(refreshToken, authParameters, clientMetadata, finish),
		);
	}

	/**
	 * The one refresh request of a shared refresh.
	 * @internal
	 */
	private requestRefresh(
		refreshToken: CognitoRefreshToken,
		authParameters: Body,
		clientMetadata: ClientMetadata,
		finish: (err: Error | null, session: CognitoUserSession | null) => void,
	): void {
		const request = this.completeBody(
			{
				ClientId: this.pool.getClientId(),
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				AuthParameters: authParameters,
				ClientMetadata: clientMetadata,
			},
			// Read only for a secret client, so that other pools' storage traffic stays the original's.
			this.pool.clientSecret ? this.serviceUsername() : undefined,
		);
		this.client.requestWithRetry<AuthChallengeResponse>('InitiateAuth', request, (err, data) => {
			if (err) {
				if ((err as ICognitoError).code === 'NotAuthorizedException') {
					attempt(
						() => this.clearCachedUser(),
						() => undefined,
					);
				}
				return finish(err, null);
			}
			const refreshed = attempt(
				() => {
					const result = data?.AuthenticationResult;
					if (result == null)
						throw invalidResponse('The service replied without an AuthenticationResult.');
					// Without rotation the service omits RefreshToken: the old one stays valid.
					if (!Object.prototype.hasOwnProperty.call(result, 'RefreshToken')) {
						result.RefreshToken = refreshToken.getToken();
					}
					this.signInUserSession = this.getCognitoUserSession(result);
					this.cacheTokens();
					return this.signInUserSession;
				},
				(e) => finish(e, null),
			);
			if (refreshed) finish(null, refreshed.value);
		});
	}

	/** Builds a session from an AuthenticationResult; the clock drift is computed from it. */
	getCognitoUserSession(authResult: AuthenticationResult): CognitoUserSession {
		const tokens = authResult as {
			IdToken?: string;
			AccessToken?: string;
			RefreshToken?: string;
		};
		return new CognitoUserSession({
			IdToken: new CognitoIdToken(tokens),
			AccessToken: new CognitoAccessToken(tokens),
			RefreshToken: new CognitoRefreshToken(tokens),
		});
	}

	// ---------------------------------------------------------------------------------------
	// User data

	/**
	 * Calls back with the user's GetUser data, from the cache when present. With
	 * `bypassCache`, fetches afresh and, when a refresh token exists, also refreshes the tokens
	 * so that the ID token carries the new attributes.
	 */
	getUserData(callback: NodeCallback<Error, UserData>, params?: GetUserDataOptions): void {
		if (this.validAccessToken() === undefined) {
			attempt(
				() => this.clearCachedUserData(),
				() => undefined,
			);
			return callNode(callback, new Error(NOT_AUTHENTICATED), null);
		}
		const cached = attempt(
			() => this.getUserDataFromCache(),
			() => undefined,
		)?.value;
		// The callback runs outside the promise chain's error path: an exception it throws is
		// rethrown as an uncaught error, as the Client does, and never delivered back to it.
		const fail = (err: unknown): void => outsidePromise(() => callNode(callback, err));
		const succeed = (data: UserData): void => outsidePromise(() => callNode(callback, null, data));
		if (!cached) {
			this.fetchUserData().then(succeed, fail);
			return;
		}
		if (this.isFetchUserDataAndTokenRequired(params)) {
			this.fetchUserData()
				.then((data) => this.refreshSessionIfPossible(params).then(() => data))
				.then(succeed, fail);
			return;
		}
		let parsed: UserData;
		try {
			parsed = JSON.parse(cached) as UserData;
		} catch (err) {
			attempt(
				() => this.clearCachedUserData(),
				() => undefined,
			);
			return callNode(callback, err, null);
		}
		callNode(callback, null, parsed);
	}

	/** The GetUser request of `getUserData`, through the client's promise form. */
	createGetUserRequest(): Promise<UserData> {
		return this.client.promisifyRequest<UserData>('GetUser', {
			AccessToken: this.signInUserSession?.getAccessToken().getJwtToken(),
		});
	}

	/** Refreshes the tokens if there is a refresh token; never rejects on a refresh error. */
	refreshSessionIfPossible(options: GetUserDataOptions = {}): Promise<void> {
		return new Promise<void>((resolve) => {
			const refresh = this.signInUserSession?.getRefreshToken();
			if (refresh && refresh.getToken()) {
				this.refreshSession(refresh, () => resolve(), options.clientMetadata);
			} else {
				resolve();
			}
		});
	}

	/** @returns the cached GetUser reply as stored (a JSON string), if any. */
	getUserDataFromCache(): string | null | undefined {
		return this.storage.getItem(this.userDataKey);
	}

	/** Whether `getUserData` must fetch afresh and refresh the tokens. */
	isFetchUserDataAndTokenRequired(params?: GetUserDataOptions): boolean {
		return params?.bypassCache ?? false;
	}

	/** Fetches GetUser and caches the reply. */
	fetchUserData(): Promise<UserData> {
		return this.createGetUserRequest().then((data) => {
			this.cacheUserData(data);
			return data;
		});
	}

	// ---------------------------------------------------------------------------------------
	// Storage. Writes never throw: a full or refused store (Safari private mode, quota) must
	// not take the in-memory session down with it.

	/** Caches the session's tokens, the clock drift and LastAuthUser. */
	cacheTokens(): void {
		const session = this.signInUserSession;
		if (!session) return;
		const prefix = `${this.keyPrefix}.${this.username}`;
		this.writeItem(`${prefix}.idToken`, session.getIdToken().getJwtToken());
		this.writeItem(`${prefix}.accessToken`, session.getAccessToken().getJwtToken());
		this.writeItem(`${prefix}.refreshToken`, session.getRefreshToken()?.getToken());
		this.writeItem(`${prefix}.clockDrift`, `${session.getClockDrift()}`);
		this.writeItem(`${this.keyPrefix}.LastAuthUser`, this.username);
	}

	/** Caches a GetUser reply as JSON. */
	cacheUserData(userData: UserData): void {
		this.writeItem(this.userDataKey, JSON.stringify(userData));
	}

	/** Drops the cached GetUser reply. */
	clearCachedUserData(): void {
		this.removeItem(this.userDataKey);
	}

	/** Drops the cached tokens and user data; device keys stay. */
	clearCachedUser(): void {
		this.clearCachedTokens();
		this.clearCachedUserData();
	}

	/** Caches the device key, secret and group key after ConfirmDevice. */
	cacheDeviceKeyAndPassword(): void {
		const prefix = `${this.keyPrefix}.${this.username}`;
		this.writeItem(`${prefix}.deviceKey`, this.deviceKey);
		this.writeItem(`${prefix}.randomPasswordKey`, this.randomPassword);
		this.writeItem(`${prefix}.deviceGroupKey`, this.deviceGroupKey);
	}

	/** Loads the cached device keys, if a device key is stored. */
	getCachedDeviceKeyAndPassword(): void {
		const prefix = `CognitoIdentityServiceProvider.${this.pool.getClientId()}.${this.username}`;
		if (this.storage.getItem(`${prefix}.deviceKey`)) {
			this.deviceKey = this.storage.getItem(`${prefix}.deviceKey`) as string;
			this.randomPassword = this.storage.getItem(`${prefix}.randomPasswordKey`) as string;
			this.deviceGroupKey = this.storage.getItem(`${prefix}.deviceGroupKey`) as string;
		}
	}

	/** Drops the cached device keys. */
	clearCachedDeviceKeyAndPassword(): void {
		const prefix = `${this.keyPrefix}.${this.username}`;
		this.removeItem(`${prefix}.deviceKey`);
		this.removeItem(`${prefix}.randomPasswordKey`);
		this.removeItem(`${prefix}.deviceGroupKey`);
	}

	/** Drops the cached tokens, LastAuthUser and the clock drift. */
	clearCachedTokens(): void {
		const prefix = `${this.keyPrefix}.${this.username}`;
		this.removeItem(`${prefix}.idToken`);
		this.removeItem(`${prefix}.accessToken`);
		this.removeItem(`${prefix}.refreshToken`);
		this.removeItem(`${this.keyPrefix}.LastAuthUser`);
		this.removeItem(`${prefix}.clockDrift`);
	}

	/** @internal */
	private writeItem(key: string, value: string | null | undefined): void {
		try {
			// The value goes through as is: the original stored null/undefined device fields
			// the same way, and storages differ in what they make of them.
			this.storage.setItem(key, value as string);
		} catch {
			// A full store only costs persistence; the session stays in memory.
		}
	}

	/** @internal */
	private removeItem(key: string): void {
		try {
			this.storage.removeItem(key);
		} catch {
			// Nothing was cached there that we could still lose.
		}
	}

	// ---------------------------------------------------------------------------------------
	// Sign-out

	/**
	 * Signs out locally: forgets the session and clears the cached tokens and user data.
	 * Given a callback, first revokes the refresh token (when the tokens support revocation)
	 * and calls back when done. Without one, the local sign-out is still immediate, and the
	 * refresh token of a revocable session (in memory, else in storage) is revoked in the
	 * background, its outcome ignored; the original revoked nothing then.
	 */
	signOut(revokeTokenCallback?: (err?: Error) => void): void {
		if (!revokeTokenCallback || typeof revokeTokenCallback !== 'function') {
			// Read before cleaning: the cleaning forgets exactly what is to be revoked.
			const session = attempt(
				() => this.signInUserSession ?? this.readStoredSession()?.session,
				() => undefined,
			)?.value;
			this.cleanClientData();
			attempt(
				() => {
					const token = session?.getRefreshToken()?.getToken();
					if (token && this.isSessionRevocable(session?.getAccessToken())) {
						this.revokeToken({ token, callback: () => undefined });
					}
				},
				() => undefined,
			);
			return;
		}
		this.getSession((error: Error | null) => {
			if (error) return revokeTokenCallback(error);
			this.revokeTokens((err) => {
				this.cleanClientData();
				revokeTokenCallback(err);
			});
		});
	}

	/**
	 * Revokes the refresh token when the access token carries `origin_jti`; otherwise calls
	 * back at once. Throws for a callback that is not a function, as the original does.
	 */
	revokeTokens(revokeTokenCallback: (err?: Error) => void = () => {}): void {
		if (typeof revokeTokenCallback !== 'function') {
			throw new Error('Invalid revokeTokenCallback. It should be a function.');
		}
		if (!this.signInUserSession) return revokeTokenCallback(new Error(NOT_AUTHENTICATED));
		const accessToken = this.signInUserSession.getAccessToken();
		if (!accessToken) return revokeTokenCallback(new Error('No Access token available'));
		const refreshToken = this.signInUserSession.getRefreshToken()?.getToken();
		if (this.isSessionRevocable(accessToken) && refreshToken) {
			return this.revokeToken({
				token: refreshToken,
				callback: revokeTokenCallback,
			});
		}
		revokeTokenCallback();
	}

	/** Whether the access token can be revoked: only tokens with an `origin_jti` claim can. */
	isSessionRevocable(token: CognitoAccessToken | null | undefined): boolean {
		if (token && typeof token.decodePayload === 'function') {
			try {
				return !!token.decodePayload().origin_jti;
			} catch {
				return false;
			}
		}
		return false;
	}

	/** Forgets the session in memory and the cached tokens and user data. */
	cleanClientData(): void {
		this.signInUserSession = null;
		this.clearCachedUser();
	}

	/** Revokes one refresh token (RevokeToken, retried on transient errors). */
	revokeToken({ token, callback }: { token: string; callback: (err?: Error) => void }): void {
		this.client.requestWithRetry(
			'RevokeToken',
			withSecret(this.pool, { Token: token, ClientId: this.pool.getClientId() }, this.username),
			(err) => {
				if (err) return callback(err);
				callback();
			},
		);
	}

	/**
	 * Signs out everywhere (GlobalSignOut) and clears the cached tokens. As in the original,
	 * the in-memory session object stays until `signOut`.
	 */
	globalSignOut(callback: IResultCallbacks<'SUCCESS'>): void {
		this.sendAuthenticated(
			'GlobalSignOut',
			(accessToken) => ({ AccessToken: accessToken }),
			objectOutcome(callback),
			() => {
				this.clearCachedUser();
				return 'SUCCESS' as const;
			},
		);
	}

	// ---------------------------------------------------------------------------------------
	// Request plumbing

	/** @returns the pool's advanced-security context data for this user, if collected. */
	getUserContextData(): unknown {
		return this.pool.getUserContextData(this.username);
	}

	/**
	 * Adds `UserContextData` last, and only when the pool has some, as the original did; then,
	 * for a pool with a client secret, the secret hash.
	 * @internal
	 */
	private completeBody(body: Body, hashedName = this.username): Body {
		const contextData = this.getUserContextData();
		if (contextData) body.UserContextData = contextData;
		return withSecret(this.pool, body, hashedName);
	}

	/**
	 * The username the service knows the user by, for a refresh's secret hash: the access
	 * token's `username` claim (this.username can be an alias after USER_PASSWORD_AUTH),
	 * else this.username.
	 * @internal
	 */
	private serviceUsername(): string {
		const claim = attempt(
			() =>
				(
					this.signInUserSession?.getAccessToken() ??
					new CognitoAccessToken({
						AccessToken:
							this.storage.getItem(`${this.keyPrefix}.${this.username}.accessToken`) ?? '',
					})
				).decodePayload().username,
			() => undefined,
		)?.value;
		return typeof claim === 'string' ? claim : this.username;
	}

	/**
	 * The access token of a valid session, or undefined (the "not authenticated" guard).
	 * @internal
	 */
	private validAccessToken(): string | undefined {
		const session = this.signInUserSession;
		if (session == null || !session.isValid()) return undefined;
		return session.getAccessToken().getJwtToken();
	}

	/**
	 * Sends `operation`; on success, `respond` maps the reply to the value the outcome gets.
	 * A throw in `respond` (a malformed reply) fails the outcome instead of escaping into the
	 * client.
	 * @internal
	 */
	private send<T, R>(
		operation: string,
		body: Body,
		outcome: Outcome<R>,
		respond: (data: T) => R,
	): void {
		this.client.request<T>(operation, body, (err, data) => {
			if (err) return outcome.fail(err);
			const result = attempt(() => respond((data ?? {}) as T), outcome.fail);
			if (result) outcome.succeed(result.value);
		});
	}

	/**
	 * `send` behind the "not authenticated" guard, with the access token for the body.
	 * @internal
	 */
	private sendAuthenticated<T, R>(
		operation: string,
		body: (accessToken: string) => Body,
		outcome: Outcome<R>,
		respond: (data: T) => R,
	): void {
		const accessToken = this.validAccessToken();
		if (accessToken === undefined) return outcome.fail(new Error(NOT_AUTHENTICATED));
		this.send(operation, body(accessToken), outcome, respond);
	}

	/**
	 * Reports to `inputVerificationCode(data)` when the app supplied it, else `onSuccess`.
	 * @internal
	 */
	private verificationOutcome<T>(
		callback: IVerificationCodeCallbacks<T>,
		onSuccessValue: (data: CodeDeliveryResult) => T,
	): Outcome<CodeDeliveryResult> {
		return {
			fail: (err) => callMember(callback, 'onFailure', err),
			succeed: (data) => {
				if (typeof callback.inputVerificationCode === 'function') {
					return callback.inputVerificationCode(data);
				}
				return callMember(callback, 'onSuccess', onSuccessValue(data));
			},
		};
	}
}
