import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD, expectError } from '../server/helpers';
import {
	codeOf,
	respond,
	tokensOf,
	userAuth,
	userAuthSetup,
	verifiedUser,
} from '../server/userAuthHelpers';

describe('attack: sign-in codes (EMAIL_OTP / SMS_OTP) inherit the security policy', async () => {
	const s = await userAuthSetup();
	afterAll(() => s.lp.close());
	await verifiedUser(s, 'vic', { email: 'vic@example.com', email_verified: 'true' });

	it('guessing across fresh sessions locks the user out after 5 wrong codes, right code or not', async () => {
		for (let i = 0; i < 5; i++) {
			const c = await userAuth(s, { USERNAME: 'vic', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
			expectError(
				await respond(s, 'EMAIL_OTP', c.body.Session, {
					USERNAME: 'vic',
					EMAIL_OTP_CODE: `1000000${i}`,
				}),
				'CodeMismatchException',
			);
		}
		const c = await userAuth(s, { USERNAME: 'vic', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
		expectError(
			await respond(s, 'EMAIL_OTP', c.body.Session, {
				USERNAME: 'vic',
				EMAIL_OTP_CODE: codeOf(s, 'vic', 'email-otp'),
			}),
			'NotAuthorizedException',
			'Password attempts exceeded',
		);
		// The lockout runs on the pool's clock and lifts; a success resets it.
		s.lp.advanceTime(60_000);
		tokensOf(
			await respond(s, 'EMAIL_OTP', c.body.Session, {
				USERNAME: 'vic',
				EMAIL_OTP_CODE: codeOf(s, 'vic', 'email-otp'),
			}),
		);
	});

	it('an unknown name gets an EMAIL_OTP challenge like a user, no message, and no code works', async () => {
		const known = await userAuth(s, { USERNAME: 'vic' });
		const unknown = await userAuth(s, { USERNAME: 'nobody' });
		expect(unknown.body.AvailableChallenges).toEqual(known.body.AvailableChallenges);
		const c = await userAuth(s, { USERNAME: 'nobody', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
		expect(c.body.ChallengeName).toBe('EMAIL_OTP');
		const again = await userAuth(s, { USERNAME: 'nobody', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
		const params = c.body.ChallengeParameters as Record<string, string>;
		// Stable per name, masked like a real address.
		expect(params.CODE_DELIVERY_DESTINATION).toMatch(/^[a-z]\*\*\*@[a-z]\*\*\*$/);
		expect(
			(again.body.ChallengeParameters as Record<string, string>).CODE_DELIVERY_DESTINATION,
		).toBe(params.CODE_DELIVERY_DESTINATION);
		expect(s.lp.outbox.list({ username: 'nobody' })).toEqual([]);
		expectError(
			await respond(s, 'EMAIL_OTP', c.body.Session, {
				USERNAME: 'nobody',
				EMAIL_OTP_CODE: '00000000',
			}),
			'CodeMismatchException',
		);
		expectError(
			await userAuth(s, { USERNAME: 'nobody', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD }),
			'NotAuthorizedException',
			'Incorrect username or password.',
		);
	});

	it('another user cannot answer with a session that is not theirs', async () => {
		await verifiedUser(s, 'wes', { email: 'wes@example.com', email_verified: 'true' });
		const c = await userAuth(s, { USERNAME: 'wes', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
		expectError(
			await respond(s, 'EMAIL_OTP', c.body.Session, {
				USERNAME: 'vic',
				EMAIL_OTP_CODE: codeOf(s, 'wes', 'email-otp'),
			}),
			'NotAuthorizedException',
			'Invalid session for the user.',
		);
		// Not burned by the stranger: its owner still signs in.
		tokensOf(
			await respond(s, 'EMAIL_OTP', c.body.Session, {
				USERNAME: 'wes',
				EMAIL_OTP_CODE: codeOf(s, 'wes', 'email-otp'),
			}),
		);
	});
});
