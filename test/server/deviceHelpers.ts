// What a client does with devices, over HTTP: confirm a new one, sign in with a remembered one.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { G, computeX, modPow, padBytes } from '../../server/srp';
import { PASSWORD, type Setup, SrpClient, api, ok, srpLogin } from './helpers';

export interface Remembered {
	key: string;
	group: string;
	password: string;
}

/** What the client does after a login with NewDeviceMetadata. */
export async function confirmNewDevice(
	s: Setup,
	result: Record<string, unknown>,
): Promise<{ device: Remembered; out: Record<string, unknown> }> {
	const meta = result.NewDeviceMetadata as { DeviceKey: string; DeviceGroupKey: string };
	const password = randomBytes(40).toString('base64');
	const salt = BigInt('0x' + randomBytes(16).toString('hex'));
	const verifier = modPow(G, computeX(meta.DeviceGroupKey, meta.DeviceKey, password, salt));
	const out = await ok(s.url, 'ConfirmDevice', {
		AccessToken: result.AccessToken,
		DeviceKey: meta.DeviceKey,
		DeviceName: 'test-device',
		DeviceSecretVerifierConfig: {
			Salt: padBytes(salt).toString('base64'),
			PasswordVerifier: padBytes(verifier).toString('base64'),
		},
	});
	return { device: { key: meta.DeviceKey, group: meta.DeviceGroupKey, password }, out };
}

/** A remembered-device login: PASSWORD_VERIFIER with DEVICE_KEY, then DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER. */
export async function deviceLogin(
	s: Setup,
	username: string,
	device: Remembered,
	devicePassword = device.password,
) {
	const first = await srpLogin(s, username, PASSWORD, { DEVICE_KEY: device.key });
	if (first.status !== 200 || first.body.ChallengeName !== 'DEVICE_SRP_AUTH') return first;
	const srp = new SrpClient();
	const step = await api(s.url, 'RespondToAuthChallenge', {
		ChallengeName: 'DEVICE_SRP_AUTH',
		ClientId: s.clientId,
		Session: first.body.Session,
		ChallengeResponses: { USERNAME: username, DEVICE_KEY: device.key, SRP_A: srp.A.toString(16) },
	});
	expect(step.body.ChallengeName).toBe('DEVICE_PASSWORD_VERIFIER');
	const params = step.body.ChallengeParameters as Record<string, string>;
	return api(s.url, 'RespondToAuthChallenge', {
		ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
		ClientId: s.clientId,
		Session: step.body.Session,
		ChallengeResponses: {
			USERNAME: username,
			DEVICE_KEY: device.key,
			...srp.answer(device.group, device.key, devicePassword, params),
		},
	});
}
