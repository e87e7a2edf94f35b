import { afterAll, describe, expect, it } from 'vitest';
import { ONE_TIME_CODE_TRIGGERS } from '../../server/index';
import { type Remembered, confirmNewDevice, deviceLogin } from './deviceHelpers';
import {
	PASSWORD,
	SrpClient,
	api,
	expectError,
	jwtPayload,
	lastCode,
	ok,
	poolNameOf,
	setup,
	signUpConfirmed,
	srpLogin,
} from './helpers';

const result = (r: { body: Record<string, unknown> }) =>
	r.body.AuthenticationResult as Record<string, unknown>;

describe('device tracking', async () => {
	const s = await setup({
		MfaConfiguration: 'OPTIONAL',
		DeviceConfiguration: {
			ChallengeRequiredOnNewDevice: false,
			DeviceOnlyRememberedOnUserPrompt: true,
		},
	});
	afterAll(() => s.lp.close());
	await signUpConfirmed(s, 'dan', { phone_number: '+15555550100' });

	let device: Remembered;
	let access = '';

	it('a fresh login gets NewDeviceMetadata; ConfirmDevice asks for the user prompt as configured', async () => {
		const r = result(await srpLogin(s, 'dan', PASSWORD));
		const meta = r.NewDeviceMetadata as { DeviceKey: string; DeviceGroupKey: string };
		expect(meta.DeviceKey).toMatch(
			/^us-east-1_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
		);
		expect(meta.DeviceGroupKey).toBeTruthy();
		expect(jwtPayload(String(r.AccessToken)).device_key).toBe(meta.DeviceKey);
		const confirmed = await confirmNewDevice(s, r);
		device = confirmed.device;
		access = String(r.AccessToken);
		expect(confirmed.out).toEqual({ UserConfirmationNecessary: true });
	});

	it('device SRP login: no new device, device_key in the access token', async () => {
		const r = await deviceLogin(s, 'dan', device);
		expect(r.status, JSON.stringify(r.body)).toBe(200);
		expect(result(r).NewDeviceMetadata).toBeUndefined();
		expect(jwtPayload(String(result(r).AccessToken)).device_key).toBe(device.key);
	});

	it('DEVICE_SRP_AUTH must name the device of its session', async () => {
		const first = await srpLogin(s, 'dan', PASSWORD, { DEVICE_KEY: device.key });
		expect(first.body.ChallengeName).toBe('DEVICE_SRP_AUTH');
		const r = await api(s.url, 'RespondToAuthChallenge', {
			ChallengeName: 'DEVICE_SRP_AUTH',
			ClientId: s.clientId,
			Session: first.body.Session,
			ChallengeResponses: {
				USERNAME: 'dan',
				DEVICE_KEY: 'us-east-1_other',
				SRP_A: new SrpClient().A.toString(16),
			},
		});
		expectError(r, 'NotAuthorizedException', 'Invalid session for the user.');
	});

	it('a wrong device secret fails DEVICE_PASSWORD_VERIFIER', async () => {
		expectError(
			await deviceLogin(s, 'dan', device, 'not-the-secret'),
			'NotAuthorizedException',
			'Incorrect username or password.',
		);
	});

	it('an unknown DEVICE_KEY → ResourceNotFoundException naming the device', async () => {
		const fake = { ...device, key: 'us-east-1_00000000-0000-0000-0000-000000000000' };
		expectError(
			await deviceLogin(s, 'dan', fake),
			'ResourceNotFoundException',
			'Device does not exist.',
		);
		// The client's recovery: the same answer again, DEVICE_KEY null, same session.
		const srp = new SrpClient();
		const init = await api(s.url, 'InitiateAuth', {
			AuthFlow: 'USER_SRP_AUTH',
			ClientId: s.clientId,
			AuthParameters: { USERNAME: 'dan', SRP_A: srp.A.toString(16) },
		});
		const answer = {
			USERNAME: 'dan',
			...srp.answer(
				poolNameOf(s.poolId),
				'dan',
				PASSWORD,
				init.body.ChallengeParameters as Record<string, string>,
			),
		};
		const send = (deviceKey: string | null) =>
			api(s.url, 'RespondToAuthChallenge', {
				ChallengeName: 'PASSWORD_VERIFIER',
				ClientId: s.clientId,
				Session: init.body.Session,
				ChallengeResponses: { ...answer, DEVICE_KEY: deviceKey },
			});
		expectError(await send(fake.key), 'ResourceNotFoundException', 'Device does not exist.');
		const retry = await send(null);
		expect(retry.status, JSON.stringify(retry.body)).toBe(200);
		expect(result(retry).NewDeviceMetadata).toBeTruthy();
	});

	it('a not-remembered device still needs MFA; a remembered one skips it', async () => {
		await ok(s.url, 'SetUserMFAPreference', {
			AccessToken: access,
			SMSMfaSettings: { Enabled: true, PreferredMfa: true },
		});
		const r = await deviceLogin(s, 'dan', device);
		expect(r.body.ChallengeName).toBe('SMS_MFA');
		await ok(s.url, 'UpdateDeviceStatus', {
			AccessToken: access,
			DeviceKey: device.key,
			DeviceRememberedStatus: 'remembered',
		});
		const r2 = await deviceLogin(s, 'dan', device);
		expect(r2.status).toBe(200);
		expect(result(r2).AccessToken).toBeTruthy();
		const plain = await srpLogin(s, 'dan', PASSWORD);
		expect(plain.body.ChallengeName).toBe('SMS_MFA');
		expectError(
			await api(s.url, 'UpdateDeviceStatus', {
				AccessToken: access,
				DeviceKey: device.key,
				DeviceRememberedStatus: 'maybe',
			}),
			'InvalidParameterException',
			/deviceRememberedStatus/,
		);
	});

	it('GetDevice, ListDevices with pagination, ForgetDevice', async () => {
		await ok(s.url, 'SetUserMFAPreference', {
			AccessToken: access,
			SMSMfaSettings: { Enabled: false },
		});
		const secondLogin = result(await srpLogin(s, 'dan', PASSWORD));
		const second = await confirmNewDevice(s, secondLogin);
		const got = await ok(s.url, 'GetDevice', { AccessToken: access, DeviceKey: device.key });
		expect(got.Device).toMatchObject({
			DeviceKey: device.key,
			DeviceAttributes: expect.arrayContaining([
				{ Name: 'device_name', Value: 'test-device' },
				{ Name: 'dev:device_remembered_status', Value: 'remembered' },
			]),
		});
		const page1 = await ok(s.url, 'ListDevices', { AccessToken: access, Limit: 1 });
		expect(page1.Devices).toHaveLength(1);
		expect(typeof page1.PaginationToken).toBe('string');
		const page2 = await ok(s.url, 'ListDevices', {
			AccessToken: access,
			Limit: 1,
			PaginationToken: page1.PaginationToken,
		});
		expect(page2.Devices).toHaveLength(1);
		expect(page2.PaginationToken).toBeUndefined();
		const keys = [
			...(page1.Devices as { DeviceKey: string }[]),
			...(page2.Devices as { DeviceKey: string }[]),
		].map((d) => d.DeviceKey);
		expect(keys.sort()).toEqual([device.key, second.device.key].sort());
		expectError(
			await api(s.url, 'ListDevices', { AccessToken: access, Limit: 61 }),
			'InvalidParameterException',
		);
		expectError(
			await api(s.url, 'ListDevices', { AccessToken: access, PaginationToken: 'bm9wZQ' }),
			'InvalidParameterException',
		);

		await ok(s.url, 'ForgetDevice', { AccessToken: access, DeviceKey: second.device.key });
		expectError(
			await api(s.url, 'GetDevice', { AccessToken: access, DeviceKey: second.device.key }),
			'ResourceNotFoundException',
			'Device does not exist.',
		);
		expectError(
			await api(s.url, 'ForgetDevice', { AccessToken: access, DeviceKey: second.device.key }),
			'ResourceNotFoundException',
			'Device does not exist.',
		);
		expectError(
			await deviceLogin(s, 'dan', second.device),
			'ResourceNotFoundException',
			'Device does not exist.',
		);
		const refresh = await api(s.url, 'InitiateAuth', {
			AuthFlow: 'REFRESH_TOKEN_AUTH',
			ClientId: s.clientId,
			AuthParameters: { REFRESH_TOKEN: secondLogin.RefreshToken },
		});
		expectError(refresh, 'NotAuthorizedException', 'Invalid Refresh Token');
		expect((await ok(s.url, 'GetUser', { AccessToken: secondLogin.AccessToken })).Username).toBe(
			'dan',
		);
	});

	it("ConfirmDevice refuses another user's or an unknown device, and bad verifier configs", async () => {
		await signUpConfirmed(s, 'eve');
		const eveAccess = String(result(await srpLogin(s, 'eve', PASSWORD)).AccessToken);
		const cfg = { Salt: 'AA==', PasswordVerifier: 'AA==' };
		expectError(
			await api(s.url, 'ConfirmDevice', {
				AccessToken: eveAccess,
				DeviceKey: device.key,
				DeviceSecretVerifierConfig: cfg,
			}),
			'ResourceNotFoundException',
		);
		expectError(
			await api(s.url, 'GetDevice', { AccessToken: eveAccess, DeviceKey: device.key }),
			'ResourceNotFoundException',
		);
		expectError(
			await api(s.url, 'ConfirmDevice', { AccessToken: eveAccess, DeviceKey: device.key }),
			'InvalidParameterException',
		);
		expectError(
			await api(s.url, 'ConfirmDevice', {
				AccessToken: eveAccess,
				DeviceKey: device.key,
				DeviceSecretVerifierConfig: { Salt: '***', PasswordVerifier: 'AA==' },
			}),
			'InvalidParameterException',
		);
	});
});

describe('pools without device tracking', async () => {
	const s = await setup({ DeviceConfiguration: undefined });
	afterAll(() => s.lp.close());

	it('issue no NewDeviceMetadata and no device_key; remembered devices are confirmed automatically when so configured', async () => {
		await signUpConfirmed(s, 'fred');
		const r = result(await srpLogin(s, 'fred', PASSWORD));
		expect(r.NewDeviceMetadata).toBeUndefined();
		expect(jwtPayload(String(r.AccessToken)).device_key).toBeUndefined();

		const tracked = await setup(
			{
				DeviceConfiguration: {
					ChallengeRequiredOnNewDevice: true,
					DeviceOnlyRememberedOnUserPrompt: false,
				},
			},
			{},
			s.lp,
		);
		await signUpConfirmed(tracked, 'gia');
		const { out, device } = await confirmNewDevice(
			tracked,
			result(await srpLogin(tracked, 'gia', PASSWORD)),
		);
		expect(out).toEqual({ UserConfirmationNecessary: false });
		expect((await deviceLogin(tracked, 'gia', device)).status).toBe(200);
	});
});

describe('device binding after CUSTOM_AUTH', async () => {
	const s = await setup({
		LambdaConfig: ONE_TIME_CODE_TRIGGERS,
		DeviceConfiguration: {
			ChallengeRequiredOnNewDevice: false,
			DeviceOnlyRememberedOnUserPrompt: false,
		},
	});
	afterAll(() => s.lp.close());
	await signUpConfirmed(s, 'cy');

	/** A one-time-code sign-in; `DEVICE_KEY` goes with the answer, as the client sends it. */
	async function customLogin(DEVICE_KEY?: string) {
		const c = await api(s.url, 'InitiateAuth', {
			AuthFlow: 'CUSTOM_AUTH',
			ClientId: s.clientId,
			AuthParameters: { USERNAME: 'cy' },
		});
		const r = await ok(s.url, 'RespondToAuthChallenge', {
			ChallengeName: 'CUSTOM_CHALLENGE',
			ClientId: s.clientId,
			Session: c.body.Session,
			ChallengeResponses: {
				USERNAME: 'cy',
				ANSWER: lastCode(s.lp, s.poolId, 'cy', 'custom-challenge'),
				...(DEVICE_KEY ? { DEVICE_KEY } : {}),
			},
		});
		return r.AuthenticationResult as Record<string, unknown>;
	}

	it('the confirmed device the answer names is bound to the tokens; no new device is issued', async () => {
		const first = await customLogin();
		const { device } = await confirmNewDevice(s, first);
		const again = await customLogin(device.key);
		expect(again.NewDeviceMetadata).toBeUndefined();
		expect(jwtPayload(String(again.AccessToken)).device_key).toBe(device.key);
		// Its refresh token stays bound to the device: forgetting the device ends it.
		await ok(s.url, 'ForgetDevice', { AccessToken: again.AccessToken, DeviceKey: device.key });
		expectError(
			await api(s.url, 'InitiateAuth', {
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				ClientId: s.clientId,
				AuthParameters: { REFRESH_TOKEN: String(again.RefreshToken) },
			}),
			'NotAuthorizedException',
			'Invalid Refresh Token',
		);
	});

	it('an unknown device key binds nothing: a new device is issued', async () => {
		const r = await customLogin('us-east-1_00000000-0000-0000-0000-000000000000');
		const meta = r.NewDeviceMetadata as { DeviceKey: string };
		expect(meta.DeviceKey).toMatch(/^us-east-1_/);
		expect(jwtPayload(String(r.AccessToken)).device_key).toBe(meta.DeviceKey);
	});
});
