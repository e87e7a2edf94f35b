// Finding 7: any web page could drive the pool. Any Origin was reflected with credentials,
// there was no Host check (DNS rebinding worked), and admin actions and /_local/outbox
// answered other origins.
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalPool } from '../../server/index';
import { PASSWORD, api, setup } from '../server/helpers';

const EVIL = 'http://evil.example';

/** A request with headers fetch will not let us set (Host). */
function raw(
	url: string,
	path: string,
	headers: Record<string, string>,
	method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
	return new Promise((resolve, reject) => {
		const req = request(`${url}${path}`, { method, headers }, (res) => {
			res.resume();
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
		});
		req.on('error', reject);
		req.end();
	});
}

const post = (url: string, action: string, body: unknown, origin?: string) =>
	fetch(url, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/x-amz-json-1.1',
			'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}`,
			...(origin ? { Origin: origin } : {}),
		},
		body: JSON.stringify(body),
	});

describe('browser pages are clients of the user-pool actions only', async () => {
	const s = await setup();
	afterAll(() => s.lp.close());
	await s.lp.createUser(s.poolId, 'pam', PASSWORD, { email: 'pam@example.com' });

	it('admin actions refuse other origins, without CORS headers, and do nothing', async () => {
		const res = await post(
			s.url,
			'AdminSetUserPassword',
			{ UserPoolId: s.poolId, Username: 'pam', Password: 'Pwn3d!pass', Permanent: true },
			EVIL,
		);
		expect(res.status).toBe(403);
		expect(res.headers.get('access-control-allow-origin')).toBeNull();
		const listed = await post(s.url, 'ListUsers', { UserPoolId: s.poolId }, EVIL);
		expect(listed.status).toBe(403);
		const created = await post(s.url, 'CreateUserPool', { PoolName: 'x' }, EVIL);
		expect(created.status).toBe(403);
		// The password did not change.
		const r = await api(s.url, 'InitiateAuth', {
			AuthFlow: 'USER_PASSWORD_AUTH',
			ClientId: s.clientId,
			AuthParameters: { USERNAME: 'pam', PASSWORD },
		});
		expect(r.status).toBe(200);
	});

	it('the outbox refuses other origins, preflights included', async () => {
		const read = await fetch(`${s.url}/_local/outbox`, { headers: { Origin: EVIL } });
		expect(read.status).toBe(403);
		expect(read.headers.get('access-control-allow-origin')).toBeNull();
		const preflight = await fetch(`${s.url}/_local/outbox`, {
			method: 'OPTIONS',
			headers: { Origin: EVIL, 'Access-Control-Request-Method': 'DELETE' },
		});
		expect(preflight.status).toBe(403);
		expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
		// Without an Origin (a test, a terminal) it answers.
		expect((await fetch(`${s.url}/_local/outbox`)).status).toBe(200);
	});

	it('user-pool actions answer other origins, as the service does for browser apps', async () => {
		const res = await post(
			s.url,
			'InitiateAuth',
			{
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: s.clientId,
				AuthParameters: { USERNAME: 'pam', PASSWORD },
			},
			'http://app.example',
		);
		expect(res.status).toBe(200);
		expect(res.headers.get('access-control-allow-origin')).toBe('http://app.example');
	});

	it('the Host header must name this server (DNS rebinding)', async () => {
		const port = new URL(s.url).port;
		for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
			expect((await raw(s.url, '/_local/health', { Host: host })).status, host).toBe(200);
		}
		for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${Number(port) + 1}`]) {
			const res = await raw(s.url, '/_local/health', { Host: host });
			expect(res.status, host).toBe(403);
			expect(res.headers['access-control-allow-origin']).toBeUndefined();
		}
		const rebound = await raw(s.url, '/', { Host: `rebound.example:${port}` }, 'POST');
		expect(rebound.status).toBe(403);
	});

	it('a trusted origin (a developer’s own test page) may read the outbox', async () => {
		const lp = await startLocalPool({ port: 0, trustedOrigins: ['http://127.0.0.1:5173'] });
		try {
			lp.trustOrigin('http://localhost:4000/some/page');
			for (const origin of ['http://127.0.0.1:5173', 'http://localhost:4000']) {
				const res = await fetch(`${lp.url}/_local/outbox`, { headers: { Origin: origin } });
				expect(res.status).toBe(200);
				expect(res.headers.get('access-control-allow-origin')).toBe(origin);
			}
			expect((await post(lp.url, 'ListUsers', {}, 'http://localhost:4000')).status).toBe(403);
		} finally {
			await lp.close();
		}
	});
});
