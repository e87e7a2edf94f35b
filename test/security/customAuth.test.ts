// Finding 3: every client accepted CUSTOM_AUTH with a built-in e-mail-code trigger, so whoever
// read the outbox signed in with no password and no MFA. Now a pool without custom-auth
// triggers refuses CUSTOM_AUTH as the service does, and the built-in triggers are opt-in.
import { afterAll, describe, expect, it } from 'vitest';
import { ONE_TIME_CODE_TRIGGERS, startLocalPool } from '../../server/index';
import { PASSWORD, api, expectError, lastCode, ok, setup } from '../server/helpers';

const customAuth = (url: string, ClientId: string, USERNAME: string) =>
	api(url, 'InitiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId, AuthParameters: { USERNAME } });

describe('CUSTOM_AUTH needs triggers', async () => {
	const s = await setup();
	afterAll(() => s.lp.close());
	await s.lp.createUser(s.poolId, 'tia', PASSWORD, { email: 'tia@example.com' });

	it('a pool without triggers refuses CUSTOM_AUTH, for known and unknown users alike', async () => {
		for (const name of ['tia', 'nobody']) {
			expectError(
				await customAuth(s.url, s.clientId, name),
				'InvalidParameterException',
				'Custom auth lambda trigger is not configured for the user pool.',
			);
		}
		expect(s.lp.outbox.list({ poolId: s.poolId, kind: 'custom-challenge' })).toEqual([]);
	});

	it('a pool created with the built-in triggers accepts it', async () => {
		const p = await s.lp.createUserPool({ LambdaConfig: ONE_TIME_CODE_TRIGGERS });
		const c = await s.lp.createUserPoolClient(p.Id, { ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH'] });
		await s.lp.createUser(p.Id, 'tia', PASSWORD, { email: 'tia@example.com' });
		const challenge = await customAuth(s.url, c.ClientId, 'tia');
		expect(challenge.body.ChallengeName).toBe('CUSTOM_CHALLENGE');
		const r = await ok(s.url, 'RespondToAuthChallenge', {
			ChallengeName: 'CUSTOM_CHALLENGE',
			ClientId: c.ClientId,
			Session: challenge.body.Session,
			ChallengeResponses: {
				USERNAME: 'tia',
				ANSWER: lastCode(s.lp, p.Id, 'tia', 'custom-challenge'),
			},
		});
		expect(r.AuthenticationResult).toBeDefined();
		const described = await ok(s.url, 'DescribeUserPool', { UserPoolId: p.Id });
		expect((described.UserPool as Record<string, unknown>).LambdaConfig).toEqual(
			ONE_TIME_CODE_TRIGGERS,
		);
	});

	it('LambdaConfig values must be ARNs', async () => {
		expectError(
			await api(s.url, 'CreateUserPool', {
				PoolName: 'bad',
				LambdaConfig: { DefineAuthChallenge: 'yes please' },
			}),
			'InvalidParameterException',
		);
	});

	it('hooks given at start are the triggers of every pool', async () => {
		const lp = await startLocalPool({
			port: 0,
			log: () => undefined,
			customAuth: {
				defineAuthChallenge: () => ({ issueTokens: false, failAuthentication: true }),
			},
		});
		try {
			const hooked = await setup({}, {}, lp);
			await lp.createUser(hooked.poolId, 'tia', PASSWORD);
			expectError(
				await customAuth(hooked.url, hooked.clientId, 'tia'),
				'NotAuthorizedException',
				'Incorrect username or password.',
			);
		} finally {
			await lp.close();
		}
	});
});
