import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD, type Setup, api, expectError, ok, setup, srpLogin, tokensFor } from './helpers';
import { codeOf, enableTotp, respond, tokensOf } from './userAuthHelpers';

const EMAIL_MFA = { Message: 'Your code is {####}', Subject: 'Your code' };

async function emailMfaPool(mfa: 'OPTIONAL' | 'ON'): Promise<Setup> {
	const s = await setup({ MfaConfiguration: 'OFF' });
	await ok(s.url, 'SetUserPoolMfaConfig', {
		UserPoolId: s.poolId,
		EmailMfaConfiguration: EMAIL_MFA,
		MfaConfiguration: mfa,
	});
	return s;
}

describe('email MFA in an OPTIONAL pool', async () => {
	const s = await emailMfaPool('OPTIONAL');
	afterAll(() => s.lp.close());
	await s.lp.createUser(s.poolId, 'fay', PASSWORD, {
		email: 'fay@example.com',
		email_verified: 'true',
	});

	it('SetUserMFAPreference with EmailMfaSettings; GetUser lists EMAIL_OTP', async () => {
		const access = String((await tokensFor(s, 'fay')).AccessToken);
		await ok(s.url, 'SetUserMFAPreference', {
			AccessToken: access,
			EmailMfaSettings: { Enabled: true, PreferredMfa: true },
			WebAuthnMfaSettings: { Enabled: true },
		});
		expect(await ok(s.url, 'GetUser', { AccessToken: access })).toMatchObject({
			UserMFASettingList: ['EMAIL_OTP'],
			PreferredMfaSetting: 'EMAIL_OTP',
		});
	});

	it('after the password: EMAIL_OTP, an email-mfa message, EMAIL_OTP_CODE gives tokens', async () => {
		const c = await srpLogin(s, 'fay', PASSWORD);
		expect(c.body).toMatchObject({
			ChallengeName: 'EMAIL_OTP',
			ChallengeParameters: {
				CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
				CODE_DELIVERY_DESTINATION: 'f***@e***',
			},
		});
		expect(s.lp.outbox.last({ username: 'fay' })?.kind).toBe('email-mfa');
		expectError(
			await respond(s, 'EMAIL_OTP', c.body.Session, {
				USERNAME: 'fay',
				EMAIL_OTP_CODE: '00000000',
			}),
			'CodeMismatchException',
		);
		tokensOf(
			await respond(s, 'EMAIL_OTP', c.body.Session, {
				USERNAME: 'fay',
				EMAIL_OTP_CODE: codeOf(s, 'fay', 'email-mfa'),
			}),
		);
	});

	it('with TOTP too and no preference: SELECT_MFA_TYPE lists EMAIL_OTP; ANSWER EMAIL_OTP sends a code', async () => {
		const first = await srpLogin(s, 'fay', PASSWORD);
		const access = String(
			tokensOf(
				await respond(s, 'EMAIL_OTP', first.body.Session, {
					USERNAME: 'fay',
					EMAIL_OTP_CODE: codeOf(s, 'fay', 'email-mfa'),
				}),
			).AccessToken,
		);
		await enableTotp(s, access);
		await ok(s.url, 'SetUserMFAPreference', {
			AccessToken: access,
			EmailMfaSettings: { Enabled: true, PreferredMfa: false },
		});
		const c = await srpLogin(s, 'fay', PASSWORD);
		expect(c.body.ChallengeName).toBe('SELECT_MFA_TYPE');
		const params = c.body.ChallengeParameters as Record<string, string>;
		expect(JSON.parse(String(params.MFAS_CAN_CHOOSE))).toEqual(['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
		const chosen = await respond(s, 'SELECT_MFA_TYPE', c.body.Session, {
			USERNAME: 'fay',
			ANSWER: 'EMAIL_OTP',
		});
		expect(chosen.body.ChallengeName).toBe('EMAIL_OTP');
		tokensOf(
			await respond(s, 'EMAIL_OTP', chosen.body.Session, {
				USERNAME: 'fay',
				EMAIL_OTP_CODE: codeOf(s, 'fay', 'email-mfa'),
			}),
		);
		// An MFA type the user does not have is not a valid answer.
		const again = await srpLogin(s, 'fay', PASSWORD);
		expectError(
			await respond(s, 'SELECT_MFA_TYPE', again.body.Session, {
				USERNAME: 'fay',
				ANSWER: 'SMS_MFA',
			}),
			'InvalidParameterException',
			'Invalid MFA type provided in ANSWER',
		);
	});

	it('only one factor may be preferred; email MFA needs an e-mail and the pool template', async () => {
		await s.lp.createUser(s.poolId, 'gus', PASSWORD);
		const prefs = (body: Record<string, unknown>) =>
			api(s.url, 'AdminSetUserMFAPreference', { UserPoolId: s.poolId, Username: 'gus', ...body });
		expectError(
			await prefs({ EmailMfaSettings: { Enabled: true } }),
			'InvalidParameterException',
			'User does not have delivery config set to turn on EMAIL_OTP',
		);
		expectError(
			await prefs({
				EmailMfaSettings: { PreferredMfa: true },
				SoftwareTokenMfaSettings: { PreferredMfa: true },
			}),
			'InvalidParameterException',
			'Only one MFA type can be preferred',
		);
		const plain = await setup();
		await plain.lp.createUser(plain.poolId, 'hal', PASSWORD, { email: 'hal@example.com' });
		expectError(
			await api(plain.url, 'AdminSetUserMFAPreference', {
				UserPoolId: plain.poolId,
				Username: 'hal',
				EmailMfaSettings: { Enabled: true },
			}),
			'InvalidParameterException',
			'Email MFA is not configured for the user pool',
		);
		await plain.lp.close();
	});

	it('AdminSetUserMFAPreference with email; AdminGetUser reports it', async () => {
		await s.lp.createUser(s.poolId, 'ivy', PASSWORD, { email: 'ivy@example.com' });
		await ok(s.url, 'AdminSetUserMFAPreference', {
			UserPoolId: s.poolId,
			Username: 'ivy',
			EmailMfaSettings: { Enabled: true, PreferredMfa: true },
		});
		expect(
			await ok(s.url, 'AdminGetUser', { UserPoolId: s.poolId, Username: 'ivy' }),
		).toMatchObject({ UserMFASettingList: ['EMAIL_OTP'], PreferredMfaSetting: 'EMAIL_OTP' });
		await ok(s.url, 'AdminSetUserMFAPreference', {
			UserPoolId: s.poolId,
			Username: 'ivy',
			EmailMfaSettings: { Enabled: false },
		});
		const user = await ok(s.url, 'AdminGetUser', { UserPoolId: s.poolId, Username: 'ivy' });
		expect(user.UserMFASettingList).toBeUndefined();
		expect(user.PreferredMfaSetting).toBeUndefined();
	});
});

describe('MFA_SETUP with an e-mail address in a pool that requires MFA', async () => {
	const s = await emailMfaPool('ON');
	afterAll(() => s.lp.close());
	await s.lp.createUser(s.poolId, 'jo', PASSWORD);

	it('lists EMAIL_OTP in MFAS_CAN_SETUP; {USERNAME, EMAIL} → EMAIL_OTP → tokens; the e-mail becomes verified', async () => {
		const c = await srpLogin(s, 'jo', PASSWORD);
		expect(c.body.ChallengeName).toBe('MFA_SETUP');
		const params = c.body.ChallengeParameters as Record<string, string>;
		expect(JSON.parse(String(params.MFAS_CAN_SETUP))).toEqual(['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
		expectError(
			await respond(s, 'MFA_SETUP', c.body.Session, { USERNAME: 'jo', EMAIL: 'not-an-address' }),
			'InvalidParameterException',
		);
		const otp = await respond(s, 'MFA_SETUP', c.body.Session, {
			USERNAME: 'jo',
			EMAIL: 'jo@example.com',
		});
		expect(otp.body).toMatchObject({
			ChallengeName: 'EMAIL_OTP',
			ChallengeParameters: { CODE_DELIVERY_DESTINATION: 'j***@e***' },
		});
		expect(s.lp.outbox.last({ username: 'jo', kind: 'email-mfa' })?.destination).toBe(
			'jo@example.com',
		);
		const tokens = tokensOf(
			await respond(s, 'EMAIL_OTP', otp.body.Session, {
				USERNAME: 'jo',
				EMAIL_OTP_CODE: codeOf(s, 'jo', 'email-mfa'),
			}),
		);
		const user = await ok(s.url, 'GetUser', { AccessToken: tokens.AccessToken });
		expect(user.UserMFASettingList).toEqual(['EMAIL_OTP']);
		expect(user.UserAttributes).toEqual(
			expect.arrayContaining([
				{ Name: 'email', Value: 'jo@example.com' },
				{ Name: 'email_verified', Value: 'true' },
			]),
		);
		// Next time: the email code straight after the password.
		expect((await srpLogin(s, 'jo', PASSWORD)).body.ChallengeName).toBe('EMAIL_OTP');
	});

	it('a wrong setup code changes nothing', async () => {
		await s.lp.createUser(s.poolId, 'kai', PASSWORD);
		const c = await srpLogin(s, 'kai', PASSWORD);
		const otp = await respond(s, 'MFA_SETUP', c.body.Session, {
			USERNAME: 'kai',
			EMAIL: 'kai@example.com',
		});
		expectError(
			await respond(s, 'EMAIL_OTP', otp.body.Session, {
				USERNAME: 'kai',
				EMAIL_OTP_CODE: '99999999',
			}),
			'CodeMismatchException',
		);
		const user = await ok(s.url, 'AdminGetUser', { UserPoolId: s.poolId, Username: 'kai' });
		expect(user.UserMFASettingList).toBeUndefined();
		expect(user.UserAttributes).not.toContainEqual({ Name: 'email', Value: 'kai@example.com' });
	});
});
