// examples/webpack built by webpack 5 from the packed package, with no polyfill configuration.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../helpers/staticServer';
import { appScenario, runBrowser, type ServedApp } from './appSuite';
import { signInAppSuite } from './signInSuite';
import { NODE_ONLY, PROMISES_ONLY, build, copyExample } from './buildApp';

describe.skipIf(!runBrowser)('webpack 5 example', () => {
	let appDir = '';
	let buildLog = '';
	afterAll(() => {
		if (appDir) rmSync(join(appDir, '..'), { recursive: true, force: true });
	});
	// One build serves both the automated flows and the sign-in app.
	let served: Promise<ServedApp> | undefined;
	const serve = () =>
		(served ??= (async () => {
			appDir = copyExample('webpack');
			const out = await build(appDir, ['webpack', 'webpack-cli'], 'webpack-cli/bin/cli.js', [
				'--config',
				'webpack.config.js',
			]);
			buildLog = out.stdout + out.stderr;
			return { site: await serveStatic({ '/': appDir }), path: '/index.html', promises: false };
		})());
	appScenario(serve, () => {
		it('bundles the browser seams only (no Node crypto, no cross-fetch)', () => {
			const bundle = readFileSync(join(appDir, 'dist', 'my-app.js'), 'utf8');
			expect(bundle).toContain('CognitoIdentityServiceProvider');
			expect(bundle).not.toMatch(NODE_ONLY);
			expect(buildLog).toContain('compiled successfully');
			expect(buildLog).not.toMatch(/WARNING|ERROR/);
		});

		it('carries none of the promises entry, which this app does not import', () => {
			const bundle = readFileSync(join(appDir, 'dist', 'my-app.js'), 'utf8');
			expect(bundle).not.toMatch(PROMISES_ONLY);
		});
	});
	signInAppSuite(serve, { brief: true });
});
