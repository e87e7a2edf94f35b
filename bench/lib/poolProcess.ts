// Starts server/ in a child process (so that it does not share an event loop with the load
// clients) and talks to its admin actions over HTTP.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface PoolProcess {
	url: string;
	child: ChildProcess;
	/** One action over HTTP; rejects on a service error. */
	call(action: string, body: object): Promise<Record<string, unknown>>;
	stop(): Promise<void>;
}

const ROOT = join(__dirname, '..', '..');

export async function startPoolProcess(): Promise<PoolProcess> {
	const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
	const child = spawn(tsx, [join(ROOT, 'server', 'cli.ts'), '--port', '0'], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stderr = '';
	child.stderr?.on('data', (d: Buffer) => {
		stderr += d.toString();
	});
	const url = await new Promise<string>((resolve, reject) => {
		let out = '';
		const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 30_000);
		child.stdout?.on('data', (d: Buffer) => {
			out += d.toString();
			const m = /listening on (http:\/\/[^\s]+)/.exec(out);
			if (m?.[1]) {
				clearTimeout(timer);
				resolve(m[1]);
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code}: ${stderr}`));
		});
	});
	const call = async (action: string, body: object): Promise<Record<string, unknown>> => {
		const res = await fetch(url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-amz-json-1.1',
				'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}`,
			},
			body: JSON.stringify(body),
		});
		const data = (await res.json()) as Record<string, unknown>;
		if (!res.ok) throw new Error(`${action}: ${String(data.__type)} ${String(data.message)}`);
		return data;
	};
	const stop = (): Promise<void> =>
		new Promise((resolve) => {
			if (child.exitCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.kill('SIGTERM');
		});
	return { url, child, call, stop };
}
