// What a user keeps in its storage, and the one place where storage may fail.
//
// A store can throw on any call: Safari's private mode and sandboxed frames refuse access, a
// full quota refuses writes. Every access of the library goes through `readItem`, `writeItem`
// and `removeItem`, so that a refusal is handled here and only here: an unreadable store holds
// nothing, and a write or removal that fails only costs persistence (the session stays in
// memory). Callers therefore never wrap storage calls.
import CognitoAccessToken from '../CognitoAccessToken';
import CognitoIdToken from '../CognitoIdToken';
import CognitoRefreshToken from '../CognitoRefreshToken';
import type CognitoUser from '../CognitoUser';
import CognitoUserSession from '../CognitoUserSession';
import type { ICognitoStorage } from '../types';
import { clientKeyPrefix, lastAuthUserKey, userKeys } from './storageKeys';

/** `storage.getItem(key)`, or null when the store refuses to be read. */
export function readItem(storage: ICognitoStorage, key: string): string | null | undefined {
	try {
		return storage.getItem(key);
	} catch {
		return null;
	}
}

/**
 * `storage.setItem(key, value)`; a refusal costs persistence only. The value goes through as
 * is: the original stored null/undefined device fields the same way, and storages differ in
 * what they make of them.
 */
export function writeItem(storage: ICognitoStorage, key: string, value: unknown): void {
	try {
		storage.setItem(key, value as string);
	} catch {
		// A full or refused store only costs persistence; the session stays in memory.
	}
}

/** `storage.removeItem(key)`; a refusal leaves nothing we could still lose. */
export function removeItem(storage: ICognitoStorage, key: string): void {
	try {
		storage.removeItem(key);
	} catch {
		// Nothing was cached there that we could still lose.
	}
}

/** The keys of the user's tokens, user data and device. */
const keysOf = (user: CognitoUser) => userKeys(user.keyPrefix, user.username);

/**
 * The same keys as the original spelled them where it read a session or a device: from the
 * pool's client id at that moment rather than from `keyPrefix`.
 */
const readKeysOf = (user: CognitoUser) =>
	userKeys(clientKeyPrefix(user.pool.getClientId()), user.username);

/** Caches the session's tokens, the clock drift and LastAuthUser. */
export function cacheTokens(user: CognitoUser): void {
	const session = user.signInUserSession;
	if (!session) return;
	const keys = keysOf(user);
	writeItem(user.storage, keys.idToken, session.getIdToken().getJwtToken());
	writeItem(user.storage, keys.accessToken, session.getAccessToken().getJwtToken());
	writeItem(user.storage, keys.refreshToken, session.getRefreshToken()?.getToken());
	writeItem(user.storage, keys.clockDrift, `${session.getClockDrift()}`);
	writeItem(user.storage, lastAuthUserKey(user.keyPrefix), user.username);
}

/** Drops the cached tokens, LastAuthUser and the clock drift, in the original's order. */
export function clearTokens(user: CognitoUser): void {
	const keys = keysOf(user);
	removeItem(user.storage, keys.idToken);
	removeItem(user.storage, keys.accessToken);
	removeItem(user.storage, keys.refreshToken);
	removeItem(user.storage, lastAuthUserKey(user.keyPrefix));
	removeItem(user.storage, keys.clockDrift);
}

/**
 * The session cached in storage, or undefined when there is no ID token. The ID token is read
 * twice, as the original does: applications' tests count getItem calls.
 */
export function readStoredSession(user: CognitoUser): CognitoUserSession | undefined {
	const keys = readKeysOf(user);
	if (!readItem(user.storage, keys.idToken)) return undefined;
	const text = (value: unknown): string | undefined =>
		typeof value === 'string' ? value : undefined;
	return new CognitoUserSession({
		IdToken: new CognitoIdToken({ IdToken: String(readItem(user.storage, keys.idToken)) }),
		AccessToken: new CognitoAccessToken({
			AccessToken: text(readItem(user.storage, keys.accessToken)),
		}),
		RefreshToken: new CognitoRefreshToken({
			RefreshToken: text(readItem(user.storage, keys.refreshToken)),
		}),
		// Radix 0, as the original: a stored '0x…' drift parses as hex there too.
		ClockDrift: parseInt(String(readItem(user.storage, keys.clockDrift)), 0) || 0,
	});
}

/** The stored refresh token of the user, if any. */
export function readRefreshToken(user: CognitoUser): string | null | undefined {
	return readItem(user.storage, keysOf(user).refreshToken);
}

/** The stored access token of the user, if any. */
export function readAccessToken(user: CognitoUser): string | null | undefined {
	return readItem(user.storage, keysOf(user).accessToken);
}

/** Caches the device key, secret and group key after ConfirmDevice. */
export function cacheDevice(user: CognitoUser): void {
	const keys = keysOf(user);
	writeItem(user.storage, keys.deviceKey, user.deviceKey);
	writeItem(user.storage, keys.randomPasswordKey, user.randomPassword);
	writeItem(user.storage, keys.deviceGroupKey, user.deviceGroupKey);
}

/** Loads the cached device keys into the user, if a device key is stored. */
export function loadDevice(user: CognitoUser): void {
	const keys = readKeysOf(user);
	if (readItem(user.storage, keys.deviceKey)) {
		user.deviceKey = readItem(user.storage, keys.deviceKey);
		user.randomPassword = readItem(user.storage, keys.randomPasswordKey);
		user.deviceGroupKey = readItem(user.storage, keys.deviceGroupKey);
	}
}

/** Drops the cached device keys. */
export function clearDevice(user: CognitoUser): void {
	const keys = keysOf(user);
	removeItem(user.storage, keys.deviceKey);
	removeItem(user.storage, keys.randomPasswordKey);
	removeItem(user.storage, keys.deviceGroupKey);
}

/**
 * What a refresh needs from storage: the last signed-in username and that user's stored
 * device key (read twice, as the original does), or undefined when no user is recorded.
 */
export function readLastUser(
	user: CognitoUser,
): { username: string; deviceKey: string | null | undefined } | undefined {
	const key = lastAuthUserKey(user.keyPrefix);
	if (!readItem(user.storage, key)) return undefined;
	const username = readItem(user.storage, key) as string;
	return {
		username,
		deviceKey: readItem(user.storage, userKeys(user.keyPrefix, username).deviceKey),
	};
}
