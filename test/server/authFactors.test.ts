import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD, api, expectError, ok } from './helpers';
import { codeOf, enableTotp, respond, tokensOf, userAuth, userAuthSetup } from './userAuthHelpers';

describe('GetUserAuthFactors', async () => {
	const s = await userAuthSetup({ MfaConfiguration: 'OPTIONAL' });
	afterAll(() => s.lp.close());
	await ok(s.url, 'SetUserPoolMfaConfig', {
		UserPoolId: s.poolId,
		EmailMfaConfiguration: { Message: 'Code: {####}', Subject: 'Code' },
	});
	const signIn = async (username: string) =>
		String(
			tokensOf(await userAuth(s, { USERNAME: username, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD }))
				.AccessToken,
		);
	const factors = (access: string) => ok(s.url, 'GetUserAuthFactors', { AccessToken: access });

	it('a user with only a password: PASSWORD, and no MFA lists', async () => {
		await s.lp.createUser(s.poolId, 'tam', PASSWORD, { email: 'tam@example.com' });
		expect(await factors(await signIn('tam'))).toEqual({
			Username: 'tam',
			ConfiguredUserAuthFactors: ['PASSWORD'],
		});
	});

	it('follows the user: verified e-mail and phone, TOTP, email MFA preferred', async () => {
		await s.lp.createUser(s.poolId, 'uma', PASSWORD, {
			email: 'uma@example.com',
			email_verified: 'true',
			phone_number: '+15555550177',
			phone_number_verified: 'true',
		});
		const access = await signIn('uma');
		expect((await factors(access)).ConfiguredUserAuthFactors).toEqual([
			'PASSWORD',
			'EMAIL_OTP',
			'SMS_OTP',
		]);
		await enableTotp(s, access);
		await ok(s.url, 'SetUserMFAPreference', {
			AccessToken: access,
			EmailMfaSettings: { Enabled: true, PreferredMfa: true },
		});
		expect(await factors(access)).toEqual({
			Username: 'uma',
			PreferredMfaSetting: 'EMAIL_OTP',
			UserMFASettingList: ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'],
			ConfiguredUserAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'SOFTWARE_TOKEN'],
		});
	});

	it('a passwordless user has no PASSWORD factor', async () => {
		await ok(s.url, 'SignUp', {
			ClientId: s.clientId,
			Username: 'val',
			UserAttributes: [{ Name: 'email', Value: 'val@example.com' }],
		});
		const confirmed = await ok(s.url, 'ConfirmSignUp', {
			ClientId: s.clientId,
			Username: 'val',
			ConfirmationCode: codeOf(s, 'val', 'confirmation'),
		});
		const access = String(
			tokensOf(await userAuth(s, { USERNAME: 'val' }, { Session: confirmed.Session })).AccessToken,
		);
		expect((await factors(access)).ConfiguredUserAuthFactors).toEqual(['EMAIL_OTP']);
	});

	it('needs a valid access token', async () => {
		expectError(
			await api(s.url, 'GetUserAuthFactors', { AccessToken: 'not.a.token' }),
			'NotAuthorizedException',
			'Invalid Access Token',
		);
		const access = await signIn('tam');
		await ok(s.url, 'GlobalSignOut', { AccessToken: access });
		expectError(
			await api(s.url, 'GetUserAuthFactors', { AccessToken: access }),
			'NotAuthorizedException',
			'Access Token has been revoked',
		);
	});

	it('email MFA does not follow a code first factor', async () => {
		const c = await userAuth(s, { USERNAME: 'uma', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
		tokensOf(
			await respond(s, 'EMAIL_OTP', c.body.Session, {
				USERNAME: 'uma',
				EMAIL_OTP_CODE: codeOf(s, 'uma', 'email-otp'),
			}),
		);
	});
});
