// Takes the README's screenshots of the sign-in app (docs/sign-in-*.png) in headless
// Chromium: the signed-in view (a remembered device, a passkey) at desktop width and the sign-in form at phone width, each
// with the local outbox panel. Run after `npm run build`:
//
//   npx tsx examples/browser/screenshot.ts
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startLocalPool } from '../../server';
import { CHROMIUM_PATH } from '../../test/helpers/chromium';
import { serveStatic } from '../../test/helpers/staticServer';
import { createSignInAppPool } from './pool';

const ROOT = resolve(__dirname, '..', '..');

async function main(): Promise<void> {
	const lp = await startLocalPool({ port: 0 });
	const site = await serveStatic({
		'/dist/': join(ROOT, 'dist'),
		'/examples/browser/': join(ROOT, 'examples', 'browser'),
	});
	const browser = await chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
	});
	try {
		const { poolId, clientId } = await createSignInAppPool(lp, 'screenshots');
		const origin = site.url.replace('127.0.0.1', 'localhost');
		lp.trustOrigin(origin);
		await lp.createUser(poolId, 'jane', 'Jane-Passw0rd!', {
			email: 'jane@example.com',
			email_verified: 'true',
		});
		const query = new URLSearchParams({ endpoint: lp.url, UserPoolId: poolId, ClientId: clientId });
		const url = `${origin}/examples/browser/index.html?${query}`;

		// Desktop: signed in with an email code read from the outbox panel, on a remembered
		// device, with a passkey from Chromium's virtual authenticator.
		const desktop = await browser.newPage({ viewport: { width: 1100, height: 760 } });
		const cdp = await desktop.context().newCDPSession(desktop);
		await cdp.send('WebAuthn.enable');
		await cdp.send('WebAuthn.addVirtualAuthenticator', {
			options: {
				protocol: 'ctap2',
				transport: 'internal',
				hasResidentKey: true,
				hasUserVerification: true,
				isUserVerified: true,
				automaticPresenceSimulation: true,
			},
		});
		await desktop.goto(url);
		await desktop.getByLabel('Username').first().fill('jane');
		await desktop.getByRole('radio', { name: 'Email code' }).check();
		await desktop.getByLabel('Remember this device').check();
		await desktop.getByRole('button', { name: 'Sign in' }).click();
		const code = desktop.locator('#outbox-list .code').first();
		await code.waitFor();
		await desktop
			.locator('#code-form')
			.getByLabel('Code')
			.fill((await code.textContent()) ?? '');
		await desktop.getByRole('button', { name: 'Continue' }).click();
		await desktop.getByRole('heading', { name: 'You are signed in' }).waitFor();
		await desktop.locator('#devices li').first().waitFor();
		await desktop.getByRole('button', { name: 'Add a passkey' }).click();
		await desktop.getByRole('button', { name: /^Delete Passkey/ }).waitFor();
		await desktop.screenshot({ path: join(ROOT, 'docs', 'sign-in-desktop.png'), fullPage: true });

		// Phone: the sign-in form, the outbox panel below it.
		const phone = await browser.newPage({
			viewport: { width: 390, height: 844 },
			deviceScaleFactor: 2,
			isMobile: true,
		});
		await phone.goto(url);
		await phone.getByLabel('Username').first().fill('jane');
		await phone.screenshot({ path: join(ROOT, 'docs', 'sign-in-phone.png'), fullPage: true });
	} finally {
		await browser.close();
		await site.close();
		await lp.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
