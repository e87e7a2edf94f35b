// The seam the promises entry uses: a view of a Client that carries a signal passes it to
// fetch with every request, also when the pool has a timeout; the client itself never has one.
import { afterEach, describe, expect, it, vi } from 'vitest';
import Client from '../../../src/Client';

afterEach(() => vi.unstubAllGlobals());

/** A fetch that answers only by rejecting when its signal aborts; records the signals. */
function hangingFetch(): { signals: (AbortSignal | undefined)[] } {
	const seen = { signals: [] as (AbortSignal | undefined)[] };
	vi.stubGlobal('fetch', (_url: string, init: { signal?: AbortSignal }) => {
		seen.signals.push(init.signal);
		return new Promise((_resolve, reject) => {
			// As fetch does: an aborted signal rejects at once, a later abort when it comes.
			if (init.signal?.aborted) reject(init.signal.reason);
			init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
		});
	});
	return seen;
}

function viewWith(client: Client, signal: AbortSignal): Client {
	return Object.create(client, { signal: { value: signal } }) as Client;
}

describe('a per-call signal on the client', () => {
	it('reaches fetch, and aborting it fails the request with an AbortError', async () => {
		const seen = hangingFetch();
		const client = new Client('us-east-1');
		const controller = new AbortController();
		const failed = new Promise<Error | null>((resolve) =>
			viewWith(client, controller.signal).request('GetUser', {}, (err) => resolve(err)),
		);
		controller.abort();
		expect((await failed)?.name).toBe('AbortError');
		expect(seen.signals[0]).toBe(controller.signal);
		expect(client.signal).toBeUndefined();
	});

	it('with a timeout, aborting the call still aborts the request before the timeout', async () => {
		const seen = hangingFetch();
		const client = new Client('us-east-1', undefined, undefined, { timeout: 60_000 });
		const controller = new AbortController();
		const failed = new Promise<Error | null>((resolve) =>
			viewWith(client, controller.signal).request('GetUser', {}, (err) => resolve(err)),
		);
		controller.abort();
		const err = await failed;
		expect(err?.name).toBe('AbortError');
		expect((err as { code?: string }).code).not.toBe('RequestTimeoutException');
		expect(seen.signals[0]?.aborted).toBe(true);
	});

	it('an already aborted signal aborts the timed request at once', async () => {
		hangingFetch();
		const client = new Client('us-east-1', undefined, undefined, { timeout: 60_000 });
		const err = await new Promise<Error | null>((resolve) =>
			viewWith(client, AbortSignal.abort()).request('GetUser', {}, (e) => resolve(e)),
		);
		expect(err?.name).toBe('AbortError');
	});
});
