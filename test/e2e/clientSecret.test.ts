// The library against the local user pool (server/), which checks secret hashes and token
// revocation as the service does. Pitfall 12: an app client with a secret works end to end once
// the pool is given `ClientSecret`, and is refused without it. Pitfall 9: signOut() without a
// callback revokes the refresh token, so neither old token works afterwards.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LocalPool, startLocalPool } from '../../server/index';
import { totpAt } from '../../server/totp';
import {
	AuthenticationDetails,
	CognitoAccessToken,
	CognitoIdToken,
	CognitoRefreshToken,
	CognitoUser,
	CognitoUserAttribute,
	CognitoUserPool,
	CognitoUserSession,
} from '../../src/index';
import type { ICognitoStorage, ISignUpResult } from '../../src/index';
import { MapStorage } from '../helpers/mapStorage';

const PASSWORD = 'Secret!Passw0rd';
const NEW_PASSWORD = 'Changed!Passw0rd2';

type Code = { code: string };
const claims = (jwt: string): Record<string, unknown> =>
	JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
		string,
		unknown
	>;

let lp: LocalPool;
let poolId: string;
beforeAll(async () => {
	lp = await startLocalPool({ port: 0, log: () => undefined });
	const pool = await lp.createUserPool({
		AutoVerifiedAttributes: ['email'],
		MfaConfiguration: 'OPTIONAL',
		DeviceConfiguration: {
			ChallengeRequiredOnNewDevice: true,
			DeviceOnlyRememberedOnUserPrompt: true,
		},
	});
	poolId = pool.Id;
});
afterAll(() => lp.close());

async function newClient(generateSecret: boolean): Promise<{ clientId: string; secret: string }> {
	const client = await lp.createUserPoolClient(poolId, {
		GenerateSecret: generateSecret,
		ExplicitAuthFlows: [
			'ALLOW_USER_SRP_AUTH',
			'ALLOW_USER_PASSWORD_AUTH',
			'ALLOW_REFRESH_TOKEN_AUTH',
		],
	});
	return { clientId: client.ClientId, secret: String(client.ClientSecret ?? '') };
}

const lastCode = (username: string, kind: string): string =>
	(lp.outbox.last({ poolId, username, kind }) as Code | undefined)?.code ?? '';

/** The user's next authentication outcome; challenges are answered by `answer`, if given. */
function login(
	user: CognitoUser,
	password: string,
	answer: { totp?: () => string } = {},
): Promise<{ session: CognitoUserSession; newDevice: boolean }> {
	return new Promise((resolve, reject) =>
		user.authenticateUser(
			new AuthenticationDetails({ Username: user.getUsername(), Password: password }),
			{
				onSuccess: (session, confirmationNecessary) =>
					resolve({ session, newDevice: confirmationNecessary === true }),
				onFailure: reject,
				totpRequired: () => {
					if (!answer.totp) return reject(new Error('unexpected TOTP challenge'));
					user.sendMFACode(
						answer.totp(),
						{ onSuccess: (session) => resolve({ session, newDevice: false }), onFailure: reject },
						'SOFTWARE_TOKEN_MFA',
					);
				},
				mfaRequired: () => reject(new Error('unexpected SMS challenge')),
			},
		),
	);
}

const node = <T>(run: (cb: (err?: Error | null, result?: T) => void) => void): Promise<T> =>
	new Promise((resolve, reject) =>
		run((err, result) => (err ? reject(err) : resolve(result as T))),
	);

const sessionOf = (session: CognitoUserSession): CognitoUserSession =>
	new CognitoUserSession({
		IdToken: new CognitoIdToken({ IdToken: session.getIdToken().getJwtToken() }),
		AccessToken: new CognitoAccessToken({ AccessToken: session.getAccessToken().getJwtToken() }),
		RefreshToken: new CognitoRefreshToken({
			RefreshToken: session.getRefreshToken().getToken(),
		}),
	});

/**
 * Waits until signOut()'s background revocation has landed: the old refresh token is refused,
 * through a fresh user of `pool` (whose request carries the proof when the pool has a secret).
 */
async function expectRevoked(pool: CognitoUserPool, username: string, old: CognitoUserSession) {
	const probe = new CognitoUser({ Username: username, Pool: pool, Storage: new MapStorage() });
	await vi.waitFor(
		async () => {
			const err = await node<CognitoUserSession>((cb) =>
				probe.refreshSession(old.getRefreshToken(), cb),
			).then(
				() => undefined,
				(e: unknown) => e as Error & { code?: string },
			);
			expect(err?.code).toBe('NotAuthorizedException');
			expect(err?.message).toBe('Refresh Token has been revoked');
		},
		{ timeout: 5000, interval: 20 },
	);
	// The access token issued with that refresh token is refused by the service too.
	const holder = new CognitoUser({ Username: username, Pool: pool, Storage: new MapStorage() });
	holder.signInUserSession = sessionOf(old);
	const refused = await node((cb) => holder.getUserAttributes(cb)).then(
		() => undefined,
		(e: unknown) => e as Error & { code?: string },
	);
	expect(refused?.code).toBe('NotAuthorizedException');
	expect(refused?.message).toBe('Access Token has been revoked');
}

describe('an app client with a secret (ClientSecret, pitfall 12)', () => {
	it('sign-up, confirmation, SRP with a new device, device SRP, TOTP, refresh, forgotten password and sign-out all succeed', async () => {
		const { clientId, secret } = await newClient(true);
		expect(secret).not.toBe('');
		const laptop = new MapStorage();
		const pool = new CognitoUserPool({
			UserPoolId: poolId,
			ClientId: clientId,
			ClientSecret: secret,
			endpoint: lp.url,
			Storage: laptop,
		});
		const username = 'sasha';
		const user = (storage: ICognitoStorage) =>
			new CognitoUser({ Username: username, Pool: pool, Storage: storage });

		const signUp = await node<ISignUpResult>((cb) =>
			pool.signUp(
				username,
				PASSWORD,
				[new CognitoUserAttribute({ Name: 'email', Value: 'sasha@example.com' })],
				null,
				cb,
			),
		);
		expect(signUp.userConfirmed).toBe(false);
		await node((cb) => signUp.user.resendConfirmationCode(cb));
		expect(
			await node((cb) =>
				signUp.user.confirmRegistration(lastCode(username, 'confirmation'), true, cb),
			),
		).toBe('SUCCESS');

		// SRP on a new device, which is then remembered.
		const first = user(laptop);
		const srp = await login(first, PASSWORD);
		expect(srp.newDevice).toBe(true);
		const deviceKey = first.deviceKey;
		expect(deviceKey).toBeTruthy();
		await new Promise((resolve, reject) =>
			first.setDeviceStatusRemembered({ onSuccess: resolve, onFailure: reject }),
		);

		// Device SRP on the same device.
		const again = user(laptop);
		const device = await login(again, PASSWORD);
		expect(claims(device.session.getAccessToken().getJwtToken()).device_key).toBe(deviceKey);

		// TOTP, then a sign-in from another device that must answer it.
		const totpSecret = await new Promise<string>((resolve, reject) =>
			again.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }),
		);
		await new Promise((resolve, reject) =>
			again.verifySoftwareToken(totpAt(totpSecret, lp.now()), 'phone', {
				onSuccess: resolve,
				onFailure: reject,
			}),
		);
		await node((cb) => again.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, cb));
		const phone = user(new MapStorage());
		// Each TOTP code is accepted once: this sign-in answers with the next 30-second step's.
		lp.advanceTime(30_000);
		const mfa = await login(phone, PASSWORD, { totp: () => totpAt(totpSecret, lp.now()) });
		expect(mfa.session.isValid()).toBe(true);

		// Refresh.
		const refreshed = await node<CognitoUserSession>((cb) =>
			phone.refreshSession(mfa.session.getRefreshToken(), cb),
		);
		expect(refreshed.getAccessToken().getJwtToken()).not.toBe(
			mfa.session.getAccessToken().getJwtToken(),
		);

		// Forgotten password, then USER_PASSWORD_AUTH with the new one on the remembered device.
		const forgetful = user(new MapStorage());
		await new Promise((resolve, reject) =>
			forgetful.forgotPassword({ onSuccess: resolve, onFailure: reject }),
		);
		await new Promise((resolve, reject) =>
			forgetful.confirmPassword(lastCode(username, 'forgot-password'), NEW_PASSWORD, {
				onSuccess: resolve,
				onFailure: reject,
			}),
		);
		const plain = user(laptop);
		plain.setAuthenticationFlowType('USER_PASSWORD_AUTH');
		const byPassword = await login(plain, NEW_PASSWORD);
		expect(claims(byPassword.session.getAccessToken().getJwtToken()).device_key).toBe(deviceKey);

		// Sign-out with a callback revokes through RevokeToken, which carries the secret.
		await node<void>((cb) => plain.signOut(cb));
		await expectRevoked(pool, username, byPassword.session);

		// And without a callback (pitfall 9), in the background.
		const last = user(new MapStorage());
		const session = (
			await login(last, NEW_PASSWORD, { totp: () => totpAt(totpSecret, lp.now() + 30_000) })
		).session;
		expect(last.signOut()).toBeUndefined();
		expect(last.getSignInUserSession()).toBeNull();
		await expectRevoked(pool, username, session);
	});

	it('email as username: USER_PASSWORD_AUTH with the email, then refresh (hashed with the real username)', async () => {
		const emailPool = await lp.createUserPool({
			UsernameAttributes: ['email'],
			AutoVerifiedAttributes: ['email'],
		});
		const client = await lp.createUserPoolClient(emailPool.Id, {
			GenerateSecret: true,
			ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
		});
		const storage = new MapStorage();
		const pool = new CognitoUserPool({
			UserPoolId: emailPool.Id,
			ClientId: client.ClientId,
			ClientSecret: String(client.ClientSecret),
			endpoint: lp.url,
			Storage: storage,
		});
		const email = 'erin@example.com';
		const signUp = await node<ISignUpResult>((cb) => pool.signUp(email, PASSWORD, [], null, cb));
		const code = (lp.outbox.last({ poolId: emailPool.Id, kind: 'confirmation' }) as Code).code;
		await node((cb) => signUp.user.confirmRegistration(code, true, cb));
		const user = new CognitoUser({ Username: email, Pool: pool, Storage: storage });
		user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
		const { session } = await login(user, PASSWORD);
		// The user is cached under the email; the service knows them by their sub.
		expect(user.getUsername()).toBe(email);
		expect(claims(session.getAccessToken().getJwtToken()).username).toBe(signUp.userSub);
		const later = pool.getCurrentUser() as CognitoUser;
		const refreshed = await node<CognitoUserSession>((cb) =>
			later.refreshSession(session.getRefreshToken(), cb),
		);
		expect(claims(refreshed.getAccessToken().getJwtToken()).username).toBe(signUp.userSub);
	});

	it('without ClientSecret the same client is refused with the service messages', async () => {
		const { clientId } = await newClient(true);
		const pool = new CognitoUserPool({
			UserPoolId: poolId,
			ClientId: clientId,
			endpoint: lp.url,
			Storage: new MapStorage(),
		});
		await lp.createUser(poolId, 'noel', PASSWORD);
		const user = new CognitoUser({ Username: 'noel', Pool: pool, Storage: new MapStorage() });
		const failure = (promise: Promise<unknown>) =>
			promise.then(
				() => ({ code: 'none', message: 'succeeded' }),
				(e: Error & { code?: string }) => ({ code: e.code, message: e.message }),
			);
		expect(await failure(login(user, PASSWORD))).toEqual({
			code: 'NotAuthorizedException',
			message: `Client ${clientId} is configured for secret but secret was not received`,
		});
		user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
		expect(await failure(login(user, PASSWORD))).toEqual({
			code: 'NotAuthorizedException',
			message: `Client ${clientId} is configured for secret but secret was not received`,
		});
		const unverifiable = {
			code: 'NotAuthorizedException',
			message: `Unable to verify secret hash for client ${clientId}`,
		};
		expect(await failure(node((cb) => pool.signUp('nina', PASSWORD, [], null, cb)))).toEqual(
			unverifiable,
		);
		expect(
			await failure(
				new Promise((resolve, reject) =>
					user.forgotPassword({ onSuccess: resolve, onFailure: reject }),
				),
			),
		).toEqual(unverifiable);
	});
});

describe('signOut() without a callback (pitfall 9)', () => {
	it('revokes the refresh token in the background: neither old token works afterwards', async () => {
		const { clientId } = await newClient(false);
		const storage = new MapStorage();
		const pool = new CognitoUserPool({
			UserPoolId: poolId,
			ClientId: clientId,
			endpoint: lp.url,
			Storage: storage,
		});
		await lp.createUser(poolId, 'oscar', PASSWORD);
		const user = new CognitoUser({ Username: 'oscar', Pool: pool, Storage: storage });
		const { session } = await login(user, PASSWORD);
		expect(user.signOut()).toBeUndefined();
		// The local sign-out is complete before any reply.
		expect(user.getSignInUserSession()).toBeNull();
		expect(pool.getCurrentUser()).toBeNull();
		await expectRevoked(pool, 'oscar', session);
	});
});
