import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD, api, expectError, jwtPayload, lastCode, ok, setup } from './helpers';
import { codeOf, respond, tokensOf, userAuth, userAuthSetup } from './userAuthHelpers';

describe('sign-up without a password, then a sign-in without a second code', async () => {
	const s = await userAuthSetup({
		Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
	});
	afterAll(() => s.lp.close());
	const signUp = (username: string, extra: Record<string, unknown> = {}) =>
		api(s.url, 'SignUp', {
			ClientId: s.clientId,
			Username: username,
			UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
			...extra,
		});
	const confirm = (username: string, session?: unknown) =>
		api(s.url, 'ConfirmSignUp', {
			ClientId: s.clientId,
			Username: username,
			ConfirmationCode: lastCode(s.lp, s.poolId, username, 'confirmation'),
			...(session === undefined ? {} : { Session: session }),
		});

	it('SignUp without Password returns a Session; ConfirmSignUp takes it and returns another; USER_AUTH with that one signs in', async () => {
		const up = await signUp('lee');
		expect(up.status).toBe(200);
		expect(up.body).toMatchObject({ UserConfirmed: false });
		expect(typeof up.body.Session).toBe('string');
		const confirmed = await confirm('lee', up.body.Session);
		expect(confirmed.status).toBe(200);
		const session = confirmed.body.Session;
		expect(typeof session).toBe('string');
		expect(session).not.toBe(up.body.Session);
		const before = s.lp.outbox.list({ username: 'lee' }).length;
		const r = await userAuth(s, { USERNAME: 'lee' }, { Session: session });
		expect(jwtPayload(String(tokensOf(r).IdToken))).toMatchObject({
			'cognito:username': 'lee',
			email_verified: true,
		});
		// No second code was sent.
		expect(s.lp.outbox.list({ username: 'lee' })).toHaveLength(before);
		// Once only.
		expectError(
			await userAuth(s, { USERNAME: 'lee' }, { Session: session }),
			'NotAuthorizedException',
			'Invalid session for the user.',
		);
	});

	it('the passwordless user signs in later with an e-mail code, and has no password to offer', async () => {
		const c = await userAuth(s, { USERNAME: 'lee' });
		expect(c.body.AvailableChallenges).toEqual(['EMAIL_OTP']);
		const otp = await respond(s, 'SELECT_CHALLENGE', c.body.Session, {
			USERNAME: 'lee',
			ANSWER: 'EMAIL_OTP',
		});
		tokensOf(
			await respond(s, 'EMAIL_OTP', otp.body.Session, {
				USERNAME: 'lee',
				EMAIL_OTP_CODE: codeOf(s, 'lee', 'email-otp'),
			}),
		);
		// The preferred PASSWORD is not available: the choice comes back, and PASSWORD is refused.
		const r = await userAuth(s, { USERNAME: 'lee', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD });
		expect(r.body.ChallengeName).toBe('SELECT_CHALLENGE');
		expectError(
			await respond(s, 'SELECT_CHALLENGE', r.body.Session, {
				USERNAME: 'lee',
				ANSWER: 'PASSWORD',
				PASSWORD,
			}),
			'InvalidParameterException',
			'The challenge PASSWORD is not available for this user.',
		);
	});

	it('ConfirmSignUp without the SignUp Session still confirms and returns a Session', async () => {
		await signUp('max', { Password: PASSWORD });
		const confirmed = await confirm('max');
		expect(typeof confirmed.body.Session).toBe('string');
		tokensOf(await userAuth(s, { USERNAME: 'max' }, { Session: confirmed.body.Session }));
	});

	it("a Session is good only for its own user: another's is refused and not spent", async () => {
		const ned = await signUp('ned');
		expectError(
			await api(s.url, 'ConfirmSignUp', {
				ClientId: s.clientId,
				Username: 'max',
				ConfirmationCode: '000000',
				Session: ned.body.Session,
			}),
			'NotAuthorizedException',
		);
		const confirmed = await confirm('ned', ned.body.Session);
		expectError(
			await userAuth(s, { USERNAME: 'max' }, { Session: confirmed.body.Session }),
			'NotAuthorizedException',
			'Invalid session for the user.',
		);
		expectError(
			await userAuth(s, { USERNAME: 'nobody' }, { Session: confirmed.body.Session }),
			'NotAuthorizedException',
			'Invalid session for the user.',
		);
		tokensOf(await userAuth(s, { USERNAME: 'ned' }, { Session: confirmed.body.Session }));
	});

	it('the Session expires with the sign-in session lifetime (3 minutes)', async () => {
		const up = await signUp('oli');
		const confirmed = await confirm('oli', up.body.Session);
		s.lp.advanceTime(3 * 60_000 + 1000);
		expectError(
			await userAuth(s, { USERNAME: 'oli' }, { Session: confirmed.body.Session }),
			'NotAuthorizedException',
			'Invalid session for the user, session is expired.',
		);
	});
});

describe('where a password is still required', async () => {
	const s = await setup();
	afterAll(() => s.lp.close());

	it('a pool whose only first factor is PASSWORD refuses SignUp without one; no Session without ALLOW_USER_AUTH', async () => {
		expectError(
			await api(s.url, 'SignUp', { ClientId: s.clientId, Username: 'pat' }),
			'InvalidParameterException',
			'Password is required: the user pool allows no passwordless first factor.',
		);
		const up = await ok(s.url, 'SignUp', {
			ClientId: s.clientId,
			Username: 'pat',
			Password: PASSWORD,
			UserAttributes: [{ Name: 'email', Value: 'pat@example.com' }],
		});
		expect(up.Session).toBeUndefined();
		expect(
			await ok(s.url, 'ConfirmSignUp', {
				ClientId: s.clientId,
				Username: 'pat',
				ConfirmationCode: lastCode(s.lp, s.poolId, 'pat', 'confirmation'),
			}),
		).toEqual({});
	});
});
