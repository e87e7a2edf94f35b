// Finding 5: no lockout after failed passwords (SRP, USER_PASSWORD_AUTH) or failed MFA codes
// across sessions. Finding 6: a TOTP code could be used twice within its window.
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalPool } from '../../server/index';
import { totpAt } from '../../server/totp';
import {
	PASSWORD,
	type Setup,
	api,
	expectError,
	ok,
	setup,
	signUpConfirmed,
	srpLogin,
	tokensFor,
} from '../server/helpers';

const WRONG = 'Incorrect username or password.';
const LOCKED = 'Password attempts exceeded';

const passwordAuth = (s: Setup, USERNAME: string, PASSWORD: string) =>
	api(s.url, 'InitiateAuth', {
		AuthFlow: 'USER_PASSWORD_AUTH',
		ClientId: s.clientId,
		AuthParameters: { USERNAME, PASSWORD },
	});

describe('sign-in lockout', async () => {
	const s = await setup();
	afterAll(() => s.lp.close());

	it('SRP: five wrong passwords lock the user out, right password or not, for 2^(n-5) seconds', async () => {
		await signUpConfirmed(s, 'lou');
		for (let i = 0; i < 5; i++)
			expectError(await srpLogin(s, 'lou', 'Wr0ng!pass'), 'NotAuthorizedException', WRONG);
		expectError(await srpLogin(s, 'lou', PASSWORD), 'NotAuthorizedException', LOCKED);
		s.lp.advanceTime(1000);
		// The lockout has passed; one more failure locks for two seconds.
		expectError(await srpLogin(s, 'lou', 'Wr0ng!pass'), 'NotAuthorizedException', WRONG);
		s.lp.advanceTime(1000);
		expectError(await srpLogin(s, 'lou', PASSWORD), 'NotAuthorizedException', LOCKED);
		s.lp.advanceTime(1000);
		expect((await srpLogin(s, 'lou', PASSWORD)).status).toBe(200);
		// A success starts the count again.
		expectError(await srpLogin(s, 'lou', 'Wr0ng!pass'), 'NotAuthorizedException', WRONG);
		expect((await srpLogin(s, 'lou', PASSWORD)).status).toBe(200);
	});

	it('USER_PASSWORD_AUTH counts too, and the lockout grows to at most 15 minutes', async () => {
		await signUpConfirmed(s, 'max');
		for (let i = 0; i < 5; i++)
			expectError(await passwordAuth(s, 'max', 'Wr0ng!pass'), 'NotAuthorizedException', WRONG);
		expectError(await passwordAuth(s, 'max', PASSWORD), 'NotAuthorizedException', LOCKED);
		// SRP and USER_PASSWORD_AUTH share the count.
		expectError(await srpLogin(s, 'max', PASSWORD), 'NotAuthorizedException', LOCKED);
		for (let i = 0; i < 12; i++) {
			s.lp.advanceTime(15 * 60_000);
			expectError(await passwordAuth(s, 'max', 'Wr0ng!pass'), 'NotAuthorizedException', WRONG);
		}
		expectError(await passwordAuth(s, 'max', PASSWORD), 'NotAuthorizedException', LOCKED);
		s.lp.advanceTime(15 * 60_000);
		expect((await passwordAuth(s, 'max', PASSWORD)).status).toBe(200);
	});

	it('unknown users are counted the same way (PreventUserExistenceErrors)', async () => {
		for (let i = 0; i < 5; i++)
			expectError(await srpLogin(s, 'ghost', 'Wr0ng!pass'), 'NotAuthorizedException', WRONG);
		expectError(await srpLogin(s, 'ghost', PASSWORD), 'NotAuthorizedException', LOCKED);
	});
});

describe('MFA codes', async () => {
	// The pool's clock stands still (advanceTime alone moves it), so that a TOTP step boundary
	// passing while the machine is busy cannot turn "this step's code" into a fresh one.
	const frozenAt = Date.now();
	const lp = await startLocalPool({ port: 0, log: () => undefined, now: () => frozenAt });
	const s = await setup({ MfaConfiguration: 'OPTIONAL' }, {}, lp);
	afterAll(() => s.lp.close());
	await signUpConfirmed(s, 'tom');
	const { AccessToken } = await tokensFor(s, 'tom');
	const { SecretCode } = (await ok(s.url, 'AssociateSoftwareToken', { AccessToken })) as {
		SecretCode: string;
	};
	const code = (offsetMs = 0) => totpAt(SecretCode, s.lp.now() + offsetMs);
	await ok(s.url, 'VerifySoftwareToken', { AccessToken, UserCode: code() });
	await ok(s.url, 'SetUserMFAPreference', {
		AccessToken,
		SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
	});
	const mfa = async (answer: string) => {
		const c = await srpLogin(s, 'tom', PASSWORD);
		expect(c.body.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
		return api(s.url, 'RespondToAuthChallenge', {
			ChallengeName: 'SOFTWARE_TOKEN_MFA',
			ClientId: s.clientId,
			Session: c.body.Session,
			ChallengeResponses: { USERNAME: 'tom', SOFTWARE_TOKEN_MFA_CODE: answer },
		});
	};

	it('a TOTP code is accepted once, however often it is sent within its window', async () => {
		// The verification used this step's code: it cannot sign in.
		expectError(await mfa(code()), 'CodeMismatchException');
		// The next step's code is within the skew window: accepted, once.
		const next = code(30_000);
		expect((await mfa(next)).status).toBe(200);
		expectError(await mfa(next), 'CodeMismatchException');
		// Half a minute on, both codes are still inside the window, and both are still spent.
		s.lp.advanceTime(30_000);
		expectError(await mfa(next), 'CodeMismatchException');
		expectError(await mfa(code(-30_000)), 'CodeMismatchException');
		// The step after them is fresh.
		expect((await mfa(code(30_000))).status).toBe(200);
	});

	it('five wrong codes, in separate sessions, lock MFA out', async () => {
		s.lp.advanceTime(90_000);
		const wrong = code(10 * 60_000);
		for (let i = 0; i < 5; i++) expectError(await mfa(wrong), 'CodeMismatchException');
		// The current, unused code is right, but refused for a second.
		expectError(await mfa(code()), 'NotAuthorizedException', LOCKED);
		s.lp.advanceTime(1000);
		expect((await mfa(code())).status).toBe(200);
	});
});
