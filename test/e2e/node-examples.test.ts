// The README's use cases (examples/node) against the local pool over HTTP, with the packed
// package installed into a throwaway app folder: once through CommonJS `require` with
// cross-fetch/polyfill installing the global fetch, once through an ES module `import` on
// Node's own fetch. Each runner reports one JSON line per use case; each becomes a test here.
// The same scripts also run on the original 6.3.21 (the `original-cognito` devDependency), which
// shows that they exercise the public API an application relies on and nothing of ours — except
// use cases 33 onward (OURS_ONLY), which show what the original lacks.
import { cpSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExampleConfig, createExamplePools } from '../../examples/node/local-pool';
import { type LocalPool, startLocalPool } from '../../server';
import { ROOT, installPacked, linkModule } from '../helpers/pack';
import { type ChildResult, ensureBuilt, runChild } from './helpers';

const USE_CASES = [
	...Array.from({ length: 44 }, (_, i) => String(i + 1)),
	// "Use case 16 with React Native", its own section in the README.
	'16-rn',
];

interface UseCaseLine {
	useCase: string;
	title: string;
	outcome: 'ok' | 'failed' | 'skipped';
	details?: Record<string, unknown>;
	error?: string;
	reason?: string;
}

interface Run {
	child: ChildResult;
	header?: { runner: string; fetch: string; package: string };
	lines: Map<string, UseCaseLine>;
	summary?: { ok: number; failed: number; skipped: number };
}

function parse(child: ChildResult): Run {
	const run: Run = { child, lines: new Map() };
	for (const text of child.stdout.split('\n')) {
		if (!text.startsWith('{')) continue;
		const obj = JSON.parse(text) as Record<string, unknown>;
		if (typeof obj.runner === 'string') run.header = obj as Run['header'];
		else if (obj.summary) run.summary = obj.summary as Run['summary'];
		else if (typeof obj.useCase === 'string') run.lines.set(obj.useCase, obj as never);
	}
	return run;
}

const MODES = [
	{
		mode: 'cjs',
		label: 'CommonJS require, cross-fetch/polyfill',
		// Node 20 has a global fetch, which the polyfill would leave in place; without it, the
		// polyfill really installs, as on the Node versions the README was written for.
		args: ['--no-experimental-fetch', 'run-all.cjs'],
		fetch: 'cross-fetch polyfill',
	},
	{
		mode: 'esm',
		label: "ES module import, Node's fetch",
		args: ['run-all.mjs'],
		fetch: 'native',
	},
] as const;

/**
 * The use cases of what Cognito added since 2024 (choice-based sign-in, one-time codes, email
 * MFA, passwordless sign-up, auth factors, rotating refresh tokens, the promises entry): the original has none of
 * that API, so they run on this package only. Listed here, not skipped by the runner.
 */
const OURS_ONLY = ['33', '34', '35', '36', '37', '38', '39', '40', '41', '42', '43', '44'];

// The original has no React Native entry of its own (its package.json aliases the storage
// module for Metro instead), so its run leaves "16 with React Native" out too.
const ORACLE_USE_CASES = USE_CASES.filter((id) => id !== '16-rn' && !OURS_ONLY.includes(id));

let lp: LocalPool;
let appDir: string;
const runs = new Map<string, Run>();

/** A throwaway app folder holding the examples; `install` puts the package in node_modules. */
function appFolder(prefix: string, install: (dir: string) => void): string {
	const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
	install(dir);
	// The CookieStorage example gives Node a document.cookie through jsdom.
	linkModule(join(dir, 'node_modules'), 'jsdom');
	cpSync(join(ROOT, 'examples', 'node'), dir, {
		recursive: true,
		filter: (src) => !src.endsWith('.ts'),
	});
	return dir;
}

beforeAll(async () => {
	ensureBuilt();
	appDir = appFolder('cognito-e2e-node-', (dir) => installPacked(dir));
	const oracleDir = appFolder('cognito-e2e-oracle-', (dir) => {
		const modules = join(dir, 'node_modules');
		mkdirSync(modules, { recursive: true });
		symlinkSync(
			join(ROOT, 'node_modules', 'original-cognito'),
			join(modules, 'amazon-cognito-identity-js'),
			'dir',
		);
		linkModule(modules, 'cross-fetch');
	});
	lp = await startLocalPool({ port: 0 });
	const profiles = await createExamplePools(lp);
	for (const { mode, args } of MODES) {
		const config = join(appDir, `config-${mode}.json`);
		writeFileSync(config, JSON.stringify(await createExampleConfig(lp, profiles, mode)));
		const child = await runChild(process.execPath, [...args, config], { cwd: appDir });
		runs.set(mode, parse(child));
	}
	const config = join(oracleDir, 'config.json');
	writeFileSync(config, JSON.stringify(await createExampleConfig(lp, profiles, 'oracle')));
	const only = `--only=${ORACLE_USE_CASES.join(',')}`;
	const args = ['--no-experimental-fetch', 'run-all.cjs', config, only];
	runs.set('oracle', parse(await runChild(process.execPath, args, { cwd: oracleDir })));
});

afterAll(async () => {
	await lp?.close();
});

for (const { mode, label, fetch } of MODES) {
	describe(`README use cases in Node: ${label}`, () => {
		const run = () => runs.get(mode) as Run;

		it('loads the packed package from the app folder and the expected fetch', () => {
			const { header, child } = run();
			expect(header, child.stderr).toBeDefined();
			expect(header?.runner).toBe(mode);
			expect(header?.fetch).toBe(fetch);
			const resolved = (header?.package ?? '').replace(/^file:\/\//, '');
			expect(resolved).toBe(
				join(appDir, 'node_modules', 'amazon-cognito-identity-js', 'lib', 'index.js'),
			);
		});

		it.each(USE_CASES)('use case %s', (id) => {
			const line = run().lines.get(id);
			expect(line, `no report for use case ${id}\n${run().child.stderr}`).toBeDefined();
			expect(line?.outcome, line?.error ?? line?.reason).toBe('ok');
			expect(line?.details).toBeTypeOf('object');
		});

		it('reports nothing else and exits 0', () => {
			const { child, lines, summary } = run();
			expect([...lines.keys()].sort()).toEqual([...USE_CASES].sort());
			expect(summary).toEqual({ ok: USE_CASES.length, failed: 0, skipped: 0 });
			expect(child.code, child.stderr).toBe(0);
		});
	});
}

describe('the same examples on the original 6.3.21 (oracle)', () => {
	const run = () => runs.get('oracle') as Run;

	it.each(ORACLE_USE_CASES)('use case %s', (id) => {
		const line = run().lines.get(id);
		expect(line, `no report for use case ${id}\n${run().child.stderr}`).toBeDefined();
		expect(line?.outcome, line?.error ?? line?.reason).toBe('ok');
	});

	it('ran on the original package and exits 0', () => {
		const { child, header, summary } = run();
		expect(header?.package).toContain('original-cognito');
		expect(summary).toEqual({ ok: ORACLE_USE_CASES.length, failed: 0, skipped: 0 });
		expect(child.code, child.stderr).toBe(0);
	});
});
