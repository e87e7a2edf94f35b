import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD, SrpClient, expectError, jwtPayload, poolNameOf, setup } from './helpers';
import { confirmNewDevice } from './deviceHelpers';
import {
	codeOf,
	respond,
	tokensOf,
	userAuth,
	userAuthSetup,
	verifiedUser,
} from './userAuthHelpers';

describe('USER_AUTH: choice-based sign-in', async () => {
	const s = await userAuthSetup();
	afterAll(() => s.lp.close());
	await verifiedUser(s, 'ada', {
		email: 'ada@example.com',
		email_verified: 'true',
		phone_number: '+15555550100',
		phone_number_verified: 'true',
	});
	await verifiedUser(s, 'bob', { email: 'bob@example.com' });

	it('without a preference: SELECT_CHALLENGE with the top-level AvailableChallenges the user can use', async () => {
		const ada = await userAuth(s, { USERNAME: 'ada' });
		expect(ada.status).toBe(200);
		expect(ada.body).toMatchObject({
			ChallengeName: 'SELECT_CHALLENGE',
			ChallengeParameters: {},
			AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP'],
		});
		expect(typeof ada.body.Session).toBe('string');
		// bob's e-mail is not verified and he has no phone: only his password.
		const bob = await userAuth(s, { USERNAME: 'bob' });
		expect(bob.body.AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP']);
	});

	it('PREFERRED_CHALLENGE PASSWORD: tokens in one round trip; a wrong password is refused', async () => {
		const r = await userAuth(s, {
			USERNAME: 'ada',
			PREFERRED_CHALLENGE: 'PASSWORD',
			PASSWORD,
		});
		expect(jwtPayload(String(tokensOf(r).AccessToken)).username).toBe('ada');
		expectError(
			await userAuth(s, {
				USERNAME: 'ada',
				PREFERRED_CHALLENGE: 'PASSWORD',
				PASSWORD: 'Wr0ng!pass',
			}),
			'NotAuthorizedException',
			'Incorrect username or password.',
		);
	});

	it('PREFERRED_CHALLENGE PASSWORD_SRP: PASSWORD_VERIFIER, answered as in USER_SRP_AUTH', async () => {
		const srp = new SrpClient();
		const init = await userAuth(s, {
			USERNAME: 'ada',
			PREFERRED_CHALLENGE: 'PASSWORD_SRP',
			SRP_A: srp.A.toString(16),
		});
		expect(init.body.ChallengeName).toBe('PASSWORD_VERIFIER');
		const params = init.body.ChallengeParameters as Record<string, string>;
		expect(Object.keys(params).sort()).toEqual(
			['SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME', 'USER_ID_FOR_SRP'].sort(),
		);
		const r = await respond(s, 'PASSWORD_VERIFIER', init.body.Session, {
			USERNAME: 'ada',
			...srp.answer(poolNameOf(s.poolId), 'ada', PASSWORD, params),
		});
		tokensOf(r);
	});

	it('answers SELECT_CHALLENGE with PASSWORD (and the password) or PASSWORD_SRP (and SRP_A)', async () => {
		const first = await userAuth(s, { USERNAME: 'ada' });
		tokensOf(
			await respond(s, 'SELECT_CHALLENGE', first.body.Session, {
				USERNAME: 'ada',
				ANSWER: 'PASSWORD',
				PASSWORD,
			}),
		);
		const second = await userAuth(s, { USERNAME: 'ada' });
		const srp = new SrpClient();
		const verifier = await respond(s, 'SELECT_CHALLENGE', second.body.Session, {
			USERNAME: 'ada',
			ANSWER: 'PASSWORD_SRP',
			SRP_A: srp.A.toString(16),
		});
		expect(verifier.body.ChallengeName).toBe('PASSWORD_VERIFIER');
		const params = verifier.body.ChallengeParameters as Record<string, string>;
		tokensOf(
			await respond(s, 'PASSWORD_VERIFIER', verifier.body.Session, {
				USERNAME: 'ada',
				...srp.answer(poolNameOf(s.poolId), 'ada', PASSWORD, params),
			}),
		);
		// The session was spent by the first answer.
		expectError(
			await respond(s, 'SELECT_CHALLENGE', second.body.Session, {
				USERNAME: 'ada',
				ANSWER: 'PASSWORD',
				PASSWORD,
			}),
			'NotAuthorizedException',
			'Invalid session for the user.',
		);
	});

	it('a factor the user cannot use is not offered: the preference falls back to SELECT_CHALLENGE, the answer is refused', async () => {
		const r = await userAuth(s, { USERNAME: 'bob', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
		expect(r.body).toMatchObject({
			ChallengeName: 'SELECT_CHALLENGE',
			AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP'],
		});
		expect(s.lp.outbox.list({ username: 'bob' })).toEqual([]);
		expectError(
			await respond(s, 'SELECT_CHALLENGE', r.body.Session, {
				USERNAME: 'bob',
				ANSWER: 'WEB_AUTHN',
			}),
			'InvalidParameterException',
			'The challenge WEB_AUTHN is not available for this user.',
		);
		expectError(
			await userAuth(s, { USERNAME: 'bob', PREFERRED_CHALLENGE: 'TOTP' }),
			'InvalidParameterException',
		);
	});

	it('EMAIL_OTP by SELECT_CHALLENGE: the code goes to the outbox as email-otp; the right code signs in', async () => {
		const first = await userAuth(s, { USERNAME: 'ada' });
		const c = await respond(s, 'SELECT_CHALLENGE', first.body.Session, {
			USERNAME: 'ada',
			ANSWER: 'EMAIL_OTP',
		});
		expect(c.body).toMatchObject({
			ChallengeName: 'EMAIL_OTP',
			ChallengeParameters: {
				CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
				CODE_DELIVERY_DESTINATION: 'a***@e***',
			},
		});
		const message = s.lp.outbox.last({ username: 'ada', kind: 'email-otp' });
		expect(message).toMatchObject({ destination: 'ada@example.com', deliveryMedium: 'EMAIL' });
		expect(message?.code).toMatch(/^\d{8}$/);
		tokensOf(
			await respond(s, 'EMAIL_OTP', c.body.Session, {
				USERNAME: 'ada',
				EMAIL_OTP_CODE: codeOf(s, 'ada', 'email-otp'),
			}),
		);
	});
});

describe('USER_AUTH is refused where the service refuses it', async () => {
	const s = await setup(); // a client without ALLOW_USER_AUTH
	afterAll(() => s.lp.close());
	await s.lp.createUser(s.poolId, 'cy', PASSWORD);

	it('on a client without ALLOW_USER_AUTH: UnsupportedOperationException', async () => {
		expectError(
			await userAuth(s, { USERNAME: 'cy' }),
			'UnsupportedOperationException',
			'USER_AUTH flow not enabled for this client',
		);
		// Legacy flow names never turn it on either.
		const legacy = await s.lp.createUserPoolClient(s.poolId, {
			ExplicitAuthFlows: ['USER_PASSWORD_AUTH'],
		});
		expectError(
			await userAuth({ ...s, clientId: legacy.ClientId }, { USERNAME: 'cy' }),
			'UnsupportedOperationException',
		);
	});

	it('on a LITE pool, even with ALLOW_USER_AUTH', async () => {
		const pool = await s.lp.createUserPool({ UserPoolTier: 'LITE' });
		const client = await s.lp.createUserPoolClient(pool.Id, {
			ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
		});
		await s.lp.createUser(pool.Id, 'cy', PASSWORD);
		expectError(
			await userAuth({ ...s, poolId: pool.Id, clientId: client.ClientId }, { USERNAME: 'cy' }),
			'UnsupportedOperationException',
			/LITE/,
		);
	});
});

describe('USER_AUTH and remembered devices', async () => {
	const s = await userAuthSetup({
		DeviceConfiguration: { ChallengeRequiredOnNewDevice: true },
	});
	afterAll(() => s.lp.close());
	await verifiedUser(s, 'dee', { email: 'dee@example.com', email_verified: 'true' });

	it('an email code with the device key in the answer leads to DEVICE_SRP_AUTH', async () => {
		const signIn = await userAuth(s, {
			USERNAME: 'dee',
			PREFERRED_CHALLENGE: 'PASSWORD',
			PASSWORD,
		});
		const result = tokensOf(signIn);
		const { device } = await confirmNewDevice(s, result);
		const c = await userAuth(s, { USERNAME: 'dee', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
		expect(c.body.ChallengeName).toBe('EMAIL_OTP');
		const next = await respond(s, 'EMAIL_OTP', c.body.Session, {
			USERNAME: 'dee',
			EMAIL_OTP_CODE: codeOf(s, 'dee', 'email-otp'),
			DEVICE_KEY: device.key,
		});
		expect(next.body).toMatchObject({
			ChallengeName: 'DEVICE_SRP_AUTH',
			ChallengeParameters: { USERNAME: 'dee', DEVICE_KEY: device.key },
		});
		const srp = new SrpClient();
		const step = await respond(s, 'DEVICE_SRP_AUTH', next.body.Session, {
			USERNAME: 'dee',
			DEVICE_KEY: device.key,
			SRP_A: srp.A.toString(16),
		});
		expect(step.body.ChallengeName).toBe('DEVICE_PASSWORD_VERIFIER');
		const params = step.body.ChallengeParameters as Record<string, string>;
		const done = await respond(s, 'DEVICE_PASSWORD_VERIFIER', step.body.Session, {
			USERNAME: 'dee',
			DEVICE_KEY: device.key,
			...srp.answer(device.group, device.key, device.password, params),
		});
		// A code was the first factor: the proven device ends the sign-in, no MFA follows.
		expect(jwtPayload(String(tokensOf(done).AccessToken)).device_key).toBe(device.key);
	});
});
