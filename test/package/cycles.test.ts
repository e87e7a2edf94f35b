// The import-cycle check that `npm test` runs on the build (scripts/check-cycles.ts): it finds
// cycles in CommonJS and ESM output, including one that only the `browser` map closes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cyclesIn, findCycle } from '../../scripts/check-cycles';

const roots: string[] = [];

function fakePackage(files: Record<string, string>, browser: Record<string, string> = {}): string {
	const root = mkdtempSync(join(tmpdir(), 'cognito-cycles-'));
	roots.push(root);
	const all = { 'lib/index.js': '', 'es/index.js': '', ...files };
	for (const [path, text] of Object.entries(all)) {
		mkdirSync(dirname(join(root, path)), { recursive: true });
		writeFileSync(join(root, path), text);
	}
	writeFileSync(join(root, 'package.json'), JSON.stringify({ browser }));
	return root;
}

afterEach(() => {
	for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('the import-cycle check of the build', () => {
	it('finds a cycle and returns it closed, from a graph', () => {
		const graph = new Map([
			['a', ['b']],
			['b', ['c']],
			['c', ['b']],
		]);
		expect(findCycle(graph)).toEqual(['b', 'c', 'b']);
		expect(
			findCycle(
				new Map([
					['a', ['b']],
					['b', []],
				]),
			),
		).toBeUndefined();
	});

	it('reports a require cycle in lib/ and an import cycle in es/', () => {
		const root = fakePackage({
			'lib/a.js': "const b = require('./b.js');\n",
			'lib/b.js': "const a = require('./a.js');\n",
			'es/x.js': "import { y } from './sub/y.js';\n",
			'es/sub/y.js': "export { x } from '../x.js';\n",
		});
		expect(cyclesIn(root)).toEqual([
			'import cycle in lib/ (node): lib/a.js -> lib/b.js -> lib/a.js',
			'import cycle in lib/ (browser): lib/a.js -> lib/b.js -> lib/a.js',
			'import cycle in es/ (node): es/sub/y.js -> es/x.js -> es/sub/y.js',
			'import cycle in es/ (browser): es/sub/y.js -> es/x.js -> es/sub/y.js',
		]);
	});

	it('sees a cycle that only the browser twin closes, and ignores imports in comments', () => {
		const root = fakePackage(
			{
				'lib/a.js': "require('./seam.js');\n",
				'lib/seam.js': "// require('./a.js') would be a cycle, but this is a comment\n",
				'lib/seam.browser.js': "const a = require('./a.js');\n",
			},
			{ './lib/seam.js': './lib/seam.browser.js' },
		);
		expect(cyclesIn(root)).toEqual([
			'import cycle in lib/ (browser): lib/a.js -> lib/seam.browser.js -> lib/a.js',
		]);
	});

	it('says so when the build is missing', () => {
		const root = fakePackage({});
		rmSync(join(root, 'es'), { recursive: true });
		expect(cyclesIn(root)).toEqual(['es/ is missing; run the build first']);
	});
});
