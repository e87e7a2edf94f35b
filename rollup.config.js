// Builds lib/ (CommonJS), es/ (ES modules) and the two UMD files in dist/.
// Run through scripts/build.mjs, which also emits the type declarations.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import typescript from '@rollup/plugin-typescript';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
// lib/ and es/ import these rather than bundle them: the dependencies and Node's built-ins
// (the Node seams import 'crypto').
const externals = Object.keys(pkg.dependencies ?? {});
const isBuiltin = (id) => id.startsWith('node:') || builtinModules.includes(id);

/** Every source module becomes its own output file, so deep imports such as lib/BigInteger work. */
function sourceFiles(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
	});
}
const inputs = Object.fromEntries(
	sourceFiles('src').map((file) => [relative('src', file).replace(/\.ts$/, ''), file]),
);

/**
 * Platform seams: the browser build swaps these modules for their `.browser` twins (React Native
 * uses the same twins, except for utf8Decode: see package.json's `react-native` map).
 */
const seams = [
	'utils/cryptoSecureRandomInt',
	'utils/fetch',
	'utils/fastModPow',
	'utils/utf8Decode',
];

function browserSeams() {
	return {
		name: 'browser-seams',
		async resolveId(source, importer, options) {
			const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
			if (!resolved) return null;
			for (const seam of seams) {
				if (resolved.id.endsWith(`src/${seam}.ts`)) {
					return resolved.id.replace(/\.ts$/, '.browser.ts');
				}
			}
			return resolved;
		},
	};
}

const ts = () =>
	typescript({
		tsconfig: './tsconfig.json',
		compilerOptions: { noEmit: false, declaration: false, target: 'ES2020' },
		include: ['src/**/*.ts'],
	});

const banner = `/*! amazon-cognito-identity-js ${pkg.version} | Apache-2.0 */`;

export default [
	{
		input: inputs,
		external: (id) =>
			externals.some((dep) => id === dep || id.startsWith(`${dep}/`)) || isBuiltin(id),
		plugins: [ts()],
		output: [
			{
				dir: 'lib',
				format: 'cjs',
				preserveModules: true,
				preserveModulesRoot: 'src',
				exports: 'named',
				esModule: true,
				dynamicImportInCjs: false,
				entryFileNames: '[name].js',
				generatedCode: { preset: 'es2015', symbols: false },
			},
			{
				dir: 'es',
				format: 'es',
				preserveModules: true,
				preserveModulesRoot: 'src',
				entryFileNames: '[name].js',
				generatedCode: { preset: 'es2015', symbols: false },
			},
		],
	},
	{
		// The promise face for a script tag: loaded after the main file, it adds
		// `AmazonCognitoIdentity.promises` and leaves the main file as it was.
		input: 'src/promises/index.ts',
		plugins: [browserSeams(), nodeResolve({ browser: true, preferBuiltins: false }), ts()],
		output: {
			file: 'dist/amazon-cognito-identity-promises.js',
			format: 'umd',
			name: 'AmazonCognitoIdentity.promises',
			extend: true,
			banner,
			generatedCode: { preset: 'es2015', symbols: false },
		},
	},
	{
		input: 'src/index.ts',
		plugins: [browserSeams(), nodeResolve({ browser: true, preferBuiltins: false }), ts()],
		output: [
			{
				file: 'dist/amazon-cognito-identity.js',
				format: 'umd',
				name: 'AmazonCognitoIdentity',
				banner,
				generatedCode: { preset: 'es2015', symbols: false },
			},
			{
				file: 'dist/amazon-cognito-identity.min.js',
				format: 'umd',
				name: 'AmazonCognitoIdentity',
				banner,
				generatedCode: { preset: 'es2015', symbols: false },
				plugins: [
					terser({
						ecma: 2020,
						compress: {
							passes: 3,
							// Turning these rewrites off leaves repeated shapes that gzip -9 packs
							// tighter than the shorter rewritten code (about 120 B of the gzip figure).
							comparisons: false,
							conditionals: false,
							if_return: false,
						},
						format: { comments: /^!/, ascii_only: true },
					}),
				],
			},
		],
	},
];
