import { afterAll, describe, expect, it } from 'vitest';
import { startLocalPool } from '../../server/index';
import { PASSWORD, api, expectError, ok, srpLogin, type Setup } from './helpers';

describe('admin actions', async () => {
	const lp = await startLocalPool({ port: 0 });
	afterAll(() => lp.close());
	const url = lp.url;

	it('CreateUserPool: id format, defaults, settings; DescribeUserPool', async () => {
		const r = await ok(url, 'CreateUserPool', {
			PoolName: 'demo',
			Policies: { PasswordPolicy: { MinimumLength: 12, RequireSymbols: false } },
			MfaConfiguration: 'OPTIONAL',
			DeviceConfiguration: {
				ChallengeRequiredOnNewDevice: true,
				DeviceOnlyRememberedOnUserPrompt: true,
			},
			AutoVerifiedAttributes: ['email'],
			AliasAttributes: ['email', 'preferred_username'],
		});
		const pool = r.UserPool as Record<string, unknown>;
		expect(pool.Id).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
		expect(pool).toMatchObject({
			Name: 'demo',
			MfaConfiguration: 'OPTIONAL',
			Policies: {
				PasswordPolicy: {
					MinimumLength: 12,
					RequireSymbols: false,
					RequireUppercase: true,
					RequireLowercase: true,
					RequireNumbers: true,
				},
			},
			DeviceConfiguration: {
				ChallengeRequiredOnNewDevice: true,
				DeviceOnlyRememberedOnUserPrompt: true,
			},
			AutoVerifiedAttributes: ['email'],
			AliasAttributes: ['email', 'preferred_username'],
		});
		expect((await ok(url, 'DescribeUserPool', { UserPoolId: pool.Id })).UserPool).toMatchObject({
			Id: pool.Id,
			EstimatedNumberOfUsers: 0,
		});
		expectError(
			await api(url, 'DescribeUserPool', { UserPoolId: 'us-east-1_missing' }),
			'ResourceNotFoundException',
			'User pool us-east-1_missing does not exist.',
		);
		expectError(
			await api(url, 'CreateUserPool', { PoolName: 'x', MfaConfiguration: 'SOMETIMES' }),
			'InvalidParameterException',
			/mfaConfiguration/,
		);
		expectError(
			await api(url, 'CreateUserPool', {
				PoolName: 'x',
				UsernameAttributes: ['email'],
				AliasAttributes: ['email'],
			}),
			'InvalidParameterException',
		);
		expectError(await api(url, 'CreateUserPool', {}), 'InvalidParameterException', /poolName/);
		const eu = await startLocalPool({ port: 0, region: 'eu-west-1' });
		try {
			expect((await eu.createUserPool()).Id).toMatch(/^eu-west-1_/);
		} finally {
			await eu.close();
		}
	});

	it('CreateUserPoolClient with and without a secret; DescribeUserPoolClient', async () => {
		const pool = await lp.createUserPool();
		const plain = await ok(url, 'CreateUserPoolClient', { UserPoolId: pool.Id, ClientName: 'web' });
		expect(plain.UserPoolClient).toMatchObject({
			ClientId: expect.stringMatching(/^[a-z0-9]{26}$/),
			ClientName: 'web',
			UserPoolId: pool.Id,
			ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
		});
		expect((plain.UserPoolClient as Record<string, unknown>).ClientSecret).toBeUndefined();
		const secret = await ok(url, 'CreateUserPoolClient', {
			UserPoolId: pool.Id,
			ClientName: 'srv',
			GenerateSecret: true,
		});
		expect((secret.UserPoolClient as Record<string, unknown>).ClientSecret).toMatch(
			/^[a-z0-9]{51}$/,
		);
		expectError(
			await api(url, 'CreateUserPoolClient', { UserPoolId: 'us-east-1_none', ClientName: 'x' }),
			'ResourceNotFoundException',
		);
		expectError(
			await api(url, 'DescribeUserPoolClient', { UserPoolId: pool.Id, ClientId: 'nope' }),
			'ResourceNotFoundException',
		);
		expectError(
			await api(url, 'CreateUserPoolClient', {
				UserPoolId: pool.Id,
				ClientName: 'x',
				GenerateSecret: 'yes',
			}),
			'InvalidParameterException',
		);
	});

	it('AdminCreateUser, AdminGetUser, AdminConfirmSignUp, AdminSetUserPassword, AdminDeleteUser', async () => {
		const pool = await lp.createUserPool();
		const client = await lp.createUserPoolClient(pool.Id);
		const s: Setup = { lp, url, poolId: pool.Id, clientId: client.ClientId };
		const created = await ok(url, 'AdminCreateUser', {
			UserPoolId: pool.Id,
			Username: 'wes',
			TemporaryPassword: 'Temp0rary!',
			UserAttributes: [{ Name: 'email', Value: 'wes@example.com' }],
		});
		expect(created.User).toMatchObject({
			Username: 'wes',
			UserStatus: 'FORCE_CHANGE_PASSWORD',
			Enabled: true,
		});
		expect((await srpLogin(s, 'wes', 'Temp0rary!')).body.ChallengeName).toBe(
			'NEW_PASSWORD_REQUIRED',
		);
		expectError(
			await api(url, 'AdminCreateUser', { UserPoolId: pool.Id, Username: 'wes' }),
			'UsernameExistsException',
		);
		expectError(
			await api(url, 'AdminCreateUser', {
				UserPoolId: pool.Id,
				Username: 'x',
				TemporaryPassword: 'weak',
			}),
			'InvalidPasswordException',
		);

		expectError(
			await api(url, 'AdminSetUserPassword', {
				UserPoolId: pool.Id,
				Username: 'wes',
				Password: 'weak',
				Permanent: true,
			}),
			'InvalidPasswordException',
		);
		await ok(url, 'AdminSetUserPassword', {
			UserPoolId: pool.Id,
			Username: 'wes',
			Password: PASSWORD,
			Permanent: true,
		});
		const got = await ok(url, 'AdminGetUser', { UserPoolId: pool.Id, Username: 'wes' });
		expect(got).toMatchObject({ Username: 'wes', UserStatus: 'CONFIRMED', Enabled: true });
		expect(got.UserAttributes).toContainEqual({ Name: 'email', Value: 'wes@example.com' });
		expect((await srpLogin(s, 'wes', PASSWORD)).status).toBe(200);

		await ok(url, 'SignUp', { ClientId: client.ClientId, Username: 'xia', Password: PASSWORD });
		expectError(await srpLogin(s, 'xia', PASSWORD), 'UserNotConfirmedException');
		await ok(url, 'AdminConfirmSignUp', { UserPoolId: pool.Id, Username: 'xia' });
		expectError(
			await api(url, 'AdminConfirmSignUp', { UserPoolId: pool.Id, Username: 'xia' }),
			'NotAuthorizedException',
			/CONFIRMED/,
		);
		expect((await srpLogin(s, 'xia', PASSWORD)).status).toBe(200);

		await ok(url, 'AdminDeleteUser', { UserPoolId: pool.Id, Username: 'xia' });
		for (const action of ['AdminGetUser', 'AdminDeleteUser', 'AdminConfirmSignUp']) {
			expectError(
				await api(url, action, { UserPoolId: pool.Id, Username: 'xia' }),
				'UserNotFoundException',
				'User does not exist.',
			);
		}
	});

	it('aliases: a verified e-mail alias signs in; an unverified one does not', async () => {
		const pool = await lp.createUserPool({ AliasAttributes: ['email'] });
		const client = await lp.createUserPoolClient(pool.Id, {
			ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
		});
		const s: Setup = { lp, url, poolId: pool.Id, clientId: client.ClientId };
		await lp.createUser(pool.Id, 'yan', PASSWORD, { email: 'yan@example.com' });
		expectError(await srpLogin(s, 'yan@example.com', PASSWORD), 'NotAuthorizedException');
		await ok(url, 'AdminUpdateUserAttributes', {
			UserPoolId: pool.Id,
			Username: 'yan',
			UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
		});
		const r = await srpLogin(s, 'yan@example.com', PASSWORD);
		expect(r.status).toBe(200);
		expectError(
			await api(url, 'SignUp', {
				ClientId: client.ClientId,
				Username: 'zed@example.com',
				Password: PASSWORD,
			}),
			'InvalidParameterException',
			/email format/,
		);
	});

	it('ListUsers: pagination and filters', async () => {
		const pool = await lp.createUserPool();
		for (const name of ['ann', 'bob', 'cat'])
			await lp.createUser(pool.Id, name, PASSWORD, { email: `${name}@example.com` });
		const p1 = await ok(url, 'ListUsers', { UserPoolId: pool.Id, Limit: 2 });
		expect((p1.Users as { Username: string }[]).map((u) => u.Username)).toEqual(['ann', 'bob']);
		const p2 = await ok(url, 'ListUsers', {
			UserPoolId: pool.Id,
			Limit: 2,
			PaginationToken: p1.PaginationToken,
		});
		expect((p2.Users as { Username: string }[]).map((u) => u.Username)).toEqual(['cat']);
		expect(p2.PaginationToken).toBeUndefined();
		const f = await ok(url, 'ListUsers', {
			UserPoolId: pool.Id,
			Filter: 'email = "bob@example.com"',
		});
		expect((f.Users as { Username: string }[]).map((u) => u.Username)).toEqual(['bob']);
		const prefix = await ok(url, 'ListUsers', { UserPoolId: pool.Id, Filter: 'username ^= "c"' });
		expect((prefix.Users as { Username: string }[]).map((u) => u.Username)).toEqual(['cat']);
		expectError(
			await api(url, 'ListUsers', { UserPoolId: pool.Id, Filter: 'email ~ bob' }),
			'InvalidParameterException',
		);
	});
});
