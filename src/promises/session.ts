// Sessions, MFA settings, TOTP and devices as async functions over the callback methods.
import type CognitoRefreshToken from '../CognitoRefreshToken';
import type CognitoUser from '../CognitoUser';
import type CognitoUserSession from '../CognitoUserSession';
import type {
	GetDeviceResult,
	GetUserDataOptions,
	IMfaSettings,
	ListDevicesResult,
	MfaPreferenceExtra,
	UserAuthFactorsResult,
	UserData,
	VerifySoftwareTokenResult,
} from '../types';
import { nodeStyle, resultCallbacks, run } from './run';
import type { CallOptions } from './run';
import type { AnswerOptions } from './signIn';

/**
 * A valid session: the one in memory or storage, else a refreshed one (concurrent calls that
 * need a refresh share one request). Rejects when there is none.
 */
export function getSession(
	user: CognitoUser,
	options?: AnswerOptions,
): Promise<CognitoUserSession> {
	return run(user, options, (outcome) =>
		user.getSession(
			(err: Error | null, session: CognitoUserSession | null) =>
				err || !session ? outcome.fail(err ?? new Error('No session.')) : outcome.succeed(session),
			{ clientMetadata: options?.clientMetadata },
		),
	);
}

/** Exchanges the refresh token for new tokens, which are cached. */
export function refreshSession(
	user: CognitoUser,
	refreshToken: CognitoRefreshToken,
	options?: AnswerOptions,
): Promise<CognitoUserSession> {
	return run(user, options, (outcome) =>
		user.refreshSession(refreshToken, nodeStyle(outcome), options?.clientMetadata),
	);
}

/** The user's attributes and MFA settings (GetUser, or the cache: see `getUserData`). */
export function getUserData(
	user: CognitoUser,
	options?: CallOptions & GetUserDataOptions,
): Promise<UserData> {
	return run(user, options, (outcome) =>
		user.getUserData(nodeStyle(outcome), { bypassCache: options?.bypassCache }),
	);
}

/** The factors the user can sign in with and the MFA settings (GetUserAuthFactors). */
export function getUserAuthFactors(
	user: CognitoUser,
	options?: CallOptions,
): Promise<UserAuthFactorsResult> {
	return run(user, options, (outcome) => user.getUserAuthFactors(nodeStyle(outcome)));
}

/** Which MFA methods are enabled and preferred (`null` leaves a method as it is). */
export interface MfaPreference extends MfaPreferenceExtra {
	/** SMS MFA. */
	sms?: IMfaSettings | null;
	/** TOTP (authenticator app). */
	totp?: IMfaSettings | null;
}

/** Sets the MFA preferences (SetUserMFAPreference). */
export function setMfaPreference(
	user: CognitoUser,
	preference: MfaPreference,
	options?: CallOptions,
): Promise<'SUCCESS'> {
	const { sms, totp, email, webAuthn } = preference;
	return run(user, options, (outcome) =>
		user.setUserMfaPreference(sms ?? null, totp ?? null, nodeStyle(outcome), { email, webAuthn }),
	);
}

/** Asks for a TOTP secret for the signed-in user; show it, then `verifyTotp`. */
export function associateTotp(user: CognitoUser, options?: CallOptions): Promise<string> {
	return run(user, options, (outcome) =>
		user.associateSoftwareToken({ associateSecretCode: outcome.succeed, onFailure: outcome.fail }),
	);
}

/** Verifies a code of the authenticator app set up with `associateTotp`. */
export function verifyTotp(
	user: CognitoUser,
	code: string,
	deviceName = '',
	options?: CallOptions,
): Promise<CognitoUserSession | VerifySoftwareTokenResult> {
	return run(user, options, (outcome) =>
		user.verifySoftwareToken(code, deviceName, resultCallbacks(outcome)),
	);
}

/** This device's record (GetDevice). */
export function getDevice(user: CognitoUser, options?: CallOptions): Promise<GetDeviceResult> {
	return run(user, options, (outcome) => user.getDevice(resultCallbacks(outcome)));
}

/** One page of the user's remembered devices. */
export function listDevices(
	user: CognitoUser,
	limit: number,
	paginationToken?: string | null,
	options?: CallOptions,
): Promise<ListDevicesResult> {
	return run(user, options, (outcome) =>
		user.listDevices(limit, paginationToken, resultCallbacks(outcome)),
	);
}

/** Marks this device as remembered. */
export function rememberDevice(user: CognitoUser, options?: CallOptions): Promise<'SUCCESS'> {
	return run(user, options, (outcome) => user.setDeviceStatusRemembered(resultCallbacks(outcome)));
}

/** Marks this device as not remembered. */
export function doNotRememberDevice(user: CognitoUser, options?: CallOptions): Promise<'SUCCESS'> {
	return run(user, options, (outcome) =>
		user.setDeviceStatusNotRemembered(resultCallbacks(outcome)),
	);
}

/** Forgets this device, here and at the service. */
export function forgetDevice(user: CognitoUser, options?: CallOptions): Promise<'SUCCESS'> {
	return run(user, options, (outcome) => user.forgetDevice(resultCallbacks(outcome)));
}

/** Forgets another of the user's devices. */
export function forgetSpecificDevice(
	user: CognitoUser,
	deviceKey: string,
	options?: CallOptions,
): Promise<'SUCCESS'> {
	return run(user, options, (outcome) =>
		user.forgetSpecificDevice(deviceKey, resultCallbacks(outcome)),
	);
}
