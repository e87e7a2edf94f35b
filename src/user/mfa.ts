// MFA settings and TOTP setup: the legacy SMS settings, the MFA preference, and the
// AssociateSoftwareToken / VerifySoftwareToken pair, which before sign-in completes also answers
// MFA_SETUP.
import type CognitoUser from '../CognitoUser';
import type CognitoUserSession from '../CognitoUserSession';
import type {
	IAssociateSoftwareTokenCallbacks,
	IMfaSettings,
	IResultCallbacks,
	MFAOption,
	MfaPreferenceExtra,
	ResultCallback,
	UserAuthFactorsResult,
	UserData,
	VerifySoftwareTokenResult,
} from '../types';
import { callMember, nodeOutcome, objectOutcome } from '../utils/callbacks';
import { send, sendAuthenticated, validAccessToken } from './requests';
import type { Body } from './requests';
import { respondToChallenge, routeReply, STEPS } from './signIn';

/** SetUserSettings with the given legacy MFA options (`enableMFA` / `disableMFA`). */
export function setSmsMfaOptions(
	user: CognitoUser,
	MFAOptions: MFAOption[],
	callback: ResultCallback<'SUCCESS'>,
): void {
	const body = (accessToken: string) => ({ MFAOptions, AccessToken: accessToken });
	sendAuthenticated(user, 'SetUserSettings', body, nodeOutcome(callback), () => 'SUCCESS' as const);
}

/**
 * SetUserMFAPreference. The email and passkey settings are added only when given, so that the
 * original's three-argument form sends the original's body.
 */
export function setMfaPreference(
	user: CognitoUser,
	smsMfaSettings: IMfaSettings | null,
	softwareTokenMfaSettings: IMfaSettings | null,
	callback: ResultCallback<'SUCCESS'>,
	extra: MfaPreferenceExtra | undefined,
): void {
	const body = (accessToken: string): Body => {
		const request: Body = {
			SMSMfaSettings: smsMfaSettings,
			SoftwareTokenMfaSettings: softwareTokenMfaSettings,
		};
		if (extra?.email !== undefined) request.EmailMfaSettings = extra.email;
		if (extra?.webAuthn !== undefined) request.WebAuthnMfaSettings = extra.webAuthn;
		request.AccessToken = accessToken;
		return request;
	};
	const outcome = nodeOutcome<'SUCCESS'>(callback);
	sendAuthenticated(user, 'SetUserMFAPreference', body, outcome, () => 'SUCCESS' as const);
}

/** GetUserAuthFactors: the user's MFA settings and configured sign-in factors. */
export function authFactors(
	user: CognitoUser,
	callback: ResultCallback<UserAuthFactorsResult>,
): void {
	const body = (accessToken: string) => ({ AccessToken: accessToken });
	const asIs = (data: UserAuthFactorsResult): UserAuthFactorsResult => data;
	sendAuthenticated(user, 'GetUserAuthFactors', body, nodeOutcome(callback), asIs);
}

/** GetUser, reduced to its (deprecated) MFAOptions. */
export function mfaOptions(user: CognitoUser, callback: ResultCallback<MFAOption[]>): void {
	const body = (accessToken: string) => ({ AccessToken: accessToken });
	sendAuthenticated(
		user,
		'GetUser',
		body,
		nodeOutcome(callback),
		(data: Partial<UserData>) => data.MFAOptions as MFAOption[],
	);
}

/**
 * AssociateSoftwareToken: with the access token once signed in, else with the challenge
 * Session, which the reply's replaces. The service always sends a SecretCode; a test double
 * that answers `{}` gets `associateSecretCode(undefined)`, as with the original.
 */
export function associateToken(
	user: CognitoUser,
	callback: IAssociateSoftwareTokenCallbacks,
): void {
	const outcome = {
		fail: (err: Error) => callMember(callback, 'onFailure', err),
		succeed: (secretCode: string) => callMember(callback, 'associateSecretCode', secretCode),
	};
	type Reply = { SecretCode?: string; Session?: string };
	const accessToken = validAccessToken(user);
	if (accessToken !== undefined) {
		const body = { AccessToken: accessToken };
		send(user, 'AssociateSoftwareToken', body, outcome, (data: Reply) => data.SecretCode as string);
		return;
	}
	send(user, 'AssociateSoftwareToken', { Session: user.Session }, outcome, (data: Reply) => {
		user.Session = data.Session;
		return data.SecretCode as string;
	});
}

/**
 * VerifySoftwareToken. Once signed in, the reply is the outcome. Before sign-in completes, it
 * uses the challenge Session and the reply's Session answers MFA_SETUP, whose tokens end the
 * sign-in (see STEPS.mfaSetup).
 */
export function verifyToken(
	user: CognitoUser,
	totpCode: string,
	friendlyDeviceName: string,
	callback: IResultCallbacks<CognitoUserSession | VerifySoftwareTokenResult>,
): void {
	const accessToken = validAccessToken(user);
	if (accessToken !== undefined) {
		const body = {
			AccessToken: accessToken,
			UserCode: totpCode,
			FriendlyDeviceName: friendlyDeviceName,
		};
		const asIs = (data: VerifySoftwareTokenResult): VerifySoftwareTokenResult => data;
		send(user, 'VerifySoftwareToken', body, objectOutcome(callback), asIs);
		return;
	}
	const body = {
		Session: user.Session,
		UserCode: totpCode,
		FriendlyDeviceName: friendlyDeviceName,
	};
	user.client.request<VerifySoftwareTokenResult>('VerifySoftwareToken', body, (err, data) => {
		if (err) return callMember(callback, 'onFailure', err);
		user.Session = data?.Session;
		const request = {
			ChallengeName: 'MFA_SETUP',
			ClientId: user.pool.getClientId(),
			ChallengeResponses: { USERNAME: user.username },
			Session: user.Session,
		};
		respondToChallenge(user, request, callback, (reply) =>
			routeReply(user, reply, STEPS.mfaSetup, callback),
		);
	});
}
