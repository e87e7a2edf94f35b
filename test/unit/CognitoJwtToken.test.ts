import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import CognitoAccessToken from '../../src/CognitoAccessToken';
import CognitoIdToken from '../../src/CognitoIdToken';
import CognitoJwtToken from '../../src/CognitoJwtToken';
import { base64Url, makeJwt } from './jwtFixture';

const require = createRequire(import.meta.url);
type Token = { jwtToken: string; payload: unknown };
const original = (name: string): new (arg?: unknown) => Token =>
	(require(`original-cognito/lib/${name}`) as { default: new (arg?: unknown) => Token }).default;

describe('CognitoJwtToken', () => {
	it('decodes a base64url payload with non-ASCII claims', () => {
		// '~~~' and '??>' give '-' / '_' characters in base64url.
		const claims = { sub: 'ü-é 🙂', exp: 2000, iat: 1000, odd: '~~~??>' };
		const jwt = makeJwt(claims);
		expect(jwt).toMatch(/[-_]/);
		const token = new CognitoJwtToken(jwt);
		expect(token.jwtToken).toBe(jwt);
		expect(token.getJwtToken()).toBe(jwt);
		expect(token.payload).toEqual(claims);
		expect(token.decodePayload()).toEqual(claims);
		expect(token.getExpiration()).toBe(2000);
		expect(token.getIssuedAt()).toBe(1000);
	});

	it.each([
		['no token', undefined],
		['empty', ''],
		['one segment', 'abc'],
		['invalid JSON', `a.${base64Url('{not json')}.c`],
		['garbage base64', 'a.!!!.c'],
	])('gives {} for %s, like the original', (_title, input) => {
		const token = new CognitoJwtToken(input);
		expect(token.payload).toEqual({});
		expect(token.jwtToken).toBe(input || '');
		expect(token.getExpiration()).toBeUndefined();
		expect(new (original('CognitoJwtToken'))(input).payload).toEqual({});
	});

	it('gives {} for a payload that is JSON but not an object', () => {
		expect(new CognitoJwtToken(`a.${base64Url('42')}.c`).payload).toEqual({});
		expect(new CognitoJwtToken(`a.${base64Url('null')}.c`).payload).toEqual({});
	});

	it('decodes the same payloads as the original', () => {
		for (const claims of [{ a: 1 }, { email: 'x@y.z', groups: ['a', 'b'] }, { s: '日本語' }]) {
			const jwt = makeJwt(claims);
			expect(new CognitoJwtToken(jwt).payload).toEqual(
				new (original('CognitoJwtToken'))(jwt).payload,
			);
		}
	});

	it('keeps its methods on the prototype', () => {
		for (const name of ['getJwtToken', 'getExpiration', 'getIssuedAt', 'decodePayload']) {
			expect(Object.prototype.hasOwnProperty.call(CognitoJwtToken.prototype, name)).toBe(true);
		}
	});
});

describe('CognitoAccessToken and CognitoIdToken', () => {
	const jwt = makeJwt({ token_use: 'access', exp: 5 });

	it('take the token from their own key', () => {
		const access = new CognitoAccessToken({ AccessToken: jwt });
		const id = new CognitoIdToken({ IdToken: jwt });
		expect(access).toBeInstanceOf(CognitoJwtToken);
		expect(id).toBeInstanceOf(CognitoJwtToken);
		expect(access.getJwtToken()).toBe(jwt);
		expect(id.getExpiration()).toBe(5);
	});

	it('are empty for a missing key, no argument, or a plain string, as the original', () => {
		const cases: unknown[] = [undefined, {}, jwt, { IdToken: jwt }];
		for (const input of cases) {
			const ours = new CognitoAccessToken(input as { AccessToken?: string });
			const theirs = new (original('CognitoAccessToken'))(input);
			expect(ours.jwtToken).toBe(theirs.jwtToken);
			expect(ours.jwtToken).toBe('');
		}
		expect(new CognitoIdToken({ AccessToken: jwt } as { IdToken?: string }).jwtToken).toBe('');
		expect(new CognitoIdToken().payload).toEqual({});
	});
});
