// Full build: rollup (lib/, es/, dist/), then declarations from the sources into lib/ and es/.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });

for (const dir of ['lib', 'es', 'dist']) rmSync(dir, { recursive: true, force: true });
run(bin('rollup'), ['-c', 'rollup.config.js', '--bundleConfigAsCjs', '--silent']);
run(bin('tsc'), ['-p', 'tsconfig.build.json']);

// Declarations keep the sources' extensionless imports; under Node's ESM rules (es/ is
// "type": "module") those do not resolve, so point each one at its `.js` file explicitly.
function withExtensions(file, text) {
	return text.replace(
		/(from\s+|import\()(['"])(\.{1,2}\/[^'"]*)\2/g,
		(match, lead, quote, spec) => {
			if (/\.(js|json)$/.test(spec)) return match;
			const base = resolve(dirname(file), spec);
			if (existsSync(`${base}.d.ts`)) return `${lead}${quote}${spec}.js${quote}`;
			if (existsSync(join(base, 'index.d.ts'))) return `${lead}${quote}${spec}/index.js${quote}`;
			return match;
		},
	);
}
function copyDeclarations(from, to) {
	for (const name of readdirSync(from)) {
		const path = join(from, name);
		if (statSync(path).isDirectory()) copyDeclarations(path, join(to, name));
		else if (name.endsWith('.d.ts')) {
			const text = withExtensions(path, readFileSync(path, 'utf8'));
			writeFileSync(path, text);
			writeFileSync(join(to, name), text);
		}
	}
}
// es/ holds ES modules; tell Node so, and give it the same declarations as lib/.
// Bundlers (webpack, Vite, Metro) read the `browser` / `react-native` maps from the nearest
// package.json, which for es/ files is this one, so it must carry the seam mappings for es/.
const rootPkg = JSON.parse(readFileSync('package.json', 'utf8'));
const esPkg = { type: 'module' };
for (const field of ['browser', 'react-native']) {
	const map = {};
	for (const [from, to] of Object.entries(rootPkg[field] ?? {})) {
		if (from.startsWith('./es/') && to.startsWith('./es/')) {
			map[`./${from.slice(5)}`] = `./${to.slice(5)}`;
		}
	}
	if (Object.keys(map).length > 0) esPkg[field] = map;
}
writeFileSync('es/package.json', `${JSON.stringify(esPkg, null, '\t')}\n`);
copyDeclarations('lib', 'es');
console.log('build: lib/, es/, dist/ written');
