// 50 concurrent getSession calls on an expired session, against the real local pool with
// one-second tokens: one refresh request at the server, one shared outcome for every caller.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalPool, startLocalPool } from '../../server/index';
import {
	AuthenticationDetails,
	CognitoUser,
	CognitoUserPool,
	type CognitoUserSession,
} from '../../src/index';
import { ProcessWatch, sleep } from './helpers/recorder';
import { CountingStorage } from './helpers/storage';

const CALLERS = 50;
let lp: LocalPool;
let poolId = '';
let clientId = '';
let refreshRequests = 0;

beforeAll(async () => {
	lp = await startLocalPool({
		port: 0,
		tokenLifetimes: { accessSeconds: 1, idSeconds: 1 },
		log: () => undefined,
		beforeAction: (action, body) => {
			if (
				action === 'InitiateAuth' &&
				(body as { AuthFlow?: unknown }).AuthFlow === 'REFRESH_TOKEN_AUTH'
			) {
				refreshRequests++;
			}
		},
	});
	const pool = await lp.createUserPool();
	poolId = pool.Id;
	clientId = (await lp.createUserPoolClient(pool.Id)).ClientId;
});
afterAll(async () => {
	await lp.close();
});

async function signedInStorage(
	username: string,
): Promise<{ pool: CognitoUserPool; storage: CountingStorage }> {
	await lp.createUser(poolId, username, 'Passw0rd!');
	const storage = new CountingStorage();
	const pool = new CognitoUserPool({
		UserPoolId: poolId,
		ClientId: clientId,
		endpoint: lp.url,
		Storage: storage,
	});
	const user = new CognitoUser({ Username: username, Pool: pool, Storage: storage });
	const session = await new Promise<CognitoUserSession>((resolve, reject) =>
		user.authenticateUser(
			new AuthenticationDetails({ Username: username, Password: 'Passw0rd!' }),
			{
				onSuccess: resolve,
				onFailure: reject,
			},
		),
	);
	// Wait (bounded) until the client itself considers the one-second tokens expired.
	for (let i = 0; i < 100 && session.isValid(); i++) await sleep(100);
	expect(session.isValid()).toBe(false);
	return { pool, storage };
}

interface Answer {
	err: Error | null;
	session: CognitoUserSession | null;
}

async function concurrentGetSession(
	pool: CognitoUserPool,
	storage: CountingStorage,
	username: string,
): Promise<Answer[][]> {
	const answers: Answer[][] = Array.from({ length: CALLERS }, () => []);
	await new Promise<void>((resolve) => {
		let pending = CALLERS;
		for (let i = 0; i < CALLERS; i++) {
			// Each caller has its own CognitoUser, as separate parts of an app would.
			const user = new CognitoUser({ Username: username, Pool: pool, Storage: storage });
			user.getSession((err: Error | null, session: CognitoUserSession | null) => {
				answers[i]?.push({ err, session });
				if (--pending === 0) resolve();
			});
		}
	});
	await sleep(200); // to catch a second callback
	return answers;
}

describe('concurrent getSession on an expired session', () => {
	it('50 callers → one REFRESH_TOKEN_AUTH at the server, the same new session for all', async () => {
		const watch = new ProcessWatch().start();
		try {
			const { pool, storage } = await signedInStorage('carol');
			const oldAccess = storage.getItem(
				`CognitoIdentityServiceProvider.${clientId}.carol.accessToken`,
			);
			refreshRequests = 0;
			const answers = await concurrentGetSession(pool, storage, 'carol');
			expect(refreshRequests).toBe(1);
			expect(answers.map((a) => a.length)).toEqual(Array(CALLERS).fill(1));
			const tokens = new Set(answers.map((a) => a[0]?.session?.getAccessToken().getJwtToken()));
			expect(answers.every((a) => a[0]?.err === null)).toBe(true);
			expect(tokens.size).toBe(1);
			const [newAccess] = [...tokens];
			expect(newAccess).toBeTruthy();
			expect(newAccess).not.toBe(oldAccess);
			expect(storage.getItem(`CognitoIdentityServiceProvider.${clientId}.carol.accessToken`)).toBe(
				newAccess,
			);
			expect(watch.problems).toEqual([]);
		} finally {
			watch.stop();
		}
	});

	it('a revoked refresh token → one request, NotAuthorizedException once per caller, storage cleared once', async () => {
		const watch = new ProcessWatch().start();
		try {
			const { pool, storage } = await signedInStorage('dave');
			const refreshToken = storage.getItem(
				`CognitoIdentityServiceProvider.${clientId}.dave.refreshToken`,
			);
			await lp.call('RevokeToken', { Token: refreshToken, ClientId: clientId });
			refreshRequests = 0;
			const removesBefore = storage.removes;
			const answers = await concurrentGetSession(pool, storage, 'dave');
			expect(refreshRequests).toBe(1);
			expect(answers.map((a) => a.length)).toEqual(Array(CALLERS).fill(1));
			for (const [answer] of answers) {
				expect(answer?.session).toBeNull();
				expect((answer?.err as Error & { code?: string }).code).toBe('NotAuthorizedException');
			}
			// clearCachedUser removes its six keys exactly once, not once per caller.
			expect(storage.removes - removesBefore).toBe(6);
			expect(storage.removed.slice(-6).sort()).toEqual(
				[
					'LastAuthUser',
					'dave.accessToken',
					'dave.clockDrift',
					'dave.idToken',
					'dave.refreshToken',
					'dave.userData',
				]
					.map((k) => `CognitoIdentityServiceProvider.${clientId}.${k}`)
					.sort(),
			);
			expect(storage.getItem(`CognitoIdentityServiceProvider.${clientId}.dave.idToken`)).toBeNull();
			expect(watch.problems).toEqual([]);
		} finally {
			watch.stop();
		}
	});
});
