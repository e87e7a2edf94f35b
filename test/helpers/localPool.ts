// The one way tests and benchmarks talk to the local pool (server/) over HTTP, and the one way
// they start it in a child process. In-process pools come from `startLocalPool` (server/index).
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export type Json = Record<string, unknown>;

/** What the service answered: HTTP status, parsed body (`{}` when empty) and headers. */
export interface ApiResult {
	status: number;
	body: Json;
	headers: Headers;
}

/**
 * One action of the Cognito JSON API, sent as the library sends it. `body` is sent as JSON, or
 * as given when it is a string (for malformed requests); `headers` add to or replace the
 * defaults. A reply that is not JSON reads as `{ unparsable: <its start> }`.
 */
export async function cognitoRequest(
	url: string,
	action: string,
	body: Json | string,
	headers: Record<string, string> = {},
): Promise<ApiResult> {
	const res = await fetch(url, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/x-amz-json-1.1',
			'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}`,
			...headers,
		},
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await res.text();
	let parsed: Json;
	try {
		parsed = text ? (JSON.parse(text) as Json) : {};
	} catch {
		parsed = { unparsable: text.slice(0, 80) };
	}
	return { status: res.status, body: parsed, headers: res.headers };
}

/** Like `cognitoRequest`, but returns the body and rejects on any error reply. */
export async function cognitoCall(url: string, action: string, body: Json): Promise<Json> {
	const r = await cognitoRequest(url, action, body);
	if (r.status !== 200) throw new Error(`${action} failed: ${JSON.stringify(r.body)}`);
	return r.body;
}

export interface PoolProcess {
	url: string;
	child: ChildProcess;
	/** `cognitoCall` against this pool. */
	call(action: string, body: Json): Promise<Json>;
	/** Ends the process (SIGTERM) and waits for it. */
	stop(): Promise<void>;
}

const ROOT = join(__dirname, '..', '..');

/**
 * Runs `server/cli.ts --port 0 …args` in a child process (so that it has an event loop of its
 * own, apart from the load a benchmark or test generates) and resolves once it prints its URL.
 * Rejects with the process's output if it exits or stays silent for 30 s first.
 */
export function startPoolProcess(args: string[] = []): Promise<PoolProcess> {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', join(ROOT, 'server', 'cli.ts'), '--port', '0', ...args],
		{ cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	return new Promise((resolve, reject) => {
		let output = '';
		let settled = false;
		const fail = (why: string): void => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			if (child.exitCode === null) child.kill('SIGTERM');
			reject(new Error(`the local pool did not start (${why}): ${output}`));
		};
		const timer = setTimeout(() => fail('timeout'), 30_000);
		child.once('exit', (code) => fail(`exit code ${code}`));
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stdout?.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
			if (!url || settled) return;
			settled = true;
			clearTimeout(timer);
			const stop = (): Promise<void> =>
				new Promise((done) => {
					if (child.exitCode !== null || child.signalCode !== null) return done();
					child.once('exit', () => done());
					child.kill('SIGTERM');
				});
			resolve({ url, child, call: (action, body) => cognitoCall(url, action, body), stop });
		});
	});
}
