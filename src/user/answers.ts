// The requests that start a sign-in without SRP or answer a challenge. Their replies go to the
// state machine in signIn.ts; the SRP logins are in srp.ts.
import type AuthenticationDetails from '../AuthenticationDetails';
import type CognitoUser from '../CognitoUser';
import type {
	AuthChallengeResponse,
	ClientMetadata,
	IAuthenticationCallback,
	IMfaSelectionCallbacks,
} from '../types';
import { attempt, callMember } from '../utils/callbacks';
import { answerOtp, OTP_CODE_KEYS } from './choice';
import { addCachedDeviceKey, completeBody } from './requests';
import type { Body } from './requests';
import {
	helperFor,
	respondAndAuthenticate,
	respondToChallenge,
	routeReply,
	routeSelection,
	STEPS,
} from './signIn';
import { authFlowMetadata } from './srp';

/** InitiateAuth CUSTOM_AUTH with the details' AuthParameters, to which USERNAME is added. */
export function startCustomAuth(
	user: CognitoUser,
	authDetails: AuthenticationDetails,
	callback: IAuthenticationCallback,
): void {
	const authParameters = authDetails.getAuthParameters() ?? {};
	authParameters.USERNAME = user.username;
	const request = completeBody(user, {
		AuthFlow: 'CUSTOM_AUTH',
		ClientId: user.pool.getClientId(),
		AuthParameters: authParameters,
		ClientMetadata: authFlowMetadata(authDetails),
	});
	user.client.request<AuthChallengeResponse>('InitiateAuth', request, (err, data) => {
		if (err) return callMember(callback, 'onFailure', err);
		routeReply(user, data ?? {}, STEPS.initiateAuth, callback);
	});
}

/** InitiateAuth USER_PASSWORD_AUTH: the password travels to the service (over TLS). */
export function startPasswordLogin(
	user: CognitoUser,
	authDetails: AuthenticationDetails,
	callback: IAuthenticationCallback,
): void {
	const authParameters: Body = { USERNAME: user.username, PASSWORD: authDetails.getPassword() };
	if (!authParameters.PASSWORD) {
		return callMember(callback, 'onFailure', new Error('PASSWORD parameter is required'));
	}
	addCachedDeviceKey(user, authParameters);
	const request = completeBody(user, {
		AuthFlow: 'USER_PASSWORD_AUTH',
		ClientId: user.pool.getClientId(),
		AuthParameters: authParameters,
		ClientMetadata: authFlowMetadata(authDetails),
	});
	user.client.request<AuthChallengeResponse>('InitiateAuth', request, (err, data) => {
		if (err) return callMember(callback, 'onFailure', err);
		user.authenticateUserInternal(data ?? {}, null, callback);
	});
}

/**
 * NEW_PASSWORD_REQUIRED: the attributes go under the prefix the AuthenticationHelper names,
 * and the helper goes on with the reply, as in the original.
 */
export function answerNewPassword(
	user: CognitoUser,
	newPassword: string,
	requiredAttributeData: object | null | undefined,
	callback: IAuthenticationCallback,
	clientMetadata: ClientMetadata,
): void {
	const fail = (err: Error): void => callMember(callback, 'onFailure', err);
	if (!newPassword) return fail(new Error('New password is required.'));
	const created = attempt(() => helperFor(user, null), fail);
	if (!created) return;
	const helper = created.value;
	const prefix = helper.getNewPasswordRequiredChallengeUserAttributePrefix();
	const challengeResponses: Body = {};
	for (const [name, value] of Object.entries(requiredAttributeData ?? {})) {
		challengeResponses[prefix + name] = value;
	}
	challengeResponses.NEW_PASSWORD = newPassword;
	challengeResponses.USERNAME = user.username;
	const request = {
		ChallengeName: 'NEW_PASSWORD_REQUIRED',
		ClientId: user.pool.getClientId(),
		ChallengeResponses: challengeResponses,
		Session: user.Session,
		ClientMetadata: clientMetadata,
	};
	respondAndAuthenticate(user, request, callback, helper);
}

/**
 * CUSTOM_CHALLENGE, with the cached device; the reply continues with a helper for the pool,
 * which a new device in the reply needs.
 */
export function answerCustomChallenge(
	user: CognitoUser,
	answerChallenge: string,
	callback: IAuthenticationCallback,
	clientMetadata: ClientMetadata,
): void {
	const created = attempt(
		() => helperFor(user, null),
		(err) => callMember(callback, 'onFailure', err),
	);
	if (!created) return;
	const challengeResponses: Body = { USERNAME: user.username, ANSWER: answerChallenge };
	addCachedDeviceKey(user, challengeResponses);
	const request = {
		ChallengeName: 'CUSTOM_CHALLENGE',
		ChallengeResponses: challengeResponses,
		ClientId: user.pool.getClientId(),
		Session: user.Session,
		ClientMetadata: clientMetadata,
	};
	respondAndAuthenticate(user, request, callback, created.value);
}

/**
 * SMS_MFA (default) or SOFTWARE_TOKEN_MFA with the code; see STEPS.mfaCode for the reply.
 * EMAIL_OTP and SMS_OTP, which apps pass here too, are answered as `sendOtpCode` does.
 */
export function answerMfaCode(
	user: CognitoUser,
	confirmationCode: string,
	callback: Pick<IAuthenticationCallback, 'onSuccess' | 'onFailure'>,
	mfaType: string | undefined,
	clientMetadata: ClientMetadata,
): void {
	if (mfaType !== undefined && OTP_CODE_KEYS.has(mfaType)) {
		const asked = callback as IAuthenticationCallback;
		return answerOtp(user, mfaType, confirmationCode, asked, clientMetadata);
	}
	const challengeName = mfaType || 'SMS_MFA';
	const challengeResponses: Body = { USERNAME: user.username, SMS_MFA_CODE: confirmationCode };
	if (challengeName === 'SOFTWARE_TOKEN_MFA') {
		challengeResponses.SOFTWARE_TOKEN_MFA_CODE = confirmationCode;
	}
	if (user.deviceKey != null) challengeResponses.DEVICE_KEY = user.deviceKey;
	const request = {
		ChallengeName: challengeName,
		ChallengeResponses: challengeResponses,
		ClientId: user.pool.getClientId(),
		Session: user.Session,
		ClientMetadata: clientMetadata,
	};
	respondToChallenge(user, request, callback, (reply) =>
		routeReply(user, reply, STEPS.mfaCode, callback),
	);
}

/** SELECT_MFA_TYPE with the chosen type; see `routeSelection` for the reply. */
export function answerMfaSelection(
	user: CognitoUser,
	answerChallenge: string,
	callback: IMfaSelectionCallbacks,
): void {
	const request = {
		ChallengeName: 'SELECT_MFA_TYPE',
		ChallengeResponses: { USERNAME: user.username, ANSWER: answerChallenge },
		ClientId: user.pool.getClientId(),
		Session: user.Session,
	};
	respondToChallenge(user, request, callback, (reply) =>
		routeSelection(user, answerChallenge, reply, callback),
	);
}
