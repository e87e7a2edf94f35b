// @vitest-environment jsdom
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import StorageHelper, { MemoryStorage, setDefaultStorageFactory } from '../../src/StorageHelper';

const require = createRequire(import.meta.url);
type StaticStore = {
	setItem(k: string, v: unknown): unknown;
	getItem(k: string): unknown;
	removeItem(k: string): unknown;
	clear(): unknown;
};
const Original = require('original-cognito/lib/StorageHelper') as {
	default: new () => { getStorage(): unknown };
	MemoryStorage: StaticStore;
};

afterEach(() => {
	vi.restoreAllMocks();
	vi.unstubAllGlobals();
	setDefaultStorageFactory(null);
	MemoryStorage.clear();
	window.localStorage.clear();
});

describe('MemoryStorage (static, shared)', () => {
	it('returns the same values as the original for the same calls', () => {
		const ops: Array<[keyof StaticStore, ...string[]]> = [
			['getItem', 'missing'],
			['setItem', 'k', 'v'],
			['getItem', 'k'],
			['setItem', 'k', 'w'],
			['getItem', 'k'],
			['removeItem', 'k'],
			['removeItem', 'never-set'],
			['getItem', 'k'],
			['setItem', 'a', '1'],
			['clear'],
			['getItem', 'a'],
			['getItem', 'toString'],
		];
		const run = (store: StaticStore): unknown[] =>
			ops.map(([op, ...args]) => (store[op] as (...a: string[]) => unknown)(...args));
		const ours = run(MemoryStorage as unknown as StaticStore);
		expect(ours).toEqual(run(Original.MemoryStorage));
		expect(ours).toEqual([
			undefined,
			'v',
			'v',
			'w',
			'w',
			true,
			true,
			undefined,
			'1',
			{},
			undefined,
			undefined,
		]);
	});

	it('is one store for every caller of the static API', () => {
		MemoryStorage.setItem('shared', 'x');
		const chosen = (() => {
			vi.stubGlobal('window', undefined);
			return new StorageHelper().getStorage();
		})();
		expect(chosen).toBe(MemoryStorage);
		expect(chosen.getItem('shared')).toBe('x');
	});
});

describe('MemoryStorage instances (for servers with many users)', () => {
	it('keep their own data, apart from each other and from the static store', () => {
		const a = new MemoryStorage();
		const b = new MemoryStorage();
		expect(a.setItem('k', 'a')).toBe('a');
		b.setItem('k', 'b');
		MemoryStorage.setItem('k', 'static');
		expect(a.getItem('k')).toBe('a');
		expect(b.getItem('k')).toBe('b');
		expect(MemoryStorage.getItem('k')).toBe('static');
		expect(a.getItem('missing')).toBeUndefined();
		expect(a.removeItem('k')).toBe(true);
		expect(a.getItem('k')).toBeUndefined();
		expect(b.clear()).toEqual({});
		expect(b.getItem('k')).toBeUndefined();
		expect(MemoryStorage.getItem('k')).toBe('static');
	});

	it('treats keys such as __proto__ as plain keys', () => {
		const store = new MemoryStorage();
		store.setItem('__proto__', 'p');
		expect(store.getItem('__proto__')).toBe('p');
		expect(MemoryStorage.getItem('__proto__')).toBeUndefined();
	});
});

describe('StorageHelper', () => {
	it('picks window.localStorage when it works, probing with the original key', () => {
		const setItem = vi.spyOn(Storage.prototype, 'setItem');
		const removeItem = vi.spyOn(Storage.prototype, 'removeItem');
		const storage = new StorageHelper().getStorage();
		expect(storage).toBe(window.localStorage);
		expect(setItem).toHaveBeenCalledWith('aws.cognito.test-ls', 1);
		expect(removeItem).toHaveBeenCalledWith('aws.cognito.test-ls');
		expect(window.localStorage.getItem('aws.cognito.test-ls')).toBeNull();
		expect(storage.getItem('')).toBeNull();
	});

	it('agrees with the original in jsdom', () => {
		expect(new Original.default().getStorage()).toBe(new StorageHelper().getStorage());
	});

	it('falls back to MemoryStorage when setItem throws QuotaExceededError', () => {
		vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
			throw new DOMException('quota', 'QuotaExceededError');
		});
		expect(new StorageHelper().getStorage()).toBe(MemoryStorage);
	});

	it('falls back when merely reading localStorage throws (sandboxed frames)', () => {
		vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
			throw new DOMException('denied', 'SecurityError');
		});
		expect(new StorageHelper().getStorage()).toBe(MemoryStorage);
	});

	it('falls back when localStorage is null', () => {
		vi.spyOn(window, 'localStorage', 'get').mockReturnValue(null as unknown as Storage);
		expect(new StorageHelper().getStorage()).toBe(MemoryStorage);
	});

	it('uses a default storage factory when one is set, and the probe again after reset', () => {
		const custom = new MemoryStorage();
		setDefaultStorageFactory(() => custom);
		expect(new StorageHelper().getStorage()).toBe(custom);
		setDefaultStorageFactory(null);
		expect(new StorageHelper().getStorage()).toBe(window.localStorage);
	});
});
