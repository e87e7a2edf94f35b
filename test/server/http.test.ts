import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { ServiceError, startLocalPool } from '../../server/index';
import { api, expectError, ok } from './helpers';

function raw(
	url: string,
	init: { method?: string; headers?: Record<string, string>; body?: string },
) {
	return fetch(url, {
		method: init.method ?? 'POST',
		headers: {
			'Content-Type': 'application/x-amz-json-1.1',
			'X-Amz-Target': 'AWSCognitoIdentityProviderService.DescribeUserPool',
			...init.headers,
		},
		body: init.body,
	});
}

describe('HTTP pipeline', async () => {
	const faults: string[] = [];
	const lp = await startLocalPool({
		port: 0,
		log: (m) => faults.push(m),
		beforeAction: (action) => {
			if (action === 'ListUsers' && faults.includes('inject')) throw new Error('boom');
			if (action === 'ListUsers' && faults.includes('throttle'))
				throw new ServiceError('TooManyRequestsException', 'Too many requests');
		},
	});
	afterAll(() => lp.close());
	const url = lp.url;

	it('binds to 127.0.0.1 by default', () => {
		expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
	});

	it('answers CORS preflights and adds CORS headers to every response', async () => {
		const pre = await fetch(url, {
			method: 'OPTIONS',
			headers: {
				Origin: 'http://localhost:5173',
				'Access-Control-Request-Method': 'POST',
				'Access-Control-Request-Headers':
					'content-type,x-amz-target,x-amz-user-agent,cache-control',
			},
		});
		expect(pre.status).toBe(204);
		expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
		expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
		expect(pre.headers.get('access-control-allow-headers')).toContain('x-amz-target');
		const res = await fetch(url, {
			method: 'POST',
			headers: {
				Origin: 'http://localhost:3000',
				'X-Amz-Target': 'AWSCognitoIdentityProviderService.Nope',
			},
			body: '{}',
		});
		expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
		expect(res.headers.get('access-control-expose-headers')).toContain('x-amzn-errortype');
		expect(res.headers.get('access-control-expose-headers')).toContain('x-amzn-requestid');
		const noOrigin = await fetch(url, { method: 'OPTIONS' });
		expect(noOrigin.headers.get('access-control-allow-origin')).toBe('*');
		expect(noOrigin.headers.get('access-control-allow-headers')).toMatch(/X-Amz-Target/i);
	});

	it('malformed JSON → SerializationException; non-object bodies too', async () => {
		for (const body of ['{"PoolName":', 'null', '[1]', '"x"']) {
			const r = await raw(url, { body });
			expect(r.status).toBe(400);
			expect(r.headers.get('x-amzn-errortype')).toMatch(/^SerializationException/);
			expect(((await r.json()) as Record<string, string>).__type).toBe('SerializationException');
		}
	});

	it('unknown or missing targets → UnknownOperationException', async () => {
		expectError(await api(url, 'LaunchRocket', {}), 'UnknownOperationException');
		expectError(await api(url, 'toString', {}), 'UnknownOperationException');
		expectError(await api(url, '__proto__', {}), 'UnknownOperationException');
		const r = await raw(url, {
			headers: { 'X-Amz-Target': 'SomethingElse.DescribeUserPool' },
			body: '{}',
		});
		expect(((await r.json()) as Record<string, string>).__type).toBe('UnknownOperationException');
	});

	it('mistyped and missing fields → InvalidParameterException', async () => {
		expectError(
			await api(url, 'CreateUserPool', { PoolName: 42 }),
			'InvalidParameterException',
			/poolName/,
		);
		expectError(
			await api(url, 'CreateUserPool', { PoolName: '' }),
			'InvalidParameterException',
			/poolName/,
		);
		expectError(
			await api(url, 'CreateUserPool', { PoolName: 'x', Policies: 'strict' }),
			'InvalidParameterException',
		);
		expectError(
			await api(url, 'CreateUserPool', { PoolName: 'x', AutoVerifiedAttributes: [1] }),
			'InvalidParameterException',
		);
		expectError(
			await api(url, 'SignUp', {
				ClientId: 'x',
				Username: 'u',
				Password: 'p',
				UserAttributes: 'email',
			}),
			'InvalidParameterException',
		);
		expectError(
			await api(url, 'InitiateAuth', {
				AuthFlow: 'USER_SRP_AUTH',
				ClientId: 'c',
				AuthParameters: { USERNAME: 5 },
			}),
			'InvalidParameterException',
		);
	});

	it('refuses bodies over 1 MiB with 413 and keeps serving', async () => {
		const big = JSON.stringify({ PoolName: 'x'.repeat(1024 * 1024 + 10) });
		const r = await raw(url, { body: big });
		expect(r.status).toBe(413);
		expect(((await r.json()) as Record<string, string>).__type).toBe(
			'RequestEntityTooLargeException',
		);
		expect((await ok(url, 'CreateUserPool', { PoolName: 'after' })).UserPool).toBeTruthy();
	});

	it('an unexpected exception becomes InternalErrorException 500; a ServiceError from the hook passes through', async () => {
		const pool = await lp.createUserPool();
		faults.push('inject');
		const r = await api(url, 'ListUsers', { UserPoolId: pool.Id });
		expectError(r, 'InternalErrorException');
		expect(faults.some((f) => f.includes('boom'))).toBe(true);
		faults.length = 0;
		faults.push('throttle');
		expectError(
			await api(url, 'ListUsers', { UserPoolId: pool.Id }),
			'TooManyRequestsException',
			'Too many requests',
		);
		faults.length = 0;
		expect((await ok(url, 'ListUsers', { UserPoolId: pool.Id })).Users).toEqual([]);
	});

	it('programmatic call() goes through the same pipeline', async () => {
		await expect(
			lp.call('DescribeUserPool', { UserPoolId: 'us-east-1_none' }),
		).rejects.toMatchObject({ type: 'ResourceNotFoundException' });
		await expect(lp.call('Nope', {})).rejects.toBeInstanceOf(ServiceError);
	});

	it('serves the outbox over HTTP, filtered by pool, and can clear it', async () => {
		const pool = await lp.createUserPool({ AutoVerifiedAttributes: ['email'] });
		const client = await lp.createUserPoolClient(pool.Id);
		await ok(url, 'SignUp', {
			ClientId: client.ClientId,
			Username: 'olly',
			Password: 'Passw0rd!',
			UserAttributes: [{ Name: 'email', Value: 'olly@example.com' }],
		});
		// Read the way a test or a terminal reads it; pages of other origins may not (test/security).
		const res = await fetch(`${url}/_local/outbox?pool=${pool.Id}`);
		expect(res.status).toBe(200);
		const { messages } = (await res.json()) as { messages: Record<string, unknown>[] };
		expect(messages).toHaveLength(1);
		expect(messages[0]).toMatchObject({
			poolId: pool.Id,
			username: 'olly',
			kind: 'confirmation',
			deliveryMedium: 'EMAIL',
			destination: 'olly@example.com',
			code: expect.stringMatching(/^\d{6}$/),
		});
		const none = (await (await fetch(`${url}/_local/outbox?pool=us-east-1_other`)).json()) as {
			messages: unknown[];
		};
		expect(none.messages).toEqual([]);
		expect((await fetch(`${url}/_local/outbox`, { method: 'DELETE' })).status).toBe(200);
		expect(
			((await (await fetch(`${url}/_local/outbox`)).json()) as { messages: unknown[] }).messages,
		).toEqual([]);
		expect((await fetch(`${url}/_local/nothing`)).status).toBe(404);
		expect((await fetch(`${url}/_local/health`)).status).toBe(200);
		expect((await fetch(url, { method: 'PUT', body: '{}' })).status).toBe(405);
	});

	it('a client that hangs up mid-request does not hurt the server', async () => {
		await new Promise<void>((resolve) => {
			const req = request(url, {
				method: 'POST',
				headers: {
					'X-Amz-Target': 'AWSCognitoIdentityProviderService.CreateUserPool',
					'Content-Length': '100',
				},
			});
			req.on('error', () => resolve());
			req.write('{"PoolName":');
			setTimeout(() => {
				req.destroy();
				resolve();
			}, 20);
		});
		expect((await ok(url, 'CreateUserPool', { PoolName: 'still-alive' })).UserPool).toBeTruthy();
	});
});
