import { createHmac } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD, api, expectError, lastCode, ok, setup, srpLogin } from './helpers';

describe('SignUp, confirmation and forgotten passwords', async () => {
	const s = await setup({ Policies: { PasswordPolicy: { MinimumLength: 10 } } });
	afterAll(() => s.lp.close());
	const signUp = (
		Username: string,
		Password = 'Passw0rd!long',
		extra: Record<string, unknown> = {},
	) =>
		api(s.url, 'SignUp', {
			ClientId: s.clientId,
			Username,
			Password,
			UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }],
			...extra,
		});

	it('enforces the password policy rule by rule', async () => {
		const cases: [string, string][] = [
			['Sh0rt!', 'Password not long enough'],
			['passw0rd!long', 'Password must have uppercase characters'],
			['PASSW0RD!LONG', 'Password must have lowercase characters'],
			['Password!long', 'Password must have numeric characters'],
			['Passw0rdlong1', 'Password must have symbol characters'],
		];
		for (const [pw, why] of cases) {
			expectError(
				await signUp('pat', pw),
				'InvalidPasswordException',
				`Password did not conform with policy: ${why}`,
			);
		}
		const lax = await setup(
			{
				Policies: {
					PasswordPolicy: {
						MinimumLength: 6,
						RequireSymbols: false,
						RequireUppercase: false,
						RequireNumbers: false,
					},
				},
			},
			{},
			s.lp,
		);
		expect(
			(
				await api(lax.url, 'SignUp', {
					ClientId: lax.clientId,
					Username: 'lax',
					Password: 'simple',
				})
			).status,
		).toBe(200);
	});

	it('creates an unconfirmed user, sends the code, and refuses duplicates', async () => {
		const r = await signUp('quinn');
		expect(r.body).toMatchObject({
			UserConfirmed: false,
			UserSub: expect.stringMatching(/^[0-9a-f-]{36}$/),
			CodeDeliveryDetails: {
				DeliveryMedium: 'EMAIL',
				AttributeName: 'email',
				Destination: 'q***@e***',
			},
		});
		expect(s.lp.outbox.last({ username: 'quinn', kind: 'confirmation' })).toMatchObject({
			destination: 'quinn@example.com',
			code: expect.stringMatching(/^\d{6}$/),
		});
		expectError(await signUp('quinn'), 'UsernameExistsException', 'User already exists');
		expectError(
			await signUp('odd', 'Passw0rd!long', { UserAttributes: [{ Name: 'shoe_size', Value: '9' }] }),
			'InvalidParameterException',
			/shoe_size/,
		);
		expectError(
			await api(s.url, 'SignUp', { ClientId: s.clientId, Username: 'x' }),
			'InvalidParameterException',
			/password/,
		);
		expectError(
			await api(s.url, 'SignUp', { ClientId: 'nope', Username: 'x', Password: PASSWORD }),
			'ResourceNotFoundException',
		);
	});

	it('ConfirmSignUp: wrong code, expired code, success, already confirmed', async () => {
		const confirm = (code: string) =>
			api(s.url, 'ConfirmSignUp', {
				ClientId: s.clientId,
				Username: 'quinn',
				ConfirmationCode: code,
			});
		expectError(
			await confirm('000000x'),
			'CodeMismatchException',
			'Invalid verification code provided, please try again.',
		);
		s.lp.advanceTime(25 * 3600_000);
		try {
			expectError(
				await confirm(lastCode(s.lp, s.poolId, 'quinn', 'confirmation')),
				'ExpiredCodeException',
				'Invalid code provided, please request a code again.',
			);
		} finally {
			s.lp.setClockOffset(0);
		}
		const resent = await ok(s.url, 'ResendConfirmationCode', {
			ClientId: s.clientId,
			Username: 'quinn',
		});
		expect(resent.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL' });
		expect(
			await ok(s.url, 'ConfirmSignUp', {
				ClientId: s.clientId,
				Username: 'quinn',
				ConfirmationCode: lastCode(s.lp, s.poolId, 'quinn', 'confirmation'),
			}),
		).toEqual({});
		expectError(
			await confirm('123456'),
			'NotAuthorizedException',
			'User cannot be confirmed. Current status is CONFIRMED',
		);
		expectError(
			await api(s.url, 'ResendConfirmationCode', { ClientId: s.clientId, Username: 'quinn' }),
			'InvalidParameterException',
			'User is already confirmed.',
		);
		const user = await ok(s.url, 'AdminGetUser', { UserPoolId: s.poolId, Username: 'quinn' });
		expect(user.UserStatus).toBe('CONFIRMED');
		expect(user.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
	});

	it('unknown users: hidden by default, UserNotFoundException for LEGACY clients', async () => {
		expectError(
			await api(s.url, 'ConfirmSignUp', {
				ClientId: s.clientId,
				Username: 'ghost',
				ConfirmationCode: '123456',
			}),
			'CodeMismatchException',
		);
		expect(
			(await ok(s.url, 'ForgotPassword', { ClientId: s.clientId, Username: 'ghost' }))
				.CodeDeliveryDetails,
		).toBeTruthy();
		expect(
			(await ok(s.url, 'ResendConfirmationCode', { ClientId: s.clientId, Username: 'ghost' }))
				.CodeDeliveryDetails,
		).toBeTruthy();
		const legacy = await s.lp.createUserPoolClient(s.poolId, {
			PreventUserExistenceErrors: 'LEGACY',
		});
		for (const action of ['ForgotPassword', 'ResendConfirmationCode']) {
			expectError(
				await api(s.url, action, { ClientId: legacy.ClientId, Username: 'ghost' }),
				'UserNotFoundException',
				'User does not exist.',
			);
		}
		expectError(
			await api(s.url, 'ConfirmSignUp', {
				ClientId: legacy.ClientId,
				Username: 'ghost',
				ConfirmationCode: '1',
			}),
			'UserNotFoundException',
		);
	});

	it('ForgotPassword needs a verified destination; ConfirmForgotPassword checks code, expiry and policy', async () => {
		await signUp('rita');
		expectError(
			await api(s.url, 'ForgotPassword', { ClientId: s.clientId, Username: 'rita' }),
			'InvalidParameterException',
			/no registered\/verified email/,
		);
		const sent = await ok(s.url, 'ForgotPassword', { ClientId: s.clientId, Username: 'quinn' });
		expect(sent.CodeDeliveryDetails).toMatchObject({
			DeliveryMedium: 'EMAIL',
			AttributeName: 'email',
		});
		const code = lastCode(s.lp, s.poolId, 'quinn', 'forgot-password');
		const confirm = (ConfirmationCode: string, Password = 'NewPassw0rd!') =>
			api(s.url, 'ConfirmForgotPassword', {
				ClientId: s.clientId,
				Username: 'quinn',
				ConfirmationCode,
				Password,
			});
		expectError(await confirm(code, 'weak'), 'InvalidPasswordException');
		expectError(await confirm('999999x'), 'CodeMismatchException');
		s.lp.advanceTime(3601_000);
		try {
			expectError(await confirm(code), 'ExpiredCodeException');
		} finally {
			s.lp.setClockOffset(0);
		}
		await ok(s.url, 'ForgotPassword', { ClientId: s.clientId, Username: 'quinn' });
		await ok(s.url, 'ConfirmForgotPassword', {
			ClientId: s.clientId,
			Username: 'quinn',
			ConfirmationCode: lastCode(s.lp, s.poolId, 'quinn', 'forgot-password'),
			Password: 'NewPassw0rd!',
		});
		expect((await srpLogin(s, 'quinn', 'NewPassw0rd!')).status).toBe(200);
		expectError(await srpLogin(s, 'quinn', 'Passw0rd!long'), 'NotAuthorizedException');
	});
});

describe('sign-in attributes and client secrets', async () => {
	const s = await setup({ UsernameAttributes: ['email'] }, { GenerateSecret: true });
	afterAll(() => s.lp.close());

	it('email as username: the username becomes the sub, sign-in works with the email', async () => {
		const clientSecret = await clientSecretOf(s.lp, s.poolId, s.clientId);
		const hash = (u: string) =>
			createHmac('sha256', clientSecret)
				.update(u + s.clientId)
				.digest('base64');
		expectError(
			await api(s.url, 'SignUp', {
				ClientId: s.clientId,
				Username: 'sam@example.com',
				Password: PASSWORD,
			}),
			'NotAuthorizedException',
			`Unable to verify secret hash for client ${s.clientId}`,
		);
		expectError(
			await api(s.url, 'SignUp', {
				ClientId: s.clientId,
				Username: 'sam',
				Password: PASSWORD,
				SecretHash: hash('sam'),
			}),
			'InvalidParameterException',
			'Username should be an email.',
		);
		const r = await ok(s.url, 'SignUp', {
			ClientId: s.clientId,
			Username: 'sam@example.com',
			Password: PASSWORD,
			SecretHash: hash('sam@example.com'),
		});
		expectError(
			await api(s.url, 'SignUp', {
				ClientId: s.clientId,
				Username: 'sam@example.com',
				Password: PASSWORD,
				SecretHash: hash('sam@example.com'),
			}),
			'UsernameExistsException',
			'An account with the given email already exists.',
		);
		await ok(s.url, 'AdminConfirmSignUp', { UserPoolId: s.poolId, Username: 'sam@example.com' });
		const init = await api(s.url, 'InitiateAuth', {
			AuthFlow: 'USER_PASSWORD_AUTH',
			ClientId: s.clientId,
			AuthParameters: {
				USERNAME: 'sam@example.com',
				PASSWORD,
				SECRET_HASH: hash('sam@example.com'),
			},
		});
		expect(init.status).toBe(200);
		const bad = await api(s.url, 'InitiateAuth', {
			AuthFlow: 'USER_PASSWORD_AUTH',
			ClientId: s.clientId,
			AuthParameters: { USERNAME: 'sam@example.com', PASSWORD, SECRET_HASH: hash('x') },
		});
		expectError(bad, 'NotAuthorizedException', /secret hash/);
		const srpInit = await api(s.url, 'InitiateAuth', {
			AuthFlow: 'USER_SRP_AUTH',
			ClientId: s.clientId,
			AuthParameters: {
				USERNAME: 'sam@example.com',
				SRP_A: 'abcdef',
				SECRET_HASH: hash('sam@example.com'),
			},
		});
		expect((srpInit.body.ChallengeParameters as Record<string, string>).USER_ID_FOR_SRP).toBe(
			r.UserSub,
		);
	});
});

describe('client secrets on every leg: InitiateAuth, RespondToAuthChallenge, refresh, RevokeToken', async () => {
	const s = await setup({}, { GenerateSecret: true });
	afterAll(() => s.lp.close());

	it('refuses a missing or wrong proof with the service messages and accepts the right one', async () => {
		const secret = await clientSecretOf(s.lp, s.poolId, s.clientId);
		const hash = (u: string) =>
			createHmac('sha256', secret)
				.update(u + s.clientId)
				.digest('base64');
		await s.lp.createUser(s.poolId, 'rita', PASSWORD);
		const noProof = await api(s.url, 'InitiateAuth', {
			AuthFlow: 'USER_PASSWORD_AUTH',
			ClientId: s.clientId,
			AuthParameters: { USERNAME: 'rita', PASSWORD },
		});
		expectError(
			noProof,
			'NotAuthorizedException',
			`Client ${s.clientId} is configured for secret but secret was not received`,
		);
		const unverifiable = `Unable to verify secret hash for client ${s.clientId}`;
		// The proof of the first leg does not excuse the second from its own.
		const init = await ok(s.url, 'InitiateAuth', {
			AuthFlow: 'USER_SRP_AUTH',
			ClientId: s.clientId,
			AuthParameters: { USERNAME: 'rita', SRP_A: 'abcdef', SECRET_HASH: hash('rita') },
		});
		expectError(
			await api(s.url, 'RespondToAuthChallenge', {
				ChallengeName: 'PASSWORD_VERIFIER',
				ClientId: s.clientId,
				Session: init.Session,
				ChallengeResponses: { USERNAME: 'rita', PASSWORD_CLAIM_SECRET_BLOCK: 'x' },
			}),
			'NotAuthorizedException',
			unverifiable,
		);
		const login = await srpLogin(s, 'rita', PASSWORD, { SECRET_HASH: hash('rita') });
		expect(login.status, JSON.stringify(login.body)).toBe(200);
		const refreshToken = (login.body.AuthenticationResult as Record<string, string>).RefreshToken;
		const refresh = (proof: Record<string, string>) =>
			api(s.url, 'InitiateAuth', {
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				ClientId: s.clientId,
				AuthParameters: { REFRESH_TOKEN: refreshToken, ...proof },
			});
		expectError(await refresh({}), 'NotAuthorizedException', unverifiable);
		expectError(await refresh({ SECRET_HASH: hash('other') }), 'NotAuthorizedException');
		expect((await refresh({ SECRET_HASH: hash('rita') })).status).toBe(200);
		const revoke = (extra: Record<string, string>) =>
			api(s.url, 'RevokeToken', { Token: refreshToken, ClientId: s.clientId, ...extra });
		expectError(await revoke({}), 'NotAuthorizedException', unverifiable);
		expectError(await revoke({ ClientSecret: 'wrong' }), 'NotAuthorizedException', unverifiable);
		expect((await refresh({ SECRET_HASH: hash('rita') })).status).toBe(200);
		expect((await revoke({ ClientSecret: secret })).status).toBe(200);
		expectError(
			await refresh({ SECRET_HASH: hash('rita') }),
			'NotAuthorizedException',
			'Refresh Token has been revoked',
		);
	});
});

async function clientSecretOf(
	lp: { call(a: string, b: Record<string, unknown>): Promise<Record<string, unknown>> },
	poolId: string,
	clientId: string,
) {
	const out = await lp.call('DescribeUserPoolClient', { UserPoolId: poolId, ClientId: clientId });
	return String((out.UserPoolClient as Record<string, unknown>).ClientSecret);
}
