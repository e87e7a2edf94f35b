// Finding 13: ConfirmDevice re-keyed an already confirmed device with only an access token.
// Finding 14: one signing key for every pool, so pool B's token verified against pool A's JWKS.
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { G, computeX, modPow, padBytes } from '../../server/srp';
import { confirmNewDevice, deviceLogin } from '../server/deviceHelpers';
import {
	PASSWORD,
	api,
	expectError,
	jwtPayload,
	setup,
	signUpConfirmed,
	srpLogin,
	tokensFor,
} from '../server/helpers';

describe('a confirmed device keeps its secret', async () => {
	const s = await setup({
		DeviceConfiguration: {
			ChallengeRequiredOnNewDevice: false,
			DeviceOnlyRememberedOnUserPrompt: false,
		},
	});
	afterAll(() => s.lp.close());
	await signUpConfirmed(s, 'kay');

	it('ConfirmDevice on a confirmed device is refused, and the device still signs in', async () => {
		const login = (await srpLogin(s, 'kay', PASSWORD)).body.AuthenticationResult as Record<
			string,
			unknown
		>;
		const { device } = await confirmNewDevice(s, login);
		// An attacker holding only an access token tries to install a secret of their own.
		const salt = 5n;
		const verifier = modPow(G, computeX(device.group, device.key, 'attacker', salt));
		expectError(
			await api(s.url, 'ConfirmDevice', {
				AccessToken: login.AccessToken,
				DeviceKey: device.key,
				DeviceSecretVerifierConfig: {
					Salt: padBytes(salt).toString('base64'),
					PasswordVerifier: padBytes(verifier).toString('base64'),
				},
			}),
			'NotAuthorizedException',
			'Device has already been confirmed.',
		);
		expect((await deviceLogin(s, 'kay', device)).status).toBe(200);
		expectError(
			await deviceLogin(s, 'kay', { ...device, password: 'attacker' }),
			'NotAuthorizedException',
		);
	});
});

describe('each user pool signs with its own key', async () => {
	const a = await setup();
	afterAll(() => a.lp.close());
	const b = await setup({}, {}, a.lp);
	await signUpConfirmed(a, 'amy');
	await signUpConfirmed(b, 'amy');

	const jwks = async (poolId: string) => {
		const res = await fetch(`${a.url}/${poolId}/.well-known/jwks.json`);
		return (await res.json()) as { keys: { kid: string }[] };
	};

	it('different kids; a token verifies against its own pool’s JWKS only', async () => {
		const [keysA, keysB] = await Promise.all([jwks(a.poolId), jwks(b.poolId)]);
		expect(keysA.keys).toHaveLength(1);
		expect(keysA.keys[0]?.kid).not.toBe(keysB.keys[0]?.kid);
		const tokenB = String((await tokensFor(b, 'amy')).AccessToken);
		await expect(jwtVerify(tokenB, createLocalJWKSet(keysB as never))).resolves.toBeDefined();
		await expect(jwtVerify(tokenB, createLocalJWKSet(keysA as never))).rejects.toThrow();
		expect(await a.lp.jwks(b.poolId)).toEqual(keysB);
	});

	it('a token of pool B, re-labelled as pool A’s, is not accepted', async () => {
		const tokenB = String((await tokensFor(b, 'amy')).AccessToken);
		const [header, , signature] = tokenB.split('.');
		const claims = { ...jwtPayload(tokenB), iss: `${a.url}/${a.poolId}` };
		const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
		expectError(await api(a.url, 'GetUser', { AccessToken: forged }), 'NotAuthorizedException');
		expect((await api(a.url, 'GetUser', { AccessToken: tokenB })).status).toBe(200);
	});
});
