// Issue 13 in real Chromium, with the CDP virtual authenticator (ctap2, internal, resident key,
// user verification): the script-tag bundle registers a passkey with `registerPasskey` and
// signs in with WEB_AUTHN, running `navigator.credentials.get` by itself (no webAuthnRequired),
// against the local pool with RP ID `localhost`; a refused user verification arrives as
// WebAuthnCancelledException. The page is on host `localhost`: RP ID localhost works only there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { startLocalPool } from '../../server';
import { chromiumAvailable, launchChromium } from '../helpers/chromium';
import { serveStatic, type StaticServer } from '../helpers/staticServer';
import { PASSWORD, type Setup, setup } from '../server/helpers';
import { PASSKEY_CLIENT, PASSKEY_POOL, passkeyPool } from '../server/passkeyHelpers';

const runBrowser = chromiumAvailable();

/** What the page reports of one step: the error code, or what succeeded. */
type StepResult = { code: string } | { ok: string };

/** The page's AmazonCognitoIdentity global, typed as far as these tests use it. */
interface PageLib {
	CognitoUserPool: new (data: object) => object;
	CognitoUser: new (data: object) => {
		setAuthenticationFlowType(type: string): void;
		authenticateUser(details: object, callbacks: object): void;
		registerPasskey(cb: (err: { code?: string } | null, result: string) => void): void;
	};
	AuthenticationDetails: new (data: object) => object;
}

interface PageConfig {
	UserPoolId: string;
	ClientId: string;
	endpoint: string;
	username: string;
	password: string;
}

describe.skipIf(!runBrowser)('passkeys in Chromium with the virtual authenticator', () => {
	let browser: Browser;
	let site: StaticServer;
	let s: Setup;
	let context: BrowserContext;
	let page: Page;
	let cdp: CDPSession;
	let authenticatorId = '';
	let config: PageConfig;

	beforeAll(async () => {
		browser = await launchChromium();
		site = await serveStatic({ '/dist/': 'dist', '/': 'test/browser/pages' });
		s = await setup(PASSKEY_POOL, PASSKEY_CLIENT, await startLocalPool({ port: 0 }));
		await passkeyPool(s, { RelyingPartyId: 'localhost', UserVerification: 'required' });
		await s.lp.createUser(s.poolId, 'ana', PASSWORD);
		const origin = site.url.replace('127.0.0.1', 'localhost');
		s.lp.trustOrigin(origin);
		config = {
			UserPoolId: s.poolId,
			ClientId: s.clientId,
			endpoint: s.url,
			username: 'ana',
			password: PASSWORD,
		};
		// One internal authenticator per context: this suite has one context.
		context = await browser.newContext();
		page = await context.newPage();
		await page.goto(`${origin}/smoke.html`);
		cdp = await context.newCDPSession(page);
		await cdp.send('WebAuthn.enable');
		({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
			options: {
				protocol: 'ctap2',
				transport: 'internal',
				hasResidentKey: true,
				hasUserVerification: true,
				isUserVerified: true,
				automaticPresenceSimulation: true,
			},
		}));
	});

	afterAll(async () => {
		await context?.close();
		await browser?.close();
		await site?.close();
		await s?.lp.close();
	});

	/** Password sign-in, then registerPasskey, in the page. */
	const registerInPage = (c: PageConfig) =>
		page.evaluate(async (cfg): Promise<StepResult> => {
			const lib = (window as unknown as { AmazonCognitoIdentity: PageLib }).AmazonCognitoIdentity;
			const pool = new lib.CognitoUserPool(cfg);
			const user = new lib.CognitoUser({ Username: cfg.username, Pool: pool });
			user.setAuthenticationFlowType('USER_AUTH');
			const details = new lib.AuthenticationDetails({
				Username: cfg.username,
				Password: cfg.password,
				PreferredChallenge: 'PASSWORD',
			});
			await new Promise((resolve, reject) =>
				user.authenticateUser(details, { onSuccess: resolve, onFailure: reject }),
			);
			return new Promise((resolve) =>
				user.registerPasskey((err, result) =>
					resolve(err ? { code: String(err.code) } : { ok: result }),
				),
			);
		}, c);

	/** A WEB_AUTHN sign-in in the page, with no webAuthnRequired: the library asks the browser. */
	const passkeySignInPage = (c: PageConfig) =>
		page.evaluate(async (cfg): Promise<StepResult> => {
			const lib = (window as unknown as { AmazonCognitoIdentity: PageLib }).AmazonCognitoIdentity;
			const pool = new lib.CognitoUserPool(cfg);
			const user = new lib.CognitoUser({ Username: cfg.username, Pool: pool });
			user.setAuthenticationFlowType('USER_AUTH');
			const details = new lib.AuthenticationDetails({
				Username: cfg.username,
				PreferredChallenge: 'WEB_AUTHN',
			});
			type Session = { getIdToken(): { payload: { [k: string]: unknown } } };
			return new Promise((resolve) =>
				user.authenticateUser(details, {
					onSuccess: (session: Session) =>
						resolve({ ok: String(session.getIdToken().payload['cognito:username']) }),
					onFailure: (err: { code?: string }) => resolve({ code: String(err.code) }),
				}),
			);
		}, c);

	it('registerPasskey runs create() and the pool stores the credential', async () => {
		expect(await registerInPage(config)).toEqual({ ok: 'SUCCESS' });
		const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
		expect(credentials).toHaveLength(1);
		expect(credentials[0]?.rpId).toBe('localhost');
	});

	it('a WEB_AUTHN sign-in without webAuthnRequired runs get() and signs in', async () => {
		expect(await passkeySignInPage(config)).toEqual({ ok: 'ana' });
	});

	it('user verification refused: WebAuthnCancelledException', async () => {
		await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
		try {
			expect(await passkeySignInPage(config)).toEqual({ code: 'WebAuthnCancelledException' });
		} finally {
			await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
		}
	});
});
