import { afterAll, describe, expect, it } from 'vitest';
import { startLocalPool } from '../../server/index';
import { api, expectError, ok } from './helpers';

describe('pool tier, sign-in policy and MFA configuration', async () => {
	const lp = await startLocalPool({ port: 0, log: () => undefined });
	afterAll(() => lp.close());
	const create = (body: Record<string, unknown>) =>
		api(lp.url, 'CreateUserPool', { PoolName: 'p', ...body });

	it('a new pool is ESSENTIALS with PASSWORD as its only first factor', async () => {
		const r = await create({});
		expect(r.status).toBe(200);
		const pool = r.body.UserPool as Record<string, unknown>;
		expect(pool.UserPoolTier).toBe('ESSENTIALS');
		expect(pool.Policies).toMatchObject({
			SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] },
		});
		const described = await ok(lp.url, 'DescribeUserPool', { UserPoolId: pool.Id });
		expect(described.UserPool).toMatchObject({
			UserPoolTier: 'ESSENTIALS',
			Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] } },
		});
	});

	it('keeps the tier and first factors given, and checks them', async () => {
		const r = await create({
			UserPoolTier: 'PLUS',
			Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
		});
		expect(r.body.UserPool).toMatchObject({
			UserPoolTier: 'PLUS',
			Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
		});
		expectError(
			await create({ UserPoolTier: 'GOLD' }),
			'InvalidParameterException',
			"1 validation error detected: Value 'GOLD' at 'userPoolTier' failed to satisfy constraint: Member must satisfy enum value set: [LITE, ESSENTIALS, PLUS]",
		);
		expectError(
			await create({ Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['SOFTWARE_TOKEN'] } } }),
			'InvalidParameterException',
			/policies\.signInPolicy\.allowedFirstAuthFactors\.1\.member' failed to satisfy constraint: Member must satisfy enum value set: \[PASSWORD, EMAIL_OTP, SMS_OTP, WEB_AUTHN\]/,
		);
		expectError(
			await create({ Policies: { SignInPolicy: { AllowedFirstAuthFactors: [] } } }),
			'InvalidParameterException',
			/allowedFirstAuthFactors' failed to satisfy constraint: Member must have length greater than or equal to 1/,
		);
		expectError(
			await create({
				Policies: {
					SignInPolicy: {
						AllowedFirstAuthFactors: [
							'PASSWORD',
							'EMAIL_OTP',
							'SMS_OTP',
							'WEB_AUTHN',
							'PASSWORD',
							'EMAIL_OTP',
						],
					},
				},
			}),
			'InvalidParameterException',
			/Member must have length less than or equal to 5/,
		);
	});

	it('a LITE pool offers no passwordless first factor and no email MFA', async () => {
		expectError(
			await create({
				UserPoolTier: 'LITE',
				Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['EMAIL_OTP'] } },
			}),
			'FeatureUnavailableInTierException',
		);
		const lite = (await create({ UserPoolTier: 'LITE' })).body.UserPool as { Id: string };
		expectError(
			await api(lp.url, 'SetUserPoolMfaConfig', {
				UserPoolId: lite.Id,
				EmailMfaConfiguration: { Message: 'Code {####}', Subject: 'Code' },
			}),
			'FeatureUnavailableInTierException',
		);
	});

	it('SetUserPoolMfaConfig stores, validates and returns what GetUserPoolMfaConfig and DescribeUserPool show', async () => {
		const pool = await lp.createUserPool();
		const config = {
			SmsMfaConfiguration: { SmsAuthenticationMessage: 'Your code is {####}' },
			SoftwareTokenMfaConfiguration: { Enabled: true },
			EmailMfaConfiguration: { Message: 'Your code is {####}', Subject: 'Sign-in code' },
			WebAuthnConfiguration: { RelyingPartyId: 'example.com', UserVerification: 'required' },
			MfaConfiguration: 'OPTIONAL',
		};
		expect(await ok(lp.url, 'SetUserPoolMfaConfig', { UserPoolId: pool.Id, ...config })).toEqual(
			config,
		);
		expect(await ok(lp.url, 'GetUserPoolMfaConfig', { UserPoolId: pool.Id })).toEqual(config);
		expect((await ok(lp.url, 'DescribeUserPool', { UserPoolId: pool.Id })).UserPool).toMatchObject({
			MfaConfiguration: 'OPTIONAL',
			EmailMfaConfiguration: config.EmailMfaConfiguration,
			WebAuthnConfiguration: config.WebAuthnConfiguration,
		});
		expectError(
			await api(lp.url, 'SetUserPoolMfaConfig', {
				UserPoolId: pool.Id,
				EmailMfaConfiguration: { Message: 'no placeholder', Subject: 's' },
			}),
			'InvalidParameterException',
			/emailMfaConfiguration\.message' failed to satisfy constraint/,
		);
		expectError(
			await api(lp.url, 'SetUserPoolMfaConfig', {
				UserPoolId: pool.Id,
				WebAuthnConfiguration: { UserVerification: 'sometimes' },
			}),
			'InvalidParameterException',
			/webAuthnConfiguration\.userVerification' failed to satisfy constraint: Member must satisfy enum value set: \[required, preferred\]/,
		);
		expectError(
			await api(lp.url, 'SetUserPoolMfaConfig', { UserPoolId: pool.Id, MfaConfiguration: 'MAYBE' }),
			'InvalidParameterException',
			/at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: \[OFF, ON, OPTIONAL\]/,
		);
		// Nothing of the refused requests was kept.
		expect(await ok(lp.url, 'GetUserPoolMfaConfig', { UserPoolId: pool.Id })).toEqual(config);
	});

	it('CreateUserPoolClient: ALLOW_USER_AUTH and RefreshTokenRotation, checked up front', async () => {
		const pool = await lp.createUserPool();
		const client = await lp.createUserPoolClient(pool.Id, {
			ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
			RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 30 },
		});
		const described = await ok(lp.url, 'DescribeUserPoolClient', {
			UserPoolId: pool.Id,
			ClientId: client.ClientId,
		});
		expect(described.UserPoolClient).toMatchObject({
			ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
			RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 30 },
		});
		const bad = (rotation: unknown) =>
			api(lp.url, 'CreateUserPoolClient', {
				UserPoolId: pool.Id,
				ClientName: 'c',
				RefreshTokenRotation: rotation,
			});
		expectError(
			await bad({ Feature: 'ENABLED', RetryGracePeriodSeconds: 61 }),
			'InvalidParameterException',
			"1 validation error detected: Value '61' at 'refreshTokenRotation.retryGracePeriodSeconds' failed to satisfy constraint: Member must have value less than or equal to 60",
		);
		expectError(
			await bad({ Feature: 'SOMETIMES' }),
			'InvalidParameterException',
			/refreshTokenRotation\.feature' failed to satisfy constraint: Member must satisfy enum value set: \[ENABLED, DISABLED\]/,
		);
	});
});
