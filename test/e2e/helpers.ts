// Shared by the e2e tests: the build (from test/helpers/pack), and child processes run without
// blocking the event loop (the local pool they talk to is served from the test's own process).
import { spawn } from 'node:child_process';

export { ensureBuilt } from '../helpers/pack';

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
