import { afterAll, describe, expect, it } from 'vitest';
import { N } from '../../server/srp';
import {
	PASSWORD,
	SrpClient,
	api,
	expectError,
	jwtPayload,
	ok,
	poolNameOf,
	setup,
	signUpConfirmed,
	srpLogin,
	timestamp,
	tokensFor,
} from './helpers';

describe('InitiateAuth and RespondToAuthChallenge', async () => {
	const s = await setup();
	afterAll(() => s.lp.close());
	await signUpConfirmed(s, 'alice');

	const init = (params: Record<string, string>, flow = 'USER_SRP_AUTH', clientId = s.clientId) =>
		api(s.url, 'InitiateAuth', { AuthFlow: flow, ClientId: clientId, AuthParameters: params });

	async function challenge(username = 'alice') {
		const srp = new SrpClient();
		const r = await init({ USERNAME: username, SRP_A: srp.A.toString(16) });
		expect(r.status).toBe(200);
		return { srp, body: r.body, params: r.body.ChallengeParameters as Record<string, string> };
	}
	const verify = (
		session: unknown,
		responses: Record<string, string>,
		name = 'PASSWORD_VERIFIER',
		clientId = s.clientId,
	) =>
		api(s.url, 'RespondToAuthChallenge', {
			ChallengeName: name,
			ClientId: clientId,
			Session: session,
			ChallengeResponses: responses,
		});

	it('USER_SRP_AUTH issues a PASSWORD_VERIFIER challenge and then tokens', async () => {
		const { srp, body, params } = await challenge();
		expect(body.ChallengeName).toBe('PASSWORD_VERIFIER');
		expect(Object.keys(params).sort()).toEqual([
			'SALT',
			'SECRET_BLOCK',
			'SRP_B',
			'USERNAME',
			'USER_ID_FOR_SRP',
		]);
		expect(params.USER_ID_FOR_SRP).toBe('alice');
		const r = await verify(body.Session, {
			USERNAME: 'alice',
			...srp.answer(poolNameOf(s.poolId), 'alice', PASSWORD, params),
		});
		expect(r.status).toBe(200);
		const res = r.body.AuthenticationResult as Record<string, unknown>;
		expect(res).toMatchObject({ TokenType: 'Bearer', ExpiresIn: 3600 });
		expect(typeof res.RefreshToken).toBe('string');
		expect(r.body.ChallengeParameters).toEqual({});
	});

	it('the session may be omitted: the secret block identifies the challenge', async () => {
		const { srp, params } = await challenge();
		const r = await verify(undefined, {
			USERNAME: 'alice',
			...srp.answer(poolNameOf(s.poolId), 'alice', PASSWORD, params),
		});
		expect(r.status).toBe(200);
	});

	it('a wrong password, a tampered secret block or a forged signature → NotAuthorizedException', async () => {
		for (const tamper of ['password', 'block', 'signature'] as const) {
			const { srp, body, params } = await challenge();
			const answer = srp.answer(
				poolNameOf(s.poolId),
				'alice',
				tamper === 'password' ? 'Nope1234!' : PASSWORD,
				params,
			);
			if (tamper === 'block')
				answer.PASSWORD_CLAIM_SECRET_BLOCK = Buffer.alloc(64, 1).toString('base64');
			if (tamper === 'signature')
				answer.PASSWORD_CLAIM_SIGNATURE = Buffer.alloc(32, 2).toString('base64');
			expectError(
				await verify(body.Session, { USERNAME: 'alice', ...answer }),
				'NotAuthorizedException',
				'Incorrect username or password.',
			);
		}
	});

	it('a signature over another TIMESTAMP fails; a malformed TIMESTAMP is a parameter error', async () => {
		const { srp, body, params } = await challenge();
		const answer = srp.answer(
			poolNameOf(s.poolId),
			'alice',
			PASSWORD,
			params,
			'Tue Jan 1 06:06:09 UTC 2019',
		);
		answer.TIMESTAMP = timestamp();
		expectError(
			await verify(body.Session, { USERNAME: 'alice', ...answer }),
			'NotAuthorizedException',
		);
		const c2 = await challenge();
		const bad = {
			...c2.srp.answer(poolNameOf(s.poolId), 'alice', PASSWORD, c2.params),
			TIMESTAMP: '2019-01-01',
		};
		expectError(
			await verify(c2.body.Session, { USERNAME: 'alice', ...bad }),
			'InvalidParameterException',
		);
	});

	it('rejects SRP_A ≡ 0 mod N and non-hex SRP_A', async () => {
		for (const A of ['0', N.toString(16), (2n * N).toString(16)]) {
			expectError(
				await init({ USERNAME: 'alice', SRP_A: A }),
				'InvalidParameterException',
				/SRP_A/,
			);
		}
		expectError(
			await init({ USERNAME: 'alice', SRP_A: 'xyz' }),
			'InvalidParameterException',
			/SRP_A/,
		);
		expectError(
			await init({ USERNAME: 'alice' }),
			'InvalidParameterException',
			'Missing required parameter SRP_A',
		);
		expectError(
			await init({ SRP_A: 'abc' }),
			'InvalidParameterException',
			'Missing required parameter USERNAME',
		);
	});

	it('sessions are single-use, expire after 3 minutes, and belong to one client and one challenge', async () => {
		const { srp, body, params } = await challenge();
		const answer = {
			USERNAME: 'alice',
			...srp.answer(poolNameOf(s.poolId), 'alice', PASSWORD, params),
		};
		expect((await verify(body.Session, answer)).status).toBe(200);
		expectError(
			await verify(body.Session, answer),
			'NotAuthorizedException',
			'Invalid session for the user.',
		);

		const other = await ok(s.url, 'CreateUserPoolClient', {
			UserPoolId: s.poolId,
			ClientName: 'other',
		});
		const otherId = (other.UserPoolClient as { ClientId: string }).ClientId;
		const c2 = await challenge();
		const a2 = {
			USERNAME: 'alice',
			...c2.srp.answer(poolNameOf(s.poolId), 'alice', PASSWORD, c2.params),
		};
		expectError(
			await verify(c2.body.Session, a2, 'PASSWORD_VERIFIER', otherId),
			'NotAuthorizedException',
			'Invalid session for the user.',
		);
		expectError(
			await verify(c2.body.Session, a2, 'SMS_MFA'),
			'NotAuthorizedException',
			'Invalid session for the user.',
		);
		expectError(
			await verify('made-up-session', a2),
			'NotAuthorizedException',
			'Invalid session for the user.',
		);
		s.lp.advanceTime(3 * 60_000 + 1000);
		try {
			expectError(
				await verify(c2.body.Session, a2),
				'NotAuthorizedException',
				'Invalid session for the user, session is expired.',
			);
		} finally {
			s.lp.setClockOffset(0);
		}
	});

	it('an unknown ChallengeName is a validation error', async () => {
		expectError(
			await verify('x', { USERNAME: 'alice' }, 'PASSWORD_VERIFIER_X'),
			'InvalidParameterException',
			/challengeName/,
		);
		expectError(
			await verify('x', {}, 'SMS_MFA'),
			'InvalidParameterException',
			'Missing required parameter USERNAME',
		);
	});

	it('unknown users: a decoy challenge that always fails (PreventUserExistenceErrors), or UserNotFoundException (LEGACY)', async () => {
		const { srp, body, params } = await challenge('ghost');
		expect(body.ChallengeName).toBe('PASSWORD_VERIFIER');
		const answer = {
			USERNAME: 'ghost',
			...srp.answer(poolNameOf(s.poolId), 'ghost', PASSWORD, params),
		};
		expectError(
			await verify(body.Session, answer),
			'NotAuthorizedException',
			'Incorrect username or password.',
		);
		expectError(
			await init({ USERNAME: 'ghost', PASSWORD: 'x' }, 'USER_PASSWORD_AUTH'),
			'NotAuthorizedException',
			'Incorrect username or password.',
		);

		const legacy = await s.lp.createUserPoolClient(s.poolId, {
			PreventUserExistenceErrors: 'LEGACY',
		});
		const r = await init(
			{ USERNAME: 'ghost', SRP_A: new SrpClient().A.toString(16) },
			'USER_SRP_AUTH',
			legacy.ClientId,
		);
		expectError(r, 'UserNotFoundException', 'User does not exist.');
	});

	it('USER_PASSWORD_AUTH: right and wrong password, and refused when the client does not allow it', async () => {
		const r = await init({ USERNAME: 'alice', PASSWORD }, 'USER_PASSWORD_AUTH');
		expect(r.status).toBe(200);
		expect(
			jwtPayload(String((r.body.AuthenticationResult as Record<string, unknown>).IdToken))[
				'cognito:username'
			],
		).toBe('alice');
		expectError(
			await init({ USERNAME: 'alice', PASSWORD: 'bad' }, 'USER_PASSWORD_AUTH'),
			'NotAuthorizedException',
			'Incorrect username or password.',
		);
		expectError(
			await init({ USERNAME: 'alice' }, 'USER_PASSWORD_AUTH'),
			'InvalidParameterException',
			'Missing required parameter PASSWORD',
		);
		const srpOnly = await s.lp.createUserPoolClient(s.poolId, {
			ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
		});
		expectError(
			await init({ USERNAME: 'alice', PASSWORD }, 'USER_PASSWORD_AUTH', srpOnly.ClientId),
			'InvalidParameterException',
			/USER_PASSWORD_AUTH/,
		);
		expectError(
			await init({ REFRESH_TOKEN: 'x' }, 'REFRESH_TOKEN_AUTH', srpOnly.ClientId),
			'InvalidParameterException',
			/REFRESH_TOKEN_AUTH/,
		);
	});

	it('unknown flows, admin flows and unknown clients', async () => {
		expectError(await init({}, 'MAGIC'), 'InvalidParameterException', /authFlow/);
		expectError(
			await init({}, 'ADMIN_NO_SRP_AUTH'),
			'InvalidParameterException',
			'Initiate Auth method not supported.',
		);
		expectError(
			await init({ USERNAME: 'alice' }, 'USER_SRP_AUTH', 'nosuchclient'),
			'ResourceNotFoundException',
			/nosuchclient/,
		);
		expectError(
			await api(s.url, 'InitiateAuth', { ClientId: s.clientId }),
			'InvalidParameterException',
			/authFlow/,
		);
		expectError(
			await api(s.url, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: 7 }),
			'InvalidParameterException',
			/clientId/,
		);
	});

	it('unconfirmed users fail with UserNotConfirmedException once the password is proven', async () => {
		await ok(s.url, 'SignUp', { ClientId: s.clientId, Username: 'uma', Password: PASSWORD });
		expectError(
			await srpLogin(s, 'uma', PASSWORD),
			'UserNotConfirmedException',
			'User is not confirmed.',
		);
		expectError(
			await srpLogin(s, 'uma', 'Wrong123!'),
			'NotAuthorizedException',
			'Incorrect username or password.',
		);
	});

	it('REFRESH_TOKEN_AUTH: new id and access tokens, no new refresh token; bad, foreign and expired tokens fail', async () => {
		const res = await tokensFor(s, 'alice');
		const r = await init({ REFRESH_TOKEN: String(res.RefreshToken) }, 'REFRESH_TOKEN_AUTH');
		const out = r.body.AuthenticationResult as Record<string, unknown>;
		expect(out.RefreshToken).toBeUndefined();
		expect(out).toMatchObject({ TokenType: 'Bearer', ExpiresIn: 3600 });
		expect(jwtPayload(String(out.AccessToken)).origin_jti).toBe(
			jwtPayload(String(res.AccessToken)).origin_jti,
		);
		expect((await init({ REFRESH_TOKEN: String(res.RefreshToken) }, 'REFRESH_TOKEN')).status).toBe(
			200,
		);
		expectError(
			await init({ REFRESH_TOKEN: 'garbage' }, 'REFRESH_TOKEN_AUTH'),
			'NotAuthorizedException',
			'Invalid Refresh Token',
		);
		const other = await s.lp.createUserPoolClient(s.poolId);
		expectError(
			await init({ REFRESH_TOKEN: String(res.RefreshToken) }, 'REFRESH_TOKEN_AUTH', other.ClientId),
			'NotAuthorizedException',
			'Invalid Refresh Token',
		);
		s.lp.advanceTime(31 * 86400_000);
		try {
			expectError(
				await init({ REFRESH_TOKEN: String(res.RefreshToken) }, 'REFRESH_TOKEN_AUTH'),
				'NotAuthorizedException',
				'Refresh Token has expired',
			);
		} finally {
			s.lp.setClockOffset(0);
		}
	});
});

describe('NEW_PASSWORD_REQUIRED over HTTP', async () => {
	const s = await setup({ Policies: { PasswordPolicy: { TemporaryPasswordValidityDays: 2 } } });
	afterAll(() => s.lp.close());
	const create = (Username: string) =>
		ok(s.url, 'AdminCreateUser', {
			UserPoolId: s.poolId,
			Username,
			TemporaryPassword: 'Temp0rary!',
			UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }],
		});
	const answer = (session: unknown, responses: Record<string, string>) =>
		api(s.url, 'RespondToAuthChallenge', {
			ChallengeName: 'NEW_PASSWORD_REQUIRED',
			ClientId: s.clientId,
			Session: session,
			ChallengeResponses: responses,
		});

	it('the challenge lists the attributes; the answer sets password and attributes, then tokens', async () => {
		await create('nina');
		const c = await srpLogin(s, 'nina', 'Temp0rary!');
		const params = c.body.ChallengeParameters as Record<string, string>;
		expect(JSON.parse(params.userAttributes ?? '')).toEqual({ email: 'nina@example.com' });
		expect(params.requiredAttributes).toBe('[]');
		expectError(
			await answer(c.body.Session, { USERNAME: 'nina' }),
			'InvalidParameterException',
			'Missing required parameter NEW_PASSWORD',
		);
		expectError(
			await answer(c.body.Session, { USERNAME: 'nina', NEW_PASSWORD: 'weak' }),
			'InvalidPasswordException',
		);
		expectError(
			await answer(c.body.Session, {
				USERNAME: 'nina',
				NEW_PASSWORD: 'N3wPassword!',
				'userAttributes.shoe': '9',
			}),
			'InvalidParameterException',
		);
		const r = await answer(c.body.Session, {
			USERNAME: 'nina',
			NEW_PASSWORD: 'N3wPassword!',
			'userAttributes.name': 'Nina',
		});
		expect(r.status, JSON.stringify(r.body)).toBe(200);
		const user = await ok(s.url, 'AdminGetUser', { UserPoolId: s.poolId, Username: 'nina' });
		expect(user.UserStatus).toBe('CONFIRMED');
		expect(user.UserAttributes).toContainEqual({ Name: 'name', Value: 'Nina' });
		expectError(await srpLogin(s, 'nina', 'Temp0rary!'), 'NotAuthorizedException');
		expect((await srpLogin(s, 'nina', 'N3wPassword!')).status).toBe(200);
	});

	it('an expired temporary password is refused', async () => {
		await create('otto');
		s.lp.advanceTime(3 * 86400_000);
		try {
			expectError(
				await srpLogin(s, 'otto', 'Temp0rary!'),
				'NotAuthorizedException',
				'Temporary password has expired and must be reset by an administrator.',
			);
		} finally {
			s.lp.setClockOffset(0);
		}
	});
});
