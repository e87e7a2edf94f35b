// @vitest-environment jsdom
import { createRequire } from 'node:module';
import Cookies from 'js-cookie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CookieStorage from '../../src/CookieStorage';
import type { ICookieStorageData } from '../../src/types';

const require = createRequire(import.meta.url);
type Store = {
	setItem(k: string, v: string): unknown;
	getItem(k: string): unknown;
	removeItem(k: string): unknown;
	clear(): unknown;
};
const OriginalCookieStorage = (
	require('original-cognito/lib/CookieStorage') as { default: unknown }
).default as new (data?: object) => Store & Record<string, unknown>;

const FIELDS = ['domain', 'path', 'expires', 'secure', 'sameSite'] as const;
const fieldsOf = (store: object): Record<string, unknown> =>
	Object.fromEntries(
		FIELDS.filter((f) => Object.prototype.hasOwnProperty.call(store, f)).map((f) => [
			f,
			(store as Record<string, unknown>)[f],
		]),
	);

function clearAllCookies(): void {
	for (const name of Object.keys(Cookies.get())) Cookies.remove(name, { path: '/' });
}

beforeEach(() => {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(new Date('2026-01-02T03:04:05Z'));
});

afterEach(() => {
	vi.restoreAllMocks();
	vi.useRealTimers();
	clearAllCookies();
});

describe('CookieStorage constructor', () => {
	it('has the documented defaults', () => {
		const store = new CookieStorage();
		expect(fieldsOf(store)).toEqual({ path: '/', expires: 365, secure: true, sameSite: null });
		expect('domain' in store).toBe(false);
	});

	const accepted: ICookieStorageData[] = [
		{},
		{ domain: 'example.com' },
		{ domain: '' },
		{ path: '/app' },
		{ path: '' },
		{ expires: 7 },
		{ expires: undefined },
		{ secure: false },
		{ secure: undefined },
		{ sameSite: 'lax' },
		{ sameSite: 'strict' },
		{ sameSite: 'none' },
		{ sameSite: 'lax', secure: false },
		{ domain: 'a.test', path: '/p', expires: 1, secure: true, sameSite: 'strict' },
	];
	for (const data of accepted) {
		it(`sets the same fields as the original for ${JSON.stringify(data)}`, () => {
			expect(fieldsOf(new CookieStorage(data))).toEqual(fieldsOf(new OriginalCookieStorage(data)));
		});
	}

	const rejected: Array<[unknown, string]> = [
		[
			{ sameSite: 'bogus' },
			'The sameSite value of cookieStorage must be "lax", "strict" or "none".',
		],
		[
			{ sameSite: undefined },
			'The sameSite value of cookieStorage must be "lax", "strict" or "none".',
		],
		[{ sameSite: 'Lax' }, 'The sameSite value of cookieStorage must be "lax", "strict" or "none".'],
		[
			{ sameSite: 'none', secure: false },
			'sameSite = None requires the Secure attribute in latest browser versions.',
		],
		[
			{ sameSite: 'none', secure: undefined },
			'sameSite = None requires the Secure attribute in latest browser versions.',
		],
	];
	for (const [data, message] of rejected) {
		it(`throws "${message}" for ${JSON.stringify(data)}, as the original`, () => {
			expect(() => new CookieStorage(data as ICookieStorageData)).toThrow(new Error(message));
			expect(() => new OriginalCookieStorage(data as object)).toThrow(new Error(message));
		});
	}
});

describe('CookieStorage methods', () => {
	function recordWrites(action: () => void): string[] {
		const writes: string[] = [];
		const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
		const spy = vi.spyOn(document, 'cookie', 'set').mockImplementation((value: string) => {
			writes.push(value);
			descriptor?.set?.call(document, value);
		});
		action();
		spy.mockRestore();
		return writes;
	}

	const configs: ICookieStorageData[] = [
		{},
		{ secure: false },
		{ path: '/', expires: 2, sameSite: 'lax' },
		{ domain: 'localhost', sameSite: 'none' },
		{ expires: undefined, secure: false },
	];
	for (const data of configs) {
		it(`writes and removes the same cookies as the original for ${JSON.stringify(data)}`, () => {
			const run = (store: Store): unknown[] => {
				const results: unknown[] = [];
				const writes = recordWrites(() => {
					results.push(store.setItem('CognitoIdentityServiceProvider.c.u.idToken', 'a b;c'));
					results.push(store.getItem('CognitoIdentityServiceProvider.c.u.idToken'));
					results.push(store.getItem('missing'));
					results.push(store.removeItem('CognitoIdentityServiceProvider.c.u.idToken'));
					results.push(store.getItem('CognitoIdentityServiceProvider.c.u.idToken'));
				});
				return [results, writes];
			};
			const ours = run(new CookieStorage(data));
			const theirs = run(new OriginalCookieStorage(data));
			expect(ours).toEqual(theirs);
			expect((ours[1] as string[]).length).toBe(2);
		});
	}

	it('returns what the browser kept from setItem, and null for a missing key', () => {
		const store = new CookieStorage({ secure: false });
		expect(store.setItem('k', 'v')).toBe('v');
		expect(store.getItem('k')).toBe('v');
		expect(store.getItem('nope')).toBeNull();
		store.removeItem('k');
		expect(store.getItem('k')).toBeNull();
	});

	it('clear removes every cookie and returns {}', () => {
		const store = new CookieStorage({ secure: false });
		store.setItem('a', '1');
		store.setItem('b', '2');
		expect(store.clear()).toEqual({});
		expect(Cookies.get()).toEqual({});
	});
});

describe('CookieStorage: cookies the browser may refuse (pitfall 7)', () => {
	it('warns about a value over the ~4 KB cookie limit', () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
		const store = new CookieStorage({ secure: false });
		const token = 'x'.repeat(5000);
		// jsdom keeps it, so the value is still returned; a real browser would drop it.
		expect(store.setItem('big', token)).toBe(token);
		expect(warn).toHaveBeenCalledTimes(1);
		expect(String(warn.mock.calls[0]?.[0])).toMatch(
			/"big" may not be kept: it is about 5003 bytes/,
		);
	});

	it('does not warn for normal sizes', () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
		new CookieStorage({ secure: false }).setItem('small', 'y'.repeat(3000));
		expect(warn).not.toHaveBeenCalled();
	});

	it('removes a stale older value when the browser refuses the new one', () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
		const store = new CookieStorage({ secure: false });
		store.setItem('tok', 'old-session');
		// Simulate a browser refusing the write: the old cookie stays.
		const set = vi.spyOn(Cookies, 'set').mockImplementation(() => undefined);
		expect(store.setItem('tok', 'x'.repeat(5000))).toBeUndefined();
		expect(set).toHaveBeenCalledTimes(1);
		expect(store.getItem('tok')).toBeNull();
		expect(String(warn.mock.calls[0]?.[0])).toContain('"tok" was not stored');
	});
});
