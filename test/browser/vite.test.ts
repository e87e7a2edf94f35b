// examples/vite built by Vite from the packed package, without a vite.config.js.
import { readFileSync, rmSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../helpers/staticServer';
import { appScenario, runBrowser, type ServedApp } from './appSuite';
import { signInAppSuite } from './signInSuite';
import { NODE_ONLY, PROMISES_ONLY, build, copyExample } from './buildApp';

describe.skipIf(!runBrowser)('Vite example', () => {
	let appDir = '';
	let buildLog = '';
	afterAll(() => {
		if (appDir) rmSync(join(appDir, '..'), { recursive: true, force: true });
	});
	// One build serves both the automated flows and the sign-in app.
	let served: Promise<ServedApp> | undefined;
	const serve = () =>
		(served ??= (async () => {
			appDir = copyExample('vite');
			const out = await build(appDir, ['vite'], 'vite/bin/vite.js', [
				'build',
				'--logLevel',
				'warn',
			]);
			buildLog = out.stdout + out.stderr;
			return {
				site: await serveStatic({ '/': join(appDir, 'dist') }),
				path: '/index.html',
				promises: true,
			};
		})());
	appScenario(serve, () => {
		it('bundles the browser seams only (no Node crypto, no cross-fetch)', () => {
			const assets = join(appDir, 'dist', 'assets');
			const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
			expect(scripts.length).toBeGreaterThan(0);
			const bundle = scripts.map((name) => readFileSync(join(assets, name), 'utf8')).join('\n');
			expect(bundle).toContain('CognitoIdentityServiceProvider');
			expect(bundle).not.toMatch(NODE_ONLY);
			// This app imports amazon-cognito-identity-js/promises (the webpack one does not).
			expect(bundle).toMatch(PROMISES_ONLY);
			// Vite warns when it has to stub a Node built-in for the browser; nothing to warn about.
			expect(buildLog).not.toMatch(/externalized|warn|error/i);
		});
	});
	signInAppSuite(serve, { brief: true });
});
