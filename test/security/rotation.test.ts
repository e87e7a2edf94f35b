// Issue 12's new secrets inherit the policy of issue 11: sign-in codes and the raw ClientSecret
// of GetTokensFromRefreshToken are compared in constant time (counted, not timed, as in
// constantTime.test.ts), and a refresh token replaced by rotation cannot be replayed.
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PASSWORD, api, expectError, ok, setup } from '../server/helpers';
import { codeOf, respond, tokensOf, userAuth, userAuthSetup } from '../server/userAuthHelpers';

const compared = vi.hoisted(() => [] as [string, string][]);
vi.mock('../../server/compare', async (importOriginal) => {
	const real = await importOriginal<typeof import('../../server/compare')>();
	return {
		sameSecret: (given: string, expected: string) => {
			compared.push([given, expected]);
			return real.sameSecret(given, expected);
		},
	};
});

beforeEach(() => {
	compared.length = 0;
});

describe('attack: replaying a rotated refresh token', async () => {
	const s = await setup(
		{},
		{
			GenerateSecret: true,
			ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
			RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 },
		},
	);
	afterAll(() => s.lp.close());
	await s.lp.createUser(s.poolId, 'zed', PASSWORD);
	const { ClientSecret } = (
		await ok(s.url, 'DescribeUserPoolClient', { UserPoolId: s.poolId, ClientId: s.clientId })
	).UserPoolClient as { ClientSecret: string };
	const { createHmac } = await import('node:crypto');
	const hash = createHmac('sha256', ClientSecret).update(`zed${s.clientId}`).digest('base64');

	it('with no grace period the replaced token is refused at once; the thief’s copy is useless', async () => {
		const first = tokensOf(
			await api(s.url, 'InitiateAuth', {
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: s.clientId,
				AuthParameters: { USERNAME: 'zed', PASSWORD, SECRET_HASH: hash },
			}),
		);
		const body = { RefreshToken: first.RefreshToken, ClientId: s.clientId, ClientSecret };
		tokensOf(await api(s.url, 'GetTokensFromRefreshToken', body));
		expectError(await api(s.url, 'GetTokensFromRefreshToken', body), 'RefreshTokenReuseException');
	});

	it('the raw ClientSecret is compared through sameSecret', async () => {
		await api(s.url, 'GetTokensFromRefreshToken', {
			RefreshToken: 'x',
			ClientId: s.clientId,
			ClientSecret: 'guess',
		});
		expect(compared).toContainEqual(['guess', ClientSecret]);
	});
});

describe('sign-in codes are compared in constant time', async () => {
	const s = await userAuthSetup();
	afterAll(() => s.lp.close());
	await s.lp.createUser(s.poolId, 'yan', PASSWORD, {
		email: 'yan@example.com',
		email_verified: 'true',
	});

	it('EMAIL_OTP_CODE', async () => {
		const c = await userAuth(s, { USERNAME: 'yan', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
		await respond(s, 'EMAIL_OTP', c.body.Session, { USERNAME: 'yan', EMAIL_OTP_CODE: '11111111' });
		expect(compared).toContainEqual(['11111111', codeOf(s, 'yan', 'email-otp')]);
	});
});
