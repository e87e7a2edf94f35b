import { SignJWT, createRemoteJWKSet, generateKeyPair, jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalPool } from '../../server/index';
import {
	PASSWORD,
	api,
	expectError,
	jwtPayload,
	lastCode,
	ok,
	setup,
	signUpConfirmed,
	srpLogin,
	tokensFor,
} from './helpers';

describe('tokens', async () => {
	const s = await setup();
	afterAll(() => s.lp.close());
	await signUpConfirmed(s, 'tina', { 'custom:team': 'blue' });

	it('RS256 JWTs verifiable with the JWKS, with the service claims', async () => {
		const res = await tokensFor(s, 'tina');
		const jwks = createRemoteJWKSet(new URL(`${s.url}/${s.poolId}/.well-known/jwks.json`));
		const iss = `${s.url}/${s.poolId}`;
		const access = (await jwtVerify(String(res.AccessToken), jwks, { issuer: iss })).payload;
		const id = (await jwtVerify(String(res.IdToken), jwks, { issuer: iss, audience: s.clientId }))
			.payload;
		const sub = id.sub;
		expect(access).toMatchObject({
			token_use: 'access',
			client_id: s.clientId,
			username: 'tina',
			scope: 'aws.cognito.signin.user.admin',
			sub,
			iss,
		});
		for (const claim of ['origin_jti', 'event_id', 'jti', 'iat', 'exp', 'auth_time'])
			expect(access[claim]).toBeDefined();
		expect(Number(access.exp) - Number(access.iat)).toBe(3600);
		expect(id).toMatchObject({
			token_use: 'id',
			aud: s.clientId,
			'cognito:username': 'tina',
			email: 'tina@example.com',
			email_verified: true,
			'custom:team': 'blue',
			origin_jti: access.origin_jti,
		});
		for (const claim of ['jti', 'iat', 'exp', 'auth_time']) expect(id[claim]).toBeDefined();
		const header = JSON.parse(
			Buffer.from(String(res.AccessToken).split('.')[0] ?? '', 'base64url').toString(),
		) as Record<string, string>;
		expect(header).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
		const conf = (await (
			await fetch(`${s.url}/${s.poolId}/.well-known/openid-configuration`)
		).json()) as Record<string, string>;
		expect(conf).toMatchObject({ issuer: iss, jwks_uri: `${iss}/.well-known/jwks.json` });
		expect((await fetch(`${s.url}/us-east-1_nope/.well-known/jwks.json`)).status).toBe(404);
	});

	it('rejects forged, foreign-key, unsigned and garbage access tokens', async () => {
		const res = await tokensFor(s, 'tina');
		const [h, p, sig] = String(res.AccessToken).split('.');
		const claims = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Record<
			string,
			unknown
		>;
		const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, exp: Number(claims.exp) + 9999 })).toString('base64url')}.${sig}`;
		const { privateKey } = await generateKeyPair('RS256');
		const foreign = await new SignJWT(claims)
			.setProtectedHeader({
				alg: 'RS256',
				kid: JSON.parse(Buffer.from(h ?? '', 'base64url').toString()).kid,
			})
			.sign(privateKey);
		const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
		for (const token of [tampered, foreign, none, 'garbage', `${h}.${p}`]) {
			expectError(
				await api(s.url, 'GetUser', { AccessToken: token }),
				'NotAuthorizedException',
				'Invalid Access Token',
			);
		}
		expectError(
			await api(s.url, 'GetUser', { AccessToken: String(res.IdToken) }),
			'NotAuthorizedException',
			'Invalid Access Token',
		);
	});

	it('a token from another server start (other key) is invalid', async () => {
		const other = await setup();
		try {
			await signUpConfirmed(other, 'tina');
			const res = await tokensFor(other, 'tina');
			expectError(
				await api(s.url, 'GetUser', { AccessToken: String(res.AccessToken) }),
				'NotAuthorizedException',
				'Invalid Access Token',
			);
		} finally {
			await other.lp.close();
		}
	});

	it('lifetimes from the client settings, and expiry', async () => {
		const short = await s.lp.createUserPoolClient(s.poolId, {
			AccessTokenValidity: 5,
			IdTokenValidity: 10,
			RefreshTokenValidity: 60,
			TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
			ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
		});
		const r = await ok(s.url, 'InitiateAuth', {
			AuthFlow: 'USER_PASSWORD_AUTH',
			ClientId: short.ClientId,
			AuthParameters: { USERNAME: 'tina', PASSWORD },
		});
		const res = r.AuthenticationResult as Record<string, string>;
		expect(res.ExpiresIn).toBe(300);
		const idClaims = jwtPayload(res.IdToken ?? '');
		expect(Number(idClaims.exp) - Number(idClaims.iat)).toBe(600);
		s.lp.advanceTime(301_000);
		try {
			expectError(
				await api(s.url, 'GetUser', { AccessToken: res.AccessToken }),
				'NotAuthorizedException',
				'Access Token has expired',
			);
			const refreshed = await ok(s.url, 'InitiateAuth', {
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				ClientId: short.ClientId,
				AuthParameters: { REFRESH_TOKEN: res.RefreshToken },
			});
			expect(refreshed.AuthenticationResult).toMatchObject({ ExpiresIn: 300 });
			s.lp.advanceTime(3600_000);
			expectError(
				await api(s.url, 'InitiateAuth', {
					AuthFlow: 'REFRESH_TOKEN_AUTH',
					ClientId: short.ClientId,
					AuthParameters: { REFRESH_TOKEN: res.RefreshToken },
				}),
				'NotAuthorizedException',
				'Refresh Token has expired',
			);
		} finally {
			s.lp.setClockOffset(0);
		}
	});

	it('startLocalPool tokenLifetimes override every client', async () => {
		const lp = await startLocalPool({
			port: 0,
			tokenLifetimes: { accessSeconds: 42, idSeconds: 43, refreshSeconds: 44 },
		});
		try {
			const t = await setup({}, {}, lp);
			await signUpConfirmed(t, 'ulla');
			const res = await tokensFor(t, 'ulla');
			expect(res.ExpiresIn).toBe(42);
			const id = jwtPayload(String(res.IdToken));
			expect(Number(id.exp) - Number(id.iat)).toBe(43);
		} finally {
			await lp.close();
		}
	});

	it('GlobalSignOut revokes every token of the user, then new sign-ins work', async () => {
		const a = await tokensFor(s, 'tina');
		const b = await tokensFor(s, 'tina');
		expect(await ok(s.url, 'GlobalSignOut', { AccessToken: a.AccessToken })).toEqual({});
		for (const t of [a, b]) {
			expectError(
				await api(s.url, 'GetUser', { AccessToken: t.AccessToken }),
				'NotAuthorizedException',
				'Access Token has been revoked',
			);
			expectError(
				await api(s.url, 'InitiateAuth', {
					AuthFlow: 'REFRESH_TOKEN_AUTH',
					ClientId: s.clientId,
					AuthParameters: { REFRESH_TOKEN: t.RefreshToken },
				}),
				'NotAuthorizedException',
				'Refresh Token has been revoked',
			);
		}
		expectError(
			await api(s.url, 'GlobalSignOut', { AccessToken: a.AccessToken }),
			'NotAuthorizedException',
			'Access Token has been revoked',
		);
		const c = await tokensFor(s, 'tina');
		expect((await ok(s.url, 'GetUser', { AccessToken: c.AccessToken })).Username).toBe('tina');
	});

	it('RevokeToken revokes one family only; JWTs and other clients are refused', async () => {
		const a = await tokensFor(s, 'tina');
		const b = await tokensFor(s, 'tina');
		expectError(
			await api(s.url, 'RevokeToken', { ClientId: s.clientId, Token: a.AccessToken }),
			'UnsupportedTokenTypeException',
		);
		const other = await s.lp.createUserPoolClient(s.poolId);
		expectError(
			await api(s.url, 'RevokeToken', { ClientId: other.ClientId, Token: a.RefreshToken }),
			'UnauthorizedException',
		);
		expect(await ok(s.url, 'RevokeToken', { ClientId: s.clientId, Token: a.RefreshToken })).toEqual(
			{},
		);
		expect(await ok(s.url, 'RevokeToken', { ClientId: s.clientId, Token: a.RefreshToken })).toEqual(
			{},
		);
		expectError(
			await api(s.url, 'GetUser', { AccessToken: a.AccessToken }),
			'NotAuthorizedException',
			'Access Token has been revoked',
		);
		expect((await ok(s.url, 'GetUser', { AccessToken: b.AccessToken })).Username).toBe('tina');
		expectError(
			await api(s.url, 'RevokeToken', { ClientId: s.clientId }),
			'InvalidParameterException',
		);
	});
});

describe('user self-service with an access token', async () => {
	const s = await setup();
	afterAll(() => s.lp.close());
	await signUpConfirmed(s, 'vic');
	const access = String((await tokensFor(s, 'vic')).AccessToken);

	it('GetUser returns the username and attributes, sub first', async () => {
		const u = await ok(s.url, 'GetUser', { AccessToken: access });
		expect(u.Username).toBe('vic');
		const attrs = u.UserAttributes as { Name: string; Value: string }[];
		expect(attrs[0]?.Name).toBe('sub');
		expect(attrs).toContainEqual({ Name: 'email', Value: 'vic@example.com' });
		expectError(await api(s.url, 'GetUser', {}), 'InvalidParameterException', /accessToken/);
	});

	it('UpdateUserAttributes: a new e-mail becomes unverified and gets a code; bad names are refused', async () => {
		const r = await ok(s.url, 'UpdateUserAttributes', {
			AccessToken: access,
			UserAttributes: [
				{ Name: 'email', Value: 'vic2@example.com' },
				{ Name: 'name', Value: 'Vic' },
			],
		});
		expect(r.CodeDeliveryDetailsList).toEqual([
			{ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'v***@e***' },
		]);
		const attrs = (await ok(s.url, 'GetUser', { AccessToken: access })).UserAttributes;
		expect(attrs).toContainEqual({ Name: 'email_verified', Value: 'false' });
		expectError(
			await api(s.url, 'VerifyUserAttribute', {
				AccessToken: access,
				AttributeName: 'email',
				Code: '000000x',
			}),
			'CodeMismatchException',
		);
		await ok(s.url, 'VerifyUserAttribute', {
			AccessToken: access,
			AttributeName: 'email',
			Code: lastCode(s.lp, s.poolId, 'vic', 'attribute-verification'),
		});
		expect((await ok(s.url, 'GetUser', { AccessToken: access })).UserAttributes).toContainEqual({
			Name: 'email_verified',
			Value: 'true',
		});
		for (const name of ['sub', 'shoe_size', '__proto__']) {
			expectError(
				await api(s.url, 'UpdateUserAttributes', {
					AccessToken: access,
					UserAttributes: [{ Name: name, Value: 'x' }],
				}),
				'InvalidParameterException',
			);
		}
		expectError(
			await api(s.url, 'UpdateUserAttributes', { AccessToken: access }),
			'InvalidParameterException',
		);
		expectError(
			await api(s.url, 'UpdateUserAttributes', {
				AccessToken: access,
				UserAttributes: [{ Value: 'x' }],
			}),
			'InvalidParameterException',
		);
	});

	it('DeleteUserAttributes and GetUserAttributeVerificationCode', async () => {
		await ok(s.url, 'DeleteUserAttributes', { AccessToken: access, UserAttributeNames: ['name'] });
		const attrs = (await ok(s.url, 'GetUser', { AccessToken: access })).UserAttributes as {
			Name: string;
		}[];
		expect(attrs.map((a) => a.Name)).not.toContain('name');
		expectError(
			await api(s.url, 'DeleteUserAttributes', { AccessToken: access }),
			'InvalidParameterException',
		);
		const r = await ok(s.url, 'GetUserAttributeVerificationCode', {
			AccessToken: access,
			AttributeName: 'email',
		});
		expect(r.CodeDeliveryDetails).toMatchObject({
			DeliveryMedium: 'EMAIL',
			AttributeName: 'email',
		});
		expectError(
			await api(s.url, 'GetUserAttributeVerificationCode', {
				AccessToken: access,
				AttributeName: 'name',
			}),
			'InvalidParameterException',
		);
		expectError(
			await api(s.url, 'GetUserAttributeVerificationCode', {
				AccessToken: access,
				AttributeName: 'phone_number',
			}),
			'InvalidParameterException',
		);
	});

	it('ChangePassword checks the previous password and the policy', async () => {
		expectError(
			await api(s.url, 'ChangePassword', {
				AccessToken: access,
				PreviousPassword: 'Wrong1!aa',
				ProposedPassword: 'Another1!',
			}),
			'NotAuthorizedException',
			'Incorrect username or password.',
		);
		expectError(
			await api(s.url, 'ChangePassword', {
				AccessToken: access,
				PreviousPassword: PASSWORD,
				ProposedPassword: 'weak',
			}),
			'InvalidPasswordException',
		);
		await ok(s.url, 'ChangePassword', {
			AccessToken: access,
			PreviousPassword: PASSWORD,
			ProposedPassword: 'Another1!',
		});
		expect((await srpLogin(s, 'vic', 'Another1!')).status).toBe(200);
		expectError(await srpLogin(s, 'vic', PASSWORD), 'NotAuthorizedException');
	});

	it('DeleteUser removes the user and revokes the tokens', async () => {
		await ok(s.url, 'DeleteUser', { AccessToken: access });
		expectError(
			await api(s.url, 'GetUser', { AccessToken: access }),
			'NotAuthorizedException',
			'Access Token has been revoked',
		);
		expectError(
			await api(s.url, 'AdminGetUser', { UserPoolId: s.poolId, Username: 'vic' }),
			'UserNotFoundException',
			'User does not exist.',
		);
		expectError(
			await srpLogin(s, 'vic', 'Another1!'),
			'NotAuthorizedException',
			'Incorrect username or password.',
		);
	});
});
