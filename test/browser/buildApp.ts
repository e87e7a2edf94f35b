// Copies an example app into a throwaway folder next to the shared flows module, installs the
// packed package there like an application would, and builds it with the repository's bundler.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, installPacked, linkModule } from '../helpers/pack';

const run = promisify(execFile);

/** Returns the app folder inside a temp dir laid out like examples/ (app + the browser/ modules). */
export function copyExample(name: string): string {
	const tmp = mkdtempSync(join(tmpdir(), `cognito-${name}-`));
	const skip = (path: string) => !/[/\\](node_modules|dist)([/\\]|$)/.test(path);
	cpSync(join(ROOT, 'examples', name), join(tmp, name), {
		recursive: true,
		filter: (src) => skip(src.slice(join(ROOT, 'examples', name).length)),
	});
	// The shared modules: the flows and the sign-in app (its script-tag entry comes along too).
	const shared = join(ROOT, 'examples', 'browser');
	for (const file of readdirSync(shared).filter((name) => name.endsWith('.js'))) {
		cpSync(join(shared, file), join(tmp, 'browser', file));
	}
	installPacked(tmp);
	return join(tmp, name);
}

/** Links the bundler's packages into the app's node_modules and runs `bin` (relative to them). */
export async function build(appDir: string, link: string[], bin: string, args: string[]) {
	const modules = join(appDir, '..', 'node_modules');
	for (const name of link) linkModule(modules, name);
	return run(process.execPath, [join(modules, bin), ...args], {
		cwd: appDir,
		env: { ...process.env, NODE_ENV: 'production' },
		maxBuffer: 16 * 1024 * 1024,
	});
}

/** Code that has no business in a browser bundle: the Node seams and the fetch ponyfill. */
export const NODE_ONLY = /node:crypto|createDiffieHellman|cross-fetch/;

/**
 * Strings only amazon-cognito-identity-js/promises holds (step kinds and its own message); an
 * app that does not import it must contain none of them.
 */
export const PROMISES_ONLY =
	/factorSelection|mfaSelection|Verifying the TOTP code did not complete/;
