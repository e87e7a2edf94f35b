// Finding 17: codes, TOTP, custom answers and RevokeToken's ClientSecret were compared with
// `===`, whose time depends on how much of a guess is right. Each is now compared through
// sameSecret (timingSafeEqual over equal-length digests); this suite checks that every such
// comparison goes through it, by counting, not by timing.
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ONE_TIME_CODE_TRIGGERS } from '../../server/index';
import { totpAt } from '../../server/totp';
import {
	PASSWORD,
	api,
	lastCode,
	ok,
	setup,
	signUpConfirmed,
	srpLogin,
	tokensFor,
} from '../server/helpers';

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

describe('secret comparisons take constant time', async () => {
	const s = await setup({ MfaConfiguration: 'OPTIONAL', LambdaConfig: ONE_TIME_CODE_TRIGGERS });
	afterAll(() => s.lp.close());
	await signUpConfirmed(s, 'cal');
	beforeEach(() => {
		compared.length = 0;
	});

	it('confirmation and reset codes', async () => {
		await ok(s.url, 'ForgotPassword', { ClientId: s.clientId, Username: 'cal' });
		const code = lastCode(s.lp, s.poolId, 'cal', 'forgot-password');
		await api(s.url, 'ConfirmForgotPassword', {
			ClientId: s.clientId,
			Username: 'cal',
			ConfirmationCode: '999999',
			Password: PASSWORD,
		});
		expect(compared).toContainEqual(['999999', code]);
	});

	it('custom challenge answers', async () => {
		const c = await api(s.url, 'InitiateAuth', {
			AuthFlow: 'CUSTOM_AUTH',
			ClientId: s.clientId,
			AuthParameters: { USERNAME: 'cal' },
		});
		const code = lastCode(s.lp, s.poolId, 'cal', 'custom-challenge');
		await api(s.url, 'RespondToAuthChallenge', {
			ChallengeName: 'CUSTOM_CHALLENGE',
			ClientId: s.clientId,
			Session: c.body.Session,
			ChallengeResponses: { USERNAME: 'cal', ANSWER: 'guess' },
		});
		expect(compared).toContainEqual(['guess', code]);
	});

	it('TOTP and SMS codes', async () => {
		const { AccessToken } = await tokensFor(s, 'cal');
		const { SecretCode } = (await ok(s.url, 'AssociateSoftwareToken', { AccessToken })) as {
			SecretCode: string;
		};
		const now = totpAt(SecretCode, s.lp.now());
		await api(s.url, 'VerifySoftwareToken', { AccessToken, UserCode: '000000' });
		expect(compared).toContainEqual(['000000', now]);

		await ok(s.url, 'AdminUpdateUserAttributes', {
			UserPoolId: s.poolId,
			Username: 'cal',
			UserAttributes: [{ Name: 'phone_number', Value: '+15555550123' }],
		});
		await ok(s.url, 'SetUserSettings', {
			AccessToken,
			MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }],
		});
		compared.length = 0;
		const c = await srpLogin(s, 'cal', PASSWORD);
		await api(s.url, 'RespondToAuthChallenge', {
			ChallengeName: 'SMS_MFA',
			ClientId: s.clientId,
			Session: c.body.Session,
			ChallengeResponses: { USERNAME: 'cal', SMS_MFA_CODE: '000000' },
		});
		expect(compared).toContainEqual(['000000', lastCode(s.lp, s.poolId, 'cal', 'sms-mfa')]);
	});

	it("RevokeToken's ClientSecret", async () => {
		const secretClient = await s.lp.createUserPoolClient(s.poolId, { GenerateSecret: true });
		await api(s.url, 'RevokeToken', {
			ClientId: secretClient.ClientId,
			ClientSecret: 'not-the-secret',
			Token: 'x',
		});
		expect(compared).toContainEqual(['not-the-secret', String(secretClient.ClientSecret)]);
	});
});
