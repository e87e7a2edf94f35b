import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ONE_TIME_CODE_TRIGGERS } from '../../server/index';
import { PASSWORD, api, expectError, jwtPayload, lastCode, setup } from './helpers';
import {
	CBS,
	NODE,
	Original,
	TestStorage,
	expectEvent,
	expectFailure,
	getProp,
	run,
	totp,
} from './oracle';

const { CognitoUserPool, CognitoUser, AuthenticationDetails, CognitoUserAttribute } = Original;

// The original client's flows, end to end against server/, in one shared pool.
describe('original amazon-cognito-identity-js against the local pool', async () => {
	const s = await setup({
		MfaConfiguration: 'OPTIONAL',
		DeviceConfiguration: {
			ChallengeRequiredOnNewDevice: false,
			DeviceOnlyRememberedOnUserPrompt: false,
		},
		LambdaConfig: ONE_TIME_CODE_TRIGGERS,
	});
	afterAll(() => s.lp.close());

	const targets: string[] = [];
	const realFetch = globalThis.fetch;
	globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
		const headers = (init?.headers ?? {}) as Record<string, string>;
		const body =
			typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {};
		const action = String(headers['X-Amz-Target'] ?? '').split('.')[1] ?? '';
		targets.push(body.ChallengeName ? `${action}:${String(body.ChallengeName)}` : action);
		return realFetch(input, init);
	}) as typeof fetch;
	afterAll(() => {
		globalThis.fetch = realFetch;
	});
	beforeEach(() => {
		targets.length = 0;
	});

	const poolFor = (storage: TestStorage) =>
		new CognitoUserPool({
			UserPoolId: s.poolId,
			ClientId: s.clientId,
			endpoint: s.url,
			Storage: storage,
		});
	const userFor = (name: string, storage = new TestStorage()) =>
		new CognitoUser({ Username: name, Pool: poolFor(storage), Storage: storage });
	const details = (name: string, password = PASSWORD) =>
		new AuthenticationDetails({ Username: name, Password: password });
	const accessOf = (user: object) =>
		jwtPayload(getProp<string>(user, 'getSignInUserSession', 'getAccessToken', 'getJwtToken'));

	const deviceStorage = new TestStorage();
	let carol = userFor('carol', deviceStorage);

	it('signs up and confirms with the code from the outbox', async () => {
		const attrs = [new CognitoUserAttribute({ Name: 'email', Value: 'carol@example.com' })];
		const [result] = await expectEvent(
			run(poolFor(deviceStorage), 'signUp', 'carol', PASSWORD, attrs, null, NODE),
			'ok',
		);
		expect(result).toMatchObject({
			userConfirmed: false,
			codeDeliveryDetails: { DeliveryMedium: 'EMAIL' },
		});
		const wrong = await expectFailure(run(carol, 'confirmRegistration', '000000x', true, NODE));
		expect(wrong.code).toBe('CodeMismatchException');
		const code = lastCode(s.lp, s.poolId, 'carol', 'confirmation');
		expect(await expectEvent(run(carol, 'confirmRegistration', code, true, NODE), 'ok')).toEqual([
			'SUCCESS',
		]);
	});

	it('rejects a wrong password and an unknown user like the service', async () => {
		const bad = await expectFailure(
			run(userFor('carol'), 'authenticateUser', details('carol', 'Wrong1!xx'), CBS),
		);
		expect(bad).toEqual({
			code: 'NotAuthorizedException',
			message: 'Incorrect username or password.',
		});
		const ghost = await expectFailure(
			run(userFor('nobody'), 'authenticateUser', details('nobody'), CBS),
		);
		expect(ghost).toEqual({
			code: 'NotAuthorizedException',
			message: 'Incorrect username or password.',
		});
	});

	it('logs in with SRP and confirms the new device', async () => {
		await expectEvent(run(carol, 'authenticateUser', details('carol'), CBS), 'onSuccess');
		expect(targets).toEqual([
			'InitiateAuth',
			'RespondToAuthChallenge:PASSWORD_VERIFIER',
			'ConfirmDevice',
		]);
		const deviceKey = getProp<string>(carol, 'deviceKey');
		expect(deviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/);
		expect(accessOf(carol).device_key).toBe(deviceKey);
	});

	it('a second login goes through device SRP and creates no new device', async () => {
		const deviceKey = getProp<string>(carol, 'deviceKey');
		carol = userFor('carol', deviceStorage);
		await expectEvent(run(carol, 'authenticateUser', details('carol'), CBS), 'onSuccess');
		expect(targets).toEqual([
			'InitiateAuth',
			'RespondToAuthChallenge:PASSWORD_VERIFIER',
			'RespondToAuthChallenge:DEVICE_SRP_AUTH',
			'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER',
		]);
		expect(accessOf(carol).device_key).toBe(deviceKey);
		const [list] = await expectEvent(run(carol, 'listDevices', 10, null, CBS), 'onSuccess');
		expect((list as { Devices: unknown[] }).Devices).toHaveLength(1);
		const [device] = await expectEvent(run(carol, 'getDevice', CBS), 'onSuccess');
		expect(device).toMatchObject({ Device: { DeviceKey: deviceKey } });
	});

	it('refreshes the session: new access token, same token family, same refresh token', async () => {
		const session = getProp<object>(carol, 'getSignInUserSession');
		const before = accessOf(carol);
		const refresh = getProp<object>(session, 'getRefreshToken');
		const [fresh] = await expectEvent(run(carol, 'refreshSession', refresh, NODE), 'ok');
		const after = jwtPayload(getProp<string>(fresh as object, 'getAccessToken', 'getJwtToken'));
		expect(after.jti).not.toBe(before.jti);
		expect(after.origin_jti).toBe(before.origin_jti);
		expect(getProp<string>(fresh as object, 'getRefreshToken', 'getToken')).toBe(
			getProp<string>(refresh, 'getToken'),
		);
	});

	it('updates, reads, deletes and verifies attributes', async () => {
		const name = new CognitoUserAttribute({ Name: 'name', Value: 'Carol C' });
		await expectEvent(run(carol, 'updateAttributes', [name], NODE), 'ok');
		const [attrs] = await expectEvent(run(carol, 'getUserAttributes', NODE), 'ok');
		const pairs = (attrs as object[]).map((a) => [
			getProp<string>(a, 'getName'),
			getProp<string>(a, 'getValue'),
		]);
		expect(pairs).toContainEqual(['name', 'Carol C']);
		await expectEvent(run(carol, 'deleteAttributes', ['name'], NODE), 'ok');
		const [after] = await expectEvent(run(carol, 'getUserAttributes', NODE), 'ok');
		expect((after as object[]).map((a) => getProp<string>(a, 'getName'))).not.toContain('name');
		await expectEvent(
			run(carol, 'getAttributeVerificationCode', 'email', CBS),
			'inputVerificationCode',
		);
		const wrong = await expectFailure(run(carol, 'verifyAttribute', 'email', '999999x', CBS));
		expect(wrong.code).toBe('CodeMismatchException');
		const code = lastCode(s.lp, s.poolId, 'carol', 'attribute-verification');
		await expectEvent(run(carol, 'verifyAttribute', 'email', code, CBS), 'onSuccess');
	});

	let secret = '';
	it('sets up TOTP and then needs it to log in on a new device, but not on the remembered one', async () => {
		[secret] = (await expectEvent(
			run(carol, 'associateSoftwareToken', CBS),
			'associateSecretCode',
		)) as [string];
		expect(secret).toMatch(/^[A-Z2-7]{32}$/);
		await expectEvent(
			run(carol, 'verifySoftwareToken', totp(secret, s.lp.now()), 'phone', CBS),
			'onSuccess',
		);
		const pref = { PreferredMfa: true, Enabled: true };
		await expectEvent(run(carol, 'setUserMfaPreference', null, pref, NODE), 'ok');

		const fresh = userFor('carol');
		await expectEvent(run(fresh, 'authenticateUser', details('carol'), CBS), 'totpRequired');
		const bad = await expectFailure(run(fresh, 'sendMFACode', '000000', CBS, 'SOFTWARE_TOKEN_MFA'));
		expect(bad.code).toBe('CodeMismatchException');
		// A code is accepted once (RFC 6238 §5.2): the sign-in uses the next 30-second step's.
		s.lp.advanceTime(30_000);
		await expectEvent(
			run(fresh, 'sendMFACode', totp(secret, s.lp.now()), CBS, 'SOFTWARE_TOKEN_MFA'),
			'onSuccess',
		);

		const remembered = userFor('carol', deviceStorage);
		await expectEvent(run(remembered, 'authenticateUser', details('carol'), CBS), 'onSuccess');
	});

	it('a tampered device secret fails device SRP', async () => {
		const key = [...deviceStorage.map.keys()].find((k) => k.endsWith('.randomPasswordKey')) ?? '';
		const saved = deviceStorage.getItem(key) ?? '';
		deviceStorage.setItem(key, Buffer.alloc(40, 1).toString('base64'));
		const failure = await expectFailure(
			run(userFor('carol', deviceStorage), 'authenticateUser', details('carol'), CBS),
		);
		expect(failure).toEqual({
			code: 'NotAuthorizedException',
			message: 'Incorrect username or password.',
		});
		deviceStorage.setItem(key, saved);
	});

	it('a device forgotten elsewhere: the original retries without DEVICE_KEY and registers a new device', async () => {
		const oldKey = getProp<string>(carol, 'deviceKey');
		await expectEvent(run(carol, 'forgetSpecificDevice', oldKey, CBS), 'onSuccess');
		const again = userFor('carol', deviceStorage);
		await expectEvent(run(again, 'authenticateUser', details('carol'), CBS), 'totpRequired');
		s.lp.advanceTime(30_000);
		await expectEvent(
			run(again, 'sendMFACode', totp(secret, s.lp.now()), CBS, 'SOFTWARE_TOKEN_MFA'),
			'onSuccess',
		);
		expect(targets.filter((t) => t === 'RespondToAuthChallenge:PASSWORD_VERIFIER')).toHaveLength(2);
		const newKey = getProp<string>(again, 'deviceKey');
		expect(newKey).toMatch(/^us-east-1_/);
		expect(newKey).not.toBe(oldKey);
		expect(targets).toContain('ConfirmDevice');
		carol = again;
	});

	it('SMS MFA with the code from the outbox; replayed, foreign and mismatched sessions fail', async () => {
		await s.lp.createUser(s.poolId, 'dave', PASSWORD, {
			phone_number: '+15555550123',
			email: 'dave@example.com',
		});
		await s.lp.createUser(s.poolId, 'erin', PASSWORD, { email: 'erin@example.com' });
		const dave = userFor('dave');
		await expectEvent(run(dave, 'authenticateUser', details('dave'), CBS), 'onSuccess');
		await expectEvent(
			run(dave, 'setUserMfaPreference', { Enabled: true, PreferredMfa: true }, null, NODE),
			'ok',
		);

		const d2 = userFor('dave');
		const [name, params] = await expectEvent(
			run(d2, 'authenticateUser', details('dave'), CBS),
			'mfaRequired',
		);
		expect(name).toBe('SMS_MFA');
		expect(params).toMatchObject({
			CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS',
			CODE_DELIVERY_DESTINATION: '+*******0123',
		});
		const session = getProp<string>(d2, 'Session');
		const mismatch = await expectFailure(
			run(d2, 'sendMFACode', '123456', CBS, 'SOFTWARE_TOKEN_MFA'),
		);
		expect(mismatch.code).toBe('NotAuthorizedException');
		const erin = userFor('erin');
		(erin as { Session: string }).Session = session;
		const foreign = await expectFailure(run(erin, 'sendMFACode', '123456', CBS));
		expect(foreign.code).toBe('NotAuthorizedException');
		const code = lastCode(s.lp, s.poolId, 'dave', 'sms-mfa');
		await expectEvent(run(d2, 'sendMFACode', code, CBS), 'onSuccess');
		(d2 as { Session: string }).Session = session;
		const replay = await expectFailure(run(d2, 'sendMFACode', code, CBS));
		expect(replay).toEqual({
			code: 'NotAuthorizedException',
			message: 'Invalid session for the user.',
		});
	});

	it('custom auth: SRP first, then the one-time code; and without a password', async () => {
		await s.lp.createUser(s.poolId, 'fay', PASSWORD, {
			email: 'fay@example.com',
			email_verified: 'true',
		});
		const fay = userFor('fay');
		(fay as { setAuthenticationFlowType(t: string): void }).setAuthenticationFlowType(
			'CUSTOM_AUTH',
		);
		await expectEvent(run(fay, 'authenticateUser', details('fay'), CBS), 'customChallenge');
		expect(targets).toEqual(['InitiateAuth', 'RespondToAuthChallenge:PASSWORD_VERIFIER']);
		await expectEvent(run(fay, 'sendCustomChallengeAnswer', 'wrong', CBS), 'customChallenge');
		const code = lastCode(s.lp, s.poolId, 'fay', 'custom-challenge');
		await expectEvent(run(fay, 'sendCustomChallengeAnswer', code, CBS), 'onSuccess');

		const fay2 = userFor('fay');
		await expectEvent(
			run(fay2, 'initiateAuth', new AuthenticationDetails({ Username: 'fay' }), CBS),
			'customChallenge',
		);
		const code2 = lastCode(s.lp, s.poolId, 'fay', 'custom-challenge');
		await expectEvent(run(fay2, 'sendCustomChallengeAnswer', code2, CBS), 'onSuccess');
		expect(accessOf(fay2).username).toBe('fay');
	});

	it('new-password challenge after AdminCreateUser', async () => {
		await s.lp.call('AdminCreateUser', {
			UserPoolId: s.poolId,
			Username: 'gus',
			TemporaryPassword: 'Temp0rary!',
			UserAttributes: [{ Name: 'email', Value: 'gus@example.com' }],
		});
		expect(lastCode(s.lp, s.poolId, 'gus', 'invitation')).toBe('Temp0rary!');
		const gus = userFor('gus');
		const [attrs] = await expectEvent(
			run(gus, 'authenticateUser', details('gus', 'Temp0rary!'), CBS),
			'newPasswordRequired',
		);
		expect(attrs).toMatchObject({ email: 'gus@example.com' });
		const weak = await expectFailure(run(gus, 'completeNewPasswordChallenge', 'short', {}, CBS));
		expect(weak.code).toBe('InvalidPasswordException');
		await expectEvent(
			run(gus, 'completeNewPasswordChallenge', 'N3wPassword!', {}, CBS),
			'onSuccess',
		);
		await expectEvent(
			run(userFor('gus'), 'authenticateUser', details('gus', 'N3wPassword!'), CBS),
			'onSuccess',
		);
	});

	it('forgot password → confirm with the code → the new password works, the old does not', async () => {
		const fay = userFor('fay');
		await expectEvent(run(fay, 'forgotPassword', CBS), 'inputVerificationCode');
		const code = lastCode(s.lp, s.poolId, 'fay', 'forgot-password');
		const wrong = await expectFailure(run(fay, 'confirmPassword', '000000', 'Fresh-Pass1', CBS));
		expect(wrong.code).toBe('CodeMismatchException');
		await expectEvent(run(fay, 'confirmPassword', code, 'Fresh-Pass1', CBS), 'onSuccess');
		await expectEvent(
			run(userFor('fay'), 'authenticateUser', details('fay', 'Fresh-Pass1'), CBS),
			'onSuccess',
		);
		const old = await expectFailure(run(userFor('fay'), 'authenticateUser', details('fay'), CBS));
		expect(old.code).toBe('NotAuthorizedException');
	});

	it('rejects forged and expired access tokens', async () => {
		const session = getProp<object>(carol, 'getSignInUserSession');
		const token = getProp<string>(session, 'getAccessToken', 'getJwtToken');
		const [h, , sig] = token.split('.');
		const payload = { ...jwtPayload(token), username: 'dave' };
		const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${sig}`;
		const forgedSession = new Original.CognitoUserSession({
			IdToken: getProp<object>(session, 'getIdToken'),
			AccessToken: new Original.CognitoAccessToken({ AccessToken: forged }),
			RefreshToken: getProp<object>(session, 'getRefreshToken'),
		});
		const mallory = userFor('dave');
		(mallory as { setSignInUserSession(s: object): void }).setSignInUserSession(forgedSession);
		const bad = await expectFailure(run(mallory, 'getUserAttributes', NODE));
		expect(bad).toEqual({ code: 'NotAuthorizedException', message: 'Invalid Access Token' });

		s.lp.advanceTime(2 * 3600_000);
		try {
			const expired = await expectFailure(run(carol, 'getUserAttributes', NODE));
			expect(expired).toEqual({
				code: 'NotAuthorizedException',
				message: 'Access Token has expired',
			});
		} finally {
			s.lp.setClockOffset(0);
		}
	});

	it('signOut revokes the refresh token family; globalSignOut revokes everything', async () => {
		const fay = userFor('fay');
		await expectEvent(
			run(fay, 'authenticateUser', details('fay', 'Fresh-Pass1'), CBS),
			'onSuccess',
		);
		const session = getProp<object>(fay, 'getSignInUserSession');
		const access = getProp<string>(session, 'getAccessToken', 'getJwtToken');
		const refresh = getProp<string>(session, 'getRefreshToken', 'getToken');
		await expectEvent(run(fay, 'signOut', NODE), 'ok');
		expect(targets).toContain('RevokeToken');
		const r = await api(s.url, 'InitiateAuth', {
			AuthFlow: 'REFRESH_TOKEN_AUTH',
			ClientId: s.clientId,
			AuthParameters: { REFRESH_TOKEN: refresh },
		});
		expectError(r, 'NotAuthorizedException', 'Refresh Token has been revoked');
		expectError(
			await api(s.url, 'GetUser', { AccessToken: access }),
			'NotAuthorizedException',
			'Access Token has been revoked',
		);

		await expectEvent(run(carol, 'globalSignOut', CBS), 'onSuccess');
		const after = await expectFailure(run(carol, 'getUserAttributes', NODE));
		expect(after).toEqual({
			code: 'NotAuthorizedException',
			message: 'Access Token has been revoked',
		});
	});
});
