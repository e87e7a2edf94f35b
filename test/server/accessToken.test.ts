import { afterAll, describe, expect, it } from 'vitest';
import {
	PASSWORD,
	api,
	expectError,
	ok,
	setup,
	signUpConfirmed,
	srpLogin,
	tokensFor,
} from './helpers';

// Every action that takes an AccessToken, with an otherwise valid body.
const ACCESS_ACTIONS: [string, Record<string, unknown>][] = [
	['GetUser', {}],
	['ChangePassword', { PreviousPassword: PASSWORD, ProposedPassword: 'Another1!' }],
	['UpdateUserAttributes', { UserAttributes: [{ Name: 'name', Value: 'x' }] }],
	['DeleteUserAttributes', { UserAttributeNames: ['name'] }],
	['GetUserAttributeVerificationCode', { AttributeName: 'email' }],
	['VerifyUserAttribute', { AttributeName: 'email', Code: '123456' }],
	['SetUserMFAPreference', { SMSMfaSettings: { Enabled: false } }],
	['SetUserSettings', { MFAOptions: [] }],
	['AssociateSoftwareToken', {}],
	['VerifySoftwareToken', { UserCode: '123456' }],
	[
		'ConfirmDevice',
		{ DeviceKey: 'k', DeviceSecretVerifierConfig: { Salt: 'AA==', PasswordVerifier: 'AA==' } },
	],
	['GetDevice', { DeviceKey: 'k' }],
	['ListDevices', { Limit: 10 }],
	['UpdateDeviceStatus', { DeviceKey: 'k', DeviceRememberedStatus: 'remembered' }],
	['ForgetDevice', { DeviceKey: 'k' }],
	['GlobalSignOut', {}],
	['DeleteUser', {}],
];

describe('every AccessToken action checks signature, expiry and revocation', async () => {
	const s = await setup();
	afterAll(() => s.lp.close());
	await signUpConfirmed(s, 'ivy');

	it('invalid tokens', async () => {
		for (const [action, body] of ACCESS_ACTIONS) {
			expectError(
				await api(s.url, action, { ...body, AccessToken: 'not.a.jwt' }),
				'NotAuthorizedException',
				'Invalid Access Token',
			);
		}
	});

	it('expired tokens', async () => {
		const { AccessToken } = await tokensFor(s, 'ivy');
		s.lp.advanceTime(3601_000);
		try {
			for (const [action, body] of ACCESS_ACTIONS) {
				expectError(
					await api(s.url, action, { ...body, AccessToken }),
					'NotAuthorizedException',
					'Access Token has expired',
				);
			}
		} finally {
			s.lp.setClockOffset(0);
		}
	});

	it('revoked tokens, and nothing changed by the refused calls', async () => {
		const { AccessToken } = await tokensFor(s, 'ivy');
		await ok(s.url, 'GlobalSignOut', { AccessToken });
		for (const [action, body] of ACCESS_ACTIONS) {
			expectError(
				await api(s.url, action, { ...body, AccessToken }),
				'NotAuthorizedException',
				'Access Token has been revoked',
			);
		}
		expect((await srpLogin(s, 'ivy', PASSWORD)).status).toBe(200);
	});

	it('missing AccessToken is a parameter error', async () => {
		for (const [action, body] of ACCESS_ACTIONS.filter(
			([a]) => !['AssociateSoftwareToken', 'VerifySoftwareToken'].includes(a),
		)) {
			expectError(await api(s.url, action, body), 'InvalidParameterException', /accessToken/);
		}
	});
});
