import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD, api, expectError, ok, setup, srpLogin, tokensFor } from './helpers';
import { tokensOf } from './userAuthHelpers';

const refresh = (url: string, body: Record<string, unknown>) =>
	api(url, 'GetTokensFromRefreshToken', body);

describe('GetTokensFromRefreshToken without rotation', async () => {
	const s = await setup();
	afterAll(() => s.lp.close());
	await s.lp.createUser(s.poolId, 'quin', PASSWORD);

	it('new ID and access tokens, no refresh token; the old one keeps working, REFRESH_TOKEN_AUTH too', async () => {
		const { RefreshToken } = await tokensFor(s, 'quin');
		const r = await refresh(s.url, {
			RefreshToken,
			ClientId: s.clientId,
			ClientMetadata: { source: 'test' },
		});
		expect(r.status).toBe(200);
		expect(Object.keys(r.body)).toEqual(['AuthenticationResult']);
		const result = r.body.AuthenticationResult as Record<string, unknown>;
		expect(result).toMatchObject({ ExpiresIn: 3600, TokenType: 'Bearer' });
		expect(result.RefreshToken).toBeUndefined();
		tokensOf(await refresh(s.url, { RefreshToken, ClientId: s.clientId }));
		tokensOf(
			await api(s.url, 'InitiateAuth', {
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				ClientId: s.clientId,
				AuthParameters: { REFRESH_TOKEN: RefreshToken },
			}),
		);
	});

	it('refuses a malformed DeviceKey, an unknown token, and another client’s token', async () => {
		const { RefreshToken } = await tokensFor(s, 'quin');
		expectError(
			await refresh(s.url, { RefreshToken, ClientId: s.clientId, DeviceKey: 'no key' }),
			'InvalidParameterException',
		);
		expectError(
			await refresh(s.url, { RefreshToken: 'nope', ClientId: s.clientId }),
			'NotAuthorizedException',
			'Invalid Refresh Token',
		);
		const other = await s.lp.createUserPoolClient(s.poolId);
		expectError(
			await refresh(s.url, { RefreshToken, ClientId: other.ClientId }),
			'NotAuthorizedException',
			'Invalid Refresh Token',
		);
	});
});

describe('GetTokensFromRefreshToken with rotation', async () => {
	const s = await setup(
		{},
		{
			ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
			RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
			RefreshTokenValidity: 2,
			TokenValidityUnits: { RefreshToken: 'hours' },
		},
	);
	afterAll(() => s.lp.close());
	await s.lp.createUser(s.poolId, 'rue', PASSWORD);

	it('returns a new refresh token; the old one works within the grace period, then RefreshTokenReuseException', async () => {
		const first = await tokensFor(s, 'rue');
		const rotated = tokensOf(
			await refresh(s.url, { RefreshToken: first.RefreshToken, ClientId: s.clientId }),
		);
		expect(typeof rotated.RefreshToken).toBe('string');
		expect(rotated.RefreshToken).not.toBe(first.RefreshToken);
		// A client's retry within RetryGracePeriodSeconds still works.
		s.lp.advanceTime(9_000);
		const retry = tokensOf(
			await refresh(s.url, { RefreshToken: first.RefreshToken, ClientId: s.clientId }),
		);
		expect(retry.RefreshToken).not.toBe(rotated.RefreshToken);
		s.lp.advanceTime(1_000);
		expectError(
			await refresh(s.url, { RefreshToken: first.RefreshToken, ClientId: s.clientId }),
			'RefreshTokenReuseException',
		);
		// The rotated token goes on rotating.
		tokensOf(await refresh(s.url, { RefreshToken: rotated.RefreshToken, ClientId: s.clientId }));
	});

	it('a rotated token expires when the token it replaced would have', async () => {
		const first = await tokensFor(s, 'rue');
		s.lp.advanceTime(3600_000);
		const rotated = tokensOf(
			await refresh(s.url, { RefreshToken: first.RefreshToken, ClientId: s.clientId }),
		);
		s.lp.advanceTime(3600_000);
		expectError(
			await refresh(s.url, { RefreshToken: rotated.RefreshToken, ClientId: s.clientId }),
			'NotAuthorizedException',
			'Refresh Token has expired',
		);
	});

	it('REFRESH_TOKEN_AUTH is refused on a rotating client', async () => {
		const first = await tokensFor(s, 'rue');
		expectError(
			await api(s.url, 'InitiateAuth', {
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				ClientId: s.clientId,
				AuthParameters: { REFRESH_TOKEN: first.RefreshToken },
			}),
			'InvalidParameterException',
			'Refresh token rotation is enabled for this client: use GetTokensFromRefreshToken.',
		);
	});

	it('RevokeToken and GlobalSignOut cover every token of the rotated family', async () => {
		const first = await tokensFor(s, 'rue');
		const rotated = tokensOf(
			await refresh(s.url, { RefreshToken: first.RefreshToken, ClientId: s.clientId }),
		);
		await ok(s.url, 'RevokeToken', { Token: first.RefreshToken, ClientId: s.clientId });
		expectError(
			await refresh(s.url, { RefreshToken: rotated.RefreshToken, ClientId: s.clientId }),
			'NotAuthorizedException',
			'Refresh Token has been revoked',
		);
		const second = await tokensFor(s, 'rue');
		const next = tokensOf(
			await refresh(s.url, { RefreshToken: second.RefreshToken, ClientId: s.clientId }),
		);
		await ok(s.url, 'GlobalSignOut', { AccessToken: next.AccessToken });
		expectError(
			await refresh(s.url, { RefreshToken: next.RefreshToken, ClientId: s.clientId }),
			'NotAuthorizedException',
			'Refresh Token has been revoked',
		);
	});
});

describe('GetTokensFromRefreshToken on a client with a secret', async () => {
	const s = await setup({}, { GenerateSecret: true });
	afterAll(() => s.lp.close());
	await s.lp.createUser(s.poolId, 'sal', PASSWORD);
	const client = (
		await ok(s.url, 'DescribeUserPoolClient', { UserPoolId: s.poolId, ClientId: s.clientId })
	).UserPoolClient as { ClientSecret: string };

	it('needs the raw ClientSecret', async () => {
		const { createHmac } = await import('node:crypto');
		const hash = createHmac('sha256', client.ClientSecret)
			.update(`sal${s.clientId}`)
			.digest('base64');
		const login = await srpLogin(s, 'sal', PASSWORD, { SECRET_HASH: hash });
		const { RefreshToken } = tokensOf(login);
		for (const secret of [undefined, hash, `${client.ClientSecret}x`]) {
			expectError(
				await refresh(s.url, { RefreshToken, ClientId: s.clientId, ClientSecret: secret }),
				'NotAuthorizedException',
				`Unable to verify secret hash for client ${s.clientId}`,
			);
		}
		tokensOf(
			await refresh(s.url, {
				RefreshToken,
				ClientId: s.clientId,
				ClientSecret: client.ClientSecret,
			}),
		);
	});
});
