// `npm test`: type-check, lint, build, checks of the build (no import cycle; the public API as
// committed in etc/), then every test.
// Stops at the first failing step and ends with one summary line,
// `tests: N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const reportDir = mkdtempSync(join(tmpdir(), 'cognito-test-report-'));
const report = join(reportDir, 'vitest.json');
const steps = [
	['type-check', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
	['lint', bin('eslint'), ['--max-warnings', '0', '.']],
	['format', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
	['build', 'node', ['scripts/build.mjs']],
	['import cycles', bin('tsx'), ['scripts/check-cycles.ts']],
	['public API report', 'node', ['scripts/api-report.mjs', '--check']],
	[
		'tests',
		bin('vitest'),
		[
			'run',
			'--coverage',
			'--reporter=default',
			'--reporter=json',
			`--outputFile.json=${report}`,
			...process.argv.slice(2),
		],
	],
];

function summary() {
	if (!existsSync(report)) return;
	const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(
		readFileSync(report, 'utf8'),
	);
	console.log(
		`\ntests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped`,
	);
}

for (const [label, cmd, args] of steps) {
	console.log(`\n=== ${label} ===`);
	const result = spawnSync(cmd, args, { stdio: 'inherit' });
	if (label === 'tests') summary();
	if (result.status !== 0) {
		console.error(`\nnpm test: step "${label}" failed`);
		rmSync(reportDir, { recursive: true, force: true });
		process.exit(result.status ?? 1);
	}
}
rmSync(reportDir, { recursive: true, force: true });
