// Finding 1: confirmation, password-reset and attribute-verification codes could be guessed
// without limit (a reset code fell in 3.4 s). Now a few wrong tries spend the code.
import { afterAll, describe, expect, it } from 'vitest';
import {
	PASSWORD,
	api,
	expectError,
	lastCode,
	ok,
	setup,
	signUpConfirmed,
	srpLogin,
	tokensFor,
} from '../server/helpers';

const LIMIT = 'Attempt limit exceeded, please try after some time.';
const MISMATCH = 'Invalid verification code provided, please try again.';

/** A code that is not `code`. */
const wrong = (code: string, i: number) =>
	((Number(code) + 1 + i) % 1_000_000).toString().padStart(6, '0');

describe('code attempts are limited', async () => {
	const s = await setup();
	afterAll(() => s.lp.close());

	it('ForgotPassword: four wrong codes, then LimitExceeded, and the right code is spent too', async () => {
		await signUpConfirmed(s, 'vic');
		await ok(s.url, 'ForgotPassword', { ClientId: s.clientId, Username: 'vic' });
		const code = lastCode(s.lp, s.poolId, 'vic', 'forgot-password');
		const reset = (ConfirmationCode: string) =>
			api(s.url, 'ConfirmForgotPassword', {
				ClientId: s.clientId,
				Username: 'vic',
				ConfirmationCode,
				Password: 'N3w-Passw0rd!',
			});
		for (let i = 0; i < 4; i++)
			expectError(await reset(wrong(code, i)), 'CodeMismatchException', MISMATCH);
		expectError(await reset(wrong(code, 4)), 'LimitExceededException', LIMIT);
		expectError(await reset(code), 'LimitExceededException', LIMIT);
		// The password did not change.
		expect((await srpLogin(s, 'vic', PASSWORD)).status).toBe(200);
		// An hour later (the pool's clock) the tries are back, but that code is gone for good.
		s.lp.advanceTime(3600_000 + 1);
		expectError(await reset(code), 'CodeMismatchException', MISMATCH);
		// A new code can be used.
		await ok(s.url, 'ForgotPassword', { ClientId: s.clientId, Username: 'vic' });
		expect((await reset(lastCode(s.lp, s.poolId, 'vic', 'forgot-password'))).status).toBe(200);
	});

	it('ConfirmSignUp: the same limit', async () => {
		await ok(s.url, 'SignUp', {
			ClientId: s.clientId,
			Username: 'wes',
			Password: PASSWORD,
			UserAttributes: [{ Name: 'email', Value: 'wes@example.com' }],
		});
		const code = lastCode(s.lp, s.poolId, 'wes', 'confirmation');
		const confirm = (ConfirmationCode: string) =>
			api(s.url, 'ConfirmSignUp', { ClientId: s.clientId, Username: 'wes', ConfirmationCode });
		for (let i = 0; i < 4; i++) expectError(await confirm(wrong(code, i)), 'CodeMismatchException');
		expectError(await confirm(wrong(code, 4)), 'LimitExceededException', LIMIT);
		expectError(await confirm(code), 'LimitExceededException', LIMIT);
		// A resent code works.
		await ok(s.url, 'ResendConfirmationCode', { ClientId: s.clientId, Username: 'wes' });
		expect((await confirm(lastCode(s.lp, s.poolId, 'wes', 'confirmation'))).status).toBe(200);
	});

	it('VerifyUserAttribute: the same limit', async () => {
		await signUpConfirmed(s, 'xan');
		const { AccessToken } = await tokensFor(s, 'xan');
		await ok(s.url, 'GetUserAttributeVerificationCode', { AccessToken, AttributeName: 'email' });
		const code = lastCode(s.lp, s.poolId, 'xan', 'attribute-verification');
		const verify = (Code: string) =>
			api(s.url, 'VerifyUserAttribute', { AccessToken, AttributeName: 'email', Code });
		for (let i = 0; i < 4; i++) expectError(await verify(wrong(code, i)), 'CodeMismatchException');
		expectError(await verify(wrong(code, 4)), 'LimitExceededException', LIMIT);
		expectError(await verify(code), 'LimitExceededException', LIMIT);
	});
});
