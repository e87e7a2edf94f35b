import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import Client, { CognitoError, createCognitoError, isRetryableError } from '../../src/Client';
import type { ClientCallback } from '../../src/Client';

const require = createRequire(import.meta.url);
type OracleClient = {
	request(op: string, params: object, cb: (err: unknown, data?: unknown) => void): void;
};
const OriginalClient = (require('original-cognito/lib/Client') as { default: unknown })
	.default as new (region: string, endpoint?: string, fetchOptions?: object) => OracleClient;

interface Reply {
	status: number;
	body?: string;
	headers?: Record<string, string>;
	hang?: boolean;
}

interface Seen {
	method: string;
	url: string;
	rawHeaders: string[];
	body: string;
	aborted: boolean;
}

let server: Server;
let url: string;
let reply: Reply = { status: 200, body: '{}' };
const seen: Seen[] = [];

function handle(req: IncomingMessage, res: ServerResponse): void {
	let body = '';
	req.setEncoding('utf8');
	req.on('data', (chunk: string) => (body += chunk));
	req.on('end', () => {
		const record: Seen = {
			method: req.method ?? '',
			url: req.url ?? '',
			rawHeaders: req.rawHeaders,
			body,
			aborted: false,
		};
		seen.push(record);
		if (reply.hang) {
			res.on('close', () => (record.aborted = true));
			return;
		}
		res.writeHead(reply.status, reply.headers ?? {});
		res.end(reply.body ?? '');
	});
}

beforeAll(async () => {
	server = createServer(handle);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
	seen.length = 0;
	reply = { status: 200, body: '{}' };
	vi.restoreAllMocks();
	vi.unstubAllGlobals();
	vi.useRealTimers();
});

/** Runs one request and resolves with every callback invocation's arguments. */
function call(
	client: Client | OracleClient,
	op = 'GetUser',
	params: object = { AccessToken: 'at' },
): Promise<{ err: unknown; data: unknown; calls: number }> {
	return new Promise((resolve) => {
		let calls = 0;
		client.request(op, params, (err: unknown, data?: unknown) => {
			calls++;
			// A second call would arrive after this resolution; the exactly-once tests check that
			// separately with a counter that outlives the promise.
			resolve({ err, data, calls });
		});
	});
}

const flushMacrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('Client constructor', () => {
	it('derives the endpoint from the region, with a trailing slash', () => {
		expect(new Client('eu-west-1').endpoint).toBe('https://cognito-idp.eu-west-1.amazonaws.com/');
	});

	it('prefers an explicit endpoint', () => {
		expect(new Client('eu-west-1', 'http://localhost:9229').endpoint).toBe('http://localhost:9229');
	});

	it('forwards only credentials from fetchOptions', () => {
		const extra = { credentials: 'include', cache: 'reload' } as { credentials: 'include' };
		expect(new Client('r', undefined, extra).fetchOptions).toEqual({ credentials: 'include' });
		expect(new Client('r', undefined, {}).fetchOptions).toEqual({});
		expect(new Client('r').fetchOptions).toEqual({});
	});

	it('keeps a positive timeout and ignores others', () => {
		expect(new Client('r', undefined, undefined, { timeout: 250 }).timeout).toBe(250);
		expect(new Client('r', undefined, undefined, { timeout: 0 }).timeout).toBeUndefined();
		expect(new Client('r').timeout).toBeUndefined();
	});

	it('keeps request, requestWithRetry and promisifyRequest on the prototype', () => {
		const client = new Client('r');
		for (const name of ['request', 'requestWithRetry', 'promisifyRequest'] as const) {
			expect(Object.prototype.hasOwnProperty.call(client, name)).toBe(false);
			expect(typeof Client.prototype[name]).toBe('function');
		}
	});
});

describe('Client.request on the wire (real fetch, local server)', () => {
	it('posts the JSON body with the four headers in order', async () => {
		reply = { status: 200, body: '{"Username":"alice"}' };
		const { err, data } = await call(new Client('r', url), 'GetUser', {
			AccessToken: 'at',
			Skip: undefined,
			Keep: null,
		});
		expect(err).toBeNull();
		expect(data).toEqual({ Username: 'alice' });
		const [request] = seen;
		expect(request?.method).toBe('POST');
		expect(request?.url).toBe('/');
		expect(request?.body).toBe('{"AccessToken":"at","Keep":null}');
		const names = request?.rawHeaders.filter((_, i) => i % 2 === 0) ?? [];
		const ours = names.filter((n) =>
			['content-type', 'x-amz-target', 'x-amz-user-agent', 'cache-control'].includes(
				n.toLowerCase(),
			),
		);
		expect(ours).toEqual(['Content-Type', 'X-Amz-Target', 'X-Amz-User-Agent', 'Cache-Control']);
		const value = (name: string): string | undefined =>
			request?.rawHeaders[request.rawHeaders.indexOf(name) + 1];
		expect(value('Content-Type')).toBe('application/x-amz-json-1.1');
		expect(value('X-Amz-Target')).toBe('AWSCognitoIdentityProviderService.GetUser');
		expect(value('X-Amz-User-Agent')).toBe('aws-amplify/5.0.4');
		expect(value('Cache-Control')).toBe('no-store');
	});

	it('passes exactly the original fetch options (no signal without a timeout)', async () => {
		const fetchSpy = vi.fn(() => Promise.resolve(new Response('{}', { status: 200 })));
		vi.stubGlobal('fetch', fetchSpy);
		await call(new Client('us-east-1', undefined, { credentials: 'include' }), 'SignUp', {
			a: 1,
		});
		expect(fetchSpy).toHaveBeenCalledTimes(1);
		expect(fetchSpy).toHaveBeenCalledWith('https://cognito-idp.us-east-1.amazonaws.com/', {
			credentials: 'include',
			headers: {
				'Content-Type': 'application/x-amz-json-1.1',
				'X-Amz-Target': 'AWSCognitoIdentityProviderService.SignUp',
				'X-Amz-User-Agent': 'aws-amplify/5.0.4',
				'Cache-Control': 'no-store',
			},
			method: 'POST',
			mode: 'cors',
			body: '{"a":1}',
		});
	});

	it('reads the global fetch at call time, and calls it synchronously', () => {
		const client = new Client('r', url);
		const fetchSpy = vi.fn(() => Promise.resolve(new Response('{}', { status: 200 })));
		vi.stubGlobal('fetch', fetchSpy);
		client.request('GetUser', {}, () => undefined);
		expect(fetchSpy).toHaveBeenCalledTimes(1);
	});

	it('does not touch response.headers on success', async () => {
		const response = {
			ok: true,
			status: 200,
			json: () => Promise.resolve({ ok: 1 }),
			get headers(): never {
				throw new Error('headers read on the happy path');
			},
		};
		vi.stubGlobal('fetch', () => Promise.resolve(response));
		const { err, data } = await call(new Client('r'));
		expect(err).toBeNull();
		expect(data).toEqual({ ok: 1 });
	});
});

describe('Client error mapping (spec Appendix B), same as the original where it worked', () => {
	const rows: Array<{ title: string; reply: Reply; code: string; message: string }> = [
		{
			title: '__type with a namespace and message',
			reply: {
				status: 400,
				body: '{"__type":"com.amazonaws#NotAuthorizedException","message":"Incorrect username or password."}',
			},
			code: 'NotAuthorizedException',
			message: 'Incorrect username or password.',
		},
		{
			title: 'code with a capital-M Message',
			reply: { status: 500, body: '{"code":"InternalErrorException","Message":"Capital M"}' },
			code: 'InternalErrorException',
			message: 'Capital M',
		},
		{
			title: 'a type without any message',
			reply: { status: 400, body: '{"__type":"InvalidParameterException"}' },
			code: 'InvalidParameterException',
			message: 'null',
		},
		{
			title: 'non-JSON body with x-amzn-errortype',
			reply: {
				status: 403,
				body: '<html>denied</html>',
				headers: { 'x-amzn-errortype': 'UnrecognizedClientException:http://internal.amazon.com/' },
			},
			code: 'UnrecognizedClientException',
			message: '403',
		},
	];

	for (const row of rows) {
		it(row.title, async () => {
			reply = row.reply;
			const ours = await call(new Client('r', url));
			const theirs = await call(new OriginalClient('r', url));
			const err = ours.err as CognitoError;
			expect(err).toBeInstanceOf(Error);
			expect(err).toBeInstanceOf(CognitoError);
			expect(err.code).toBe(row.code);
			expect(err.name).toBe(row.code);
			expect(err.message).toBe(row.message);
			// Improvement (a): the status is always attached when there was a response.
			expect(err.statusCode).toBe(row.reply.status);
			expect(ours.data).toBeUndefined();
			const oracle = theirs.err as { code: string; name: string; message: string };
			expect([oracle.code, oracle.name, oracle.message]).toEqual([err.code, err.name, err.message]);
		});
	}

	it('maps a connection failure to Network error / NetworkError, like the original', async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
		await new Promise((resolve) => closed.close(resolve));
		const ours = (await call(new Client('r', deadUrl))).err as CognitoError;
		const theirs = (await call(new OriginalClient('r', deadUrl))).err as CognitoError;
		expect(ours.message).toBe('Network error');
		expect(ours.code).toBe('NetworkError');
		expect(ours.name).toBe('Error');
		expect(ours.statusCode).toBeUndefined();
		expect([theirs.message, theirs.code, theirs.name]).toEqual([
			'Network error',
			'NetworkError',
			'Error',
		]);
	});

	it('improvement (b): an empty error body without the header gives a clean UnknownError', async () => {
		reply = { status: 502, body: '' };
		const err = (await call(new Client('r', url))).err as CognitoError;
		expect(err).toBeInstanceOf(CognitoError);
		expect(err.code).toBe('UnknownError');
		expect(err.name).toBe('UnknownError');
		expect(err.statusCode).toBe(502);
		expect(err.message).toContain('502');
		// The original hands over a raw TypeError here.
		const theirs = (await call(new OriginalClient('r', url))).err;
		expect(theirs).toBeInstanceOf(TypeError);
	});

	it('improvement (c): a 2xx reply that is not JSON is an error, not success', async () => {
		reply = { status: 200, body: '<html>captive portal</html>' };
		const { err, data } = await call(new Client('r', url), 'InitiateAuth');
		expect(data).toBeUndefined();
		expect((err as CognitoError).code).toBe('InvalidResponseException');
		expect((err as CognitoError).statusCode).toBe(200);
		expect((err as CognitoError).message).toBe(
			'The response to InitiateAuth is not valid JSON (status 200)',
		);
		const theirs = await call(new OriginalClient('r', url));
		expect(theirs.err).toBeNull();
		expect(theirs.data).toEqual({});
	});

	it('passes other fetch rejections through unchanged', async () => {
		const failure = new RangeError('odd');
		vi.stubGlobal('fetch', () => Promise.reject(failure));
		expect((await call(new Client('r'))).err).toBe(failure);
	});

	it('hands on a rejection that is not an Error as a plain Error, without a code', async () => {
		vi.stubGlobal('fetch', () => Promise.reject('refused by a stub'));
		const err = (await call(new Client('r'))).err as Error;
		expect(err).toBeInstanceOf(Error);
		expect(err).not.toBeInstanceOf(CognitoError);
		expect(err.message).toBe('refused by a stub');
		expect(err).not.toHaveProperty('code');
	});

	it('turns a fetch that throws synchronously into one error callback', async () => {
		vi.stubGlobal('fetch', () => {
			throw new TypeError('bad stub');
		});
		const cb = vi.fn();
		expect(() => new Client('r').request('GetUser', {}, cb)).not.toThrow();
		await flushMacrotask();
		expect(cb).toHaveBeenCalledTimes(1);
		expect((cb.mock.calls[0]?.[0] as CognitoError).code).toBe('NetworkError');
	});

	it('reports unserialisable parameters through the callback instead of throwing', async () => {
		const fetchSpy = vi.fn();
		vi.stubGlobal('fetch', fetchSpy);
		const cycle: Record<string, unknown> = {};
		cycle.self = cycle;
		const cb = vi.fn();
		expect(() => new Client('r').request('SignUp', cycle, cb)).not.toThrow();
		expect(cb).not.toHaveBeenCalled();
		await flushMacrotask();
		expect(cb).toHaveBeenCalledTimes(1);
		const err = cb.mock.calls[0]?.[0] as CognitoError;
		expect(err.code).toBe('SerializationException');
		expect(err.message).toMatch(/^The SignUp request cannot be serialised: /);
		expect(fetchSpy).not.toHaveBeenCalled();
	});

	it('createCognitoError builds an Error with code, name and statusCode', () => {
		const err = createCognitoError('m', 'C', undefined, 418);
		expect(err).toBeInstanceOf(Error);
		expect([err.message, err.code, err.name, err.statusCode]).toEqual(['m', 'C', 'C', 418]);
		expect('statusCode' in createCognitoError('m', 'C')).toBe(false);
	});
});

describe('improvement (e): an exception in the application callback', () => {
	function captureTimeouts(): Array<() => void> {
		const scheduled: Array<() => void> = [];
		vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void) => {
			scheduled.push(fn);
			return 0;
		}) as unknown as typeof setTimeout);
		return scheduled;
	}

	it('is not delivered back as a second callback, and is rethrown on its own', async () => {
		vi.stubGlobal('fetch', () => Promise.resolve(new Response('{"x":1}', { status: 200 })));
		const scheduled = captureTimeouts();
		const cb = vi.fn(() => {
			throw new Error('app bug');
		});
		new Client('r').request('GetUser', {}, cb);
		await flushMacrotask();
		expect(cb).toHaveBeenCalledTimes(1);
		expect(cb).toHaveBeenCalledWith(null, { x: 1 });
		expect(scheduled).toHaveLength(1);
		expect(() => scheduled[0]?.()).toThrow('app bug');
	});

	it('thrown from the error callback is not delivered again either', async () => {
		vi.stubGlobal('fetch', () =>
			Promise.resolve(new Response('{"__type":"X","message":"m"}', { status: 400 })),
		);
		const scheduled = captureTimeouts();
		const cb = vi.fn(() => {
			throw new Error('app bug 2');
		});
		new Client('r').request('GetUser', {}, cb);
		await flushMacrotask();
		expect(cb).toHaveBeenCalledTimes(1);
		expect(() => scheduled[0]?.()).toThrow('app bug 2');
	});
});

describe('improvement (f): request timeout', () => {
	it('fails a hung request once with RequestTimeoutException and aborts it', async () => {
		reply = { status: 200, hang: true };
		const client = new Client('r', url, undefined, { timeout: 50 });
		let calls = 0;
		const err = await new Promise<CognitoError>((resolve) => {
			client.request('GetUser', {}, (e) => {
				calls++;
				resolve(e as CognitoError);
			});
		});
		expect(err.code).toBe('RequestTimeoutException');
		expect(err.name).toBe('RequestTimeoutException');
		expect(err.message).toBe('GetUser request timed out after 50 ms');
		await vi.waitFor(() => expect(seen[0]?.aborted).toBe(true));
		expect(calls).toBe(1);
	});

	it('ignores a reply that arrives after the timeout fired', async () => {
		vi.useFakeTimers();
		let answer: (r: Response) => void = () => undefined;
		const fetchSpy = vi.fn(
			(_u: string, init: { signal?: AbortSignal }) =>
				new Promise<Response>((resolve) => {
					expect(init.signal).toBeInstanceOf(AbortSignal);
					answer = resolve;
				}),
		);
		vi.stubGlobal('fetch', fetchSpy);
		const cb = vi.fn<ClientCallback>();
		new Client('r', undefined, undefined, { timeout: 1000 }).request('GetUser', {}, cb);
		vi.advanceTimersByTime(999);
		expect(cb).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(cb).toHaveBeenCalledTimes(1);
		answer(new Response('{}', { status: 200 }));
		await vi.runAllTimersAsync();
		expect(cb).toHaveBeenCalledTimes(1);
		expect((cb.mock.calls[0]?.[0] as CognitoError).code).toBe('RequestTimeoutException');
	});

	it('clears the timer when the reply comes first', async () => {
		reply = { status: 200, body: '{"fine":true}' };
		const clear = vi.spyOn(globalThis, 'clearTimeout');
		const { err, data } = await call(new Client('r', url, undefined, { timeout: 60_000 }));
		expect(err).toBeNull();
		expect(data).toEqual({ fine: true });
		expect(clear).toHaveBeenCalled();
	});
});

describe('promisifyRequest', () => {
	it('resolves with the data', async () => {
		reply = { status: 200, body: '{"Username":"u"}' };
		await expect(new Client('r', url).promisifyRequest('GetUser', {})).resolves.toEqual({
			Username: 'u',
		});
	});

	it('rejects with a CognitoError carrying code, name and statusCode', async () => {
		reply = {
			status: 400,
			body: '{"__type":"NotAuthorizedException","message":"Access Token has expired"}',
		};
		const err = await new Client('r', url).promisifyRequest('GetUser', {}).then(
			() => null,
			(e: unknown) => e as CognitoError,
		);
		expect(err).toBeInstanceOf(CognitoError);
		expect(err).toMatchObject({
			message: 'Access Token has expired',
			code: 'NotAuthorizedException',
			name: 'NotAuthorizedException',
			statusCode: 400,
		});
	});
});

describe('improvement (d): requestWithRetry retries only what can succeed', () => {
	const fail = (code: string, statusCode?: number): CognitoError =>
		createCognitoError('boom', code, code, statusCode);

	function scripted(outcomes: Array<CognitoError | object>): ReturnType<typeof vi.spyOn> {
		let i = 0;
		return vi
			.spyOn(Client.prototype, 'request')
			.mockImplementation((_op: string, _params: object, cb: ClientCallback) => {
				const outcome = outcomes[Math.min(i++, outcomes.length - 1)];
				if (outcome instanceof Error) cb(outcome);
				else cb(null, outcome as Record<string, unknown>);
			});
	}

	it.each(['NotAuthorizedException', 'UserNotFoundException', 'InvalidParameterException'])(
		'does not retry %s',
		(code) => {
			vi.useFakeTimers();
			const request = scripted([fail(code, 400)]);
			const cb = vi.fn();
			new Client('r').requestWithRetry('InitiateAuth', { a: 1 }, cb);
			expect(request).toHaveBeenCalledTimes(1);
			expect(request).toHaveBeenCalledWith('InitiateAuth', { a: 1 }, expect.any(Function));
			expect(cb).toHaveBeenCalledTimes(1);
			expect((cb.mock.calls[0]?.[0] as CognitoError).code).toBe(code);
			expect(vi.getTimerCount()).toBe(0);
		},
	);

	it('does not retry an error marked nonRetryable', () => {
		vi.useFakeTimers();
		const err = Object.assign(fail('ThrottlingException', 400), { nonRetryable: true });
		const request = scripted([err]);
		const cb = vi.fn();
		new Client('r').requestWithRetry('RevokeToken', {}, cb);
		expect(request).toHaveBeenCalledTimes(1);
		expect(cb).toHaveBeenCalledWith(err);
	});

	it.each([
		['NetworkError', undefined],
		['TooManyRequestsException', 400],
		['ThrottlingException', 400],
		['RequestTimeoutException', undefined],
		['InternalErrorException', 500],
		['UnknownError', 503],
	])('retries %s with the original backoff schedule, 6 attempts in all', (code, status) => {
		vi.useFakeTimers();
		vi.spyOn(Math, 'random').mockReturnValue(0.5);
		const request = scripted([fail(code, status)]);
		const cb = vi.fn();
		new Client('r').requestWithRetry('InitiateAuth', {}, cb);
		// Delay before retry n is 2^n * 100 + 0.5 * 100 ms.
		const delays = [250, 450, 850, 1650, 3250];
		let attempts = 1;
		expect(request).toHaveBeenCalledTimes(attempts);
		for (const delay of delays) {
			vi.advanceTimersByTime(delay - 1);
			expect(request).toHaveBeenCalledTimes(attempts);
			vi.advanceTimersByTime(1);
			expect(request).toHaveBeenCalledTimes(++attempts);
		}
		// The next delay (6450 ms) exceeds 5000 ms, so the error is reported now.
		expect(attempts).toBe(6);
		expect(cb).toHaveBeenCalledTimes(1);
		expect((cb.mock.calls[0]?.[0] as CognitoError).code).toBe(code);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('still makes 6 attempts with maximal jitter', () => {
		vi.useFakeTimers();
		vi.spyOn(Math, 'random').mockReturnValue(0.999);
		const request = scripted([fail('ThrottlingException', 400)]);
		const cb = vi.fn();
		new Client('r').requestWithRetry('InitiateAuth', {}, cb);
		vi.runAllTimers();
		expect(request).toHaveBeenCalledTimes(6);
		expect(cb).toHaveBeenCalledTimes(1);
	});

	it('calls back once with the data when a retry succeeds', () => {
		vi.useFakeTimers();
		const request = scripted([fail('NetworkError'), fail('ThrottlingException', 400), { ok: 1 }]);
		const cb = vi.fn();
		new Client('r').requestWithRetry('RevokeToken', {}, cb);
		vi.runAllTimers();
		expect(request).toHaveBeenCalledTimes(3);
		expect(cb).toHaveBeenCalledTimes(1);
		expect(cb).toHaveBeenCalledWith(null, { ok: 1 });
	});

	it('calls back synchronously when request does (so mocked flows finish in one go)', () => {
		scripted([{ ok: 2 }]);
		const cb = vi.fn();
		new Client('r').requestWithRetry('RevokeToken', {}, cb);
		expect(cb).toHaveBeenCalledWith(null, { ok: 2 });
	});

	it('classifies errors', () => {
		expect(isRetryableError(fail('LimitExceededException', 400))).toBe(false);
		expect(isRetryableError(fail('X', 429))).toBe(true);
		expect(isRetryableError(fail('X', 500))).toBe(true);
		expect(isRetryableError(fail('X', 499))).toBe(false);
		expect(isRetryableError(null)).toBe(false);
		expect(isRetryableError('NetworkError')).toBe(false);
	});

	it('against the real server, a NotAuthorizedException is sent only once', async () => {
		vi.spyOn(Math, 'random').mockReturnValue(0);
		reply = { status: 400, body: '{"__type":"NotAuthorizedException","message":"no"}' };
		const client = new Client('r', url);
		const first = await new Promise<unknown>((resolve) =>
			client.requestWithRetry('InitiateAuth', {}, resolve),
		);
		expect((first as CognitoError).code).toBe('NotAuthorizedException');
		expect(seen).toHaveLength(1);
	});
});
