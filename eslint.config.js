// @ts-check
const { builtinModules } = require('node:module');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

// The library runs in browsers and React Native too: Node's modules and its `Buffer` global are
// allowed only in the platform seams (CONTRIBUTING.md, "Platform seams"), which have browser
// twins or a runtime guard.
const PLATFORM_SEAMS = [
	'src/utils/cryptoSecureRandomInt.ts',
	'src/utils/fetch.ts',
	'src/utils/fastModPow.ts',
	'src/StorageHelper.ts',
	'src/StorageHelper-rn.ts',
];
const NODE_ONLY = 'exists only in Node: use a platform API, or a platform seam (CONTRIBUTING.md).';
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));

module.exports = tseslint.config(
	{
		ignores: [
			'node_modules/**',
			'lib/**',
			'es/**',
			'dist/**',
			'coverage/**',
			'examples/*/dist/**',
			'examples/*/node_modules/**',
		],
	},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		languageOptions: {
			globals: {
				console: 'readonly',
				process: 'readonly',
				require: 'readonly',
				module: 'writable',
				__dirname: 'readonly',
				setTimeout: 'readonly',
				clearTimeout: 'readonly',
				URL: 'readonly',
			},
		},
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
			],
		},
	},
	{
		files: ['src/**/*.ts'],
		extends: [tseslint.configs.recommendedTypeChecked],
		languageOptions: {
			parserOptions: { projectService: true, tsconfigRootDir: __dirname },
		},
		rules: {
			'@typescript-eslint/no-explicit-any': 'error',
		},
	},
	{
		files: ['src/**/*.ts'],
		ignores: PLATFORM_SEAMS,
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: nodeBuiltins.map((name) => ({ name, message: `'${name}' ${NODE_ONLY}` })),
					patterns: [{ group: ['node:*'], message: `This module ${NODE_ONLY}` }],
				},
			],
			'no-restricted-globals': ['error', { name: 'Buffer', message: `Buffer ${NODE_ONLY}` }],
			'no-restricted-properties': [
				'error',
				{ object: 'globalThis', property: 'Buffer', message: `Buffer ${NODE_ONLY}` },
			],
		},
	},
	// Application code written against the original's declarations, which used `any` and
	// `Object`: it must keep their spelling to prove ours accept it.
	{
		files: ['test/package/typings/**/*.ts'],
		rules: {
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-wrapper-object-types': 'off',
		},
	},
	{
		files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
);
