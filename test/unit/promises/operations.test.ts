// The promise functions against the local pool (server/): each resolves to what the callback
// method reports and rejects with the same errors; an aborted call rejects with an AbortError,
// its request is aborted in fetch and storage stays as it was.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startLocalPool, totpAt } from '../../../server/index';
import AuthenticationDetails from '../../../src/AuthenticationDetails';
import CognitoUser from '../../../src/CognitoUser';
import CognitoUserAttribute from '../../../src/CognitoUserAttribute';
import CognitoUserPool from '../../../src/CognitoUserPool';
import * as promises from '../../../src/promises';
import { MapStorage } from '../../helpers/mapStorage';

const PASSWORD = 'Passw0rd!';
const lp = await startLocalPool({ log: () => undefined });
afterAll(() => lp.close());
const { Id: poolId } = await lp.createUserPool({
	AutoVerifiedAttributes: ['email'],
	MfaConfiguration: 'OPTIONAL',
});
const { ClientId } = await lp.createUserPoolClient(poolId, {
	ExplicitAuthFlows: [
		'ALLOW_USER_SRP_AUTH',
		'ALLOW_USER_PASSWORD_AUTH',
		'ALLOW_REFRESH_TOKEN_AUTH',
	],
});
const storage = new MapStorage();
const pool = new CognitoUserPool({
	UserPoolId: poolId,
	ClientId,
	endpoint: lp.url,
	Storage: storage,
});

const userOf = (name: string): CognitoUser =>
	new CognitoUser({ Username: name, Pool: pool, Storage: storage });
const code = (name: string, kind: string): string =>
	lp.outbox.last({ poolId, username: name, kind })?.code ?? 'none';

async function signedIn(name: string, password = PASSWORD): Promise<CognitoUser> {
	const user = userOf(name);
	const step = await promises.signIn(
		user,
		new AuthenticationDetails({ Username: name, Password: password }),
	);
	expect(step.kind).toBe('signedIn');
	return user;
}

describe('account operations', () => {
	it('sign-up, confirmation, sign-in, attributes, password change, deletion', async () => {
		const { user, userConfirmed } = await promises.signUp(pool, 'amy', PASSWORD, {
			attributes: [new CognitoUserAttribute({ Name: 'email', Value: 'amy@example.com' })],
		});
		expect(userConfirmed).toBe(false);
		await expect(promises.resendSignUpCode(user)).resolves.toMatchObject({
			CodeDeliveryDetails: { DeliveryMedium: 'EMAIL' },
		});
		await expect(promises.confirmSignUp(user, code('amy', 'confirmation'))).resolves.toBe(
			'SUCCESS',
		);
		const amy = await signedIn('amy');
		const names = (await promises.getUserAttributes(amy)).map((a) => a.getName());
		expect(names).toContain('email');
		await promises.updateAttributes(amy, [{ Name: 'name', Value: 'Amy' }]);
		await expect(promises.getUserData(amy, { bypassCache: true })).resolves.toMatchObject({
			Username: 'amy',
		});
		await expect(promises.deleteAttributes(amy, ['name'])).resolves.toBe('SUCCESS');
		await expect(promises.getAttributeVerificationCode(amy, 'email')).resolves.toMatchObject({
			CodeDeliveryDetails: { AttributeName: 'email' },
		});
		const verification = code('amy', 'attribute-verification');
		await expect(promises.verifyAttribute(amy, 'email', verification)).resolves.toBe('SUCCESS');
		await expect(promises.changePassword(amy, PASSWORD, 'N3w-Passw0rd!')).resolves.toBe('SUCCESS');
		await signedIn('amy', 'N3w-Passw0rd!');
		await expect(promises.getUserAuthFactors(amy)).resolves.toMatchObject({ Username: 'amy' });
		await expect(promises.deleteUser(amy)).resolves.toBe('SUCCESS');
	});

	it('rejects with the callback API error: code, name and message', async () => {
		const user = userOf('nobody');
		const details = new AuthenticationDetails({ Username: 'nobody', Password: 'x' });
		const failure = await promises.signIn(user, details).catch((e: unknown) => e);
		expect(failure).toBeInstanceOf(Error);
		expect(failure).toMatchObject({
			code: 'NotAuthorizedException',
			name: 'NotAuthorizedException',
		});
	});

	it('forgot password, then the new one signs in', async () => {
		await lp.createUser(poolId, 'bo', PASSWORD, {
			email: 'bo@example.com',
			email_verified: 'true',
		});
		const bo = userOf('bo');
		await expect(promises.forgotPassword(bo)).resolves.toMatchObject({
			CodeDeliveryDetails: { DeliveryMedium: 'EMAIL' },
		});
		const reset = code('bo', 'forgot-password');
		await expect(promises.confirmForgotPassword(bo, reset, 'Other-Passw0rd!')).resolves.toBe(
			'SUCCESS',
		);
		await signedIn('bo', 'Other-Passw0rd!');
	});
});

describe('sessions, MFA and devices', () => {
	it('TOTP: associate, verify, prefer it; the next sign-in asks for the code', async () => {
		await lp.createUser(poolId, 'cy', PASSWORD);
		const cy = await signedIn('cy');
		const secret = await promises.associateTotp(cy);
		await promises.verifyTotp(cy, totpAt(secret, lp.now()), 'phone');
		await promises.setMfaPreference(cy, { totp: { Enabled: true, PreferredMfa: true } });
		const again = userOf('cy');
		const details = new AuthenticationDetails({ Username: 'cy', Password: PASSWORD });
		const step = await promises.signIn(again, details);
		if (step.kind !== 'totpCode') throw new Error(`expected totpCode, got ${step.kind}`);
		lp.advanceTime(30_000);
		const done = await step.answer(totpAt(secret, lp.now()));
		expect(done.kind).toBe('signedIn');
	});

	it('getSession from storage, refresh, devices, sign-out and global sign-out', async () => {
		await lp.createUser(poolId, 'di', PASSWORD);
		await signedIn('di');
		const di = userOf('di');
		const session = await promises.getSession(di);
		expect(session.isValid()).toBe(true);
		const refreshed = await promises.refreshSession(di, session.getRefreshToken());
		expect(refreshed.getAccessToken().getJwtToken()).not.toBe(
			session.getAccessToken().getJwtToken(),
		);
		await expect(promises.listDevices(di, 10)).resolves.toMatchObject({ Devices: [] });
		await expect(promises.forgetSpecificDevice(di, 'us-east-1_none')).rejects.toMatchObject({
			code: 'ResourceNotFoundException',
		});
		for (const op of [
			promises.getDevice,
			promises.rememberDevice,
			promises.doNotRememberDevice,
			promises.forgetDevice,
		]) {
			// No device was remembered in this pool: each rejects as its callback method fails.
			await expect(op(di)).rejects.toBeInstanceOf(Error);
		}
		await expect(promises.globalSignOut(di)).resolves.toBe('SUCCESS');
		await signedIn('di');
		const again = userOf('di');
		await promises.getSession(again);
		await expect(promises.signOut(again)).resolves.toBeUndefined();
		await expect(promises.getSession(userOf('di'))).rejects.toBeInstanceOf(Error);
	});
});

describe('an AbortSignal on every call', () => {
	it('already aborted: rejects with an AbortError and sends nothing', async () => {
		const fetchSpy = vi.spyOn(globalThis, 'fetch');
		const user = userOf('amy');
		const details = new AuthenticationDetails({ Username: 'amy', Password: PASSWORD });
		const failure = await promises
			.signIn(user, details, { signal: AbortSignal.abort() })
			.catch((e: unknown) => e);
		expect(failure).toMatchObject({ name: 'AbortError' });
		expect(fetchSpy).not.toHaveBeenCalled();
	});

	it('aborted mid-sign-in: the request is aborted in fetch and storage is as it was', async () => {
		await lp.createUser(poolId, 'ed', PASSWORD);
		const before = JSON.stringify([...storage.map.entries()]);
		const controller = new AbortController();
		const signals: (AbortSignal | null | undefined)[] = [];
		const realFetch = globalThis.fetch;
		vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
			signals.push(init?.signal);
			// Abort while the first request is in flight.
			if (signals.length === 1) queueMicrotask(() => controller.abort());
			return realFetch(input, init);
		});
		const user = userOf('ed');
		const details = new AuthenticationDetails({ Username: 'ed', Password: PASSWORD });
		const failure = await promises
			.signIn(user, details, { signal: controller.signal })
			.catch((e: unknown) => e);
		expect(failure).toMatchObject({ name: 'AbortError' });
		expect(signals[0]).toBe(controller.signal);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(signals).toHaveLength(1);
		expect(JSON.stringify([...storage.map.entries()])).toBe(before);
		expect(user.client).toBe(pool.client);
	});

	it('a call without a signal sends requests without one, as the callback API does', async () => {
		const fetchSpy = vi.spyOn(globalThis, 'fetch');
		await signedIn('bo', 'Other-Passw0rd!');
		for (const call of fetchSpy.mock.calls) expect(call[1]?.signal).toBeUndefined();
	});

	it('the signal of a sign-up stays off the user it creates', async () => {
		const { user } = await promises.signUp(pool, 'fay', PASSWORD, {
			signal: new AbortController().signal,
		});
		expect(user.client).toBe(pool.client);
		expect(pool.client.signal).toBeUndefined();
	});
});
