// examples/browser: the UMD bundle loaded with a <script> tag (global AmazonCognitoIdentity),
// served from another 127.0.0.1 port than the pool, so CORS is real. The bundle is the one in
// the packed package's dist/, as a user would take it from npm.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { ROOT, installPacked } from '../helpers/pack';
import { serveStatic } from '../helpers/staticServer';
import { appScenario, runBrowser } from './appSuite';

describe.skipIf(!runBrowser)('script-tag example (dist/amazon-cognito-identity.min.js)', () => {
	let tmp = '';
	afterAll(() => {
		if (tmp) rmSync(tmp, { recursive: true, force: true });
	});
	appScenario(async () => {
		tmp = mkdtempSync(join(tmpdir(), 'cognito-script-tag-'));
		const packed = installPacked(tmp);
		return {
			site: await serveStatic({
				'/dist/': join(packed, 'dist'),
				'/examples/browser/': join(ROOT, 'examples', 'browser'),
			}),
			path: '/examples/browser/flows.html',
			promises: true,
		};
	});
});
