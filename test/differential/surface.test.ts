// Applications spy on prototypes (`jest.spyOn(CognitoUser.prototype, 'getSession')`) and call
// internal-looking methods; every method the original has must be on our prototypes too.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as ours from '../../src/index';
import Client from '../../src/Client';
import BigInteger from '../../src/BigInteger';
import StorageHelper, { MemoryStorage } from '../../src/StorageHelper';

const require = createRequire(import.meta.url);
type Ctor = { prototype: object } & Record<string, unknown>;
const original = (path: string): Ctor => {
	const mod = require(`original-cognito/lib/${path}`) as { default: Ctor };
	return mod.default;
};

const methodsOf = (proto: object): string[] =>
	Object.getOwnPropertyNames(proto).filter(
		(name) =>
			name !== 'constructor' &&
			typeof Object.getOwnPropertyDescriptor(proto, name)?.value === 'function',
	);

const mine: Record<string, unknown> = { ...ours, Client, BigInteger, StorageHelper };
const pairs: [string, Ctor, Ctor][] = [
	'CognitoUser',
	'CognitoUserPool',
	'AuthenticationHelper',
	'AuthenticationDetails',
	'CognitoUserSession',
	'CognitoUserAttribute',
	'CognitoAccessToken',
	'CognitoIdToken',
	'CognitoRefreshToken',
	'CookieStorage',
	'DateHelper',
	'Client',
	'BigInteger',
	'StorageHelper',
].map((name) => [name, mine[name] as Ctor, original(name)]);

/** jsbn's protected helpers (digit arrays, Montgomery, Barrett) have no meaning over bigint. */
const JSBN_INTERNALS = new Set([
	'am',
	'copyTo',
	'fromInt',
	'fromString',
	'clamp',
	'dlShiftTo',
	'drShiftTo',
	'lShiftTo',
	'rShiftTo',
	'subTo',
	'multiplyTo',
	'squareTo',
	'divRemTo',
	'invDigit',
	'addTo',
]);

describe('public surface compared with the original', () => {
	it.each(pairs)('%s has every prototype method of the original', (name, mine, theirs) => {
		const inherited = (proto: object | null): string[] =>
			proto && proto !== Object.prototype
				? [...methodsOf(proto), ...inherited(Object.getPrototypeOf(proto))]
				: [];
		const have = new Set(inherited(mine.prototype));
		const missing = methodsOf(theirs.prototype).filter(
			(method) => !have.has(method) && !(name === 'BigInteger' && JSBN_INTERNALS.has(method)),
		);
		expect(missing).toEqual([]);
	});

	// Apps see, spy on and enumerate these prototypes; our machinery lives in src/user/ instead.
	// New methods are documented in README and CHANGELOG (issue 12: choice-based sign-in,
	// one-time codes, email MFA set-up, auth factors, the sign-in Session).
	const NEW_METHODS: Record<string, string[]> = {
		CognitoUser: [
			'sendChallengeSelection',
			'sendOtpCode',
			'setupEmailMfa',
			'getChallengeSession',
			'getUserAuthFactors',
			// Issue 13: passkeys.
			'startWebAuthnRegistration',
			'completeWebAuthnRegistration',
			'registerPasskey',
			'listWebAuthnCredentials',
			'deleteWebAuthnCredential',
			'sendWebAuthnCredential',
		],
		CognitoUserPool: [],
	};
	it.each(Object.keys(NEW_METHODS))(
		'%s.prototype has exactly the original own names plus documented new methods',
		(name) => {
			const [, ours, theirs] = pairs.find(([n]) => n === name) as [string, Ctor, Ctor];
			const expected = [
				...Object.getOwnPropertyNames(theirs.prototype),
				...(NEW_METHODS[name] ?? []),
			];
			expect(Object.getOwnPropertyNames(ours.prototype).sort()).toEqual(expected.sort());
		},
	);

	it('every new method is documented in README and CHANGELOG', () => {
		const docs = ['README.md', 'CHANGELOG.md'].map((file) =>
			readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'),
		);
		const undocumented = Object.values(NEW_METHODS)
			.flat()
			.filter((method) => docs.some((text) => !text.includes(`${method}(`)));
		expect(undocumented).toEqual([]);
	});

	it('keeps fromInt on BigInteger, which callers use to build small values', () => {
		const value = new BigInteger(null);
		value.fromInt(42);
		expect(value.toString(16)).toBe('2a');
	});

	it('keeps the static MemoryStorage API', () => {
		const theirs = require('original-cognito/lib/StorageHelper') as {
			MemoryStorage: Record<string, unknown>;
		};
		const statics = Object.getOwnPropertyNames(theirs.MemoryStorage).filter(
			(key) => typeof theirs.MemoryStorage[key] === 'function',
		);
		for (const key of statics) {
			expect(typeof (MemoryStorage as unknown as Record<string, unknown>)[key], key).toBe(
				'function',
			);
		}
	});

	it('puts no functions on instances, so prototype spies intercept every call', () => {
		const pool = new ours.CognitoUserPool({ UserPoolId: 'us-east-1_abc', ClientId: 'client' });
		const user = new ours.CognitoUser({ Username: 'jane', Pool: pool });
		for (const instance of [pool, user, pool.client, new ours.AuthenticationHelper('abc')]) {
			// `storage` may hold the MemoryStorage class itself, as in the original.
			const ownFunctions = Object.entries(instance).filter(
				([k, v]) => typeof v === 'function' && !(k === 'storage' && v === MemoryStorage),
			);
			expect(ownFunctions.map(([k]) => k)).toEqual([]);
		}
	});
});
