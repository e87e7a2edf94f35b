// The session: finding a valid one (memory, storage, refresh), refreshing it once for every
// concurrent caller, and the user data cached next to it.
import CognitoAccessToken from '../CognitoAccessToken';
import CognitoRefreshToken from '../CognitoRefreshToken';
import type CognitoUser from '../CognitoUser';
import type CognitoUserSession from '../CognitoUserSession';
import type {
	AuthChallengeResponse,
	AuthenticationResult,
	ClientMetadata,
	GetSessionCallback,
	GetUserDataOptions,
	ICognitoError,
	ResultCallback,
	RevokeCallback,
	UserData,
} from '../types';
import { attempt, callNode, outsidePromise } from '../utils/callbacks';
import { shareRefresh } from '../utils/refreshCoordinator';
import { withSecret } from '../utils/secretHash';
import { completeBody, invalidResponse, NOT_AUTHENTICATED, validAccessToken } from './requests';
import type { Body } from './requests';
import { readAccessToken, readLastUser, readRefreshToken, readStoredSession } from './store';

/** `getSession`: memory, then storage (both synchronously), then a refresh. */
export function findSession(
	user: CognitoUser,
	callback: GetSessionCallback,
	clientMetadata: ClientMetadata,
): void {
	if (user.username == null) {
		return callback(new Error('Username is null. Cannot retrieve a new session'), null);
	}
	if (user.signInUserSession != null && user.signInUserSession.isValid()) {
		return callback(null, user.signInUserSession);
	}
	const stored = readStoredSession(user);
	if (!stored) {
		return callback(new Error('Local storage is missing an ID Token, Please authenticate'), null);
	}
	if (stored.isValid()) {
		user.signInUserSession = stored;
		return callback(null, stored);
	}
	const refreshToken = stored.getRefreshToken();
	if (!refreshToken.getToken()) {
		return callback(new Error('Cannot retrieve a new session. Please authenticate.'), null);
	}
	user.refreshSession(refreshToken, callback, clientMetadata);
}

/** `refreshSession`: one request per pool, user and refresh token at a time. */
export function refresh(
	user: CognitoUser,
	given: CognitoRefreshToken,
	callback: ResultCallback<CognitoUserSession>,
	clientMetadata: ClientMetadata,
): void {
	const wrap = user.pool.wrapRefreshSessionCallback;
	const reply = typeof wrap === 'function' ? wrap.call(user.pool, callback) : callback;
	const lastUser = readLastUser(user);
	if (lastUser) {
		// As in the original, the refresh is for whoever signed in last on this storage.
		user.username = lastUser.username;
		user.deviceKey = lastUser.deviceKey;
	}
	const rotating = user.pool.refreshTokenRotation === true;
	// With rotation, another tab may have spent `given` and stored its successor: re-read it.
	const refreshToken = (rotating && readStoredRefreshToken(user)) || given;
	const waiter = (err: Error | null, session: CognitoUserSession | null): void => {
		if (session) user.signInUserSession = session;
		if (err) callNode(reply, err, null);
		else callNode(reply, null, session);
	};
	shareRefresh<CognitoUserSession>(
		user.pool,
		`${user.username}\u0000${refreshToken.getToken()}`,
		waiter,
		(finish) => {
			if (rotating) return requestRotation(user, refreshToken, clientMetadata, finish);
			const authParameters: Body = { REFRESH_TOKEN: refreshToken.getToken() };
			if (lastUser) authParameters.DEVICE_KEY = user.deviceKey;
			requestRefresh(user, refreshToken, authParameters, clientMetadata, finish);
		},
	);
}

/** Reports a shared refresh's outcome to `shareRefresh`, which tells every waiter once. */
type Finish = (err: Error | null, session: CognitoUserSession | null) => void;

/**
 * Ends a refresh: an error that means the refresh token is dead clears the cached tokens;
 * otherwise the result, with the old refresh token where none came back, is adopted and
 * stored before `finish` tells anyone.
 */
function settleRefresh(
	user: CognitoUser,
	refreshToken: CognitoRefreshToken,
	err: Error | null,
	data: AuthChallengeResponse | undefined,
	keepOld: (result: AuthenticationResult) => boolean,
	finish: Finish,
): void {
	if (err) {
		if (DEAD_REFRESH_TOKEN.has(String((err as ICognitoError).code))) user.clearCachedUser();
		return finish(err, null);
	}
	const result = data?.AuthenticationResult;
	if (result == null) {
		return finish(invalidResponse('The service replied without an AuthenticationResult.'), null);
	}
	if (keepOld(result)) result.RefreshToken = refreshToken.getToken();
	user.signInUserSession = user.getCognitoUserSession(result);
	user.cacheTokens();
	finish(null, user.signInUserSession);
}

/** Errors after which the refresh token will never work again: the session is cleared. */
const DEAD_REFRESH_TOKEN = new Set(['NotAuthorizedException', 'RefreshTokenReuseException']);

/**
 * GetTokensFromRefreshToken, for app clients with rotation: the raw client secret (not a
 * hash), the device key only when one is stored, and no UserContextData (the action has none).
 * RefreshTokenReuseException is a 400, which `requestWithRetry` never retries.
 */
function requestRotation(
	user: CognitoUser,
	refreshToken: CognitoRefreshToken,
	clientMetadata: ClientMetadata,
	finish: Finish,
): void {
	const request: Body = {
		RefreshToken: refreshToken.getToken(),
		ClientId: user.pool.getClientId(),
	};
	if (user.pool.clientSecret) request.ClientSecret = user.pool.clientSecret;
	if (typeof user.deviceKey === 'string' && user.deviceKey) request.DeviceKey = user.deviceKey;
	if (clientMetadata !== undefined) request.ClientMetadata = clientMetadata;
	user.client.requestWithRetry<AuthChallengeResponse>(
		'GetTokensFromRefreshToken',
		request,
		(err, data) =>
			settleRefresh(user, refreshToken, err, data, (result) => !result.RefreshToken, finish),
	);
}

/** The refresh token stored for the user, if any. */
function readStoredRefreshToken(user: CognitoUser): CognitoRefreshToken | undefined {
	const token = readRefreshToken(user);
	return token ? new CognitoRefreshToken({ RefreshToken: token }) : undefined;
}

/** The one request of a shared refresh. */
function requestRefresh(
	user: CognitoUser,
	refreshToken: CognitoRefreshToken,
	authParameters: Body,
	clientMetadata: ClientMetadata,
	finish: Finish,
): void {
	const request = completeBody(
		user,
		{
			ClientId: user.pool.getClientId(),
			AuthFlow: 'REFRESH_TOKEN_AUTH',
			AuthParameters: authParameters,
			ClientMetadata: clientMetadata,
		},
		// Read only for a secret client, so that other pools' storage traffic stays the original's.
		user.pool.clientSecret ? serviceUsername(user) : undefined,
	);
	// Without rotation the service omits RefreshToken: the old one stays valid.
	const omitted = (result: AuthenticationResult): boolean =>
		!Object.prototype.hasOwnProperty.call(result, 'RefreshToken');
	user.client.requestWithRetry<AuthChallengeResponse>('InitiateAuth', request, (err, data) =>
		settleRefresh(user, refreshToken, err, data, omitted, finish),
	);
}

/**
 * The username the service knows the user by, for a refresh's secret hash: the access token's
 * `username` claim (`user.username` can be an alias after USER_PASSWORD_AUTH), else
 * `user.username`.
 */
function serviceUsername(user: CognitoUser): string {
	const token =
		user.signInUserSession?.getAccessToken() ??
		new CognitoAccessToken({ AccessToken: readAccessToken(user) ?? '' });
	const claim: unknown = token.decodePayload().username;
	return typeof claim === 'string' ? claim : user.username;
}

/** `getUserData`: the cached GetUser reply, or a fresh one (and fresh tokens, see the option). */
export function userData(
	user: CognitoUser,
	callback: ResultCallback<UserData>,
	params: GetUserDataOptions | undefined,
): void {
	if (validAccessToken(user) === undefined) {
		user.clearCachedUserData();
		return callNode(callback, new Error(NOT_AUTHENTICATED), null);
	}
	const cached = user.getUserDataFromCache();
	// The callback runs outside the promise chain's error path: an exception it throws is
	// rethrown as an uncaught error, as the Client does, and never delivered back to it.
	const fail = (err: unknown): void => outsidePromise(() => callNode(callback, err));
	const succeed = (data: UserData): void => outsidePromise(() => callNode(callback, null, data));
	if (!cached) {
		user.fetchUserData().then(succeed, fail);
		return;
	}
	if (user.isFetchUserDataAndTokenRequired(params)) {
		user
			.fetchUserData()
			.then((data) => user.refreshSessionIfPossible(params).then(() => data))
			.then(succeed, fail);
		return;
	}
	let parsed: UserData;
	try {
		parsed = JSON.parse(cached) as UserData;
	} catch (err) {
		user.clearCachedUserData();
		return callNode(callback, err, null);
	}
	callNode(callback, null, parsed);
}

/**
 * `signOut`: without a callback, a local sign-out at once and a revocation in the background;
 * with one, the revocation first (when the session can be revoked), then the local sign-out.
 */
export function signOut(user: CognitoUser, revokeTokenCallback: RevokeCallback | undefined): void {
	if (!revokeTokenCallback || typeof revokeTokenCallback !== 'function') {
		// Read before cleaning: the cleaning forgets exactly what is to be revoked.
		const session = user.signInUserSession ?? readStoredSession(user);
		user.cleanClientData();
		const token = session?.getRefreshToken()?.getToken();
		if (token && user.isSessionRevocable(session?.getAccessToken())) {
			// Nobody hears of this revocation: not even a broken client may make signOut throw.
			attempt(
				() => user.revokeToken({ token, callback: () => undefined }),
				() => undefined,
			);
		}
		return;
	}
	user.getSession((error: Error | null) => {
		if (error) return revokeTokenCallback(error);
		user.revokeTokens((err) => {
			user.cleanClientData();
			revokeTokenCallback(err);
		});
	});
}

/** `revokeTokens`: RevokeToken when the access token carries `origin_jti`, else nothing. */
export function revokeTokens(user: CognitoUser, revokeTokenCallback: RevokeCallback): void {
	if (typeof revokeTokenCallback !== 'function') {
		throw new Error('Invalid revokeTokenCallback. It should be a function.');
	}
	const session = user.signInUserSession;
	if (!session) return revokeTokenCallback(new Error(NOT_AUTHENTICATED));
	const accessToken = session.getAccessToken();
	if (!accessToken) return revokeTokenCallback(new Error('No Access token available'));
	const refreshToken = session.getRefreshToken()?.getToken();
	if (user.isSessionRevocable(accessToken) && refreshToken) {
		return user.revokeToken({ token: refreshToken, callback: revokeTokenCallback });
	}
	revokeTokenCallback();
}

/** `revokeToken`: RevokeToken, retried on transient errors. */
export function revokeToken(user: CognitoUser, token: string, callback: RevokeCallback): void {
	user.client.requestWithRetry(
		'RevokeToken',
		withSecret(user.pool, { Token: token, ClientId: user.pool.getClientId() }, user.username),
		(err) => {
			if (err) return callback(err);
			callback();
		},
	);
}
