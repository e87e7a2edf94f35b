// Starts a local user pool and serves the sign-in app (index.html) on localhost, so that
// passkeys work (RP ID `localhost`), then prints the address to open.
//
//   npm run example:browser                                   # builds dist/, script tag
//   npx tsx examples/browser/serve.ts webpack                 # after building examples/webpack
//   npx tsx examples/browser/serve.ts vite                    # after building examples/vite
//   npx tsx examples/browser/serve.ts flows                   # the automated test page (flows.html)
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { startLocalPool } from '../../server';
import { createBrowserExamplePool, createSignInAppPool } from './pool';

const ROOT = resolve(__dirname, '..', '..');
const BROWSER = { folder: ROOT, allow: ['/dist/', '/examples/browser/'] };
/** Each example's folder, the page to open, and the only paths served from that folder. */
const APPS: Record<string, { folder: string; page: string; allow: string[] }> = {
	browser: { ...BROWSER, page: '/examples/browser/index.html' },
	flows: { ...BROWSER, page: '/examples/browser/flows.html' },
	webpack: { folder: join(ROOT, 'examples', 'webpack'), page: '/index.html', allow: ['/'] },
	vite: { folder: join(ROOT, 'examples', 'vite', 'dist'), page: '/index.html', allow: ['/'] },
};
const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
};

async function main(): Promise<void> {
	const name = process.argv[2] ?? 'browser';
	const app = APPS[name];
	if (!app) throw new Error(`Unknown example ${name}; use one of ${Object.keys(APPS).join(', ')}`);

	const lp = await startLocalPool({ port: 0 });
	const flows = name === 'flows';
	const { poolId, clientId } = flows
		? await createBrowserExamplePool(lp, 'flows-page')
		: await createSignInAppPool(lp, `${name}-example`);

	const site = createServer(async (req, res) => {
		const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		const rel = normalize(path).replace(/^(\.\.[/\\])+/, '');
		if (!app.allow.some((prefix) => rel.startsWith(prefix))) {
			res.writeHead(404).end('not found');
			return;
		}
		try {
			const body = await readFile(join(app.folder, rel.endsWith('/') ? `${rel}index.html` : rel));
			res.writeHead(200, { 'Content-Type': TYPES[extname(rel)] ?? 'application/octet-stream' });
			res.end(body);
		} catch {
			res.writeHead(404).end('not found');
		}
	});
	await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
	const address = site.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	// Browsers send localhost to the loopback address; passkeys need the name, not 127.0.0.1.
	const origin = `http://localhost:${port}`;
	// The page reads codes from the pool's outbox, which answers no other page.
	lp.trustOrigin(origin);
	const query = new URLSearchParams({ endpoint: lp.url, UserPoolId: poolId, ClientId: clientId });
	if (flows) {
		query.set('username', `demo-${Math.random().toString(36).slice(2, 8)}`);
		query.set('password', 'Demo-Passw0rd!');
	}
	console.log(`local pool: ${lp.url}`);
	console.log(`open: ${origin}${app.page}?${query}`);
	console.log('Ctrl-C to stop.');
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
