// The scenario every browser example goes through, driven from Chromium against the local pool.
// The app (examples/browser/flows.js) runs on its own and reports each step into
// window.__results; these tests load it, reload it, read what it reports, and check what they
// can from outside too: the requests on the wire, localStorage, the cookie jar and the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createBrowserExamplePool } from '../../examples/browser/pool';
import { startLocalPool, type LocalPool } from '../../server';
import { chromiumAvailable, launchChromium } from '../helpers/chromium';
import type { StaticServer } from '../helpers/staticServer';

export const runBrowser = chromiumAvailable();

/** Where the built app is served from. */
export interface ServedApp {
	site: StaticServer;
	/** Path of the app's HTML page on `site`. */
	path: string;
	/** Whether the app loads amazon-cognito-identity-js/promises and hands it to the flows. */
	promises: boolean;
}

interface StepResult {
	ok: boolean;
	value?: Record<string, unknown> | string;
	error?: { code?: string; message: string };
}

interface Results {
	phase: 'fresh' | 'resume' | null;
	steps: Record<string, StepResult>;
	done: boolean;
	failed: string | null;
}

interface WireCall {
	action: string;
	body: Record<string, unknown>;
	origin: string | undefined;
}

const PASSWORD = 'Browser-Passw0rd!';

/** Registers the shared scenario; `serve` builds (if needed) and serves the app. */
export function appScenario(serve: () => Promise<ServedApp>, extra?: () => void): void {
	let browser: Browser;
	let context: BrowserContext;
	let page: Page;
	let lp: LocalPool;
	let app: ServedApp;
	let poolId: string;
	let clientId: string;
	const username = `web-${Math.random().toString(36).slice(2, 10)}`;
	const pageErrors: string[] = [];
	const consoleErrors: string[] = [];
	const wire: WireCall[] = [];
	const pendingHeaders: Promise<void>[] = [];
	let appUrl = '';

	beforeAll(async () => {
		[browser, lp, app] = await Promise.all([
			launchChromium(),
			startLocalPool({ port: 0 }),
			serve(),
		]);
		// The app reads codes from the outbox, which answers only the pages it trusts.
		lp.trustOrigin(app.site.url);
		({ poolId, clientId } = await createBrowserExamplePool(lp, 'browser-app'));
		context = await browser.newContext();
		page = await context.newPage();
		page.on('pageerror', (error) => pageErrors.push(error.message));
		page.on('console', (message) => {
			if (message.type() === 'error') consoleErrors.push(message.text());
		});
		page.on('request', (request) => {
			const target = request.headers()['x-amz-target'];
			if (request.method() !== 'POST' || !target || !request.url().startsWith(lp.url)) return;
			const call: WireCall = {
				action: target.replace('AWSCognitoIdentityProviderService.', ''),
				body: JSON.parse(request.postData() ?? '{}') as Record<string, unknown>,
				origin: undefined,
			};
			wire.push(call);
			// The Origin header is added by the network stack, so only allHeaders() has it.
			pendingHeaders.push(
				request.allHeaders().then((headers) => {
					call.origin = headers['origin'];
				}),
			);
		});
		const query = new URLSearchParams({
			endpoint: lp.url,
			UserPoolId: poolId,
			ClientId: clientId,
			username,
			password: PASSWORD,
			// The webpack and Vite pages open the sign-in app unless asked for the flows.
			page: 'flows',
		});
		appUrl = `${app.site.url}${app.path}?${query}`;
	});

	afterAll(async () => {
		await context?.close();
		await browser?.close();
		await app?.site.close();
		await lp?.close();
	});

	const prefix = () => `CognitoIdentityServiceProvider.${clientId}`;
	const key = (name: string) => `${prefix()}.${username}.${name}`;

	async function finished(): Promise<Results> {
		await page.waitForFunction(() => {
			const r = (window as unknown as { __results?: Results }).__results;
			return r !== undefined && (r.done || r.failed !== null);
		});
		const results = await page.evaluate(
			() => (window as unknown as { __results: Results }).__results,
		);
		expect(results.failed, JSON.stringify(results.steps)).toBeNull();
		return results;
	}

	function value(results: Results, step: string): Record<string, unknown> {
		const entry = results.steps[step];
		expect(entry, step).toBeDefined();
		expect(entry?.ok, `${step}: ${JSON.stringify(entry?.error)}`).toBe(true);
		return entry?.value as Record<string, unknown>;
	}

	const localStorageOf = () =>
		page.evaluate(() => {
			const out: Record<string, string> = {};
			for (let i = 0; i < localStorage.length; i += 1) {
				const name = localStorage.key(i) as string;
				out[name] = localStorage.getItem(name) as string;
			}
			return out;
		});

	let fresh: Results;
	let resumed: Results;
	let deviceKey = '';
	let sub = '';

	describe('first visit', () => {
		it('signs up and confirms with the code read from the outbox over HTTP', async () => {
			await page.goto(appUrl);
			fresh = await finished();
			expect(fresh.phase).toBe('fresh');
			const signUp = value(fresh, 'signUp');
			expect(signUp.username).toBe(username);
			expect(signUp.userConfirmed).toBe(false);
			expect(signUp.userSub).toMatch(/^[0-9a-f-]{36}$/);
			expect(value(fresh, 'confirm')).toBe('SUCCESS');
			// The confirmation code the page used is the one the pool sent.
			const sent = lp.outbox.last({ poolId, username, kind: 'confirmation' });
			const confirm = wire.find((call) => call.action === 'ConfirmSignUp');
			expect(confirm?.body.ConfirmationCode).toBe(sent?.code);
			// Cross-origin: every call came from the app's origin, not the pool's.
			await Promise.all(pendingHeaders);
			expect(new Set(wire.map((call) => call.origin))).toEqual(new Set([app.site.url]));
			expect(app.site.url).not.toBe(lp.url);
		});

		it('logs in over SRP and stores the tokens in localStorage', async () => {
			const login = value(fresh, 'login');
			expect(login).toMatchObject({
				valid: true,
				userConfirmationNecessary: true,
				lastAuthUser: username,
				idTokenStored: true,
				accessTokenStored: true,
				refreshTokenStored: true,
			});
			sub = String(login.sub);
			expect(sub).toBe(value(fresh, 'signUp').userSub);
			const actions = wire.map((call) => call.action);
			const initiate = wire.find((call) => call.action === 'InitiateAuth');
			expect(initiate?.body.AuthFlow).toBe('USER_SRP_AUTH');
			expect(initiate?.body.AuthParameters).not.toHaveProperty('DEVICE_KEY');
			const verifier = wire.find((call) => call.action === 'RespondToAuthChallenge');
			expect(verifier?.body.ChallengeName).toBe('PASSWORD_VERIFIER');
			expect(actions.indexOf('InitiateAuth')).toBeLessThan(actions.indexOf('ConfirmDevice'));
		});

		it('remembers the device and keeps its keys in localStorage', async () => {
			const remembered = value(fresh, 'rememberDevice');
			expect(remembered.answer).toBe('SUCCESS');
			deviceKey = String(remembered.deviceKey);
			expect(deviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/);
			const stored = await localStorageOf();
			expect(stored[key('deviceKey')]).toBe(deviceKey);
			expect(stored[key('deviceGroupKey')]).toBe(remembered.deviceGroupKey);
			expect(stored[key('deviceGroupKey')]).toMatch(/\S/);
			expect(stored[key('randomPasswordKey')]).toMatch(/\S{20,}/);
			expect(stored[`${prefix()}.LastAuthUser`]).toBe(username);
			expect(stored[key('idToken')]?.split('.')).toHaveLength(3);
			const update = wire.find((call) => call.action === 'UpdateDeviceStatus');
			expect(update?.body).toMatchObject({
				DeviceKey: deviceKey,
				DeviceRememberedStatus: 'remembered',
			});
			const device = value(fresh, 'getDevice');
			expect(device.deviceKey).toBe(deviceKey);
			expect(device.attributes).toMatchObject({ 'dev:device_remembered_status': 'remembered' });
		});

		it('signs in without the password, with the code emailed to the user (USER_AUTH, EMAIL_OTP)', () => {
			const login = value(fresh, 'emailCodeLogin');
			expect(login).toMatchObject({ valid: true, sub, medium: 'EMAIL', refreshTokenStored: true });
			expect(login.destination).not.toBe(`${username}@example.com`);
			const initiate = wire.find((call) => call.body.AuthFlow === 'USER_AUTH');
			expect(initiate?.action).toBe('InitiateAuth');
			expect(initiate?.body.AuthParameters).toEqual({
				USERNAME: username,
				PREFERRED_CHALLENGE: 'EMAIL_OTP',
			});
			const answer = wire.find((call) => call.body.ChallengeName === 'EMAIL_OTP');
			expect(answer?.action).toBe('RespondToAuthChallenge');
			// The code the page sent is the one the pool emailed, read from the outbox by the page.
			const sent = lp.outbox.last({ poolId, username, kind: 'email-otp' });
			expect(sent?.code).toMatch(/^\d+$/);
			expect(answer?.body.ChallengeResponses).toMatchObject({
				USERNAME: username,
				EMAIL_OTP_CODE: sent?.code,
			});
			expect(answer?.body).not.toHaveProperty('ChallengeResponses.PASSWORD');
		});

		it('signs in through amazon-cognito-identity-js/promises exactly when the app loads it', () => {
			if (!app.promises) {
				expect(fresh.steps.promisesLogin).toBeUndefined();
				return;
			}
			expect(value(fresh, 'promisesLogin')).toEqual({
				aborted: 'AbortError',
				storedAfterAbort: null,
				kind: 'signedIn',
				valid: true,
				sub,
				email: `${username}@example.com`,
				accessTokenStored: true,
			});
		});
	});

	describe('after a reload', () => {
		let before = 0;

		it('gets the session back through userPool.getCurrentUser().getSession()', async () => {
			before = wire.length;
			await page.reload();
			resumed = await finished();
			expect(resumed.phase).toBe('resume');
			const restored = value(resumed, 'restore');
			expect(restored).toMatchObject({ username, valid: true, sub, deviceKey });
			// A stored, still valid session needs no request: the first call after the reload is
			// the next login.
			expect(wire[before]?.action).toBe('InitiateAuth');
		});

		it('logs in again through device SRP with the remembered device', async () => {
			const calls = wire.slice(before);
			expect(calls[0]?.body).toMatchObject({
				AuthFlow: 'USER_SRP_AUTH',
				AuthParameters: { USERNAME: username },
			});
			const responses = calls.filter((call) => call.action === 'RespondToAuthChallenge');
			expect(responses.slice(0, 3).map((call) => call.body.ChallengeName)).toEqual([
				'PASSWORD_VERIFIER',
				'DEVICE_SRP_AUTH',
				'DEVICE_PASSWORD_VERIFIER',
			]);
			// The remembered device key goes with the password proof, then device SRP follows.
			for (const response of responses.slice(0, 3)) {
				expect(response.body.ChallengeResponses).toMatchObject({ DEVICE_KEY: deviceKey });
			}
			expect(calls.slice(0, 4).map((call) => call.action)).not.toContain('ConfirmDevice');
			const login = value(resumed, 'deviceLogin');
			expect(login).toMatchObject({
				valid: true,
				userConfirmationNecessary: false,
				accessTokenChanged: true,
				deviceKeyClaim: deviceKey,
				deviceKey,
			});
		});

		it('keeps the tokens in cookies with CookieStorage, and getCurrentUser() finds them', async () => {
			const cookieLogin = value(resumed, 'cookieLogin');
			expect(cookieLogin).toMatchObject({
				valid: true,
				answer: 'SUCCESS',
				lastAuthUser: username,
				idTokenInCookie: true,
				accessTokenInCookie: true,
				refreshTokenInCookie: true,
				localDeviceKey: deviceKey,
			});
			// No device key in the cookies yet, so this login got a new device, not remembered.
			expect(cookieLogin.cookieDeviceKey).toMatch(/^us-east-1_/);
			expect(cookieLogin.cookieDeviceKey).not.toBe(deviceKey);
			const notRemembered = wire.find(
				(call) =>
					call.action === 'UpdateDeviceStatus' &&
					call.body.DeviceRememberedStatus === 'not_remembered',
			);
			expect(notRemembered?.body.DeviceKey).toBe(cookieLogin.cookieDeviceKey);
			expect(value(resumed, 'cookieSession')).toEqual({ username, valid: true });
			// The device cookie stays after sign-out (only tokens are cleared), set for 127.0.0.1.
			const cookies = await context.cookies();
			const deviceCookie = cookies.find((cookie) => cookie.name === key('deviceKey'));
			expect(deviceCookie?.value).toBe(cookieLogin.cookieDeviceKey);
			expect(deviceCookie?.domain.replace(/^\./, '')).toBe('127.0.0.1');
			expect(deviceCookie?.path).toBe('/');
		});

		it('signs out with a callback: RevokeToken, then storage and cookies are cleared', async () => {
			const cookieOut = value(resumed, 'cookieSignOut');
			const localOut = value(resumed, 'signOut');
			expect(cookieOut).toMatchObject({ tokenCookiesLeft: [], currentUser: null });
			expect(localOut).toMatchObject({ tokenKeysLeft: [], currentUser: null });
			const revoked = wire
				.filter((call) => call.action === 'RevokeToken')
				.map((call) => call.body.Token);
			// Two sign-outs with a callback, in order. The last sign-out (use case 22) has no
			// callback: unlike the original, it revokes too, in the background (pitfall 9); that
			// request is checked with its step below.
			expect(revoked.slice(0, 2)).toEqual([cookieOut.refreshToken, localOut.refreshToken]);
			expect(cookieOut.refreshToken).not.toBe(localOut.refreshToken);
			const cookieNames = (await context.cookies()).map((cookie) => cookie.name);
			for (const name of ['idToken', 'accessToken', 'refreshToken', 'clockDrift']) {
				expect(cookieNames).not.toContain(key(name));
			}
			expect(cookieNames).not.toContain(`${prefix()}.LastAuthUser`);
			// The service really revoked them.
			for (const out of [cookieOut, localOut]) {
				await expect(
					lp.call('GetUser', { AccessToken: String(out.accessToken) }),
				).rejects.toMatchObject({ type: 'NotAuthorizedException' });
				await expect(
					lp.call('InitiateAuth', {
						AuthFlow: 'REFRESH_TOKEN_AUTH',
						ClientId: clientId,
						AuthParameters: { REFRESH_TOKEN: String(out.refreshToken) },
					}),
				).rejects.toMatchObject({ type: 'NotAuthorizedException' });
			}
		});

		it('logs in once more and forgets the device (use case 22)', async () => {
			const forgotten = value(resumed, 'forgetDevice');
			expect(forgotten).toEqual({
				answer: 'SUCCESS',
				deviceKeyClaim: deviceKey,
				refreshToken: expect.any(String),
				deviceKey: null,
				deviceGroupKey: null,
				randomPasswordKey: null,
			});
			// signOut() without a callback revoked that login's refresh token in the background
			// (pitfall 9; the original revoked nothing).
			const revokedInBackground = async (): Promise<boolean> => {
				for (let i = 0; i < 100; i++) {
					if (
						wire.some((c) => c.action === 'RevokeToken' && c.body.Token === forgotten.refreshToken)
					)
						return true;
					await new Promise((resolve) => setTimeout(resolve, 20));
				}
				return false;
			};
			expect(await revokedInBackground()).toBe(true);
			await expect(
				lp.call('InitiateAuth', {
					AuthFlow: 'REFRESH_TOKEN_AUTH',
					ClientId: clientId,
					AuthParameters: { REFRESH_TOKEN: String(forgotten.refreshToken) },
				}),
			).rejects.toMatchObject({ type: 'NotAuthorizedException' });
			const forget = wire.filter((call) => call.action === 'ForgetDevice');
			expect(forget.map((call) => call.body.DeviceKey)).toEqual([deviceKey]);
			// Nothing of this user is left in localStorage: device forgotten, then signed out.
			const stored = await localStorageOf();
			expect(Object.keys(stored).filter((name) => name.startsWith(prefix()))).toEqual([]);
		});

		it('raised no page errors and logged no console errors', () => {
			expect(pageErrors).toEqual([]);
			expect(consoleErrors).toEqual([]);
		});
	});

	extra?.();
}
