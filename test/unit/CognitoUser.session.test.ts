// Session handling: getSession, refreshSession (and its sharing), getUserData, sign-out,
// the storage keys and robustness against broken storage.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CognitoAccessToken from '../../src/CognitoAccessToken';
import CognitoIdToken from '../../src/CognitoIdToken';
import CognitoRefreshToken from '../../src/CognitoRefreshToken';
import CognitoUser from '../../src/CognitoUser';
import CognitoUserPool from '../../src/CognitoUserPool';
import CognitoUserSession from '../../src/CognitoUserSession';
import AuthenticationDetails from '../../src/AuthenticationDetails';
import {
	CLIENT_ID,
	PREFIX,
	RecordingStorage,
	authResult,
	fakeService,
	jwt,
	nowSec,
	serviceError,
	settle,
	stubPool,
} from './CognitoUser.kit';
import type { FakeService, StubPool } from './CognitoUser.kit';

let service: FakeService;
let pool: StubPool;
let storage: RecordingStorage;

beforeEach(() => {
	service = fakeService();
	storage = new RecordingStorage();
	pool = stubPool({ storage });
});

afterEach(() => {
	vi.restoreAllMocks();
});

const newUser = (username = 'alice'): CognitoUser =>
	new CognitoUser({ Username: username, Pool: pool as never, Storage: storage });

function sessionFrom(
	result: ReturnType<typeof authResult>,
	clockDrift?: number,
): CognitoUserSession {
	return new CognitoUserSession({
		IdToken: new CognitoIdToken(result),
		AccessToken: new CognitoAccessToken(result),
		RefreshToken: new CognitoRefreshToken(result),
		ClockDrift: clockDrift,
	});
}

/** Puts a session for `username` into storage as the library would. */
function store(username: string, result: ReturnType<typeof authResult>, clockDrift = '0'): void {
	const p = `${PREFIX}.${username}`;
	storage.setItem(`${p}.idToken`, result.IdToken);
	storage.setItem(`${p}.accessToken`, result.AccessToken);
	if (result.RefreshToken) storage.setItem(`${p}.refreshToken`, result.RefreshToken);
	storage.setItem(`${p}.clockDrift`, clockDrift);
	storage.setItem(`${PREFIX}.LastAuthUser`, username);
	storage.ops.length = 0;
}

const expired = (tag = 'old') => authResult({ iat: nowSec() - 7200, exp: nowSec() - 3600, tag });

describe('constructor and simple accessors', () => {
	it('requires Username and Pool', () => {
		expect(() => new CognitoUser(undefined as never)).toThrow(
			'Username and Pool information are required.',
		);
		expect(() => new CognitoUser({ Pool: pool } as never)).toThrow(
			'Username and Pool information are required.',
		);
		expect(() => new CognitoUser({ Username: 'x' } as never)).toThrow(
			'Username and Pool information are required.',
		);
	});

	it('sets the original fields and keys', () => {
		const getClientId = vi.spyOn(pool, 'getClientId');
		const user = newUser();
		expect(getClientId).toHaveBeenCalled();
		expect(user.username).toBe('alice');
		expect(user.pool).toBe(pool);
		expect(user.client).toBe(pool.client);
		expect(user.Session).toBeNull();
		expect(user.signInUserSession).toBeNull();
		expect(user.authenticationFlowType).toBe('USER_SRP_AUTH');
		expect(user.storage).toBe(storage);
		expect(user.keyPrefix).toBe(PREFIX);
		expect(user.userDataKey).toBe(`${PREFIX}.alice.userData`);
		expect('deviceKey' in user).toBe(false);
	});

	it("defaults to its own storage, not the pool's", () => {
		const user = new CognitoUser({ Username: 'bob', Pool: pool as never });
		expect(user.storage).not.toBe(storage);
		expect(typeof user.storage.getItem).toBe('function');
	});

	it('setSignInUserSession drops the cached user data and caches the tokens', () => {
		const user = newUser();
		const result = authResult();
		const session = sessionFrom(result, 5);
		user.setSignInUserSession(session);
		expect(user.getSignInUserSession()).toBe(session);
		const p = `${PREFIX}.alice`;
		expect(storage.ops).toEqual([
			['remove', `${p}.userData`],
			['set', `${p}.idToken`, result.IdToken],
			['set', `${p}.accessToken`, result.AccessToken],
			['set', `${p}.refreshToken`, 'refresh-t'],
			['set', `${p}.clockDrift`, '5'],
			['set', `${PREFIX}.LastAuthUser`, 'alice'],
		]);
	});

	it('reads and clears the cached device keys', () => {
		const user = newUser();
		user.getCachedDeviceKeyAndPassword();
		expect(user.deviceKey).toBeUndefined();
		const p = `${PREFIX}.alice`;
		storage.setItem(`${p}.deviceKey`, 'dk');
		storage.setItem(`${p}.randomPasswordKey`, 'rp');
		storage.setItem(`${p}.deviceGroupKey`, 'gk');
		user.getCachedDeviceKeyAndPassword();
		expect([user.deviceKey, user.randomPassword, user.deviceGroupKey]).toEqual(['dk', 'rp', 'gk']);
		user.clearCachedDeviceKeyAndPassword();
		expect(storage.data.size).toBe(0);
	});

	it('clearCachedTokens removes exactly the token keys, in the original order', () => {
		const user = newUser();
		user.clearCachedTokens();
		const p = `${PREFIX}.alice`;
		expect(storage.writes()).toEqual([
			`remove ${p}.idToken`,
			`remove ${p}.accessToken`,
			`remove ${p}.refreshToken`,
			`remove ${PREFIX}.LastAuthUser`,
			`remove ${p}.clockDrift`,
		]);
	});
});

describe('getSession', () => {
	it('fails for a null username', () => {
		const user = newUser();
		(user as { username: unknown }).username = null;
		const cb = vi.fn();
		user.getSession(cb);
		expect(cb.mock.calls[0]?.[0].message).toBe('Username is null. Cannot retrieve a new session');
		expect(cb.mock.calls[0]?.[1]).toBeNull();
	});

	it('returns the valid in-memory session synchronously without reading storage', () => {
		const user = newUser();
		const session = sessionFrom(authResult());
		user.signInUserSession = session;
		const cb = vi.fn();
		user.getSession(cb);
		expect(cb.mock.calls).toEqual([[null, session]]);
		expect(storage.ops).toEqual([]);
	});

	it('adopts a valid stored session synchronously, with its clock drift', () => {
		const result = authResult({ iat: nowSec() - 100, exp: nowSec() + 60 });
		store('alice', result, '-30');
		const user = newUser();
		const cb = vi.fn();
		user.getSession(cb);
		const session = cb.mock.calls[0]?.[1] as CognitoUserSession;
		expect(cb.mock.calls[0]?.[0]).toBeNull();
		expect(user.signInUserSession).toBe(session);
		expect(session.getClockDrift()).toBe(-30);
		expect(session.getIdToken().getJwtToken()).toBe(result.IdToken);
		expect(session.getRefreshToken().getToken()).toBe('refresh-t');
		expect(service.sent).toEqual([]);
	});

	it('reports a missing ID token', () => {
		const cb = vi.fn();
		newUser().getSession(cb);
		expect(cb.mock.calls[0]?.[0].message).toBe(
			'Local storage is missing an ID Token, Please authenticate',
		);
	});

	it('reports an expired session without a refresh token', () => {
		store('alice', { ...expired(), RefreshToken: null });
		const cb = vi.fn();
		newUser().getSession(cb);
		expect(cb.mock.calls[0]?.[0].message).toBe(
			'Cannot retrieve a new session. Please authenticate.',
		);
		expect(service.sent).toEqual([]);
	});

	it('refreshes an expired session, passing clientMetadata along', () => {
		store('alice', expired());
		const refresh = vi.spyOn(CognitoUser.prototype, 'refreshSession');
		const fresh = authResult({ tag: 'new' });
		service.reply({ data: { AuthenticationResult: fresh } });
		const cb = vi.fn();
		newUser().getSession(cb, { clientMetadata: { k: 'v' } });
		expect(refresh).toHaveBeenCalledTimes(1);
		expect((refresh.mock.calls[0]?.[0] as CognitoRefreshToken).getToken()).toBe('refresh-old');
		expect(refresh.mock.calls[0]?.[2]).toEqual({ k: 'v' });
		expect(cb).toHaveBeenCalledTimes(1);
		expect((cb.mock.calls[0]?.[1] as CognitoUserSession).getIdToken().getJwtToken()).toBe(
			fresh.IdToken,
		);
	});

	describe('corrupt or failing storage', () => {
		it('garbage tokens without a refresh token give a clean error', () => {
			storage.setItem(`${PREFIX}.alice.idToken`, 'not a jwt');
			storage.setItem(`${PREFIX}.alice.accessToken`, '%%%.@@@.!!!');
			const cb = vi.fn();
			expect(() => newUser().getSession(cb)).not.toThrow();
			expect(cb.mock.calls[0]?.[0].message).toBe(
				'Cannot retrieve a new session. Please authenticate.',
			);
		});

		it('a non-numeric clock drift counts as 0', () => {
			store('alice', authResult(), 'banana');
			const cb = vi.fn();
			newUser().getSession(cb);
			expect((cb.mock.calls[0]?.[1] as CognitoUserSession).getClockDrift()).toBe(0);
		});

		it('a storage whose reads throw counts as no session', () => {
			const user = newUser();
			vi.spyOn(storage, 'getItem').mockImplementation(() => {
				throw new Error('SecurityError');
			});
			const cb = vi.fn();
			expect(() => user.getSession(cb)).not.toThrow();
			expect(cb.mock.calls[0]?.[0].message).toBe(
				'Local storage is missing an ID Token, Please authenticate',
			);
		});

		it('a full storage keeps the session in memory and throws nothing', () => {
			vi.spyOn(storage, 'setItem').mockImplementation(() => {
				throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
			});
			vi.spyOn(storage, 'removeItem').mockImplementation(() => {
				throw new Error('nope');
			});
			service.reply({ data: { AuthenticationResult: authResult() } });
			const user = newUser();
			user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
			const cbs = { onSuccess: vi.fn(), onFailure: vi.fn() };
			expect(() =>
				user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: 'p' }), cbs),
			).not.toThrow();
			expect(cbs.onSuccess).toHaveBeenCalledTimes(1);
			const cb = vi.fn();
			user.getSession(cb);
			expect(cb.mock.calls[0]?.[1]).toBe(user.signInUserSession);
			expect(() => user.signOut()).not.toThrow();
			expect(user.signInUserSession).toBeNull();
		});
	});
});

describe('refreshSession', () => {
	it('sends REFRESH_TOKEN_AUTH with retry, rewrites username from LastAuthUser and sends its device key', () => {
		store('canonical-id', expired());
		storage.setItem(`${PREFIX}.canonical-id.deviceKey`, 'dev-r');
		const user = newUser('alias@example.com');
		const fresh = authResult({ tag: 'new' });
		service.reply({ data: { AuthenticationResult: fresh } });
		const cb = vi.fn();
		user.refreshSession(new CognitoRefreshToken({ RefreshToken: 'refresh-old' }), cb, { m: '1' });
		expect(service.sent).toHaveLength(1);
		expect(service.sent[0]?.retry).toBe(true);
		expect(service.sent[0]?.operation).toBe('InitiateAuth');
		expect(service.sent[0]?.body).toBe(
			JSON.stringify({
				ClientId: CLIENT_ID,
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				AuthParameters: { REFRESH_TOKEN: 'refresh-old', DEVICE_KEY: 'dev-r' },
				ClientMetadata: { m: '1' },
			}),
		);
		expect(user.username).toBe('canonical-id');
		expect(user.userDataKey).toBe(`${PREFIX}.alias@example.com.userData`); // upstream quirk
		const session = cb.mock.calls[0]?.[1] as CognitoUserSession;
		expect(cb.mock.calls[0]?.[0]).toBeNull();
		expect(session.getRefreshToken().getToken()).toBe('refresh-new');
		expect(storage.data.get(`${PREFIX}.canonical-id.idToken`)).toBe(fresh.IdToken);
		expect(storage.data.get(`${PREFIX}.canonical-id.refreshToken`)).toBe('refresh-new');
	});

	it('sends DEVICE_KEY null when LastAuthUser exists but no device key (localStorage)', () => {
		store('alice', expired());
		service.reply({ data: { AuthenticationResult: authResult() } });
		newUser().refreshSession(new CognitoRefreshToken({ RefreshToken: 'r' }), vi.fn());
		expect(service.sent[0]?.body).toBe(
			JSON.stringify({
				ClientId: CLIENT_ID,
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				AuthParameters: { REFRESH_TOKEN: 'r', DEVICE_KEY: null },
			}),
		);
	});

	it('omits DEVICE_KEY without LastAuthUser and adds UserContextData', () => {
		pool.getUserContextData = () => ({ EncodedData: 'e' });
		service.reply({ data: { AuthenticationResult: authResult() } });
		newUser().refreshSession(new CognitoRefreshToken({ RefreshToken: 'r' }), vi.fn());
		expect(service.sent[0]?.body).toBe(
			JSON.stringify({
				ClientId: CLIENT_ID,
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				AuthParameters: { REFRESH_TOKEN: 'r' },
				UserContextData: { EncodedData: 'e' },
			}),
		);
	});

	it('keeps the old refresh token when the reply has none, and a present null as empty', () => {
		const fresh = authResult({ tag: 'n' });
		delete fresh.RefreshToken;
		service.reply({ data: { AuthenticationResult: fresh } });
		const cb = vi.fn();
		newUser().refreshSession(new CognitoRefreshToken({ RefreshToken: 'keep-me' }), cb);
		expect((cb.mock.calls[0]?.[1] as CognitoUserSession).getRefreshToken().getToken()).toBe(
			'keep-me',
		);

		service.reply({ data: { AuthenticationResult: { ...authResult(), RefreshToken: null } } });
		const cb2 = vi.fn();
		newUser().refreshSession(new CognitoRefreshToken({ RefreshToken: 'other' }), cb2);
		expect((cb2.mock.calls[0]?.[1] as CognitoUserSession).getRefreshToken().getToken()).toBe('');
	});

	it('NotAuthorizedException clears the cached user (not the device) and reports the error', () => {
		store('alice', expired());
		storage.setItem(`${PREFIX}.alice.userData`, '{}');
		storage.setItem(`${PREFIX}.alice.deviceKey`, 'dk');
		const error = serviceError('NotAuthorizedException', 'Refresh Token has expired');
		service.reply({ error });
		const cb = vi.fn();
		newUser().refreshSession(new CognitoRefreshToken({ RefreshToken: 'r' }), cb);
		expect(cb.mock.calls).toEqual([[error, null]]);
		expect([...storage.data.keys()]).toEqual([`${PREFIX}.alice.deviceKey`]);
	});

	it('other errors leave storage alone', () => {
		store('alice', expired());
		const error = serviceError('InternalErrorException');
		service.reply({ error });
		const cb = vi.fn();
		newUser().refreshSession(new CognitoRefreshToken({ RefreshToken: 'r' }), cb);
		expect(cb.mock.calls).toEqual([[error, null]]);
		expect(storage.data.get(`${PREFIX}.alice.idToken`)).toBeTruthy();
	});

	it('a reply without AuthenticationResult fails instead of never calling back', () => {
		service.reply({ data: {} });
		const cb = vi.fn();
		newUser().refreshSession(new CognitoRefreshToken({ RefreshToken: 'r' }), cb);
		expect(cb).toHaveBeenCalledTimes(1);
		expect(cb.mock.calls[0]?.[0]).toBeInstanceOf(Error);
	});

	it("wraps the callback with the pool's wrapRefreshSessionCallback", () => {
		const seen: unknown[] = [];
		pool.wrapRefreshSessionCallback = (cb) => (err: never, session: never) => {
			seen.push('wrapped');
			(cb as (e: unknown, s: unknown) => void)(err, session);
		};
		service.reply({ data: { AuthenticationResult: authResult() } });
		const cb = vi.fn();
		newUser().refreshSession(new CognitoRefreshToken({ RefreshToken: 'r' }), cb);
		expect(seen).toEqual(['wrapped']);
		expect(cb).toHaveBeenCalledTimes(1);
	});

	describe('concurrent refreshes share one request', () => {
		it('within one user and across users of the same pool, with the same result', () => {
			store('alice', expired());
			service.hold = true;
			const fresh = authResult({ tag: 'shared' });
			service.reply({ data: { AuthenticationResult: fresh } });
			const first = newUser();
			const second = newUser();
			const calls: Array<[string, unknown, unknown]> = [];
			first.getSession((err, session) => calls.push(['a', err, session]));
			first.getSession((err, session) => calls.push(['b', err, session]));
			second.getSession((err, session) => calls.push(['c', err, session]));
			expect(service.sent).toHaveLength(1);
			expect(calls).toEqual([]);
			service.flush();
			expect(calls.map((c) => c[0])).toEqual(['a', 'b', 'c']);
			const session = calls[0]?.[2] as CognitoUserSession;
			expect(session.getIdToken().getJwtToken()).toBe(fresh.IdToken);
			expect(calls.every((c) => c[1] === null && c[2] === session)).toBe(true);
			expect(first.signInUserSession).toBe(session);
			expect(second.signInUserSession).toBe(session);
			expect(storage.writes().filter((w) => w.endsWith('.idToken'))).toHaveLength(1);

			// Once done, a later refresh is a new request.
			service.reply({ data: { AuthenticationResult: authResult() } });
			first.refreshSession(new CognitoRefreshToken({ RefreshToken: 'refresh-shared' }), vi.fn());
			service.flush();
			expect(service.sent).toHaveLength(2);
		});

		it('a NotAuthorizedException reaches every caller once and clears storage once', () => {
			store('alice', expired());
			service.hold = true;
			const error = serviceError('NotAuthorizedException', 'Refresh Token has been revoked');
			service.reply({ error });
			const a = vi.fn();
			const b = vi.fn();
			newUser().getSession(a);
			newUser().getSession(b);
			service.flush();
			expect(service.sent).toHaveLength(1);
			expect(a.mock.calls).toEqual([[error, null]]);
			expect(b.mock.calls).toEqual([[error, null]]);
			expect(storage.writes().filter((w) => w === `remove ${PREFIX}.alice.idToken`)).toHaveLength(
				1,
			);
		});

		it('other pools and other refresh tokens do not share', () => {
			service.hold = true;
			service.fallback = () => ({ data: { AuthenticationResult: authResult() } });
			const otherPool = stubPool({ storage });
			newUser().refreshSession(new CognitoRefreshToken({ RefreshToken: 'r1' }), vi.fn());
			newUser().refreshSession(new CognitoRefreshToken({ RefreshToken: 'r2' }), vi.fn());
			new CognitoUser({
				Username: 'alice',
				Pool: otherPool as never,
				Storage: storage,
			}).refreshSession(new CognitoRefreshToken({ RefreshToken: 'r1' }), vi.fn());
			expect(service.sent).toHaveLength(3);
			service.flush();
		});

		it('a throwing caller does not keep the others from hearing; its error surfaces', () => {
			store('alice', expired());
			service.hold = true;
			service.reply({ data: { AuthenticationResult: authResult() } });
			const later = vi.fn();
			newUser().getSession(() => {
				throw new Error('app bug');
			});
			newUser().getSession(later);
			expect(() => service.flush()).toThrow('app bug');
			expect(later).toHaveBeenCalledTimes(1);
			expect(later.mock.calls[0]?.[0]).toBeNull();
		});
	});
});

describe('getUserData', () => {
	const userData = { Username: 'alice', UserAttributes: [{ Name: 'email', Value: 'a@x' }] };

	function signedIn(): CognitoUser {
		const user = newUser();
		user.signInUserSession = sessionFrom(authResult());
		return user;
	}

	it('without a session clears the cache and fails synchronously', () => {
		storage.setItem(`${PREFIX}.alice.userData`, '{}');
		const cb = vi.fn();
		newUser().getUserData(cb);
		expect(cb.mock.calls[0]?.[0].message).toBe('User is not authenticated');
		expect(storage.data.has(`${PREFIX}.alice.userData`)).toBe(false);
	});

	it('fetches and caches on a cache miss', async () => {
		const user = signedIn();
		service.reply({ data: userData });
		const cb = vi.fn();
		user.getUserData(cb);
		await settle();
		expect(service.sent.map((s) => s.body)).toEqual([
			JSON.stringify({ AccessToken: user.signInUserSession?.getAccessToken().getJwtToken() }),
		]);
		expect(cb.mock.calls).toEqual([[null, userData]]);
		expect(storage.data.get(`${PREFIX}.alice.userData`)).toBe(JSON.stringify(userData));
	});

	it('serves the cache synchronously', () => {
		const user = signedIn();
		storage.setItem(`${PREFIX}.alice.userData`, JSON.stringify(userData));
		const cb = vi.fn();
		user.getUserData(cb);
		expect(cb.mock.calls).toEqual([[null, userData]]);
		expect(service.sent).toEqual([]);
	});

	it('bypassCache fetches afresh and refreshes the tokens', async () => {
		const user = signedIn();
		storage.setItem(`${PREFIX}.alice.userData`, '{"stale":true}');
		service.reply({ data: userData }, { data: { AuthenticationResult: authResult({ tag: 'r' }) } });
		const cb = vi.fn();
		user.getUserData(cb, { bypassCache: true, clientMetadata: { c: '1' } });
		await settle();
		expect(service.sent.map((s) => s.operation)).toEqual(['GetUser', 'InitiateAuth']);
		expect(service.sent[1]?.params.ClientMetadata).toEqual({ c: '1' });
		expect(cb.mock.calls).toEqual([[null, userData]]);
		expect(user.signInUserSession?.getIdToken().payload.tag).toBe('r');
	});

	it('bypassCache without a refresh token only fetches', async () => {
		const user = newUser();
		user.signInUserSession = sessionFrom(authResult({ refresh: null }));
		storage.setItem(`${PREFIX}.alice.userData`, '{}');
		service.reply({ data: userData });
		const cb = vi.fn();
		user.getUserData(cb, { bypassCache: true });
		await settle();
		expect(service.sent.map((s) => s.operation)).toEqual(['GetUser']);
		expect(cb.mock.calls).toEqual([[null, userData]]);
	});

	it('reports GetUser errors', async () => {
		const user = signedIn();
		service.reply({
			error: serviceError('NotAuthorizedException', 'Access Token has been revoked'),
		});
		const cb = vi.fn();
		user.getUserData(cb);
		await settle();
		expect(cb).toHaveBeenCalledTimes(1);
		expect(cb.mock.calls[0]?.[0].code).toBe('NotAuthorizedException');
	});

	it('a corrupt cache is cleared and reported', () => {
		const user = signedIn();
		storage.setItem(`${PREFIX}.alice.userData`, '{not json');
		const cb = vi.fn();
		user.getUserData(cb);
		expect(cb).toHaveBeenCalledTimes(1);
		expect(cb.mock.calls[0]?.[0]).toBeInstanceOf(SyntaxError);
		expect(storage.data.has(`${PREFIX}.alice.userData`)).toBe(false);
	});

	it('after a fetch, an exception in the callback surfaces as uncaught, not as a second call', async () => {
		const user = signedIn();
		service.reply({ data: userData });
		vi.useFakeTimers({ toFake: ['setTimeout'] });
		try {
			const cb = vi.fn(() => {
				throw new Error('app bug');
			});
			user.getUserData(cb);
			await settle();
			expect(cb).toHaveBeenCalledTimes(1);
			expect(() => vi.runOnlyPendingTimers()).toThrow('app bug');
			expect(cb).toHaveBeenCalledTimes(1);
		} finally {
			vi.useRealTimers();
		}
	});

	it("an exception in the app's callback is not delivered back to it", () => {
		const user = signedIn();
		storage.setItem(`${PREFIX}.alice.userData`, JSON.stringify(userData));
		const cb = vi.fn(() => {
			throw new Error('app bug');
		});
		expect(() => user.getUserData(cb)).toThrow('app bug');
		expect(cb).toHaveBeenCalledTimes(1);
		expect(storage.data.has(`${PREFIX}.alice.userData`)).toBe(true);
	});
});

describe('signOut and revocation', () => {
	function signedIn(originJti?: string): CognitoUser {
		const user = newUser();
		user.setSignInUserSession(sessionFrom(authResult({ originJti })));
		storage.setItem(`${PREFIX}.alice.userData`, '{}');
		storage.setItem(`${PREFIX}.alice.deviceKey`, 'dk');
		storage.ops.length = 0;
		return user;
	}

	// Deliberately unlike the original (pitfall 9), which revoked nothing without a callback:
	// signOut() still signs out locally and synchronously, and also revokes the refresh token
	// of a revocable session in the background, with the request signOut(cb) would send.
	it('without a callback signs out locally at once and revokes a revocable session in the background', () => {
		const user = signedIn('jti-1');
		service.hold = true;
		service.reply({ data: {} });
		expect(user.signOut()).toBeUndefined();
		expect(user.signInUserSession).toBeNull();
		expect([...storage.data.keys()]).toEqual([`${PREFIX}.alice.deviceKey`]);
		expect(service.sent.map((s) => [s.operation, s.body, s.retry])).toEqual([
			['RevokeToken', JSON.stringify({ Token: 'refresh-t', ClientId: CLIENT_ID }), true],
		]);
		service.flush();
	});

	it('without a callback and without origin_jti sends nothing, as the original', () => {
		const user = signedIn();
		expect(user.signOut()).toBeUndefined();
		expect(user.signInUserSession).toBeNull();
		expect(service.sent).toEqual([]);
		expect([...storage.data.keys()]).toEqual([`${PREFIX}.alice.deviceKey`]);
	});

	it('without a callback and without a refresh token sends nothing', () => {
		const user = newUser();
		user.setSignInUserSession(sessionFrom(authResult({ originJti: 'jti', refresh: null })));
		user.signOut();
		expect(service.sent).toEqual([]);
		expect(user.signInUserSession).toBeNull();
	});

	it('without a callback revokes the stored session of a user not loaded into memory', () => {
		store('alice', authResult({ originJti: 'jti-s', tag: 'stored' }));
		const user = newUser();
		service.reply({ data: {} });
		user.signOut();
		expect(service.sent.map((s) => [s.operation, s.params])).toEqual([
			['RevokeToken', { Token: 'refresh-stored', ClientId: CLIENT_ID }],
		]);
		expect(storage.data.has(`${PREFIX}.alice.refreshToken`)).toBe(false);
		expect(storage.data.has(`${PREFIX}.LastAuthUser`)).toBe(false);
	});

	it('without a callback ignores a failed revocation and never throws', () => {
		const user = signedIn('jti-1');
		service.reply({ error: serviceError('NotAuthorizedException') });
		expect(() => user.signOut()).not.toThrow();
		expect(service.sent).toHaveLength(1);
		const other = signedIn('jti-2');
		service.requestWithRetry.mockImplementation(() => {
			throw new Error('broken client');
		});
		expect(other.signOut()).toBeUndefined();
		expect(other.signInUserSession).toBeNull();
		expect(storage.data.has(`${PREFIX}.alice.idToken`)).toBe(false);
	});

	it('without a callback never throws from unreadable storage', () => {
		const user = newUser();
		vi.spyOn(storage, 'getItem').mockImplementation(() => {
			throw new Error('denied');
		});
		expect(user.signOut()).toBeUndefined();
		expect(service.sent).toEqual([]);
	});

	it('with a callback revokes the refresh token when origin_jti is present', () => {
		const user = signedIn('jti-1');
		service.reply({ data: {} });
		const cb = vi.fn();
		user.signOut(cb);
		expect(service.sent.map((s) => [s.operation, s.body, s.retry])).toEqual([
			['RevokeToken', JSON.stringify({ Token: 'refresh-t', ClientId: CLIENT_ID }), true],
		]);
		expect(cb.mock.calls).toEqual([[undefined]]);
		expect(user.signInUserSession).toBeNull();
		expect([...storage.data.keys()]).toEqual([`${PREFIX}.alice.deviceKey`]);
	});

	it('without origin_jti calls back at once without a request', () => {
		const user = signedIn();
		const cb = vi.fn();
		user.signOut(cb);
		expect(service.sent).toEqual([]);
		expect(cb.mock.calls).toEqual([[undefined]]);
		expect(user.signInUserSession).toBeNull();
	});

	it('a revocation error is reported after cleaning up', () => {
		const user = signedIn('jti');
		const error = serviceError('UnsupportedTokenTypeException');
		service.reply({ error });
		const cb = vi.fn();
		user.signOut(cb);
		expect(cb.mock.calls).toEqual([[error]]);
		expect(user.signInUserSession).toBeNull();
	});

	it('a getSession failure is reported without cleaning up', () => {
		const user = newUser();
		storage.setItem(`${PREFIX}.alice.deviceKey`, 'dk');
		const cb = vi.fn();
		user.signOut(cb);
		expect(cb.mock.calls[0]?.[0].message).toBe(
			'Local storage is missing an ID Token, Please authenticate',
		);
		expect(storage.writes()).toEqual([`set ${PREFIX}.alice.deviceKey`]);
	});

	it('revokeTokens validates its callback and its session', () => {
		const user = newUser();
		expect(() => user.revokeTokens('x' as never)).toThrow(
			'Invalid revokeTokenCallback. It should be a function.',
		);
		const cb = vi.fn();
		user.revokeTokens(cb);
		expect(cb.mock.calls[0]?.[0].message).toBe('User is not authenticated');
		user.signInUserSession = { getAccessToken: () => null } as never;
		const cb2 = vi.fn();
		user.revokeTokens(cb2);
		expect(cb2.mock.calls[0]?.[0].message).toBe('No Access token available');
		expect(() => user.revokeTokens()).not.toThrow();
	});

	it('isSessionRevocable looks for origin_jti only', () => {
		const user = newUser();
		expect(
			user.isSessionRevocable(new CognitoAccessToken({ AccessToken: jwt({ origin_jti: 'x' }) })),
		).toBe(true);
		expect(
			user.isSessionRevocable(new CognitoAccessToken({ AccessToken: jwt({ jti: 'x' }) })),
		).toBe(false);
		expect(user.isSessionRevocable(null)).toBe(false);
		const throwing = new CognitoAccessToken({ AccessToken: 'x' });
		throwing.decodePayload = () => {
			throw new Error('bad');
		};
		expect(user.isSessionRevocable(throwing)).toBe(false);
	});
});

describe('with the real CognitoUserPool', () => {
	it('getCurrentUser + getSession picks up the stored session', () => {
		const realPool = new CognitoUserPool({
			UserPoolId: 'us-east-1_TestPool',
			ClientId: CLIENT_ID,
			Storage: storage,
		});
		const result = authResult();
		store('alice', result);
		const user = realPool.getCurrentUser();
		expect(user).toBeInstanceOf(CognitoUser);
		const cb = vi.fn();
		user?.getSession(cb);
		expect((cb.mock.calls[0]?.[1] as CognitoUserSession).getAccessToken().getJwtToken()).toBe(
			result.AccessToken,
		);
		expect(user?.getUserContextData()).toBeUndefined();
	});
});
