// 200 replies that lack what a method needs fail with InvalidResponseException and leave the
// user object as it was.
import { describe, expect, it } from 'vitest';
import {
	AuthenticationDetails,
	CognitoAccessToken,
	CognitoIdToken,
	CognitoRefreshToken,
	CognitoUser,
	CognitoUserPool,
	CognitoUserSession,
} from '../../src/index';
import { type FaultPlan, type Json, healthyReply, startFaultServer } from './helpers/faultServer';
import { Recorder, sleep } from './helpers/recorder';
import { CountingStorage } from './helpers/storage';
import { tokensFor } from './helpers/tokens';

async function withUser(
	reply: FaultPlan['reply'],
	body: (user: CognitoUser, rec: Recorder, storage: CountingStorage) => void,
): Promise<{ rec: Recorder; user: CognitoUser; storage: CountingStorage }> {
	const server = await startFaultServer({ reply });
	const storage = new CountingStorage();
	const pool = new CognitoUserPool({
		UserPoolId: 'us-east-1_Replies',
		ClientId: 'c1',
		endpoint: server.url,
		Storage: storage,
	});
	const user = new CognitoUser({ Username: 'alice', Pool: pool, Storage: storage });
	const rec = new Recorder();
	try {
		body(user, rec, storage);
		await rec.first(10_000);
		await sleep(60);
	} finally {
		await server.close();
	}
	return { rec, user, storage };
}

function signIn(user: CognitoUser): void {
	const t = tokensFor('alice');
	user.setSignInUserSession(
		new CognitoUserSession({
			IdToken: new CognitoIdToken({ IdToken: t.IdToken }),
			AccessToken: new CognitoAccessToken({ AccessToken: t.AccessToken }),
			RefreshToken: new CognitoRefreshToken({ RefreshToken: t.RefreshToken }),
		}),
	);
}

const onlyFailure = (rec: Recorder, message: string): void => {
	expect(rec.calls.map((c) => c.kind)).toEqual(['onFailure']);
	const err = rec.error() as Error & { code?: string };
	expect(err.code).toBe('InvalidResponseException');
	expect(err.name).toBe('InvalidResponseException');
	expect(err.message).toBe(message);
};

describe('success replies the client cannot use', () => {
	it('an SRP challenge without USER_ID_FOR_SRP fails and keeps the username', async () => {
		const { rec, user } = await withUser(
			(r) => {
				const h = healthyReply(r, {});
				if (r.action === 'InitiateAuth') delete (h.ChallengeParameters as Json).USER_ID_FOR_SRP;
				return h;
			},
			(user, rec) =>
				user.authenticateUser(
					new AuthenticationDetails({ Username: 'alice', Password: 'Passw0rd!' }),
					rec.object(),
				),
		);
		onlyFailure(rec, 'The SRP challenge lacks USER_ID_FOR_SRP.');
		expect(user.getUsername()).toBe('alice');
	});

	it('an SRP challenge without SRP_B fails with a code', async () => {
		const { rec, storage } = await withUser(
			(r) => {
				const h = healthyReply(r, {});
				if (r.action === 'InitiateAuth') delete (h.ChallengeParameters as Json).SRP_B;
				return h;
			},
			(user, rec) =>
				user.authenticateUser(
					new AuthenticationDetails({ Username: 'alice', Password: 'Passw0rd!' }),
					rec.object(),
				),
		);
		onlyFailure(rec, 'The SRP challenge lacks SRP_B, SALT or SECRET_BLOCK.');
		expect(storage.sets).toBe(0);
	});

	it('a login reply without AuthenticationResult fails with a code and caches nothing', async () => {
		const { rec, user, storage } = await withUser(
			() => ({ ChallengeParameters: {} }),
			(user, rec) => {
				user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
				user.authenticateUser(
					new AuthenticationDetails({ Username: 'alice', Password: 'Passw0rd!' }),
					rec.object(),
				);
			},
		);
		onlyFailure(rec, 'The service replied without an AuthenticationResult.');
		expect(user.getSignInUserSession()).toBeNull();
		expect(storage.sets).toBe(0);
	});

	it('getUserAttributes without UserAttributes fails instead of calling back an empty list', async () => {
		const { rec } = await withUser(
			() => ({ Username: 'alice' }),
			(user, rec) => {
				signIn(user);
				user.getUserAttributes(rec.node());
			},
		);
		expect(rec.calls).toHaveLength(1);
		const err = rec.error() as Error & { code?: string };
		expect(err.code).toBe('InvalidResponseException');
		expect(err.message).toBe('The GetUser reply lacks UserAttributes.');
	});

	it('associateSoftwareToken without SecretCode hands out undefined, as the original', async () => {
		const signedIn = await withUser(
			() => ({}),
			(user, rec) => {
				signIn(user);
				user.associateSoftwareToken(rec.object());
			},
		);
		expect(signedIn.rec.calls.map((c) => [c.kind, c.args])).toEqual([
			['associateSecretCode', [undefined]],
		]);
		const duringSetup = await withUser(
			() => ({ Session: 'new' }),
			(user, rec) => {
				user.Session = 'old';
				user.associateSoftwareToken(rec.object());
			},
		);
		expect(duringSetup.rec.calls.map((c) => [c.kind, c.args])).toEqual([
			['associateSecretCode', [undefined]],
		]);
		expect(duringSetup.user.Session).toBe('new');
	});

	it('verifySoftwareToken during MFA_SETUP whose two replies are {} calls onSuccess, as the original', async () => {
		const { rec, user } = await withUser(
			() => ({}),
			(user, rec) => {
				user.Session = 'setup';
				user.verifySoftwareToken('123456', 'phone', rec.object());
			},
		);
		expect(rec.calls.map((c) => c.kind)).toEqual(['onSuccess']);
		expect(rec.calls[0]?.args[0]).toBe(user.getSignInUserSession());
		expect(user.getSignInUserSession()?.getIdToken().getJwtToken()).toBe('');
	});
});
