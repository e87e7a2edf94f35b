// Fails when the built package has an import cycle. A cycle makes a module see another one
// half-initialised (CommonJS hands out the unfinished `exports`), so the order in which an app
// first touches two classes could decide whether one of them is `undefined`.
// Walks every .js file of lib/ (require) and es/ (import/export), both as Node resolves them
// and with the package's `browser` map applied, as bundlers do.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// Lazy `import()` counts too: it still evaluates the target module once it runs.
const SPECIFIERS = [
	/\brequire\(\s*'(\.{1,2}\/[^']+)'\s*\)/g,
	/^\s*(?:import|export)\b[^;]*?\bfrom\s*'(\.{1,2}\/[^']+)'/gm,
	/^\s*import\s*'(\.{1,2}\/[^']+)'/gm,
	/\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g,
];

function jsFiles(dir: string): string[] {
	const out: string[] = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) out.push(...jsFiles(path));
		else if (name.endsWith('.js')) out.push(path);
	}
	return out;
}

function importsOf(file: string): string[] {
	// Comments go first (rollup keeps them on lines of their own), so a quoted import in one is
	// not an edge.
	const text = readFileSync(file, 'utf8')
		.replace(/\/\*[\s\S]*?\*\//g, '')
		.replace(/^\s*\/\/.*$/gm, '');
	const found = new Set<string>();
	for (const pattern of SPECIFIERS) {
		for (const match of text.matchAll(pattern)) {
			const target = resolve(dirname(file), match[1] as string);
			found.add(existsSync(target) ? target : `${target}.js`);
		}
	}
	return [...found];
}

/** Returns the first cycle found as a list of files (first === last), or undefined. */
export function findCycle(graph: Map<string, string[]>): string[] | undefined {
	// file -> 'open' while on the stack, 'done' once fully explored
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	function visit(file: string): string[] | undefined {
		state.set(file, 'open');
		stack.push(file);
		for (const next of graph.get(file) ?? []) {
			if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
			if (!state.has(next)) {
				const cycle = visit(next);
				if (cycle) return cycle;
			}
		}
		stack.pop();
		state.set(file, 'done');
		return undefined;
	}
	for (const file of graph.keys()) {
		if (!state.has(file)) {
			const cycle = visit(file);
			if (cycle) return cycle;
		}
	}
	return undefined;
}

// A file that `substitute` replaces is not part of that view; edges into it lead to its twin.
function buildGraph(files: string[], substitute: (file: string) => string): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const file of files) {
		if (substitute(file) !== file) continue;
		graph.set(
			file,
			importsOf(file).map((target) => substitute(target)),
		);
	}
	return graph;
}

/** Lists the import cycles of `root`'s built lib/ and es/, one message each. */
export function cyclesIn(root: string): string[] {
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
		browser?: Record<string, string>;
	};
	const browser = new Map(
		Object.entries(pkg.browser ?? {}).map(([from, to]) => [join(root, from), join(root, to)]),
	);
	const messages: string[] = [];
	for (const dir of ['lib', 'es']) {
		const base = join(root, dir);
		if (!existsSync(base)) {
			messages.push(`${dir}/ is missing; run the build first`);
			continue;
		}
		const files = jsFiles(base);
		const views: Array<[string, (file: string) => string]> = [
			['node', (file) => file],
			['browser', (file) => browser.get(file) ?? file],
		];
		for (const [label, substitute] of views) {
			const cycle = findCycle(buildGraph(files, substitute));
			if (cycle) {
				const path = cycle.map((file) => relative(root, file)).join(' -> ');
				messages.push(`import cycle in ${dir}/ (${label}): ${path}`);
			}
		}
	}
	return messages;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const messages = cyclesIn(ROOT);
	for (const message of messages) console.error(`check-cycles: ${message}`);
	if (messages.length > 0) process.exit(1);
	console.log('check-cycles: lib/ and es/ have no import cycle');
}
