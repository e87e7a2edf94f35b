// The typings are part of the drop-in: application code written against the original's
// index.d.ts (test/package/typings/*.ts) must compile unchanged against the PACKED package, in
// strict and non-strict projects, under `bundler` and `node16` resolution. The same files are
// compiled against the original's typings first, which proves they are written against them.
import { execFile } from 'node:child_process';
import {
	copyFileSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, installPacked } from '../helpers/pack';

const run = promisify(execFile);
const FIXTURE = join(ROOT, 'test', 'package', 'typings');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const APP_FILES = readdirSync(FIXTURE).filter((name) => name.endsWith('.ts'));

/**
 * Errors that only branch `user` can fix (CognitoUser's published internals, its narrowed
 * callback types and setAuthenticationFlowType's return), listed so that nothing else slips in
 * meanwhile. Once it has merged, this list must be empty: a drop-in has none.
 */

type Resolution = 'bundler' | 'node16';
interface Project {
	strict: boolean;
	resolution: Resolution;
}
const PROJECTS: Project[] = [
	{ strict: true, resolution: 'bundler' },
	{ strict: true, resolution: 'node16' },
	{ strict: false, resolution: 'bundler' },
	{ strict: false, resolution: 'node16' },
];
const label = (p: Project): string => `${p.strict ? 'strict' : 'non-strict'}, ${p.resolution}`;

/** Writes the project file for `p` into `dir` and returns its name. */
function writeProject(dir: string, p: Project, files: string[]): string {
	const name = `tsconfig.${p.strict ? 'strict' : 'loose'}.${p.resolution}.json`;
	const compilerOptions = {
		strict: p.strict,
		target: 'ES2020',
		module: p.resolution === 'bundler' ? 'ESNext' : 'node16',
		moduleResolution: p.resolution,
		lib: ['ES2020', 'DOM'],
		types: [],
		skipLibCheck: false,
		noEmit: true,
	};
	writeFileSync(join(dir, name), JSON.stringify({ compilerOptions, files }, null, '\t'));
	return name;
}

/** The compiler's error lines (`file(line,col): error TSnnnn: …`), without the message tail. */
async function compileErrors(dir: string, project: string): Promise<string[]> {
	let output = '';
	try {
		await run(process.execPath, [TSC, '-p', project, '--pretty', 'false'], { cwd: dir });
	} catch (error) {
		const e = error as { stdout?: string; stderr?: string };
		output = `${e.stdout ?? ''}${e.stderr ?? ''}`;
	}
	return output
		.split('\n')
		.filter((line) => / error TS\d+/.test(line))
		.map((line) => line.trim());
}

/** A folder holding the app files and, as `amazon-cognito-identity-js`, the given package. */
function appFolder(root: string, name: string, install: (dir: string) => void): string {
	const dir = join(root, name);
	mkdirSync(dir, { recursive: true });
	install(dir);
	for (const file of [...APP_FILES, 'package.json'])
		copyFileSync(join(FIXTURE, file), join(dir, file));
	return dir;
}

describe('application code written against the original typings', () => {
	let root = '';
	let ours = '';
	let original = '';

	beforeAll(() => {
		root = mkdtempSync(join(tmpdir(), 'cognito-typings-'));
		ours = appFolder(root, 'ours', (dir) => installPacked(dir));
		original = appFolder(root, 'original', (dir) => {
			mkdirSync(join(dir, 'node_modules'));
			symlinkSync(
				join(ROOT, 'node_modules', 'original-cognito'),
				join(dir, 'node_modules', 'amazon-cognito-identity-js'),
				'dir',
			);
		});
	});
	afterAll(() => {
		if (root) rmSync(root, { recursive: true, force: true });
	});

	it('covers every class of the original declarations', () => {
		expect(APP_FILES.sort()).toEqual([
			'extend.ts',
			'misc.ts',
			'pool.ts',
			'storage.ts',
			'tokens.ts',
			'user.ts',
		]);
	});

	it.each(PROJECTS)(
		'compile against the original typings (strict: $strict, $resolution)',
		async (p) => {
			const errors = await compileErrors(original, writeProject(original, p, APP_FILES));
			expect(errors, label(p)).toEqual([]);
		},
	);

	it.each(PROJECTS)(
		'compile against the packed package (strict: $strict, $resolution)',
		async (p) => {
			const errors = await compileErrors(ours, writeProject(ours, p, APP_FILES));
			expect(errors, label(p)).toEqual([]);
		},
	);

	it('are really type-checked: a misuse fails against both', async () => {
		const misuse = [
			"import { CognitoUserPool } from 'amazon-cognito-identity-js';",
			"const pool = new CognitoUserPool({ UserPoolId: 'us-east-1_a', ClientId: 'c' });",
			'export const id: number = pool.getUserPoolId();',
			'',
		].join('\n');
		const p: Project = { strict: true, resolution: 'node16' };
		for (const dir of [original, ours]) {
			writeFileSync(join(dir, 'misuse.ts'), misuse);
			const errors = await compileErrors(dir, writeProject(dir, p, ['misuse.ts']));
			expect(errors).toEqual([
				expect.stringMatching(
					/^misuse\.ts\(3,14\): error TS2322: Type 'string' is not assignable to type 'number'/,
				),
			]);
		}
	});
});
