// Package hygiene: what npm publishes resolves for require, import, bundlers and TypeScript,
// and the browser builds carry no Node-only code.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, installPacked, packedTarball } from '../helpers/pack';

const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
const NODE_ONLY =
	/node:crypto|require\(["']crypto["']\)|createDiffieHellman|cross-fetch|node-fetch/;

/** Follows relative imports from `entry`, applying the package's `browser` field mapping. */
function browserGraph(entry: string, browserMap: Record<string, string>): Map<string, string> {
	const seen = new Map<string, string>();
	const visit = (file: string) => {
		const rel = `./${file.slice(ROOT.length + 1)}`;
		const mapped = browserMap[rel] ? resolve(ROOT, browserMap[rel]) : file;
		if (seen.has(mapped)) return;
		const text = readFileSync(mapped, 'utf8');
		seen.set(mapped, text);
		for (const match of text.matchAll(
			/(?:from|import|require)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g,
		)) {
			visit(resolve(dirname(mapped), match[1] as string));
		}
	};
	visit(entry);
	return seen;
}

describe('published package', () => {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
		browser: Record<string, string>;
		dependencies: Record<string, string>;
	};

	it('keeps Node-only code out of dist/', () => {
		for (const file of ['amazon-cognito-identity.js', 'amazon-cognito-identity.min.js']) {
			const text = readFileSync(join(ROOT, 'dist', file), 'utf8');
			expect(text, file).not.toMatch(NODE_ONLY);
		}
		// Comments may name it; the minified code must not use it.
		const minified = readFileSync(join(ROOT, 'dist', 'amazon-cognito-identity.min.js'), 'utf8');
		expect(minified).not.toMatch(/\bBuffer\b/);
	});

	it('keeps Node-only code out of the module graph bundlers build for the browser', () => {
		for (const entry of ['es/index.js', 'lib/index.js']) {
			const graph = browserGraph(join(ROOT, entry), pkg.browser);
			expect(graph.size).toBeGreaterThan(5);
			for (const [file, text] of graph) {
				expect(text, file).not.toMatch(/node:crypto|require\(["']crypto["']\)|createDiffieHellman/);
			}
		}
	});

	it("loads Node's crypto module as 'crypto', so module mocks and aliases reach it", () => {
		// A stand-in for what jest.mock('crypto') does: answer the request for 'crypto' only.
		const script = `
			const Module = require('node:module');
			const load = Module._load;
			Module._load = function (request, ...rest) {
				if (request === 'crypto') return { randomBytes: () => Buffer.from([5, 1, 0, 0]) };
				return load.call(this, request, ...rest);
			};
			delete globalThis.crypto;
			const seam = require(${JSON.stringify(join(ROOT, 'lib', 'utils', 'cryptoSecureRandomInt.js'))});
			process.stdout.write(String(seam.default()));
		`;
		expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })).toBe('261');
		const esm = readFileSync(join(ROOT, 'es', 'utils', 'cryptoSecureRandomInt.js'), 'utf8');
		expect(esm).toMatch(/from 'crypto'/);
		expect(esm).not.toMatch(/from 'node:crypto'/);
	});

	it('maps every platform seam to a browser twin that exists', () => {
		for (const [from, to] of Object.entries(pkg.browser)) {
			expect(existsSync(join(ROOT, from)), from).toBe(true);
			expect(existsSync(join(ROOT, to)), to).toBe(true);
		}
	});

	it('declares only runtime dependencies that the built code imports', () => {
		const built = readdirSync(join(ROOT, 'lib'), { recursive: true })
			.map(String)
			.filter((f) => f.endsWith('.js'))
			.map((f) => readFileSync(join(ROOT, 'lib', f), 'utf8'))
			.join('\n');
		for (const dep of Object.keys(pkg.dependencies)) {
			// The package itself or one of its subpaths (@noble/hashes/sha2).
			expect(built, dep).toMatch(
				new RegExp(`require\\(['"]${dep}(/[^'"]+)?['"]\\)|import\\(['"]${dep}(/[^'"]+)?['"]\\)`),
			);
		}
		for (const allowed of Object.keys(pkg.dependencies)) {
			expect(['cross-fetch', 'js-cookie', 'buffer', 'crypto-js', '@noble/hashes']).toContain(
				allowed,
			);
		}
	});

	it('passes publint', () => {
		const out = execFileSync(bin('publint'), ['run', packedTarball()], {
			cwd: ROOT,
			encoding: 'utf8',
		});
		expect(out).not.toMatch(/^Errors:/m);
		// The one accepted warning: deep imports of lib/ keep the original's CommonJS shape
		// (`exports.default` beside `__esModule`), which code written for the original relies on.
		const warnings = out
			.split('\n')
			.filter((line) => /^\d+\. /.test(line) && out.indexOf(line) < out.indexOf('Suggestions:'))
			.filter(
				(line) =>
					!/pkg\.exports\["\.\/lib\/\*(\.js)?"\]\.default sets both exports\.__esModule/.test(line),
			);
		expect(warnings).toEqual([]);
	});

	it('passes Are The Types Wrong for every entry point', () => {
		const out = execFileSync(bin('attw'), [packedTarball(), '--format', 'ascii', '--no-emoji'], {
			cwd: ROOT,
			encoding: 'utf8',
		});
		expect(out).toMatch(/No problems found/);
	});

	it('loads through require and import in Node', () => {
		const dir = mkdtempSync(join(tmpdir(), 'cognito-node-'));
		installPacked(dir);
		// The seed README's `import AmazonCognitoIdentity from '…'` must keep working in Node, as it
		// does with the original (CommonJS, whose default import is the whole exports object).
		const script = `
			const cjs = require('amazon-cognito-identity-js');
			import('amazon-cognito-identity-js').then((esm) => {
				console.log(JSON.stringify({
					cjs: Object.keys(cjs),
					esm: Object.keys(esm).filter((k) => k !== 'default' && k !== '__esModule'),
					sameDefault: esm.default === cjs,
				}));
			});`;
		writeFileSync(join(dir, 'check.cjs'), script);
		const out = JSON.parse(execFileSync('node', ['check.cjs'], { cwd: dir, encoding: 'utf8' })) as {
			cjs: string[];
			esm: string[];
			sameDefault: boolean;
		};
		expect(out.cjs).toContain('CognitoUserPool');
		expect(out.sameDefault).toBe(true);
		expect([...out.esm].sort()).toEqual([...out.cjs].sort());
	});
});
