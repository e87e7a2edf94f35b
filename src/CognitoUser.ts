// CognitoUser is the contract: exactly the original's prototype methods, with its names,
// argument positions and synchronous callbacks. Applications' tests spy on these methods, so
// wherever the original calls `this.x()`, the code here and in src/user/ calls `user.x()`.
// The machinery lives in src/user/ as functions that take the user; nothing else goes on the
// prototype.
import type AuthenticationDetails from './AuthenticationDetails';
import type AuthenticationHelper from './AuthenticationHelper';
import type Client from './Client';
import CognitoAccessToken from './CognitoAccessToken';
import CognitoIdToken from './CognitoIdToken';
import CognitoRefreshToken from './CognitoRefreshToken';
import type CognitoUserAttribute from './CognitoUserAttribute';
import type CognitoUserPool from './CognitoUserPool';
import CognitoUserSession from './CognitoUserSession';
import StorageHelper from './StorageHelper';
import type {
	AuthChallengeResponse,
	AuthenticationResponseJSON,
	AuthenticationResult,
	AuthFactorType,
	ChallengeName,
	ChallengeSelectionOptions,
	ClientMetadata,
	ConfirmRegistrationOptions,
	CodeDeliveryResult,
	GetDeviceResult,
	GetSessionCallback,
	GetSessionOptions,
	GetUserDataOptions,
	IAssociateSoftwareTokenCallbacks,
	IAuthenticationCallback,
	ICognitoStorage,
	ICognitoUserAttributeData,
	ICognitoUserData,
	IMfaSelectionCallbacks,
	IMfaSettings,
	IResultCallbacks,
	IVerificationCodeCallbacks,
	ListDevicesResult,
	ListWebAuthnCredentialsOptions,
	ListWebAuthnCredentialsResult,
	MFAOption,
	MfaPreferenceExtra,
	PasskeyOptions,
	PublicKeyCredentialCreationOptionsJSON,
	RegisterPasskeyOptions,
	RegistrationResponseJSON,
	ResultCallback,
	RevokeCallback,
	UpdateAttributesCallback,
	UserAuthFactorsResult,
	UserData,
	VerifySoftwareTokenResult,
} from './types';
import * as account from './user/account';
import {
	answerCustomChallenge,
	answerMfaCode,
	answerMfaSelection,
	answerNewPassword,
	startCustomAuth,
	startPasswordLogin,
} from './user/answers';
import { answerEmailSetup, answerOtp, answerSelection, startUserAuth } from './user/choice';
import * as devices from './user/devices';
import {
	associateToken,
	authFactors,
	mfaOptions,
	setMfaPreference,
	setSmsMfaOptions,
	verifyToken,
} from './user/mfa';
import * as passkeys from './user/passkeys';
import * as session from './user/session';
import { routeReply, STEPS } from './user/signIn';
import { startDeviceLogin, startSrpLogin } from './user/srp';
import * as store from './user/store';
import { clientKeyPrefix, userKeys } from './user/storageKeys';
import { callMember } from './utils/callbacks';

/** A user of a user pool: authentication flows, the session, attributes, MFA and devices. */
export default class CognitoUser {
	/**
	 * The username; after an SRP login, the service's `USER_ID_FOR_SRP` for an alias.
	 * @internal
	 */
	username: string;
	/** @internal The pool the user belongs to. */
	pool: CognitoUserPool;
	/**
	 * The service's session string between the steps of a challenge flow. Copied from each
	 * reply as is: a reply without one leaves it undefined, so that the next request omits it
	 * (null would be sent as null).
	 * @internal
	 */
	Session: string | null | undefined;
	/** @internal The pool's client, through which every request goes. */
	client: Client;
	/** @internal The current tokens, once authenticated. */
	signInUserSession: CognitoUserSession | null;
	/** @internal `USER_SRP_AUTH` (default), `CUSTOM_AUTH` or `USER_PASSWORD_AUTH`. */
	authenticationFlowType: string;
	/** @internal Where tokens, user data and device keys are cached. */
	storage: ICognitoStorage;
	/** @internal `CognitoIdentityServiceProvider.<clientId>`, the prefix of every storage key. */
	keyPrefix: string;
	/** @internal Storage key of the cached `GetUser` reply. */
	userDataKey: string;
	/** @internal Key of this device, once the device is remembered or read from storage. */
	declare deviceKey?: string | null;
	/** @internal Group key of this device. */
	declare deviceGroupKey?: string | null;
	/** @internal Device secret generated when this device was confirmed. */
	declare randomPassword?: string | null;
	/** @internal Base64 password verifier sent with ConfirmDevice. */
	declare verifierDevices?: string;
	/** The challenge name of the last authentication result. */
	declare challengeName?: ChallengeName;
	/**
	 * The one-time-code challenge (EMAIL_OTP or SMS_OTP) `sendOtpCode` answers. Set only once
	 * such a challenge arrived, like the other fields not in the original.
	 * @internal
	 */
	declare pendingOtpChallenge?: string;
	/**
	 * The Session of a passwordless sign-up (from SignUp, then ConfirmSignUp), which the next
	 * USER_AUTH sign-in of this object sends so that no second code is needed.
	 * @internal
	 */
	declare signUpSession?: string;
	/** @internal How the browser passkey request of the current USER_AUTH sign-in runs. */
	declare passkeyOptions?: PasskeyOptions;

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
		this.keyPrefix = clientKeyPrefix(this.pool.getClientId());
		this.userDataKey = userKeys(this.keyPrefix, this.username).userData;
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

	/**
	 * Chooses the flow `authenticateUser` uses, and returns it: the original's declarations
	 * promise a string here (its code returned nothing), and apps type-check against that.
	 */
	setAuthenticationFlowType(authenticationFlowType: string): string {
		this.authenticationFlowType = authenticationFlowType;
		return authenticationFlowType;
	}

	// ---------------------------------------------------------------------------------------
	// Authentication (requests: src/user/answers.ts, srp.ts; replies: src/user/signIn.ts)

	/**
	 * Starts the CUSTOM_AUTH flow with the details' AuthParameters (to which `USERNAME` is
	 * added). Calls `customChallenge` or, if no challenge follows, `onSuccess`.
	 */
	initiateAuth(authDetails: AuthenticationDetails, callback: IAuthenticationCallback): void {
		startCustomAuth(this, authDetails, callback);
	}

	/**
	 * Authenticates with the flow chosen by `setAuthenticationFlowType`: SRP by default,
	 * `CUSTOM_AUTH` (SRP first), `USER_PASSWORD_AUTH`, or choice-based `USER_AUTH` (not in the
	 * original), which sends the details' PreferredChallenge, its password or SRP_A, and a
	 * sign-up Session. The callbacks are told about every challenge the service asks for; one
	 * they did not supply fails with `CallbackMissingException`.
	 */
	authenticateUser(authDetails: AuthenticationDetails, callback: IAuthenticationCallback): void {
		const flow = this.authenticationFlowType;
		if (flow === 'USER_PASSWORD_AUTH') {
			return this.authenticateUserPlainUsernamePassword(authDetails, callback);
		}
		if (flow === 'USER_SRP_AUTH' || flow === 'CUSTOM_AUTH') {
			return this.authenticateUserDefaultAuth(authDetails, callback);
		}
		if (flow === 'USER_AUTH') return startUserAuth(this, authDetails, callback);
		return callMember(callback, 'onFailure', new Error('Authentication flow type is invalid.'));
	}

	/** The SRP flow (`USER_SRP_AUTH`, or `CUSTOM_AUTH` starting with SRP_A). */
	authenticateUserDefaultAuth(
		authDetails: AuthenticationDetails,
		callback: IAuthenticationCallback,
	): void {
		startSrpLogin(this, authDetails, callback);
	}

	/** USER_PASSWORD_AUTH: the password travels to the service (over TLS); no SRP math. */
	authenticateUserPlainUsernamePassword(
		authDetails: AuthenticationDetails,
		callback: IAuthenticationCallback,
	): void {
		startPasswordLogin(this, authDetails, callback);
	}

	/**
	 * Handles an authentication reply: a challenge goes to its callback, DEVICE_SRP_AUTH to
	 * the device login, tokens are adopted and cached, and a new device is confirmed.
	 * `authenticationHelper` may be null: one is created only if the reply needs it.
	 */
	authenticateUserInternal(
		dataAuthenticate: AuthChallengeResponse,
		authenticationHelper: AuthenticationHelper | null | undefined,
		callback: IAuthenticationCallback,
	): void {
		routeReply(this, dataAuthenticate, STEPS.authenticate, callback, authenticationHelper);
	}

	/**
	 * Answers NEW_PASSWORD_REQUIRED with the new password and the required attributes, given
	 * without the prefix (`userAttributes.`) the AuthenticationHelper names.
	 */
	completeNewPasswordChallenge(
		newPassword: string,
		requiredAttributeData: object | null | undefined,
		callback: IAuthenticationCallback,
		clientMetadata?: ClientMetadata,
	): void {
		answerNewPassword(this, newPassword, requiredAttributeData, callback, clientMetadata);
	}

	/**
	 * Logs the remembered device in (DEVICE_SRP_AUTH, then DEVICE_PASSWORD_VERIFIER), using the
	 * device key and secret in place of username and password.
	 */
	getDeviceResponse(callback: IAuthenticationCallback, clientMetadata?: ClientMetadata): void {
		startDeviceLogin(this, callback, clientMetadata);
	}

	/** Answers a CUSTOM_CHALLENGE; the reply continues as any authentication reply. */
	sendCustomChallengeAnswer(
		answerChallenge: string,
		callback: IAuthenticationCallback,
		clientMetadata?: ClientMetadata,
	): void {
		answerCustomChallenge(this, answerChallenge, callback, clientMetadata);
	}

	/**
	 * Answers an SMS_MFA (default) or SOFTWARE_TOKEN_MFA challenge with the code. A reply that
	 * asks for DEVICE_SRP_AUTH continues with the device login; as in the original, the
	 * challenge Session is not updated first. `mfaType` `EMAIL_OTP` or `SMS_OTP` (not in the
	 * original) answers as `sendOtpCode` does.
	 */
	sendMFACode(
		confirmationCode: string,
		callback: Pick<IAuthenticationCallback, 'onSuccess' | 'onFailure'>,
		mfaType?: string,
		clientMetadata?: ClientMetadata,
	): void {
		answerMfaCode(this, confirmationCode, callback, mfaType, clientMetadata);
	}

	/**
	 * Answers SELECT_MFA_TYPE with `SMS_MFA`, `SOFTWARE_TOKEN_MFA` or `EMAIL_OTP`, then asks
	 * for the code through `mfaRequired`, `totpRequired` or `emailOtpRequired`. Any other
	 * answer fails through `onFailure` (the original never called back).
	 */
	sendMFASelectionAnswer(answerChallenge: string, callback: IMfaSelectionCallbacks): void {
		answerMfaSelection(this, answerChallenge, callback);
	}

	/**
	 * Answers SELECT_CHALLENGE (USER_AUTH) with the chosen first factor. `PASSWORD` and
	 * `PASSWORD_SRP` need `options.password`, sent in the same call (PASSWORD_SRP then
	 * answers PASSWORD_VERIFIER); without it `onFailure` is called and nothing is sent.
	 * `EMAIL_OTP` / `SMS_OTP` lead to `emailOtpRequired` / `smsOtpRequired`.
	 */
	sendChallengeSelection(
		answer: AuthFactorType,
		callback: IAuthenticationCallback,
		options?: ChallengeSelectionOptions,
	): void {
		answerSelection(this, answer, callback, options);
	}

	/**
	 * Answers the pending EMAIL_OTP or SMS_OTP challenge (a first factor or email MFA) with
	 * the code, as `EMAIL_OTP_CODE` or `SMS_OTP_CODE`. Without such a challenge, `onFailure`.
	 */
	sendOtpCode(
		code: string,
		callback: IAuthenticationCallback,
		clientMetadata?: ClientMetadata,
	): void {
		answerOtp(this, this.pendingOtpChallenge, code, callback, clientMetadata);
	}

	/**
	 * Answers MFA_SETUP with an email address, to set up email MFA during sign-in; the
	 * service emails a code and asks for it through `emailOtpRequired`.
	 */
	setupEmailMfa(
		email: string,
		callback: IAuthenticationCallback,
		clientMetadata?: ClientMetadata,
	): void {
		answerEmailSetup(this, email, callback, clientMetadata);
	}

	/** Answers WEB_AUTHN with an AuthenticationResponseJSON (object or JSON text). */
	sendWebAuthnCredential(
		credential: AuthenticationResponseJSON | string,
		callback: IAuthenticationCallback,
		clientMetadata?: ClientMetadata,
	): void {
		passkeys.answerWebAuthn(this, credential, callback, clientMetadata);
	}

	/**
	 * The Session of the sign-in in progress or of a passwordless sign-up, to carry to another
	 * page (as AuthenticationDetails' `Session`, or `confirmRegistration`'s `options.session`).
	 * @returns the Session, or null when there is none.
	 */
	getChallengeSession(): string | null {
		return this.Session ?? null;
	}

	// ---------------------------------------------------------------------------------------
	// Sign-up, passwords, attributes and the user (src/user/account.ts)

	/**
	 * Confirms the sign-up with the code the user received. After a passwordless sign-up it
	 * sends the Session kept from `signUp` (or `options.session`, from another page) and keeps
	 * the reply's, with which a USER_AUTH sign-in needs no second code.
	 */
	confirmRegistration(
		confirmationCode: string,
		forceAliasCreation: boolean,
		callback: ResultCallback<'SUCCESS'>,
		clientMetadata?: ClientMetadata,
		options?: ConfirmRegistrationOptions,
	): void {
		account.confirmRegistration(this, confirmationCode, forceAliasCreation, callback, {
			clientMetadata,
			session: options?.session,
		});
	}

	/** Sends the sign-up confirmation code again; calls back with the delivery details. */
	resendConfirmationCode(
		callback: ResultCallback<CodeDeliveryResult>,
		clientMetadata?: ClientMetadata,
	): void {
		account.resendConfirmationCode(this, callback, clientMetadata);
	}

	/**
	 * Starts the forgot-password flow. `inputVerificationCode`, when given, is called instead
	 * of `onSuccess` with the delivery details.
	 */
	forgotPassword(
		callback: IVerificationCodeCallbacks<CodeDeliveryResult>,
		clientMetadata?: ClientMetadata,
	): void {
		account.forgotPassword(this, callback, clientMetadata);
	}

	/** Sets the new password with the code from `forgotPassword`. */
	confirmPassword(
		confirmationCode: string,
		newPassword: string,
		callback: IResultCallbacks<'SUCCESS'>,
		clientMetadata?: ClientMetadata,
	): void {
		account.confirmPassword(this, confirmationCode, newPassword, callback, clientMetadata);
	}

	/** Changes the password of the signed-in user. */
	changePassword(
		oldUserPassword: string,
		newUserPassword: string,
		callback: ResultCallback<'SUCCESS'>,
		clientMetadata?: ClientMetadata,
	): void {
		account.changePassword(this, oldUserPassword, newUserPassword, callback, clientMetadata);
	}

	/** Deletes the signed-in user and clears the cached tokens and user data. */
	deleteUser(callback: ResultCallback<'SUCCESS'>, clientMetadata?: ClientMetadata): void {
		account.deleteUser(this, callback, clientMetadata);
	}

	/**
	 * Updates attributes, then refreshes the cached user data (and, when the cache existed, the
	 * tokens) before calling back with `'SUCCESS'` and the service's reply. As in the original,
	 * a failure of that refresh does not change the outcome.
	 */
	updateAttributes(
		attributes: (CognitoUserAttribute | ICognitoUserAttributeData)[],
		callback: UpdateAttributesCallback,
		clientMetadata?: ClientMetadata,
	): void {
		account.updateAttributes(this, attributes, callback, clientMetadata);
	}

	/** Calls back with the user's attributes as CognitoUserAttribute objects. */
	getUserAttributes(callback: ResultCallback<CognitoUserAttribute[]>): void {
		account.getUserAttributes(this, callback);
	}

	/** Deletes attributes, then refreshes the cached user data. */
	deleteAttributes(attributeList: string[], callback: ResultCallback<'SUCCESS'>): void {
		account.deleteAttributes(this, attributeList, callback);
	}

	/**
	 * Sends a verification code for an attribute. `inputVerificationCode`, when given, is called
	 * instead of `onSuccess` with the delivery details.
	 */
	getAttributeVerificationCode(
		attributeName: string,
		callback: IVerificationCodeCallbacks<'SUCCESS', CodeDeliveryResult>,
		clientMetadata?: ClientMetadata,
	): void;
	/** The original's declaration, which typed the delivery details as a string. */
	getAttributeVerificationCode(
		attributeName: string,
		callback: IVerificationCodeCallbacks<string, string>,
		clientMetadata?: ClientMetadata,
	): void;
	getAttributeVerificationCode(
		attributeName: string,
		callback: IVerificationCodeCallbacks<string, unknown>,
		clientMetadata?: ClientMetadata,
	): void {
		account.getAttributeVerificationCode(this, attributeName, callback, clientMetadata);
	}

	/** Verifies an attribute with the code sent for it. */
	verifyAttribute(
		attributeName: string,
		confirmationCode: string,
		callback: IResultCallbacks<'SUCCESS'>,
	): void {
		account.verifyAttribute(this, attributeName, confirmationCode, callback);
	}

	/**
	 * Signs out everywhere (GlobalSignOut) and clears the cached tokens. As in the original,
	 * the in-memory session object stays until `signOut`.
	 */
	globalSignOut(callback: IResultCallbacks<'SUCCESS'>): void {
		account.globalSignOut(this, callback);
	}

	// ---------------------------------------------------------------------------------------
	// Passkeys of the signed-in user (src/user/passkeys.ts)

	/** StartWebAuthnRegistration: calls back with the CredentialCreationOptions JSON object. */
	startWebAuthnRegistration(
		callback: ResultCallback<PublicKeyCredentialCreationOptionsJSON>,
	): void {
		passkeys.startRegistration(this, callback);
	}

	/** CompleteWebAuthnRegistration with the authenticator's RegistrationResponseJSON. */
	completeWebAuthnRegistration(
		credential: RegistrationResponseJSON,
		callback: ResultCallback<'SUCCESS'>,
	): void {
		passkeys.completeRegistration(this, credential, callback);
	}

	/** In a browser: start, `navigator.credentials.create`, complete. Else WebAuthnNotSupported. */
	registerPasskey(callback: ResultCallback<'SUCCESS'>, options?: RegisterPasskeyOptions): void {
		passkeys.registerInBrowser(this, callback, options);
	}

	/** One page of the user's passkeys (ListWebAuthnCredentials). */
	listWebAuthnCredentials(
		callback: ResultCallback<ListWebAuthnCredentialsResult>,
		options?: ListWebAuthnCredentialsOptions,
	): void {
		passkeys.listCredentials(this, callback, options);
	}

	/** Deletes one of the user's passkeys by its `CredentialId`. */
	deleteWebAuthnCredential(credentialId: string, callback: ResultCallback<'SUCCESS'>): void {
		passkeys.deleteCredential(this, credentialId, callback);
	}

	// ---------------------------------------------------------------------------------------
	// MFA settings and TOTP (src/user/mfa.ts)

	/** @deprecated Turns on SMS MFA through the legacy SetUserSettings; prefer setUserMfaPreference. */
	enableMFA(callback: ResultCallback<'SUCCESS'>): void {
		setSmsMfaOptions(this, [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }], callback);
	}

	/**
	 * Sets whether SMS and TOTP MFA are enabled and which one is preferred; `extra` (not in
	 * the original) adds email MFA and passkey MFA settings, sent only when given.
	 */
	setUserMfaPreference(
		smsMfaSettings: IMfaSettings | null,
		softwareTokenMfaSettings: IMfaSettings | null,
		callback: ResultCallback<'SUCCESS'>,
		extra?: MfaPreferenceExtra,
	): void {
		setMfaPreference(this, smsMfaSettings, softwareTokenMfaSettings, callback, extra);
	}

	/**
	 * Calls back with the user's sign-in and MFA factors (GetUserAuthFactors): the MFA
	 * settings and `ConfiguredUserAuthFactors`. Needs a valid session.
	 */
	getUserAuthFactors(callback: ResultCallback<UserAuthFactorsResult>): void {
		authFactors(this, callback);
	}

	/** @deprecated Turns off SMS MFA through the legacy SetUserSettings; prefer setUserMfaPreference. */
	disableMFA(callback: ResultCallback<'SUCCESS'>): void {
		setSmsMfaOptions(this, [], callback);
	}

	/** @deprecated The service no longer returns meaningful MFAOptions; use getUserData. */
	getMFAOptions(callback: ResultCallback<MFAOption[]>): void {
		mfaOptions(this, callback);
	}

	/**
	 * Asks for a TOTP secret. Before sign-in completes (MFA_SETUP) this uses the challenge
	 * Session and keeps the new one; once signed in, the access token.
	 */
	associateSoftwareToken(callback: IAssociateSoftwareTokenCallbacks): void {
		associateToken(this, callback);
	}

	/**
	 * Verifies a TOTP code. During MFA_SETUP this completes the sign-in and calls back with the
	 * session; once signed in it calls back with the service's reply.
	 */
	verifySoftwareToken(
		totpCode: string,
		friendlyDeviceName: string,
		callback: IResultCallbacks<CognitoUserSession | VerifySoftwareTokenResult>,
	): void {
		verifyToken(this, totpCode, friendlyDeviceName, callback);
	}

	// ---------------------------------------------------------------------------------------
	// Devices (src/user/devices.ts)

	/** Calls back with this device's record (GetDevice). */
	getDevice(callback: IResultCallbacks<GetDeviceResult>): void;
	/** The original's declaration, which typed the record as a string. */
	getDevice(callback: IResultCallbacks<string>): void;
	getDevice(callback: IResultCallbacks<unknown>): void {
		devices.getDevice(this, callback);
	}

	/** Forgets the device with the given key. */
	forgetSpecificDevice(deviceKey: string, callback: IResultCallbacks<'SUCCESS'>): void {
		devices.forgetSpecificDevice(this, deviceKey, callback);
	}

	/** Forgets this device and drops its keys from memory and storage. */
	forgetDevice(callback: IResultCallbacks<'SUCCESS'>): void {
		devices.forgetThisDevice(this, callback);
	}

	/** Marks this device as remembered. */
	setDeviceStatusRemembered(callback: IResultCallbacks<'SUCCESS'>): void {
		devices.updateDeviceStatus(this, 'remembered', callback);
	}

	/** Marks this device as not remembered. */
	setDeviceStatusNotRemembered(callback: IResultCallbacks<'SUCCESS'>): void {
		devices.updateDeviceStatus(this, 'not_remembered', callback);
	}

	/** Lists remembered devices; pass the previous reply's PaginationToken (or null) to page. */
	listDevices(
		limit: number,
		paginationToken: string | null | undefined,
		callback: IResultCallbacks<ListDevicesResult>,
	): void {
		devices.listDevices(this, limit, paginationToken, callback);
	}

	// ---------------------------------------------------------------------------------------
	// Session and user data (src/user/session.ts)

	/**
	 * Calls back with a valid session: the one in memory, else the one in storage (both
	 * synchronously), else a refreshed one. Concurrent calls that need a refresh share one
	 * request. Unreadable or corrupt storage counts as no session.
	 */
	getSession(callback: GetSessionCallback, options?: GetSessionOptions): void {
		session.findSession(this, callback, options?.clientMetadata);
	}

	/**
	 * Exchanges the refresh token for new tokens (InitiateAuth REFRESH_TOKEN_AUTH, retried on
	 * transient errors). Concurrent refreshes of the same user and refresh token, from any
	 * CognitoUser of the pool, share one request and its result. NotAuthorizedException clears
	 * the cached tokens, once. With the pool's `RefreshTokenRotation`, GetTokensFromRefreshToken
	 * is sent instead, with the stored refresh token when another tab rotated it; a rotated
	 * token is stored before any callback runs, and RefreshTokenReuseException clears the
	 * cached tokens and is not retried.
	 */
	refreshSession(
		refreshToken: CognitoRefreshToken,
		callback: ResultCallback<CognitoUserSession>,
		clientMetadata?: ClientMetadata,
	): void {
		session.refresh(this, refreshToken, callback, clientMetadata);
	}

	/**
	 * Builds a session from an AuthenticationResult; the clock drift is computed from it. As in
	 * the original, a missing result gives a session of empty tokens.
	 */
	getCognitoUserSession(authResult: AuthenticationResult | undefined): CognitoUserSession {
		const tokens = (authResult ?? {}) as { IdToken?: string; AccessToken?: string };
		return new CognitoUserSession({
			IdToken: new CognitoIdToken(tokens),
			AccessToken: new CognitoAccessToken(tokens),
			RefreshToken: new CognitoRefreshToken(authResult ?? {}),
		});
	}

	/**
	 * Calls back with the user's GetUser data: from the cache when present, else fetched (and
	 * cached). `bypassCache` fetches afresh: see `GetUserDataOptions`.
	 */
	getUserData(callback: ResultCallback<UserData>, params?: GetUserDataOptions): void {
		session.userData(this, callback, params);
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
			const refreshToken = this.signInUserSession?.getRefreshToken();
			if (refreshToken && refreshToken.getToken()) {
				this.refreshSession(refreshToken, () => resolve(), options.clientMetadata);
			} else {
				resolve();
			}
		});
	}

	/** @returns the cached GetUser reply as stored (a JSON string), if any. */
	getUserDataFromCache(): string | null | undefined {
		return store.readItem(this.storage, this.userDataKey);
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
	// Storage (src/user/store.ts; the key layout: src/user/storageKeys.ts). Nothing here
	// throws: a full or refused store must not take the in-memory session down with it.

	/** Caches the session's tokens, the clock drift and LastAuthUser. */
	cacheTokens(): void {
		store.cacheTokens(this);
	}

	/** Caches a GetUser reply as JSON. */
	cacheUserData(userData: UserData): void {
		store.writeItem(this.storage, this.userDataKey, JSON.stringify(userData));
	}

	/** Drops the cached GetUser reply. */
	clearCachedUserData(): void {
		store.removeItem(this.storage, this.userDataKey);
	}

	/** Drops the cached tokens and user data; device keys stay. */
	clearCachedUser(): void {
		this.clearCachedTokens();
		this.clearCachedUserData();
	}

	/** Caches the device key, secret and group key after ConfirmDevice. */
	cacheDeviceKeyAndPassword(): void {
		store.cacheDevice(this);
	}

	/** Loads the cached device keys, if a device key is stored. */
	getCachedDeviceKeyAndPassword(): void {
		store.loadDevice(this);
	}

	/** Drops the cached device keys. */
	clearCachedDeviceKeyAndPassword(): void {
		store.clearDevice(this);
	}

	/** Drops the cached tokens, LastAuthUser and the clock drift. */
	clearCachedTokens(): void {
		store.clearTokens(this);
	}

	// ---------------------------------------------------------------------------------------
	// Sign-out (src/user/session.ts)

	/**
	 * Signs out locally: forgets the session and clears the cached tokens and user data.
	 * Given a callback, first revokes the refresh token (when the tokens support revocation)
	 * and calls back when done. Without one, the local sign-out is still immediate, and the
	 * refresh token of a revocable session (in memory, else in storage) is revoked in the
	 * background, its outcome ignored; the original revoked nothing then.
	 */
	signOut(revokeTokenCallback?: RevokeCallback): void {
		session.signOut(this, revokeTokenCallback);
	}

	/**
	 * Revokes the refresh token when the access token carries `origin_jti`; otherwise calls
	 * back at once. Throws for a callback that is not a function, as the original does.
	 */
	revokeTokens(revokeTokenCallback: RevokeCallback = () => {}): void {
		session.revokeTokens(this, revokeTokenCallback);
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
	revokeToken({ token, callback }: { token: string; callback: RevokeCallback }): void {
		session.revokeToken(this, token, callback);
	}

	/** @returns the pool's advanced-security context data for this user, if collected. */
	getUserContextData(): unknown {
		return this.pool.getUserContextData(this.username);
	}
}
