import type { ChildProcess } from 'node:child_process';
import {
	appendFileSync,
	copyFileSync,
	existsSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalPool } from '../../server/index';
import { startPoolProcess } from '../helpers/localPool';
import { PASSWORD, api, ok } from '../server/helpers';

const dir = mkdtempSync(join(tmpdir(), 'local-pool-state-'));
const children: ChildProcess[] = [];
afterAll(() => {
	for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
	rmSync(dir, { recursive: true, force: true });
});

async function startServer(file: string): Promise<{ child: ChildProcess; url: string }> {
	const started = await startPoolProcess(['--state', file]);
	children.push(started.child);
	return started;
}

function killed(child: ChildProcess): Promise<void> {
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) resolve();
		else child.on('exit', () => resolve());
	});
}

async function poolAndClient(url: string): Promise<{ poolId: string; clientId: string }> {
	const pool = await ok(url, 'CreateUserPool', { PoolName: 'durable' });
	const poolId = (pool.UserPool as { Id: string }).Id;
	const client = await ok(url, 'CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'c' });
	return { poolId, clientId: (client.UserPoolClient as { ClientId: string }).ClientId };
}

const signUp = (url: string, clientId: string, username: string) =>
	api(url, 'SignUp', { ClientId: clientId, Username: username, Password: PASSWORD });

describe('--state survives a crash', () => {
	it('every sign-up answered 200 before a SIGKILL is there after a restart', async () => {
		const file = join(dir, 'burst.json');
		const first = await startServer(file);
		const { poolId, clientId } = await poolAndClient(first.url);
		const acknowledged: string[] = [];
		const exited = killed(first.child);
		let next = 0;
		// Sixteen sign-ups in flight at once, so that the kill lands among answered ones.
		const lane = async () => {
			while (first.child.signalCode === null && next < 400) {
				const name = `burst${next++}`;
				try {
					if ((await signUp(first.url, clientId, name)).status === 200) acknowledged.push(name);
				} catch {
					// The connection died with the server: this one was never acknowledged.
				}
				if (acknowledged.length >= 40 && first.child.signalCode === null) {
					first.child.kill('SIGKILL');
				}
			}
		};
		await Promise.all(Array.from({ length: 16 }, lane));
		await exited;
		expect(first.child.signalCode).toBe('SIGKILL');
		expect(acknowledged.length).toBeGreaterThanOrEqual(40);

		const again = await startServer(file);
		const missing: string[] = [];
		for (const name of acknowledged) {
			const r = await api(again.url, 'AdminGetUser', { UserPoolId: poolId, Username: name });
			if (r.status !== 200) missing.push(name);
		}
		expect(missing).toEqual([]);
		again.child.kill('SIGTERM');
		await killed(again.child);
	});

	it('the state file and its journal are private to their owner (0600), even one made 0644 before', async () => {
		const sub = mkdtempSync(join(dir, 'mode-'));
		const file = join(sub, 'state.json');
		writeFileSync(file, '{}', { mode: 0o644 });
		const lp = await startLocalPool({ port: 0, stateFile: file });
		try {
			await lp.createUserPool();
			expect(statSync(file).mode & 0o777).toBe(0o600);
			expect(statSync(`${file}.journal`).mode & 0o777).toBe(0o600);
		} finally {
			await lp.close();
		}
		expect(statSync(file).mode & 0o777).toBe(0o600);
	});

	it('a torn last journal line (a write cut by the crash) is dropped; the rest loads', async () => {
		const sub = mkdtempSync(join(dir, 'torn-'));
		const live = join(sub, 'live.json');
		const lp = await startLocalPool({ port: 0, stateFile: live });
		const kept = await lp.createUserPool({ PoolName: 'kept' });
		// A copy of the files as a crash would leave them: no fold on close, half a line at the end.
		const crashed = join(sub, 'crashed.json');
		copyFileSync(live, crashed);
		copyFileSync(`${live}.journal`, `${crashed}.journal`);
		await lp.close();
		appendFileSync(`${crashed}.journal`, '[[["pools","us-east-1_torn"],{"config":');

		const reopened = await startLocalPool({ port: 0, stateFile: crashed });
		try {
			const got = await reopened.call('DescribeUserPool', { UserPoolId: kept.Id });
			expect((got.UserPool as { Name: string }).Name).toBe('kept');
			// Later changes are saved after the torn line is gone, not glued to it.
			const later = await reopened.createUserPool({ PoolName: 'later' });
			copyFileSync(crashed, join(sub, 'again.json'));
			copyFileSync(`${crashed}.journal`, join(sub, 'again.json.journal'));
			const third = await startLocalPool({ port: 0, stateFile: join(sub, 'again.json') });
			const names = await Promise.all(
				[kept.Id, later.Id].map(async (id) => {
					const r = await third.call('DescribeUserPool', { UserPoolId: id });
					return (r.UserPool as { Name: string }).Name;
				}),
			);
			await third.close();
			expect(names).toEqual(['kept', 'later']);
		} finally {
			await reopened.close();
		}
	});

	it('a damaged line in the middle of the journal is reported, and nothing is overwritten', async () => {
		const sub = mkdtempSync(join(dir, 'damaged-'));
		const file = join(sub, 'state.json');
		const lp = await startLocalPool({ port: 0, stateFile: file });
		await lp.createUserPool();
		const snapshot = readFileSync(file, 'utf8');
		const journal = readFileSync(`${file}.journal`, 'utf8');
		const damaged = `${journal}{oops\n${journal.split('\n')[1] ?? ''}\n`;
		await lp.close();
		writeFileSync(file, snapshot);
		writeFileSync(`${file}.journal`, damaged);
		await expect(startLocalPool({ port: 0, stateFile: file })).rejects.toThrow(/line 3/);
		expect(readFileSync(file, 'utf8')).toBe(snapshot);
		expect(readFileSync(`${file}.journal`, 'utf8')).toBe(damaged);
	});
});

/** Bytes the process has handed to write(2) and friends so far (Linux). */
function bytesWritten(pid: number): number {
	const m = /^wchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
	return Number(m?.[1]);
}

describe.runIf(existsSync('/proc/self/io'))('--state saves the change, not the state', () => {
	/** A state file with one pool, one client and `users` users (copies of one real record). */
	async function stateWith(users: number): Promise<{ file: string; clientId: string }> {
		const file = join(mkdtempSync(join(dir, 'size-')), 'state.json');
		const lp = await startLocalPool({ port: 0, stateFile: file });
		const pool = await lp.createUserPoolClient((await lp.createUserPool()).Id);
		await lp.createUser(pool.UserPoolId as string, 'seed', PASSWORD);
		await lp.close();
		const state = JSON.parse(readFileSync(file, 'utf8')) as {
			pools: Record<string, { users: Record<string, { username: string }> }>;
		};
		const poolRecord = state.pools[pool.UserPoolId as string];
		const seed = poolRecord?.users.seed;
		if (!poolRecord || !seed) throw new Error('seed user not saved');
		for (let i = 0; i < users; i++) {
			const name = `copy${i.toString().padStart(6, '0')}`;
			poolRecord.users[name] = { ...seed, username: name };
		}
		writeFileSync(file, JSON.stringify(state));
		return { file, clientId: pool.ClientId };
	}

	async function bytesForOneSignUp(users: number): Promise<{ bytes: number; fileBytes: number }> {
		const { file, clientId } = await stateWith(users);
		const server = await startServer(file);
		const pid = server.child.pid ?? 0;
		// One sign-up first, so that lazily started parts do their first writes outside the count.
		expect((await signUp(server.url, clientId, 'warmup-user')).status).toBe(200);
		const before = bytesWritten(pid);
		expect((await signUp(server.url, clientId, 'probe-user')).status).toBe(200);
		const bytes = bytesWritten(pid) - before;
		const fileBytes = statSync(file).size;
		server.child.kill('SIGKILL');
		await killed(server.child);
		return { bytes, fileBytes };
	}

	it('the bytes written for one sign-up do not grow with the number of users', async () => {
		const small = await bytesForOneSignUp(1);
		const large = await bytesForOneSignUp(4000);
		// The large state is megabytes; rewriting it per change would show here at once.
		expect(large.fileBytes).toBeGreaterThan(small.fileBytes + 2_000_000);
		expect(large.bytes).toBeLessThan(small.bytes + 512);
		expect(small.bytes).toBeLessThan(16 * 1024);
	});
});
