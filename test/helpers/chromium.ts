// Launches Debian's Chromium through playwright-core. Outside CI a missing browser skips the
// browser tests with a loud message; in CI (CI=true) it is a failure.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether browser tests can run here; throws in CI when they cannot. */
export function chromiumAvailable(): boolean {
	if (existsSync(CHROMIUM_PATH)) return true;
	if (process.env.CI === 'true') {
		throw new Error(
			`CI=true but no Chromium at ${CHROMIUM_PATH}: browser tests cannot be skipped in CI`,
		);
	}
	console.warn(
		`\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n` +
			`!! SKIPPING BROWSER TESTS: no Chromium at ${CHROMIUM_PATH}.\n` +
			`!! Install it with: apt-get update && apt-get install -y chromium\n` +
			`!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`,
	);
	return false;
}

/** A headless Chromium with the flags this machine needs (its network is closed). */
export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--disable-quic',
		],
	});
}
