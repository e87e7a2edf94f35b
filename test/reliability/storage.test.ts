// Corrupt or hostile storage: garbage values, truncated or non-JWT tokens, a non-numeric clock
// drift, a full store, and a store that throws on every call. Every operation gives a clean
// error or falls back; nothing throws past the API and every callback fires once.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
	AuthenticationDetails,
	CognitoAccessToken,
	CognitoIdToken,
	CognitoRefreshToken,
	CognitoUser,
	CognitoUserPool,
	CognitoUserSession,
} from '../../src/index';
import StorageHelper, { MemoryStorage } from '../../src/StorageHelper';
import type { ICognitoStorage } from '../../src/types';
import { type FaultServer, startFaultServer } from './helpers/faultServer';
import { ProcessWatch, Recorder, sleep } from './helpers/recorder';
import { CountingStorage } from './helpers/storage';
import { tokensFor } from './helpers/tokens';

const CLIENT_ID = 'storeclient';
const PREFIX = `CognitoIdentityServiceProvider.${CLIENT_ID}`;
const U = `${PREFIX}.alice`;

class QuotaStorage extends CountingStorage {
	override setItem(): string {
		const err = new Error('The quota has been exceeded.');
		err.name = 'QuotaExceededError';
		throw err;
	}
}

/** Safari private mode and sandboxed frames: every call throws. */
class ThrowingStorage implements ICognitoStorage {
	private fail(): never {
		const err = new Error('The operation is insecure.');
		err.name = 'SecurityError';
		throw err;
	}
	setItem(): never {
		return this.fail();
	}
	getItem(): never {
		return this.fail();
	}
	removeItem(): never {
		return this.fail();
	}
	clear(): never {
		return this.fail();
	}
}

function seed(storage: CountingStorage, values: Record<string, string>): CountingStorage {
	for (const [k, v] of Object.entries(values)) storage.data.set(k, v);
	return storage;
}

const valid = tokensFor('alice');
const expired = tokensFor('alice', -60);

interface Kind {
	name: string;
	make: () => ICognitoStorage;
	/** Value for the cached user data, written after sign-in. */
	userData?: string;
}

const KINDS: Kind[] = [
	{
		name: 'garbage values',
		make: () =>
			seed(new CountingStorage(), {
				[`${PREFIX}.LastAuthUser`]: 'alice',
				[`${U}.idToken`]: 'garbage',
				[`${U}.accessToken`]: '{}',
				[`${U}.refreshToken`]: '',
				[`${U}.clockDrift`]: '[object Object]',
				[`${U}.deviceKey`]: '%%%',
			}),
		userData: '{not json',
	},
	{
		name: 'truncated / non-JWT tokens',
		make: () =>
			seed(new CountingStorage(), {
				[`${PREFIX}.LastAuthUser`]: 'alice',
				[`${U}.idToken`]: valid.IdToken.slice(0, 30),
				[`${U}.accessToken`]: 'a.b',
				[`${U}.refreshToken`]: 'rt-1',
				[`${U}.clockDrift`]: '0',
			}),
		userData: 'null',
	},
	{
		name: 'non-numeric clockDrift',
		make: () =>
			seed(new CountingStorage(), {
				[`${PREFIX}.LastAuthUser`]: 'alice',
				[`${U}.idToken`]: valid.IdToken,
				[`${U}.accessToken`]: valid.AccessToken,
				[`${U}.refreshToken`]: 'rt-1',
				[`${U}.clockDrift`]: 'not-a-number',
			}),
	},
	{
		name: 'setItem throws QuotaExceededError',
		make: () =>
			seed(new QuotaStorage(), {
				[`${PREFIX}.LastAuthUser`]: 'alice',
				[`${U}.idToken`]: expired.IdToken,
				[`${U}.accessToken`]: expired.AccessToken,
				[`${U}.refreshToken`]: 'rt-1',
				[`${U}.clockDrift`]: '0',
			}),
	},
	{ name: 'storage throws on every call', make: () => new ThrowingStorage() },
];

type Outcome = { threw?: unknown; calls: { kind: string; failed: boolean; args: unknown[] }[] };

interface Op {
	name: string;
	/** Synchronous operations report through their return value instead of a callback. */
	sync?: boolean;
	run: (user: CognitoUser, pool: CognitoUserPool, rec: Recorder, kind: Kind) => unknown;
}

function signIn(user: CognitoUser): void {
	user.setSignInUserSession(
		new CognitoUserSession({
			IdToken: new CognitoIdToken({ IdToken: valid.IdToken }),
			AccessToken: new CognitoAccessToken({ AccessToken: valid.AccessToken }),
			RefreshToken: new CognitoRefreshToken({ RefreshToken: valid.RefreshToken }),
		}),
	);
}

const OPS: Op[] = [
	{ name: 'getCurrentUser', sync: true, run: (_u, pool) => pool.getCurrentUser() },
	{ name: 'getSession', run: (user, _p, rec) => user.getSession(rec.node()) },
	{
		name: 'authenticateUser',
		run: (user, _p, rec) =>
			user.authenticateUser(
				new AuthenticationDetails({ Username: 'alice', Password: 'Passw0rd!' }),
				rec.object(),
			),
	},
	{
		name: 'refreshSession',
		run: (user, _p, rec) =>
			user.refreshSession(new CognitoRefreshToken({ RefreshToken: 'rt-1' }), rec.node()),
	},
	{ name: 'signOut()', sync: true, run: (user) => user.signOut() },
	{
		name: 'signOut(cb)',
		run: (user, _p, rec) => {
			signIn(user);
			user.signOut(rec.optionalError());
		},
	},
	{
		name: 'getUserData',
		run: (user, _p, rec, kind) => {
			signIn(user);
			if (kind.userData !== undefined && user.storage instanceof CountingStorage) {
				user.storage.data.set(`${U}.userData`, kind.userData);
			}
			user.getUserData(rec.node());
		},
	},
];

let server: FaultServer;
beforeAll(async () => {
	server = await startFaultServer({});
});
afterAll(async () => {
	await server.close();
});

const results = new Map<string, Outcome & { value?: unknown; storage: ICognitoStorage }>();

async function run(
	kind: Kind,
	op: Op,
): Promise<Outcome & { value?: unknown; storage: ICognitoStorage }> {
	const storage = kind.make();
	const pool = new CognitoUserPool({
		UserPoolId: 'us-east-1_Store',
		ClientId: CLIENT_ID,
		endpoint: server.url,
		Storage: storage,
	});
	const user = new CognitoUser({ Username: 'alice', Pool: pool, Storage: storage });
	const rec = new Recorder();
	let threw: unknown;
	let value: unknown;
	try {
		value = op.run(user, pool, rec, kind);
	} catch (e) {
		threw = e ?? 'thrown';
	}
	if (!op.sync) await rec.first(10_000);
	await sleep(40);
	return { threw, value, calls: rec.calls, storage };
}

describe('corrupt or hostile storage', () => {
	for (const kind of KINDS) {
		for (const op of OPS) {
			it(`${kind.name} × ${op.name}: no exception past the API, one callback`, async () => {
				const watch = new ProcessWatch().start();
				try {
					const r = await run(kind, op);
					results.set(`${kind.name}|${op.name}`, r);
					expect(r.threw).toBeUndefined();
					if (!op.sync) {
						expect(r.calls).toHaveLength(1);
						const call = r.calls[0];
						if (call?.failed) {
							const err = call.args[0] as Error;
							expect(err).toBeInstanceOf(Error);
							expect(err.message).toBeTruthy();
						}
					}
					expect(watch.problems).toEqual([]);
				} finally {
					watch.stop();
				}
			});
		}
	}

	const get = (k: string, o: string) => results.get(`${k}|${o}`);
	const failedWith = (k: string, o: string): string | undefined => {
		const call = get(k, o)?.calls[0];
		return call?.failed ? (call.args[0] as Error).message : undefined;
	};
	const succeeded = (k: string, o: string): boolean => {
		const calls = get(k, o)?.calls ?? [];
		return calls.length === 1 && !calls[0]?.failed;
	};

	it('specific outcomes: clean errors where the store is unusable, fallbacks where it is not', () => {
		// Garbage tokens and no refresh token: the original's "please authenticate" error.
		expect(failedWith('garbage values', 'getSession')).toBe(
			'Cannot retrieve a new session. Please authenticate.',
		);
		// Unparsable cached user data: the parse error, and the cache is dropped.
		expect(failedWith('garbage values', 'getUserData')).toMatch(/JSON/);
		const garbage = get('garbage values', 'getUserData')?.storage as CountingStorage;
		expect(garbage.getItem(`${U}.userData`)).toBeNull();
		// A truncated token decodes to no claims: the stored session is expired, so it refreshes.
		expect(succeeded('truncated / non-JWT tokens', 'getSession')).toBe(true);
		// A non-numeric drift counts as 0: the stored valid session is used as is.
		expect(succeeded('non-numeric clockDrift', 'getSession')).toBe(true);
		expect(get('non-numeric clockDrift', 'getCurrentUser')?.value).toBeInstanceOf(CognitoUser);
		// A full store costs persistence only: logins, refreshes and reads still succeed.
		for (const op of ['authenticateUser', 'refreshSession', 'getSession', 'getUserData']) {
			expect(succeeded('setItem throws QuotaExceededError', op), op).toBe(true);
		}
		// A store that throws on every call: no current user, no stored session, but a login
		// still works in memory.
		expect(get('storage throws on every call', 'getCurrentUser')?.value).toBeNull();
		expect(failedWith('storage throws on every call', 'getSession')).toBe(
			'Local storage is missing an ID Token, Please authenticate',
		);
		expect(succeeded('storage throws on every call', 'signOut(cb)')).toBe(true);
	});

	it('a localStorage that throws on access (Safari private mode) falls back to MemoryStorage', () => {
		const win = {};
		Object.defineProperty(win, 'localStorage', {
			get() {
				throw new Error('SecurityError: The operation is insecure.');
			},
		});
		vi.stubGlobal('window', win);
		try {
			expect(new StorageHelper().getStorage()).toBe(MemoryStorage);
			const pool = new CognitoUserPool({ UserPoolId: 'us-east-1_Safari', ClientId: 'c' });
			expect(pool.storage).toBe(MemoryStorage);
			expect(pool.getCurrentUser()).toBeNull();
		} finally {
			vi.unstubAllGlobals();
		}
	});

	it('a localStorage whose setItem throws (quota or private mode) falls back to MemoryStorage', () => {
		const quota = new QuotaStorage();
		vi.stubGlobal('window', { localStorage: quota });
		try {
			expect(new StorageHelper().getStorage()).toBe(MemoryStorage);
		} finally {
			vi.unstubAllGlobals();
		}
	});
});
