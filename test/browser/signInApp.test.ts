// The sign-in app on the script-tag bundle (dist/amazon-cognito-identity.min.js), served from
// the repository as `npm run example:browser` serves it; the tests are in signInSuite.ts.
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { ROOT } from '../helpers/pack';
import { serveStatic, type StaticServer } from '../helpers/staticServer';
import { runBrowser } from './appSuite';
import { signInAppSuite } from './signInSuite';

describe.skipIf(!runBrowser)('sign-in app (examples/browser/index.html, script tag)', () => {
	let site: StaticServer | undefined;
	afterAll(async () => {
		await site?.close();
	});
	signInAppSuite(async () => {
		site = await serveStatic({
			'/dist/': join(ROOT, 'dist'),
			'/examples/browser/': join(ROOT, 'examples', 'browser'),
		});
		return { site, path: '/examples/browser/index.html', promises: false };
	});
});
