// Finding 10: with PreventUserExistenceErrors, user existence still showed: the decoy salt
// changed per call, USER_ID_FOR_SRP differed in shape, CUSTOM_AUTH, ForgotPassword,
// ConfirmForgotPassword, ResendConfirmationCode and ConfirmSignUp answered differently, a device
// key was looked up before the proof was checked, and unknown users took different work.
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ONE_TIME_CODE_TRIGGERS } from '../../server/index';
import {
	PASSWORD,
	type Setup,
	SrpClient,
	api,
	expectError,
	setup,
	signUpConfirmed,
	srpLogin,
} from '../server/helpers';

// Counts the SRP module's operations as every other module (the server's and this test's SRP
// client alike) calls them, to compare the work of two sign-ins without timing anything.
const calls = vi.hoisted(() => [] as string[]);
vi.mock('../../server/srp', async (importOriginal) => {
	const real = await importOriginal<typeof import('../../server/srp')>();
	const counted =
		<A extends unknown[], R>(name: string, f: (...args: A) => R) =>
		(...args: A): R => {
			calls.push(name);
			return f(...args);
		};
	return {
		...real,
		makeVerifier: counted('makeVerifier', real.makeVerifier),
		checkPassword: counted('checkPassword', real.checkPassword),
		serverEphemeral: counted('serverEphemeral', real.serverEphemeral),
		serverKey: counted('serverKey', real.serverKey),
		computeU: counted('computeU', real.computeU),
		hkdf: counted('hkdf', real.hkdf),
		claimSignature: counted('claimSignature', real.claimSignature),
		signatureMatches: counted('signatureMatches', real.signatureMatches),
		modPow: counted('modPow', real.modPow),
	};
});

const initiate = (s: Setup, USERNAME: string, SRP_A = new SrpClient().A.toString(16)) =>
	api(s.url, 'InitiateAuth', {
		AuthFlow: 'USER_SRP_AUTH',
		ClientId: s.clientId,
		AuthParameters: { USERNAME, SRP_A },
	});

describe('an unknown user looks like a wrong password', async () => {
	const s = await setup({ LambdaConfig: ONE_TIME_CODE_TRIGGERS });
	afterAll(() => s.lp.close());
	await signUpConfirmed(s, 'real');
	beforeEach(() => {
		calls.length = 0;
	});

	it('the decoy salt is stable per name, and shaped like a real one', async () => {
		const salts = async (name: string) =>
			Promise.all([initiate(s, name), initiate(s, name)]).then((rs) =>
				rs.map((r) => String((r.body.ChallengeParameters as Record<string, string>).SALT)),
			);
		const [real1, real2] = await salts('real');
		const [ghost1, ghost2] = await salts('ghost');
		expect(ghost1).toBe(ghost2);
		expect(real1).toBe(real2);
		const [other] = await salts('other-ghost');
		expect(other).not.toBe(ghost1);
		for (const salt of [real1, ghost1, other]) expect(salt).toMatch(/^[0-9a-f]{1,32}$/);
	});

	it('the same challenge fields, and the same answer to a wrong password', async () => {
		const known = await initiate(s, 'real');
		const unknown = await initiate(s, 'ghost');
		const fields = (r: typeof known) => Object.keys(r.body.ChallengeParameters as object).sort();
		expect(fields(unknown)).toEqual(fields(known));
		expect(unknown.body.ChallengeName).toBe(known.body.ChallengeName);
		expect(String(unknown.body.Session).length).toBe(String(known.body.Session).length);
		expectError(
			await srpLogin(s, 'ghost', PASSWORD),
			'NotAuthorizedException',
			'Incorrect username or password.',
		);
	});

	it('an unknown name does the same work as a wrong password (SRP and USER_PASSWORD_AUTH)', async () => {
		await srpLogin(s, 'real', 'Wr0ng!pass');
		const known = [...calls];
		calls.length = 0;
		await srpLogin(s, 'ghost2', 'Wr0ng!pass');
		expect(calls).toEqual(known);
		expect(known).toContain('serverEphemeral');
		expect(known.filter((c) => c === 'claimSignature')).toHaveLength(2);
		expect(calls).not.toContain('makeVerifier');

		const passwordAuth = (USERNAME: string) =>
			api(s.url, 'InitiateAuth', {
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: s.clientId,
				AuthParameters: { USERNAME, PASSWORD: 'Wr0ng!pass' },
			});
		calls.length = 0;
		const a = await passwordAuth('real');
		const knownPlain = [...calls];
		calls.length = 0;
		const b = await passwordAuth('ghost3');
		expect(calls).toEqual(knownPlain);
		expect(knownPlain).toContain('checkPassword');
		expect(b.body).toEqual(a.body);
	});

	it('a device key is looked up only after the password is proven', async () => {
		const r = await srpLogin(s, 'real', 'Wr0ng!pass', {
			DEVICE_KEY: 'us-east-1_00000000-0000-0000-0000-000000000000',
		});
		expectError(r, 'NotAuthorizedException', 'Incorrect username or password.');
	});

	it('CUSTOM_AUTH challenges an unknown name like a user, and fails it like wrong answers', async () => {
		const start = (USERNAME: string) =>
			api(s.url, 'InitiateAuth', {
				AuthFlow: 'CUSTOM_AUTH',
				ClientId: s.clientId,
				AuthParameters: { USERNAME },
			});
		const known = await start('real');
		const unknown = await start('nobody');
		expect(unknown.status).toBe(200);
		expect(unknown.body.ChallengeName).toBe(known.body.ChallengeName);
		expect(Object.keys(unknown.body.ChallengeParameters as object).sort()).toEqual(
			Object.keys(known.body.ChallengeParameters as object).sort(),
		);
		let session = unknown.body.Session;
		for (let i = 0; i < 3; i++) {
			const r = await api(s.url, 'RespondToAuthChallenge', {
				ChallengeName: 'CUSTOM_CHALLENGE',
				ClientId: s.clientId,
				Session: session,
				ChallengeResponses: { USERNAME: 'nobody', ANSWER: '123456' },
			});
			if (i < 2) {
				expect(r.body.ChallengeName).toBe('CUSTOM_CHALLENGE');
				session = r.body.Session;
			} else {
				expectError(r, 'NotAuthorizedException', 'Incorrect username or password.');
			}
		}
	});

	it('ForgotPassword and ResendConfirmationCode: a stable delivery shaped like a user’s', async () => {
		const forgot = (Username: string) =>
			api(s.url, 'ForgotPassword', { ClientId: s.clientId, Username });
		const known = await forgot('real');
		const first = await forgot('ghost');
		const again = await forgot('ghost');
		expect(first.body).toEqual(again.body);
		const delivery = first.body.CodeDeliveryDetails as Record<string, string>;
		expect(delivery).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
		expect(delivery.Destination).toMatch(/^[a-z]\*\*\*@[a-z]\*\*\*$/);
		expect(Object.keys(delivery).sort()).toEqual(
			Object.keys(known.body.CodeDeliveryDetails as object).sort(),
		);
		const resent = await api(s.url, 'ResendConfirmationCode', {
			ClientId: s.clientId,
			Username: 'ghost',
		});
		expect(resent.body).toEqual(first.body);
	});

	it('ConfirmForgotPassword and ConfirmSignUp: the same errors, and the same attempt limit', async () => {
		for (const name of ['real', 'ghost']) {
			const reset = (ConfirmationCode: string, Password = 'N3w-Passw0rd!') =>
				api(s.url, 'ConfirmForgotPassword', {
					ClientId: s.clientId,
					Username: name,
					ConfirmationCode,
					Password,
				});
			expectError(await reset('000000', 'weak'), 'InvalidPasswordException');
			for (let i = 0; i < 4; i++) expectError(await reset('000000'), 'CodeMismatchException');
			expectError(await reset('000000'), 'LimitExceededException');
		}
		await api(s.url, 'SignUp', {
			ClientId: s.clientId,
			Username: 'pending',
			Password: PASSWORD,
			UserAttributes: [{ Name: 'email', Value: 'pending@example.com' }],
		});
		for (const name of ['pending', 'ghost']) {
			const confirm = () =>
				api(s.url, 'ConfirmSignUp', {
					ClientId: s.clientId,
					Username: name,
					ConfirmationCode: '000000',
				});
			for (let i = 0; i < 4; i++) expectError(await confirm(), 'CodeMismatchException');
			expectError(await confirm(), 'LimitExceededException');
		}
	});
});

describe('USER_ID_FOR_SRP has one shape where users sign in by e-mail', async () => {
	const s = await setup({ UsernameAttributes: ['email'] });
	afterAll(() => s.lp.close());
	await api(s.url, 'SignUp', {
		ClientId: s.clientId,
		Username: 'eve@example.com',
		Password: PASSWORD,
	});
	await api(s.url, 'AdminConfirmSignUp', { UserPoolId: s.poolId, Username: 'eve@example.com' });

	it('a UUID for the known and the unknown address alike, stable per name', async () => {
		const id = async (name: string) =>
			String(
				((await initiate(s, name)).body.ChallengeParameters as Record<string, string>)
					.USER_ID_FOR_SRP,
			);
		const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
		expect(await id('eve@example.com')).toMatch(uuid);
		const ghost = await id('ghost@example.com');
		expect(ghost).toMatch(uuid);
		expect(await id('ghost@example.com')).toBe(ghost);
		expectError(
			await srpLogin(s, 'ghost@example.com', PASSWORD),
			'NotAuthorizedException',
			'Incorrect username or password.',
		);
	});
});
