// `npm test`: type-check, lint, build, then every test. Stops at the first failing step.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const steps = [
	['type-check', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
	['lint', bin('eslint'), ['--max-warnings', '0', '.']],
	['format', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
	['build', 'node', ['scripts/build.mjs']],
	['tests', bin('vitest'), ['run', '--coverage', ...process.argv.slice(2)]],
];
for (const [label, cmd, args] of steps) {
	console.log(`\n=== ${label} ===`);
	const result = spawnSync(cmd, args, { stdio: 'inherit' });
	if (result.status !== 0) {
		console.error(`\nnpm test: step "${label}" failed`);
		process.exit(result.status ?? 1);
	}
}
