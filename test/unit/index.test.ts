import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as index from '../../src/index';

const require = createRequire(import.meta.url);

// The original's runtime export list, in its (TypeScript/ts-jest) order.
const ORIGINAL_EXPORTS = [
	'AuthenticationDetails',
	'AuthenticationHelper',
	'CognitoAccessToken',
	'CognitoIdToken',
	'CognitoRefreshToken',
	'CognitoUser',
	'CognitoUserAttribute',
	'CognitoUserPool',
	'CognitoUserSession',
	'CookieStorage',
	'DateHelper',
	'appendToCognitoUserAgent',
	'WordArray',
];

describe('index', () => {
	it('exports exactly the original runtime names', () => {
		// An ES module namespace lists its keys sorted, so compare as sets here...
		expect(Object.keys(index).sort()).toEqual([...ORIGINAL_EXPORTS].sort());
		const original = Object.keys(require('original-cognito') as object).filter(
			(k) => k !== '__esModule',
		);
		expect(Object.keys(index).sort()).toEqual(original.sort());
	});

	it('declares them in the original order (which CommonJS output preserves)', () => {
		const source = readFileSync(new URL('../../src/index.ts', import.meta.url), 'utf8');
		const declared = [...source.matchAll(/^export \{ (?:default as )?(\w+) \} from/gm)].map(
			(m) => m[1],
		);
		expect(declared).toEqual(ORIGINAL_EXPORTS);
	});

	it('exports functions and classes, nothing undefined', () => {
		for (const name of ORIGINAL_EXPORTS) {
			expect(typeof (index as Record<string, unknown>)[name]).toBe('function');
		}
	});
});
