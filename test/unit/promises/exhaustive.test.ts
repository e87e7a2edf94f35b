// The compiler makes an application handle every step: a `switch` over `step.kind` that ends
// in a `never` check compiles when it names every kind and fails when one is missing.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..', '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const KINDS = [
	'signedIn',
	'newPasswordRequired',
	'smsCode',
	'totpCode',
	'emailCode',
	'mfaSelection',
	'mfaSetup',
	'customChallenge',
	'factorSelection',
	'passkey',
];
const dir = mkdtempSync(join(tmpdir(), 'prom14-exhaustive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An app's handler of the steps, naming `kinds` in its switch. */
function app(kinds: string[]): string {
	const entry = JSON.stringify(join(ROOT, 'src', 'promises', 'index.ts'));
	return [
		`import type { SignInStep } from ${entry};`,
		'export function handle(step: SignInStep): string {',
		'\tswitch (step.kind) {',
		...kinds.map((kind) => `\t\tcase '${kind}':`),
		'\t\t\treturn step.kind;',
		'\t\tdefault: {',
		'\t\t\tconst unhandled: never = step;',
		'\t\t\treturn unhandled;',
		'\t\t}',
		'\t}',
		'}',
		'',
	].join('\n');
}

/** Compiles one file under `strict`; resolves to tsc's exit code and output. */
async function compile(name: string, text: string): Promise<{ code: number; output: string }> {
	const file = join(dir, name);
	writeFileSync(file, text);
	const args = [
		file,
		'--noEmit',
		'--strict',
		'--target',
		'ES2020',
		'--moduleResolution',
		'bundler',
	];
	args.push('--module', 'ESNext', '--skipLibCheck', '--types', 'node', '--lib', 'ES2020,DOM');
	try {
		const { stdout } = await run(process.execPath, [TSC, ...args], { cwd: ROOT });
		return { code: 0, output: stdout };
	} catch (err) {
		const { code, stdout } = err as { code: number; stdout: string };
		return { code, output: stdout };
	}
}

describe('a switch over the sign-in steps under strict', () => {
	it('naming every kind compiles', async () => {
		const result = await compile('complete.ts', app(KINDS));
		expect(result.output).toBe('');
		expect(result.code).toBe(0);
	});

	it('missing the passkey kind fails to compile, naming the step left over', async () => {
		const result = await compile('missing.ts', app(KINDS.filter((k) => k !== 'passkey')));
		expect(result.code).not.toBe(0);
		expect(result.output).toMatch(
			/error TS2322: Type 'PasskeyStep' is not assignable to type 'never'/,
		);
	});

	it('missing the MFA-setup kind fails to compile too', async () => {
		const result = await compile('missing2.ts', app(KINDS.filter((k) => k !== 'mfaSetup')));
		expect(result.output).toMatch(/Type 'MfaSetupStep' is not assignable to type 'never'/);
	});
});
