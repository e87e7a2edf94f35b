// Full build: rollup (lib/, es/, dist/), then declarations from the sources into lib/ and es/.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });

for (const dir of ['lib', 'es', 'dist']) rmSync(dir, { recursive: true, force: true });
run(bin('rollup'), ['-c', 'rollup.config.js', '--bundleConfigAsCjs', '--silent']);
run(bin('tsc'), ['-p', 'tsconfig.build.json']);

// es/ holds ES modules; tell Node so, and give it the same declarations as lib/.
writeFileSync('es/package.json', '{ "type": "module" }\n');
function copyDeclarations(from, to) {
	for (const name of readdirSync(from)) {
		const path = join(from, name);
		if (statSync(path).isDirectory()) copyDeclarations(path, join(to, name));
		else if (name.endsWith('.d.ts')) cpSync(path, join(to, name));
	}
}
copyDeclarations('lib', 'es');
console.log('build: lib/, es/, dist/ written');
