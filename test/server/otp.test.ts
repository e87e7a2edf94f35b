import { afterAll, describe, expect, it } from 'vitest';
import { expectError } from './helpers';
import { OTP_TTL_MS } from '../../server/otp';
import {
	codeOf,
	respond,
	tokensOf,
	userAuth,
	userAuthSetup,
	verifiedUser,
} from './userAuthHelpers';

describe('EMAIL_OTP and SMS_OTP as first factors', async () => {
	const s = await userAuthSetup();
	afterAll(() => s.lp.close());
	await verifiedUser(s, 'eve', {
		email: 'eve@example.com',
		email_verified: 'true',
		phone_number: '+15555550123',
		phone_number_verified: 'true',
	});

	const emailChallenge = async () => {
		const c = await userAuth(s, { USERNAME: 'eve', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
		expect(c.body.ChallengeName).toBe('EMAIL_OTP');
		return c;
	};

	it('SMS_OTP: a masked phone, an sms-otp message, SMS_OTP_CODE signs in', async () => {
		const c = await userAuth(s, { USERNAME: 'eve', PREFERRED_CHALLENGE: 'SMS_OTP' });
		expect(c.body).toMatchObject({
			ChallengeName: 'SMS_OTP',
			ChallengeParameters: {
				CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS',
				CODE_DELIVERY_DESTINATION: '+*******0123',
				USERNAME: 'eve',
			},
		});
		expect(s.lp.outbox.last({ username: 'eve', kind: 'sms-otp' })).toMatchObject({
			deliveryMedium: 'SMS',
			destination: '+15555550123',
		});
		tokensOf(
			await respond(s, 'SMS_OTP', c.body.Session, {
				USERNAME: 'eve',
				SMS_OTP_CODE: codeOf(s, 'eve', 'sms-otp'),
			}),
		);
	});

	it('the outbox kinds tell sign-in codes from MFA and confirmation codes', () => {
		const kinds = new Set(s.lp.outbox.list({ username: 'eve' }).map((m) => m.kind));
		expect([...kinds]).toEqual(['sms-otp']);
	});

	it('a wrong code: CodeMismatchException, the session may retry; the third wrong one spends it', async () => {
		const c = await emailChallenge();
		for (let i = 0; i < 3; i++) {
			expectError(
				await respond(s, 'EMAIL_OTP', c.body.Session, {
					USERNAME: 'eve',
					EMAIL_OTP_CODE: '00000000',
				}),
				'CodeMismatchException',
			);
		}
		expectError(
			await respond(s, 'EMAIL_OTP', c.body.Session, {
				USERNAME: 'eve',
				EMAIL_OTP_CODE: codeOf(s, 'eve', 'email-otp'),
			}),
			'NotAuthorizedException',
			'Invalid session for the user.',
		);
	});

	it('a right code after a wrong one still signs in, once', async () => {
		const c = await emailChallenge();
		const code = codeOf(s, 'eve', 'email-otp');
		expectError(
			await respond(s, 'EMAIL_OTP', c.body.Session, {
				USERNAME: 'eve',
				EMAIL_OTP_CODE: '12345678',
			}),
			'CodeMismatchException',
		);
		tokensOf(
			await respond(s, 'EMAIL_OTP', c.body.Session, { USERNAME: 'eve', EMAIL_OTP_CODE: code }),
		);
		expectError(
			await respond(s, 'EMAIL_OTP', c.body.Session, { USERNAME: 'eve', EMAIL_OTP_CODE: code }),
			'NotAuthorizedException',
		);
	});

	it('the code expires on the pool clock: ExpiredCodeException', async () => {
		const c = await emailChallenge();
		const code = codeOf(s, 'eve', 'email-otp');
		s.lp.advanceTime(OTP_TTL_MS + 1000);
		expectError(
			await respond(s, 'EMAIL_OTP', c.body.Session, { USERNAME: 'eve', EMAIL_OTP_CODE: code }),
			'ExpiredCodeException',
			'Invalid code provided, please request a code again.',
		);
	});

	it('a code is bound to its session: another sign-in’s code does not work here', async () => {
		const first = await emailChallenge();
		const firstCode = codeOf(s, 'eve', 'email-otp');
		const second = await emailChallenge();
		const secondCode = codeOf(s, 'eve', 'email-otp');
		expect(secondCode).not.toBe(firstCode);
		expectError(
			await respond(s, 'EMAIL_OTP', second.body.Session, {
				USERNAME: 'eve',
				EMAIL_OTP_CODE: firstCode,
			}),
			'CodeMismatchException',
		);
		tokensOf(
			await respond(s, 'EMAIL_OTP', first.body.Session, {
				USERNAME: 'eve',
				EMAIL_OTP_CODE: firstCode,
			}),
		);
	});

	it('the answer needs its code key, and the session its challenge name', async () => {
		const c = await emailChallenge();
		expectError(
			await respond(s, 'EMAIL_OTP', c.body.Session, { USERNAME: 'eve', SMS_OTP_CODE: '1' }),
			'InvalidParameterException',
			'Missing required parameter EMAIL_OTP_CODE',
		);
		expectError(
			await respond(s, 'SMS_OTP', c.body.Session, { USERNAME: 'eve', SMS_OTP_CODE: '1' }),
			'NotAuthorizedException',
			'Invalid session for the user.',
		);
	});
});
