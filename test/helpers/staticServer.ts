// Serves files from a folder on 127.0.0.1 for browser tests.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.map': 'application/json',
};

export interface StaticServer {
	url: string;
	close(): Promise<void>;
}

/** Maps URL paths onto `routes` (URL prefix → folder), the first match winning. */
export async function serveStatic(routes: Record<string, string>): Promise<StaticServer> {
	const server: Server = createServer(async (req, res) => {
		const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		for (const [prefix, folder] of Object.entries(routes)) {
			if (!path.startsWith(prefix)) continue;
			let rel = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, '');
			if (rel === '' || rel.endsWith('/')) rel += 'index.html';
			try {
				const body = await readFile(join(folder, rel));
				res.writeHead(200, { 'Content-Type': TYPES[extname(rel)] ?? 'application/octet-stream' });
				res.end(body);
				return;
			} catch {
				// try the next route
			}
		}
		res.writeHead(404).end('not found');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
