import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalPool } from '../../server/index';
import { type PoolProcess, startPoolProcess } from '../helpers/localPool';
import {
	PASSWORD,
	api,
	expectError,
	ok,
	setup,
	signUpConfirmed,
	srpLogin,
	tokensFor,
} from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'local-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('state file', () => {
	it('pools, users, devices and refresh tokens survive a restart; access tokens do not (fresh key)', async () => {
		const file = join(dir, 'state.json');
		const first = await setup(
			{
				DeviceConfiguration: {
					ChallengeRequiredOnNewDevice: false,
					DeviceOnlyRememberedOnUserPrompt: false,
				},
			},
			{},
			await startLocalPool({ port: 0, stateFile: file }),
		);
		await signUpConfirmed(first, 'sue');
		const tokens = await tokensFor(first, 'sue');
		await first.lp.close();
		expect(JSON.parse(readFileSync(file, 'utf8')).pools[first.poolId]).toBeTruthy();
		expect(readFileSync(file, 'utf8')).not.toContain(PASSWORD);

		const lp = await startLocalPool({ port: 0, stateFile: file });
		try {
			const s = { ...first, lp, url: lp.url };
			expect((await srpLogin(s, 'sue', PASSWORD)).status).toBe(200);
			expectError(
				await api(lp.url, 'GetUser', { AccessToken: tokens.AccessToken }),
				'NotAuthorizedException',
				'Invalid Access Token',
			);
			const refreshed = await ok(lp.url, 'InitiateAuth', {
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				ClientId: s.clientId,
				AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
			});
			const access = (refreshed.AuthenticationResult as Record<string, string>).AccessToken;
			expect((await ok(lp.url, 'GetUser', { AccessToken: access })).Username).toBe('sue');
		} finally {
			await lp.close();
		}
	});

	it('a corrupt state file is reported, not silently replaced', async () => {
		const file = join(dir, 'bad.json');
		writeFileSync(file, '{not json');
		await expect(startLocalPool({ port: 0, stateFile: file })).rejects.toThrow();
		expect(readFileSync(file, 'utf8')).toBe('{not json');
	});
});

describe('npm run server (server/cli.ts)', () => {
	const children: PoolProcess[] = [];
	afterAll(async () => {
		await Promise.all(children.map((c) => c.stop()));
	});

	async function startCli(args: string[]): Promise<PoolProcess> {
		const started = await startPoolProcess(args);
		children.push(started);
		return started;
	}

	it('--port 0 prints the chosen port on 127.0.0.1 and --state keeps the pools', async () => {
		const file = join(dir, 'cli.json');
		const { url, stop } = await startCli(['--state', file]);
		expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const pool = await ok(url, 'CreateUserPool', { PoolName: 'cli' });
		const id = (pool.UserPool as { Id: string }).Id;
		await stop();
		const again = await startCli(['--state', file]);
		expect((await ok(again.url, 'DescribeUserPool', { UserPoolId: id })).UserPool).toMatchObject({
			Name: 'cli',
		});
	});

	it('rejects a bad --port', async () => {
		await expect(startCli(['--port', 'abc'])).rejects.toThrow(/Invalid --port/);
	});
});
