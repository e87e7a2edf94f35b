import { afterEach, describe, expect, it, vi } from 'vitest';
import StorageHelper, { MemoryStorage, setAsyncStorage } from '../../src/StorageHelper-rn';
import type { AsyncStorageLike } from '../../src/StorageHelper-rn';

type Pairs = Array<[string, string | null]>;

/**
 * An in-memory stand-in for @react-native-async-storage/async-storage: like it, each read both
 * calls back and returns a promise that settles the same way, and the callback comes later.
 * The reads are plain methods that record their calls (a vi.fn would handle the promises it
 * returns, hiding a rejection that the code under test left unhandled).
 */
class FakeAsyncStorage implements AsyncStorageLike {
	data = new Map<string, string>();
	keysError: unknown = null;
	getError: unknown = null;
	calls: Array<[string, ...unknown[]]> = [];
	setItem = vi.fn(async (key: string, value: string) => {
		this.data.set(key, value);
	});
	removeItem = vi.fn(async (key: string) => {
		this.data.delete(key);
	});

	getAllKeys(callback?: (error: unknown, keys?: string[] | null) => void): Promise<string[]> {
		this.calls.push(['getAllKeys', callback]);
		return this.answer(this.keysError, [...this.data.keys()], callback);
	}

	multiGet(
		keys: readonly string[],
		callback?: (errors: unknown, stores?: Pairs | null) => void,
	): Promise<Pairs> {
		this.calls.push(['multiGet', keys, callback]);
		const stores = keys.map((k): [string, string | null] => [k, this.data.get(k) ?? null]);
		return this.answer(this.getError, stores, callback);
	}

	private answer<T>(
		error: unknown,
		value: T,
		callback?: (error: unknown, value?: T | null) => void,
	): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			setImmediate(() => {
				if (error) {
					callback?.(error, null);
					reject(error as Error);
				} else {
					callback?.(null, value);
					resolve(value);
				}
			});
		});
	}
}

const syncResult = (): Promise<unknown[]> =>
	new Promise((resolve) => MemoryStorage.sync((...args) => resolve(args)));

afterEach(() => {
	setAsyncStorage(null);
	MemoryStorage.clear();
	vi.restoreAllMocks();
});

describe('React Native MemoryStorage', () => {
	it('writes through to AsyncStorage under the @MemoryStorage: prefix', () => {
		const fake = new FakeAsyncStorage();
		setAsyncStorage(fake);
		expect(MemoryStorage.setItem('k', 'v')).toBe('v');
		expect(fake.setItem).toHaveBeenCalledWith('@MemoryStorage:k', 'v');
		expect(MemoryStorage.getItem('k')).toBe('v');
		expect(MemoryStorage.getItem('missing')).toBeUndefined();
		expect(MemoryStorage.removeItem('k')).toBe(true);
		expect(fake.removeItem).toHaveBeenCalledWith('@MemoryStorage:k');
		expect(MemoryStorage.getItem('k')).toBeUndefined();
	});

	it('clear empties memory only and returns {}', () => {
		const fake = new FakeAsyncStorage();
		setAsyncStorage(fake);
		MemoryStorage.setItem('k', 'v');
		expect(MemoryStorage.clear()).toEqual({});
		expect(MemoryStorage.getItem('k')).toBeUndefined();
		expect(fake.data.get('@MemoryStorage:k')).toBe('v');
	});

	it('keeps working in memory when AsyncStorage fails or is absent', async () => {
		const fake = new FakeAsyncStorage();
		fake.setItem.mockRejectedValue(new Error('full'));
		setAsyncStorage(fake);
		expect(MemoryStorage.setItem('a', '1')).toBe('1');
		setAsyncStorage(null);
		expect(MemoryStorage.setItem('b', '2')).toBe('2');
		expect([MemoryStorage.getItem('a'), MemoryStorage.getItem('b')]).toEqual(['1', '2']);
		await new Promise((resolve) => setImmediate(resolve));
	});

	it('sync loads only the prefixed keys into memory and reports SUCCESS', async () => {
		const fake = new FakeAsyncStorage();
		fake.data.set('@MemoryStorage:CognitoIdentityServiceProvider.c.LastAuthUser', 'alice');
		fake.data.set('@MemoryStorage:x', 'y');
		fake.data.set('other-app-key', 'z');
		setAsyncStorage(fake);
		expect(MemoryStorage.getItem('x')).toBeUndefined();
		expect(await syncResult()).toEqual([null, 'SUCCESS']);
		expect(fake.calls[1]).toEqual([
			'multiGet',
			['@MemoryStorage:CognitoIdentityServiceProvider.c.LastAuthUser', '@MemoryStorage:x'],
			expect.any(Function),
		]);
		expect(MemoryStorage.getItem('CognitoIdentityServiceProvider.c.LastAuthUser')).toBe('alice');
		expect(MemoryStorage.getItem('x')).toBe('y');
		expect(MemoryStorage.getItem('other-app-key')).toBeUndefined();
	});

	it('sync reads through the callback forms of getAllKeys and multiGet', async () => {
		const fake = new FakeAsyncStorage();
		fake.data.set('@MemoryStorage:k', 'v');
		setAsyncStorage(fake);
		expect(await syncResult()).toEqual([null, 'SUCCESS']);
		expect(fake.calls).toEqual([
			['getAllKeys', expect.any(Function)],
			['multiGet', ['@MemoryStorage:k'], expect.any(Function)],
		]);
	});

	it("passes getAllKeys' error to the callback as given, with a null result", async () => {
		const fake = new FakeAsyncStorage();
		const error = new Error('disk on fire');
		fake.keysError = error;
		setAsyncStorage(fake);
		const [err, result] = await syncResult();
		expect(err).toBe(error);
		expect(result).toBeNull();
		expect(fake.calls.map(([name]) => name)).toEqual(['getAllKeys']);
	});

	it("passes multiGet's errors to the callback as given (an array) and loads nothing", async () => {
		const fake = new FakeAsyncStorage();
		fake.data.set('@MemoryStorage:k', 'v');
		const errors = [new Error('row unreadable')];
		fake.getError = errors;
		setAsyncStorage(fake);
		const [err, result] = await syncResult();
		expect(err).toBe(errors);
		expect(result).toBeNull();
		expect(MemoryStorage.getItem('k')).toBeUndefined();
	});

	it('calls back once when a store reports twice, and reports a store that throws', async () => {
		const cb = vi.fn();
		const twice: AsyncStorageLike = {
			setItem: vi.fn(),
			removeItem: vi.fn(),
			getAllKeys: (callback) => {
				callback(null, []);
				callback(new Error('late'), null);
			},
			multiGet: (_keys, callback) => {
				callback(null, []);
				callback(null, []);
			},
		};
		setAsyncStorage(twice);
		MemoryStorage.sync(cb);
		expect(cb.mock.calls).toEqual([[null, 'SUCCESS']]);
		const thrown = new Error('native module missing');
		setAsyncStorage({
			...twice,
			getAllKeys: () => {
				throw thrown;
			},
		});
		expect(await syncResult()).toEqual([thrown, null]);
	});

	it('sync reports a missing AsyncStorage clearly', async () => {
		const [err, result] = await syncResult();
		expect((err as Error).message).toMatch(/AsyncStorage is not available/);
		expect(result).toBeNull();
	});

	it('sync calls back once even if the callback throws', async () => {
		setAsyncStorage(new FakeAsyncStorage());
		const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
		const scheduled: Array<() => void> = [];
		vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void) => {
			scheduled.push(fn);
			return 0;
		}) as unknown as typeof setTimeout);
		const cb = vi.fn(() => {
			throw new Error('app bug');
		});
		MemoryStorage.sync(cb);
		await tick();
		await tick();
		expect(cb).toHaveBeenCalledTimes(1);
		expect(cb).toHaveBeenCalledWith(null, 'SUCCESS');
		expect(() => scheduled[0]?.()).toThrow('app bug');
	});

	it('StorageHelper always returns the React Native MemoryStorage', () => {
		expect(new StorageHelper().getStorage()).toBe(MemoryStorage);
	});
});
