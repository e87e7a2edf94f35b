import { afterAll, describe, expect, it } from 'vitest';
import {
	PASSWORD,
	type Setup,
	api,
	expectError,
	lastCode,
	ok,
	setup,
	signUpConfirmed,
	srpLogin,
	tokensFor,
} from './helpers';
import { totp } from './oracle';

const respond = (s: Setup, name: string, session: unknown, responses: Record<string, string>) =>
	api(s.url, 'RespondToAuthChallenge', {
		ChallengeName: name,
		ClientId: s.clientId,
		Session: session,
		ChallengeResponses: responses,
	});

async function enableTotp(s: Setup, access: string): Promise<string> {
	const { SecretCode } = (await ok(s.url, 'AssociateSoftwareToken', { AccessToken: access })) as {
		SecretCode: string;
	};
	expect(
		await ok(s.url, 'VerifySoftwareToken', {
			AccessToken: access,
			UserCode: totp(SecretCode, s.lp.now()),
		}),
	).toEqual({ Status: 'SUCCESS' });
	return SecretCode;
}

describe('MFA in an OPTIONAL pool', async () => {
	const s = await setup({ MfaConfiguration: 'OPTIONAL' });
	afterAll(() => s.lp.close());
	await signUpConfirmed(s, 'mia', { phone_number: '+15555550199' });
	const access = String((await tokensFor(s, 'mia')).AccessToken);

	it('SMS_MFA: code to the outbox; three wrong codes burn the session', async () => {
		await ok(s.url, 'SetUserSettings', {
			AccessToken: access,
			MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }],
		});
		expect(await ok(s.url, 'GetUser', { AccessToken: access })).toMatchObject({
			MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }],
			UserMFASettingList: ['SMS_MFA'],
		});
		const c = await srpLogin(s, 'mia', PASSWORD);
		expect(c.body).toMatchObject({
			ChallengeName: 'SMS_MFA',
			ChallengeParameters: {
				CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS',
				CODE_DELIVERY_DESTINATION: '+*******0199',
			},
		});
		const message = s.lp.outbox.last({ username: 'mia', kind: 'sms-mfa' });
		expect(message).toMatchObject({
			poolId: s.poolId,
			deliveryMedium: 'SMS',
			destination: '+15555550199',
		});
		for (let i = 0; i < 3; i++) {
			expectError(
				await respond(s, 'SMS_MFA', c.body.Session, { USERNAME: 'mia', SMS_MFA_CODE: 'nope' }),
				'CodeMismatchException',
				'Invalid code or auth state for the user.',
			);
		}
		expectError(
			await respond(s, 'SMS_MFA', c.body.Session, {
				USERNAME: 'mia',
				SMS_MFA_CODE: message?.code ?? '',
			}),
			'NotAuthorizedException',
			'Invalid session for the user.',
		);
		const c2 = await srpLogin(s, 'mia', PASSWORD);
		const r = await respond(s, 'SMS_MFA', c2.body.Session, {
			USERNAME: 'mia',
			SMS_MFA_CODE: lastCode(s.lp, s.poolId, 'mia', 'sms-mfa'),
		});
		expect(r.status).toBe(200);
		await ok(s.url, 'SetUserSettings', { AccessToken: access, MFAOptions: [] });
		expect((await srpLogin(s, 'mia', PASSWORD)).status).toBe(200);
	});

	it('TOTP: association, verification, SOFTWARE_TOKEN_MFA; wrong codes are refused', async () => {
		expectError(
			await api(s.url, 'SetUserMFAPreference', {
				AccessToken: access,
				SoftwareTokenMfaSettings: { Enabled: true },
			}),
			'InvalidParameterException',
			'User has not verified software token mfa',
		);
		const { SecretCode } = (await ok(s.url, 'AssociateSoftwareToken', { AccessToken: access })) as {
			SecretCode: string;
		};
		expectError(
			await api(s.url, 'VerifySoftwareToken', {
				AccessToken: access,
				UserCode: '000000' === totp(SecretCode, s.lp.now()) ? '111111' : '000000',
			}),
			'EnableSoftwareTokenMFAException',
		);
		await ok(s.url, 'VerifySoftwareToken', {
			AccessToken: access,
			UserCode: totp(SecretCode, s.lp.now()),
		});
		const c = await srpLogin(s, 'mia', PASSWORD);
		expect(c.body.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
		const wrong = totp(SecretCode, s.lp.now() + 5 * 60_000);
		expectError(
			await respond(s, 'SOFTWARE_TOKEN_MFA', c.body.Session, {
				USERNAME: 'mia',
				SOFTWARE_TOKEN_MFA_CODE: wrong,
			}),
			'CodeMismatchException',
		);
		// One step of skew either way is accepted; the previous step's code has not been used yet.
		const previousStep = totp(SecretCode, s.lp.now() - 30_000);
		expect(
			(
				await respond(s, 'SOFTWARE_TOKEN_MFA', c.body.Session, {
					USERNAME: 'mia',
					SOFTWARE_TOKEN_MFA_CODE: previousStep,
				})
			).status,
		).toBe(200);
	});

	it('SELECT_MFA_TYPE when both are enabled and none is preferred; the preference is honoured', async () => {
		await ok(s.url, 'SetUserMFAPreference', {
			AccessToken: access,
			SMSMfaSettings: { Enabled: true },
			SoftwareTokenMfaSettings: { Enabled: true },
		});
		const c = await srpLogin(s, 'mia', PASSWORD);
		expect(c.body.ChallengeName).toBe('SELECT_MFA_TYPE');
		expect(
			JSON.parse(String((c.body.ChallengeParameters as Record<string, string>).MFAS_CAN_CHOOSE)),
		).toEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
		expectError(
			await respond(s, 'SELECT_MFA_TYPE', c.body.Session, { USERNAME: 'mia', ANSWER: 'EMAIL_OTP' }),
			'InvalidParameterException',
		);
		const c2 = await srpLogin(s, 'mia', PASSWORD);
		const sel = await respond(s, 'SELECT_MFA_TYPE', c2.body.Session, {
			USERNAME: 'mia',
			ANSWER: 'SMS_MFA',
		});
		expect(sel.body.ChallengeName).toBe('SMS_MFA');
		const done = await respond(s, 'SMS_MFA', sel.body.Session, {
			USERNAME: 'mia',
			SMS_MFA_CODE: lastCode(s.lp, s.poolId, 'mia', 'sms-mfa'),
		});
		expect(done.status).toBe(200);

		await ok(s.url, 'SetUserMFAPreference', {
			AccessToken: access,
			SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
		});
		expect((await srpLogin(s, 'mia', PASSWORD)).body.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
		const user = await ok(s.url, 'GetUser', { AccessToken: access });
		expect(user).toMatchObject({
			PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
			UserMFASettingList: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'],
		});
		expectError(
			await api(s.url, 'SetUserMFAPreference', {
				AccessToken: access,
				SMSMfaSettings: { PreferredMfa: true },
				SoftwareTokenMfaSettings: { PreferredMfa: true },
			}),
			'InvalidParameterException',
		);
		expectError(
			await api(s.url, 'SetUserMFAPreference', {
				AccessToken: access,
				SMSMfaSettings: { Enabled: 'yes' },
			}),
			'InvalidParameterException',
		);
	});

	it('AdminSetUserMFAPreference turns MFA off again', async () => {
		await ok(s.url, 'AdminSetUserMFAPreference', {
			UserPoolId: s.poolId,
			Username: 'mia',
			SMSMfaSettings: { Enabled: false },
			SoftwareTokenMfaSettings: { Enabled: false },
		});
		expect((await srpLogin(s, 'mia', PASSWORD)).status).toBe(200);
		expectError(
			await api(s.url, 'SetUserSettings', { AccessToken: access, MFAOptions: 'SMS' }),
			'InvalidParameterException',
		);
	});
});

describe('MFA in a pool that requires it', async () => {
	const s = await setup({ MfaConfiguration: 'ON' });
	afterAll(() => s.lp.close());
	await signUpConfirmed(s, 'noah');

	it('MFA_SETUP: associate and verify with the session, then answer the challenge', async () => {
		const c = await srpLogin(s, 'noah', PASSWORD);
		expect(c.body).toMatchObject({
			ChallengeName: 'MFA_SETUP',
			ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' },
		});
		expectError(
			await respond(s, 'MFA_SETUP', c.body.Session, { USERNAME: 'noah' }),
			'NotAuthorizedException',
			'Invalid session for the user.',
		);
		const assoc = await ok(s.url, 'AssociateSoftwareToken', { Session: c.body.Session });
		expectError(
			await api(s.url, 'AssociateSoftwareToken', { Session: c.body.Session }),
			'NotAuthorizedException',
			'Invalid session for the user.',
		);
		const secret = String(assoc.SecretCode);
		expectError(
			await api(s.url, 'VerifySoftwareToken', { Session: assoc.Session, UserCode: 'abc' }),
			'EnableSoftwareTokenMFAException',
		);
		const verified = await ok(s.url, 'VerifySoftwareToken', {
			Session: assoc.Session,
			UserCode: totp(secret, s.lp.now()),
			FriendlyDeviceName: 'phone',
		});
		expect(verified.Status).toBe('SUCCESS');
		const done = await respond(s, 'MFA_SETUP', verified.Session, { USERNAME: 'noah' });
		expect(done.status).toBe(200);
		expect((await srpLogin(s, 'noah', PASSWORD)).body.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
		expectError(await api(s.url, 'AssociateSoftwareToken', {}), 'InvalidParameterException');
	});

	it('a user with a phone number gets SMS_MFA without opting in', async () => {
		await signUpConfirmed(s, 'olga', { phone_number: '+15555550111' });
		expect((await srpLogin(s, 'olga', PASSWORD)).body.ChallengeName).toBe('SMS_MFA');
	});

	it('enableTotp helper path: a signed-in user can add TOTP with the access token', async () => {
		await s.lp.createUser(s.poolId, 'pat', PASSWORD, { phone_number: '+15555550112' });
		const c = await srpLogin(s, 'pat', PASSWORD);
		const r = await respond(s, 'SMS_MFA', c.body.Session, {
			USERNAME: 'pat',
			SMS_MFA_CODE: lastCode(s.lp, s.poolId, 'pat', 'sms-mfa'),
		});
		const secret = await enableTotp(
			s,
			String((r.body.AuthenticationResult as Record<string, unknown>).AccessToken),
		);
		expect(secret).toMatch(/^[A-Z2-7]{32}$/);
	});
});

describe('a pool with MFA OFF', async () => {
	const s = await setup({ MfaConfiguration: 'OFF' });
	afterAll(() => s.lp.close());

	it('never challenges, whatever the user set', async () => {
		await signUpConfirmed(s, 'otis', { phone_number: '+15555550113' });
		const access = String((await tokensFor(s, 'otis')).AccessToken);
		await ok(s.url, 'SetUserSettings', {
			AccessToken: access,
			MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }],
		});
		expect((await srpLogin(s, 'otis', PASSWORD)).status).toBe(200);
	});
});
