// Packs the built package once per test process and installs the tarball into throwaway
// folders the way an application would see it (its runtime dependencies linked from ours).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');

let tarball: string | undefined;

/**
 * Builds lib/, es/ and dist/ when one is missing: `npm test` builds before vitest runs, but a
 * bare `vitest run` or `npm run bench` may find no build yet.
 */
export function ensureBuilt(): void {
	const outputs = ['lib/index.js', 'es/index.js', 'dist/amazon-cognito-identity.min.js'];
	if (outputs.every((file) => existsSync(join(ROOT, file)))) return;
	console.log('build missing: running scripts/build.mjs first');
	execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}

/** `npm pack` of the current build (run `npm run build` first); cached per process. */
export function packedTarball(): string {
	if (tarball) return tarball;
	const out = mkdtempSync(join(tmpdir(), 'cognito-pack-'));
	const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], {
		cwd: ROOT,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop() as string;
	tarball = join(out, name);
	return tarball;
}

/** Creates `dir/node_modules/amazon-cognito-identity-js` from the tarball, with its dependencies. */
export function installPacked(dir: string): string {
	const modules = join(dir, 'node_modules');
	const target = join(modules, 'amazon-cognito-identity-js');
	mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', packedTarball(), '-C', target, '--strip-components=1']);
	const pkg = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as {
		dependencies?: Record<string, string>;
	};
	for (const dep of Object.keys(pkg.dependencies ?? {})) {
		linkModule(modules, dep);
	}
	return target;
}

/** Links one of this repository's installed modules into another node_modules folder. */
export function linkModule(modules: string, name: string): void {
	const from = join(ROOT, 'node_modules', name);
	const to = join(modules, name);
	mkdirSync(join(to, '..'), { recursive: true });
	try {
		symlinkSync(from, to, 'dir');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
	}
}
