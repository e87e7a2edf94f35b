// The wire client against a loopback server that cuts a reply short or never answers.
import { describe, expect, it } from 'vitest';
import Client, { type CognitoError } from '../../src/Client';
import { startFaultServer } from './helpers/faultServer';
import { sleep } from './helpers/recorder';

function call(client: Client, retry = false): Promise<{ errors: CognitoError[]; data: unknown[] }> {
	const errors: CognitoError[] = [];
	const data: unknown[] = [];
	return new Promise((resolve) => {
		const cb = (err: Error | null, d?: unknown): void => {
			if (err) errors.push(err as CognitoError);
			else data.push(d);
			// Keep listening a little, to catch a second callback.
			sleep(80).then(() => resolve({ errors, data }));
		};
		if (retry) client.requestWithRetry('GetUser', { AccessToken: 'x' }, cb);
		else client.request('GetUser', { AccessToken: 'x' }, cb);
	});
}

describe('Client over a faulty connection', () => {
	it('a 200 reply cut off by a connection reset is a NetworkError, not an invalid reply', async () => {
		const server = await startFaultServer({ fault: 'reset', target: () => true });
		try {
			const { errors, data } = await call(new Client('us-east-1', server.url));
			expect(data).toEqual([]);
			expect(errors).toHaveLength(1);
			expect(errors[0]?.code).toBe('NetworkError');
			expect(errors[0]?.message).toBe('Network error');
		} finally {
			await server.close();
		}
	});

	it('a reset connection is retried by requestWithRetry, and the retry can succeed', async () => {
		let first = true;
		const server = await startFaultServer({
			fault: 'reset',
			target: () => {
				const hit = first;
				first = false;
				return hit;
			},
		});
		try {
			const { errors, data } = await call(new Client('us-east-1', server.url), true);
			expect(errors).toEqual([]);
			expect(data).toHaveLength(1);
			expect(server.received).toHaveLength(2);
		} finally {
			await server.close();
		}
	});

	it('an unparsable 200 body is still InvalidResponseException and is not retried', async () => {
		const server = await startFaultServer({ fault: 'badJson200', target: () => true });
		try {
			const { errors } = await call(new Client('us-east-1', server.url), true);
			expect(errors.map((e) => e.code)).toEqual(['InvalidResponseException']);
			expect(server.received).toHaveLength(1);
		} finally {
			await server.close();
		}
	});

	it('a reply that never comes fails once with RequestTimeoutException when a timeout is set', async () => {
		const server = await startFaultServer({ fault: 'hang', target: () => true });
		try {
			const client = new Client('us-east-1', server.url, undefined, { timeout: 150 });
			const { errors, data } = await call(client);
			expect(data).toEqual([]);
			expect(errors).toHaveLength(1);
			expect(errors[0]?.code).toBe('RequestTimeoutException');
			expect(errors[0]?.name).toBe('RequestTimeoutException');
			expect(errors[0]?.message).toBe('GetUser request timed out after 150 ms');
		} finally {
			await server.close();
		}
	});

	it('has no timeout by default, as the original', () => {
		expect(new Client('us-east-1').timeout).toBeUndefined();
		expect(new Client('us-east-1', undefined, undefined, { timeout: 0 }).timeout).toBeUndefined();
	});
});
