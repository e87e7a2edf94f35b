import { afterAll, describe, expect, it } from 'vitest';
import { type ChallengeRequest, ONE_TIME_CODE_TRIGGERS, startLocalPool } from '../../server/index';
import {
	PASSWORD,
	type Setup,
	SrpClient,
	api,
	expectError,
	jwtPayload,
	lastCode,
	poolNameOf,
	setup,
} from './helpers';

const init = (s: Setup, params: Record<string, string>, meta?: Record<string, string>) =>
	api(s.url, 'InitiateAuth', {
		AuthFlow: 'CUSTOM_AUTH',
		ClientId: s.clientId,
		AuthParameters: params,
		ClientMetadata: meta,
	});
const answer = (s: Setup, session: unknown, user: string, ANSWER: string) =>
	api(s.url, 'RespondToAuthChallenge', {
		ChallengeName: 'CUSTOM_CHALLENGE',
		ClientId: s.clientId,
		Session: session,
		ChallengeResponses: { USERNAME: user, ANSWER },
	});

describe('CUSTOM_AUTH with the built-in one-time code', async () => {
	const s = await setup({ LambdaConfig: ONE_TIME_CODE_TRIGGERS });
	afterAll(() => s.lp.close());
	await s.lp.createUser(s.poolId, 'kim', PASSWORD, { email: 'kim@example.com' });

	it('a code to the outbox; the right answer issues tokens', async () => {
		const c = await init(s, { USERNAME: 'kim' });
		expect(c.body).toMatchObject({
			ChallengeName: 'CUSTOM_CHALLENGE',
			ChallengeParameters: { USERNAME: 'kim' },
		});
		expect(s.lp.outbox.last({ username: 'kim', kind: 'custom-challenge' })).toMatchObject({
			destination: 'kim@example.com',
		});
		const r = await answer(
			s,
			c.body.Session,
			'kim',
			lastCode(s.lp, s.poolId, 'kim', 'custom-challenge'),
		);
		expect(r.status).toBe(200);
		expect(
			jwtPayload(String((r.body.AuthenticationResult as Record<string, unknown>).AccessToken))
				.username,
		).toBe('kim');
	});

	it('wrong answers get a new challenge; the third wrong one fails the sign-in', async () => {
		let c = await init(s, { USERNAME: 'kim' });
		for (let i = 0; i < 2; i++) {
			const r = await answer(s, c.body.Session, 'kim', 'nope');
			expect(r.body.ChallengeName).toBe('CUSTOM_CHALLENGE');
			expectError(
				await answer(s, c.body.Session, 'kim', 'nope'),
				'NotAuthorizedException',
				'Invalid session for the user.',
			);
			c = r;
		}
		expectError(
			await answer(s, c.body.Session, 'kim', 'nope'),
			'NotAuthorizedException',
			'Incorrect username or password.',
		);
	});

	it('SRP_A with CHALLENGE_NAME=SRP_A: PASSWORD_VERIFIER first, then the code', async () => {
		const srp = new SrpClient();
		const c = await init(s, {
			USERNAME: 'kim',
			SRP_A: srp.A.toString(16),
			CHALLENGE_NAME: 'SRP_A',
		});
		expect(c.body.ChallengeName).toBe('PASSWORD_VERIFIER');
		const params = c.body.ChallengeParameters as Record<string, string>;
		const bad = await api(s.url, 'RespondToAuthChallenge', {
			ChallengeName: 'PASSWORD_VERIFIER',
			ClientId: s.clientId,
			Session: c.body.Session,
			ChallengeResponses: {
				USERNAME: 'kim',
				...srp.answer(poolNameOf(s.poolId), 'kim', 'Wrong1!xx', params),
			},
		});
		expectError(bad, 'NotAuthorizedException', 'Incorrect username or password.');
		const srp2 = new SrpClient();
		const c2 = await init(s, {
			USERNAME: 'kim',
			SRP_A: srp2.A.toString(16),
			CHALLENGE_NAME: 'SRP_A',
		});
		const pv = await api(s.url, 'RespondToAuthChallenge', {
			ChallengeName: 'PASSWORD_VERIFIER',
			ClientId: s.clientId,
			Session: c2.body.Session,
			ChallengeResponses: {
				USERNAME: 'kim',
				...srp2.answer(
					poolNameOf(s.poolId),
					'kim',
					PASSWORD,
					c2.body.ChallengeParameters as Record<string, string>,
				),
			},
		});
		expect(pv.body.ChallengeName).toBe('CUSTOM_CHALLENGE');
		expect(
			(await answer(s, pv.body.Session, 'kim', lastCode(s.lp, s.poolId, 'kim', 'custom-challenge')))
				.status,
		).toBe(200);
	});

	it('unknown and unconfirmed users, and clients without CUSTOM_AUTH', async () => {
		// PreventUserExistenceErrors: an unknown name is challenged like a user, but sent nothing.
		const ghost = await init(s, { USERNAME: 'ghost' });
		expect(ghost.body).toMatchObject({
			ChallengeName: 'CUSTOM_CHALLENGE',
			ChallengeParameters: { USERNAME: 'ghost', delivery: 'outbox' },
		});
		expect(s.lp.outbox.list({ username: 'ghost' })).toEqual([]);
		await api(s.url, 'SignUp', { ClientId: s.clientId, Username: 'newbie', Password: PASSWORD });
		expectError(await init(s, { USERNAME: 'newbie' }), 'UserNotConfirmedException');
		const noCustom = await s.lp.createUserPoolClient(s.poolId, {
			ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
		});
		const r = await api(s.url, 'InitiateAuth', {
			AuthFlow: 'CUSTOM_AUTH',
			ClientId: noCustom.ClientId,
			AuthParameters: { USERNAME: 'kim' },
		});
		expectError(r, 'InvalidParameterException', /CUSTOM_AUTH/);
	});
});

describe('CUSTOM_AUTH with JavaScript hooks in place of the Lambda triggers', async () => {
	const seen: ChallengeRequest[] = [];
	const lp = await startLocalPool({
		port: 0,
		customAuth: {
			defineAuthChallenge: (req) => {
				seen.push(req);
				const last = req.session.at(-1);
				if (req.clientMetadata.deny === 'yes')
					return { issueTokens: false, failAuthentication: true };
				if (!last)
					return {
						challengeName: 'CUSTOM_CHALLENGE',
						issueTokens: false,
						failAuthentication: false,
					};
				return last.challengeResult
					? { issueTokens: true, failAuthentication: false }
					: { issueTokens: false, failAuthentication: true };
			},
			createAuthChallenge: async (req) => ({
				publicChallengeParameters: { question: `favourite colour of ${req.userName}?` },
				privateChallengeParameters: { answer: 'green' },
				challengeMetadata: 'COLOUR',
			}),
			verifyAuthChallengeResponse: (req) => ({
				answerCorrect: req.challengeAnswer === req.privateChallengeParameters.answer,
			}),
		},
	});
	afterAll(() => lp.close());
	const s = await setup({}, {}, lp);
	await lp.createUser(s.poolId, 'lee', PASSWORD, { email: 'lee@example.com' });

	it('runs define → create → verify → define with the session history and client metadata', async () => {
		const c = await init(s, { USERNAME: 'lee' }, { app: 'demo' });
		expect(c.body.ChallengeParameters).toEqual({
			question: 'favourite colour of lee?',
			USERNAME: 'lee',
		});
		expect(lp.outbox.list({ kind: 'custom-challenge' })).toEqual([]);
		const r = await answer(s, c.body.Session, 'lee', 'green');
		expect(r.status).toBe(200);
		expect(seen.at(-1)?.session).toEqual([
			{ challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'COLOUR' },
		]);
		expect(seen[0]?.clientMetadata).toEqual({ app: 'demo' });
		expect(seen[0]?.userAttributes.email).toBe('lee@example.com');
	});

	it('failAuthentication → NotAuthorizedException', async () => {
		const c = await init(s, { USERNAME: 'lee' });
		expectError(
			await answer(s, c.body.Session, 'lee', 'red'),
			'NotAuthorizedException',
			'Incorrect username or password.',
		);
		expectError(
			await init(s, { USERNAME: 'lee' }, { deny: 'yes' }),
			'NotAuthorizedException',
			'Incorrect username or password.',
		);
	});
});
