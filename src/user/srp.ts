// SRP logins: the user's (USER_SRP_AUTH, and CUSTOM_AUTH starting with SRP_A) and the
// remembered device's (DEVICE_SRP_AUTH). Both send A, receive B, salt and secret block, and
// answer with a password claim signed with the key the AuthenticationHelper derives.
import AuthenticationHelper from '../AuthenticationHelper';
import type AuthenticationDetails from '../AuthenticationDetails';
import BigInteger from '../BigInteger';
import type CognitoUser from '../CognitoUser';
import DateHelper from '../DateHelper';
import type {
	AuthChallengeResponse,
	ChallengeParameters,
	ClientMetadata,
	IAuthenticationCallback,
	ICognitoError,
} from '../types';
import { attempt, callMember, runStep } from '../utils/callbacks';
import { calculateSignature } from '../utils/srpSignature';
import { routeReply, respondToChallenge, STEPS } from './signIn';
import { completeBody, invalidResponse } from './requests';
import { userKeys } from './storageKeys';
import type { Body } from './requests';

/** Like the original, validation data, when there is any, travels as the ClientMetadata. */
export function authFlowMetadata(details: AuthenticationDetails): unknown {
	const validation: unknown = details.getValidationData();
	return validation && typeof validation === 'object' && Object.keys(validation).length !== 0
		? validation
		: details.getClientMetadata();
}

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

/**
 * Derives the SRP password claim from the server's SRP_B, SALT and SECRET_BLOCK and hands
 * `next` the ChallengeResponses that carry it (USERNAME first). `srpName` is the pool name
 * (user SRP) or the device group key (device SRP); `userId` is both hashed into x and signed.
 */
function computePasswordClaim(
	user: CognitoUser,
	helper: AuthenticationHelper,
	srpName: string,
	secret: { userId: string; password: string },
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
	const { B, salt: saltValue } = numbers.value;
	runStep<Uint8Array>(
		(keyReady) =>
			helper.getPasswordAuthenticationKey(secret.userId, secret.password, B, saltValue, keyReady),
		(errKey, hkdf) => {
			if (errKey || !hkdf) return fail(errKey ?? new Error('No password authentication key.'));
			const signed = attempt(() => {
				const timestamp = new DateHelper().getNowString();
				return {
					USERNAME: user.username,
					PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
					TIMESTAMP: timestamp,
					PASSWORD_CLAIM_SIGNATURE: calculateSignature(
						hkdf,
						srpName,
						secret.userId,
						secretBlock,
						timestamp,
					),
				};
			}, fail);
			if (signed) next(signed.value);
		},
	);
}

/**
 * Creates the user's AuthenticationHelper and computes A, then hands both to `next`. The
 * helper draws its secret a at once; without a secure random source that fails, sending nothing.
 */
export function withUserSrpA(
	user: CognitoUser,
	fail: (err: Error) => void,
	next: (helper: AuthenticationHelper, srpA: string) => void,
): void {
	const created = attempt(() => new AuthenticationHelper(user.pool.getUserPoolName()), fail);
	if (!created) return;
	const helper = created.value;
	withLargeA(helper, fail, (srpA) => next(helper, srpA));
}

/** The SRP login of `authenticateUserDefaultAuth`. */
export function startSrpLogin(
	user: CognitoUser,
	authDetails: AuthenticationDetails,
	callback: IAuthenticationCallback,
): void {
	const fail = (err: Error): void => callMember(callback, 'onFailure', err);
	const authParameters: Body = {};
	if (user.deviceKey != null) authParameters.DEVICE_KEY = user.deviceKey;
	authParameters.USERNAME = user.username;
	withUserSrpA(user, fail, (helper, srpA) => {
		authParameters.SRP_A = srpA;
		if (user.authenticationFlowType === 'CUSTOM_AUTH') authParameters.CHALLENGE_NAME = 'SRP_A';
		const clientMetadata = authFlowMetadata(authDetails);
		const request = completeBody(user, {
			AuthFlow: user.authenticationFlowType,
			ClientId: user.pool.getClientId(),
			AuthParameters: authParameters,
			ClientMetadata: clientMetadata,
		});
		user.client.request<AuthChallengeResponse>('InitiateAuth', request, (err, data) => {
			if (err) return fail(err);
			const password = authDetails.getPassword();
			answerPasswordVerifier(user, helper, data ?? {}, password, clientMetadata, callback);
		});
	});
}

/**
 * Answers a PASSWORD_VERIFIER challenge (after SRP_A, from USER_SRP_AUTH, CUSTOM_AUTH or a
 * USER_AUTH sign-in with PASSWORD_SRP): adopts USER_ID_FOR_SRP as the username, then sends the
 * password claim.
 */
export function answerPasswordVerifier(
	user: CognitoUser,
	helper: AuthenticationHelper,
	reply: AuthChallengeResponse,
	password: string,
	clientMetadata: unknown,
	callback: IAuthenticationCallback,
): void {
	const fail = (err: Error): void => callMember(callback, 'onFailure', err);
	const params = reply.ChallengeParameters ?? {};
	if (typeof params.USER_ID_FOR_SRP !== 'string') {
		// Adopting it would leave this user without a username.
		return fail(invalidResponse('The SRP challenge lacks USER_ID_FOR_SRP.'));
	}
	user.username = params.USER_ID_FOR_SRP;
	user.userDataKey = userKeys(user.keyPrefix, user.username).userData;
	user.getCachedDeviceKeyAndPassword();
	const claim = { userId: user.username, password };
	computePasswordClaim(user, helper, user.pool.getUserPoolName(), claim, params, fail, (c) =>
		respondToPasswordVerifier(user, c, reply.Session, clientMetadata, helper, callback),
	);
}

/** PASSWORD_VERIFIER, resent once without the device if the service forgot the device. */
function respondToPasswordVerifier(
	user: CognitoUser,
	challengeResponses: Body,
	session: string | undefined,
	clientMetadata: unknown,
	helper: AuthenticationHelper,
	callback: IAuthenticationCallback,
): void {
	if (user.deviceKey != null) challengeResponses.DEVICE_KEY = user.deviceKey;
	const request = {
		ChallengeName: 'PASSWORD_VERIFIER',
		ClientId: user.pool.getClientId(),
		ChallengeResponses: challengeResponses,
		Session: session,
		ClientMetadata: clientMetadata,
	};
	let retried = false;
	const forgetDevice = (err: ICognitoError): void => {
		// The original retried without limit; once is enough to drop a stale device.
		if (retried || !isDeviceNotFound(err)) return callMember(callback, 'onFailure', err);
		retried = true;
		challengeResponses.DEVICE_KEY = null;
		user.deviceKey = null;
		user.randomPassword = null;
		user.deviceGroupKey = null;
		user.clearCachedDeviceKeyAndPassword();
		send();
	};
	const send = (): void =>
		respondToChallenge(user, request, { onFailure: forgetDevice }, (reply) =>
			user.authenticateUserInternal(reply, helper, callback),
		);
	send();
}

/**
 * The device login of `getDeviceResponse`: DEVICE_SRP_AUTH, then DEVICE_PASSWORD_VERIFIER,
 * with the device key and secret in place of username and password.
 */
export function startDeviceLogin(
	user: CognitoUser,
	callback: IAuthenticationCallback,
	clientMetadata: ClientMetadata,
): void {
	const fail = (err: Error): void => callMember(callback, 'onFailure', err);
	const deviceGroupKey = user.deviceGroupKey as string;
	const created = attempt(() => new AuthenticationHelper(deviceGroupKey), fail);
	if (!created) return;
	const helper = created.value;
	const challengeResponses: Body = { USERNAME: user.username, DEVICE_KEY: user.deviceKey };
	withLargeA(helper, fail, (srpA) => {
		challengeResponses.SRP_A = srpA;
		const request = {
			ChallengeName: 'DEVICE_SRP_AUTH',
			ClientId: user.pool.getClientId(),
			ChallengeResponses: challengeResponses,
			ClientMetadata: clientMetadata,
			Session: user.Session,
		};
		respondToChallenge(user, request, callback, (reply) => {
			const secret = { userId: user.deviceKey as string, password: user.randomPassword as string };
			const params = reply.ChallengeParameters ?? {};
			computePasswordClaim(user, helper, deviceGroupKey, secret, params, fail, (claim) => {
				claim.DEVICE_KEY = user.deviceKey;
				const verifier = {
					ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
					ClientId: user.pool.getClientId(),
					ChallengeResponses: claim,
					Session: reply.Session,
				};
				respondToChallenge(user, verifier, callback, (tokens) =>
					routeReply(user, tokens, STEPS.devicePassword, callback),
				);
			});
		});
	});
}
