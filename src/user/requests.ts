// How CognitoUser's methods talk to the service: the body every request gets completed with,
// the "not authenticated" guard, and the mapping of a reply to the application's callback.
import { createCognitoError } from '../Client';
import type CognitoUser from '../CognitoUser';
import type { CodeDeliveryResult, IVerificationCodeCallbacks } from '../types';
import { attempt, callMember } from '../utils/callbacks';
import type { Outcome } from '../utils/callbacks';
import { withSecret } from '../utils/secretHash';

/** A JSON request body. */
export type Body = { [key: string]: unknown };

/** Whether a reply member is a JSON object (not null, not an array). */
export const isJsonObject = (value: unknown): value is { [key: string]: unknown } =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The original's message for a method that needs a valid session and has none. */
export const NOT_AUTHENTICATED = 'User is not authenticated';

/** A 200 reply that lacks what the method needs: an error with a code, never a success. */
export function invalidResponse(message: string): Error {
	return createCognitoError(message, 'InvalidResponseException');
}

/**
 * Adds `UserContextData` last, and only when the pool has some, as the original did; then,
 * for a pool with a client secret, the secret hash (over `hashedName`).
 */
export function completeBody(user: CognitoUser, body: Body, hashedName = user.username): Body {
	const contextData = user.getUserContextData();
	if (contextData) body.UserContextData = contextData;
	return withSecret(user.pool, body, hashedName);
}

/**
 * Loads the cached device into the user, as the original did before the requests that may
 * carry it, and adds its key to `parameters` when there is one.
 */
export function addCachedDeviceKey(user: CognitoUser, parameters: Body): void {
	user.getCachedDeviceKeyAndPassword();
	if (user.deviceKey != null) parameters.DEVICE_KEY = user.deviceKey;
}

/** The access token of a valid session, or undefined (the "not authenticated" guard). */
export function validAccessToken(user: CognitoUser): string | undefined {
	const session = user.signInUserSession;
	if (session == null || !session.isValid()) return undefined;
	return session.getAccessToken().getJwtToken();
}

/**
 * Sends `operation`; on success, `respond` maps the reply (`{}` when the body was empty) to the
 * value the outcome gets. A throw in `respond` (a reply it cannot use) fails the outcome
 * instead of escaping into the client.
 */
export function send<T, R>(
	user: CognitoUser,
	operation: string,
	body: Body,
	outcome: Outcome<R>,
	respond: (data: T) => R,
): void {
	user.client.request<T>(operation, body, (err, data) => {
		if (err) return outcome.fail(err);
		const result = attempt(() => respond((data ?? {}) as T), outcome.fail);
		if (result) outcome.succeed(result.value);
	});
}

/** `send` behind the "not authenticated" guard, with the access token for the body. */
export function sendAuthenticated<T, R>(
	user: CognitoUser,
	operation: string,
	body: (accessToken: string) => Body,
	outcome: Outcome<R>,
	respond: (data: T) => R,
): void {
	const accessToken = validAccessToken(user);
	if (accessToken === undefined) return outcome.fail(new Error(NOT_AUTHENTICATED));
	send(user, operation, body(accessToken), outcome, respond);
}

/** Reports to `inputVerificationCode(data)` when the app supplied it, else to `onSuccess`. */
export function verificationOutcome<T>(
	callback: IVerificationCodeCallbacks<T, CodeDeliveryResult>,
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
