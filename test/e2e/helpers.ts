// Shared by the e2e tests: a build to pack, and child processes run without blocking the event
// loop (the local pool they talk to is served from the test's own process).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/pack';

/** `npm test` builds before vitest runs; a bare `vitest run` may find no build yet. */
export function ensureBuilt(): void {
	const outputs = ['lib/index.js', 'es/index.js', 'dist/amazon-cognito-identity.min.js'];
	if (outputs.every((file) => existsSync(join(ROOT, file)))) return;
	execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}

export interface ChildResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

export function runChild(
	command: string,
	args: string[],
	options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<ChildResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}
