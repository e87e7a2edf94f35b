import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/chromium';
import { serveStatic, type StaticServer } from '../helpers/staticServer';
import type { Browser } from 'playwright-core';

const runBrowser = chromiumAvailable();

describe.skipIf(!runBrowser)('dist bundle in Chromium', () => {
	let browser: Browser;
	let site: StaticServer;

	beforeAll(async () => {
		browser = await launchChromium();
		site = await serveStatic({ '/dist/': 'dist', '/': 'test/browser/pages' });
	});
	afterAll(async () => {
		await browser?.close();
		await site?.close();
	});

	it('exposes the AmazonCognitoIdentity global from the minified script', async () => {
		const page = await browser.newPage();
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		await page.goto(`${site.url}/smoke.html`);
		const keys = await page.evaluate(() =>
			Object.keys((window as unknown as { AmazonCognitoIdentity: object }).AmazonCognitoIdentity),
		);
		expect(keys).toContain('DateHelper');
		expect(errors).toEqual([]);
		await page.close();
	});
});
