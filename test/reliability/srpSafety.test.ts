// SRP values that would make the shared secret independent of the password are refused on
// both sides: the client refuses B ≡ 0 (mod N) and u = 0, the server refuses A ≡ 0 (mod N).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type LocalPool, startLocalPool } from '../../server/index';
import { N } from '../../server/srp';
import AuthenticationHelper from '../../src/AuthenticationHelper';
import BigInteger from '../../src/BigInteger';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from '../../src/index';
import { type Json, healthyReply, startFaultServer } from './helpers/faultServer';
import { ProcessWatch, Recorder, sleep } from './helpers/recorder';
import { CountingStorage } from './helpers/storage';
import { cognitoRequest } from '../helpers/localPool';

async function loginAgainst(srpB: string): Promise<{ rec: Recorder; requests: string[] }> {
	const server = await startFaultServer({
		reply: (r) => {
			const h = healthyReply(r, {});
			if (r.action === 'InitiateAuth') (h.ChallengeParameters as Json).SRP_B = srpB;
			return h;
		},
	});
	const watch = new ProcessWatch().start();
	try {
		const storage = new CountingStorage();
		const pool = new CognitoUserPool({
			UserPoolId: 'us-east-1_Srp',
			ClientId: 'c1',
			endpoint: server.url,
			Storage: storage,
		});
		const user = new CognitoUser({ Username: 'alice', Pool: pool, Storage: storage });
		const rec = new Recorder();
		user.authenticateUser(
			new AuthenticationDetails({ Username: 'alice', Password: 'Passw0rd!' }),
			rec.object(),
		);
		await rec.first(10_000);
		await sleep(100);
		expect(watch.problems).toEqual([]);
		expect(storage.sets).toBe(0);
		return { rec, requests: server.received.map((r) => String(r.body.ChallengeName ?? r.action)) };
	} finally {
		watch.stop();
		await server.close();
	}
}

describe('client refuses a degenerate B or u', () => {
	afterEach(() => {
		vi.restoreAllMocks();
	});

	const cases: [string, bigint][] = [
		['B = 0', 0n],
		['B = N', N],
		['B = 2N', 2n * N],
	];
	for (const [name, b] of cases) {
		it(`${name}: onFailure once with 'B cannot be zero.', and no PASSWORD_VERIFIER is sent`, async () => {
			const { rec, requests } = await loginAgainst(b.toString(16));
			expect(rec.calls.map((c) => c.kind)).toEqual(['onFailure']);
			expect(rec.error()?.message).toBe('B cannot be zero.');
			expect(requests).toEqual(['InitiateAuth']);
		});
	}

	it("u = 0: onFailure once with 'U cannot be zero.'", async () => {
		const calculateU = vi
			.spyOn(AuthenticationHelper.prototype, 'calculateU')
			.mockReturnValue(new BigInteger('0', 16));
		const { rec, requests } = await loginAgainst(`7f${'ab'.repeat(100)}`);
		expect(calculateU).toHaveBeenCalled();
		expect(rec.calls.map((c) => c.kind)).toEqual(['onFailure']);
		expect(rec.error()?.message).toBe('U cannot be zero.');
		expect(requests).toEqual(['InitiateAuth']);
	});
});

describe('server refuses A ≡ 0 (mod N)', () => {
	let lp: LocalPool;
	let clientId = '';

	function initiate(srpA: string): Promise<{ status: number; body: Json }> {
		return cognitoRequest(lp.url, 'InitiateAuth', {
			AuthFlow: 'USER_SRP_AUTH',
			ClientId: clientId,
			AuthParameters: { USERNAME: 'bob', SRP_A: srpA },
		});
	}

	it('A = 0, N and 2N are InvalidParameterException; a proper A gets a challenge', async () => {
		lp = await startLocalPool({ port: 0, log: () => undefined });
		try {
			const pool = await lp.createUserPool();
			clientId = (await lp.createUserPoolClient(pool.Id)).ClientId;
			await lp.createUser(pool.Id, 'bob', 'Passw0rd!');
			for (const a of [0n, N, 2n * N, 3n * N]) {
				const r = await initiate(a.toString(16));
				expect(r.status).toBe(400);
				expect(r.body.__type).toBe('InvalidParameterException');
				expect(r.body.message).toBe('SRP_A cannot be zero (mod N)');
			}
			let largeA = '';
			new AuthenticationHelper('x').getLargeAValue((_e, a) => (largeA = a?.toString(16) ?? ''));
			const ok = await initiate(largeA);
			expect(ok.status).toBe(200);
			expect(ok.body.ChallengeName).toBe('PASSWORD_VERIFIER');
		} finally {
			await lp.close();
		}
	});
});
