import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fetchWithFallback } from '../../src/utils/fetch';
import { fetchWithFallback as browserFetch } from '../../src/utils/fetch.browser';
import Client from '../../src/Client';

let server: Server;
let url: string;
let hits = 0;

beforeAll(async () => {
	server = createServer((_req, res) => {
		hits++;
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('{"via":"server"}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
	vi.unstubAllGlobals();
	hits = 0;
});

const init = { headers: {}, method: 'POST', body: '{}' };

describe('fetch seam (Node/default)', () => {
	it('uses the global fetch present at call time', async () => {
		const stub = vi.fn(() => Promise.resolve(new Response('{"via":"stub"}')));
		vi.stubGlobal('fetch', stub);
		const response = await fetchWithFallback(url, init);
		expect(await response.json()).toEqual({ via: 'stub' });
		expect(stub).toHaveBeenCalledWith(url, init);
		expect(hits).toBe(0);
	});

	it('falls back to cross-fetch without installing it globally', async () => {
		vi.stubGlobal('fetch', undefined);
		const response = await fetchWithFallback(url, init);
		expect(response.ok).toBe(true);
		expect(await response.json()).toEqual({ via: 'server' });
		expect(hits).toBe(1);
		expect(globalThis.fetch).toBeUndefined();
	});

	it('lets a Client work end to end with no global fetch', async () => {
		vi.stubGlobal('fetch', undefined);
		const result = await new Promise<unknown[]>((resolve) =>
			new Client('r', url).request('GetUser', {}, (...args) => resolve(args)),
		);
		expect(result).toEqual([null, { via: 'server' }]);
	});
});

describe('fetch seam (browser / React Native)', () => {
	it('uses the global fetch present at call time', async () => {
		const stub = vi.fn(() => Promise.resolve(new Response('{}')));
		vi.stubGlobal('fetch', stub);
		await browserFetch(url, init);
		expect(stub).toHaveBeenCalledTimes(1);
	});

	it('rejects with a clear message when there is no fetch', async () => {
		vi.stubGlobal('fetch', undefined);
		await expect(browserFetch(url, init)).rejects.toThrow('No global fetch is available');
	});
});
