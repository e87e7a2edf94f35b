// Helpers shared by the bench figures: statistics, the built bundle, a child-process server.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..');

/** Median of a sample (mean of the two middle values for an even count). */
export function median(samples: readonly number[]): number {
	const s = [...samples].sort((x, y) => x - y);
	const n = s.length;
	if (n === 0) return Number.NaN;
	return ((s[(n - 1) >> 1] as number) + (s[n >> 1] as number)) / 2;
}

/** Builds lib/, es/ and dist/ when the browser bundle or the CommonJS build is missing. */
export function ensureBuilt(): void {
	const needed = [
		join(ROOT, 'dist', 'amazon-cognito-identity.min.js'),
		join(ROOT, 'lib', 'index.js'),
	];
	if (needed.every((file) => existsSync(file))) return;
	console.log('bench: dist/ or lib/ missing, running the build first');
	execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], {
		cwd: ROOT,
		stdio: 'inherit',
	});
}

export interface ServerProcess {
	url: string;
	child: ChildProcess;
	stop(): Promise<void>;
}

/** `tsx server/cli.ts --port 0` in its own process; resolves once it prints its URL. */
export function startServerProcess(): Promise<ServerProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--port', '0'], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	return new Promise((resolve, reject) => {
		let out = '';
		let err = '';
		const fail = (why: string): void => {
			child.kill();
			reject(new Error(`server did not start: ${why}\n${err}`));
		};
		const timer = setTimeout(() => fail('timeout'), 30_000);
		child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
		child.once('exit', (code) => fail(`exited with ${code}`));
		child.stdout?.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const match = /listening on (http:\/\/\S+)/.exec(out);
			if (!match?.[1]) return;
			clearTimeout(timer);
			child.removeAllListeners('exit');
			const stop = (): Promise<void> =>
				new Promise((done) => {
					if (child.exitCode !== null) return done();
					child.once('exit', () => done());
					child.kill('SIGTERM');
				});
			resolve({ url: match[1], child, stop });
		});
	});
}

/** One line of the final summary table. */
export interface Figure {
	name: string;
	ours: string;
	original: string;
	value: number;
	target: string;
	pass: boolean;
	note?: string;
}
