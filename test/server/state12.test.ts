import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalPool } from '../../server/index';
import { PASSWORD, api, expectError, ok, setup, tokensFor } from './helpers';
import { tokensOf } from './userAuthHelpers';

const dir = mkdtempSync(join(tmpdir(), 'local-pool-12-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('issue 12 state survives a restart', () => {
	it('tier, first factors, MFA templates, rotation settings, email MFA and replaced refresh tokens', async () => {
		const file = join(dir, 'state.json');
		const first = await setup(
			{
				UserPoolTier: 'PLUS',
				Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
			},
			{
				ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
				RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 },
			},
			await startLocalPool({ port: 0, stateFile: file }),
		);
		const mfa = {
			EmailMfaConfiguration: { Message: 'Code {####}', Subject: 'Code' },
			MfaConfiguration: 'OPTIONAL',
		};
		await ok(first.url, 'SetUserPoolMfaConfig', { UserPoolId: first.poolId, ...mfa });
		await first.lp.createUser(first.poolId, 'ann', PASSWORD, { email: 'ann@example.com' });
		const tokens = await tokensFor(first, 'ann');
		const rotated = tokensOf(
			await api(first.url, 'GetTokensFromRefreshToken', {
				RefreshToken: tokens.RefreshToken,
				ClientId: first.clientId,
			}),
		);
		await ok(first.url, 'AdminSetUserMFAPreference', {
			UserPoolId: first.poolId,
			Username: 'ann',
			EmailMfaSettings: { Enabled: true },
		});
		await first.lp.close();

		const lp = await startLocalPool({ port: 0, stateFile: file });
		try {
			const url = lp.url;
			expect(
				(await ok(url, 'DescribeUserPool', { UserPoolId: first.poolId })).UserPool,
			).toMatchObject({
				UserPoolTier: 'PLUS',
				Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
			});
			expect(await ok(url, 'GetUserPoolMfaConfig', { UserPoolId: first.poolId })).toEqual(mfa);
			expect(
				(
					await ok(url, 'DescribeUserPoolClient', {
						UserPoolId: first.poolId,
						ClientId: first.clientId,
					})
				).UserPoolClient,
			).toMatchObject({ RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } });
			expect(
				(await ok(url, 'AdminGetUser', { UserPoolId: first.poolId, Username: 'ann' }))
					.UserMFASettingList,
			).toEqual(['EMAIL_OTP']);
			expectError(
				await api(url, 'GetTokensFromRefreshToken', {
					RefreshToken: tokens.RefreshToken,
					ClientId: first.clientId,
				}),
				'RefreshTokenReuseException',
			);
			tokensOf(
				await api(url, 'GetTokensFromRefreshToken', {
					RefreshToken: rotated.RefreshToken,
					ClientId: first.clientId,
				}),
			);
		} finally {
			await lp.close();
		}
	});
});
