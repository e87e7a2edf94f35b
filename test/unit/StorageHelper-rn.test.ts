import { afterEach, describe, expect, it, vi } from 'vitest';
import StorageHelper, { MemoryStorage, setAsyncStorage } from '../../src/StorageHelper-rn';
import type { AsyncStorageLike } from '../../src/StorageHelper-rn';

/** An in-memory stand-in for @react-native-async-storage/async-storage. */
class FakeAsyncStorage implements AsyncStorageLike {
	data = new Map<string, string>();
	failKeys = false;
	setItem = vi.fn(async (key: string, value: string) => {
		this.data.set(key, value);
	});
	removeItem = vi.fn(async (key: string) => {
		this.data.delete(key);
	});
	getAllKeys = vi.fn(async (): Promise<readonly string[]> => {
		if (this.failKeys) throw new Error('disk on fire');
		return [...this.data.keys()];
	});
	multiGet = vi.fn(async (keys: readonly string[]): Promise<Array<[string, string | null]>> =>
		keys.map((k) => [k, this.data.get(k) ?? null]),
	);
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
		expect(fake.multiGet).toHaveBeenCalledWith([
			'@MemoryStorage:CognitoIdentityServiceProvider.c.LastAuthUser',
			'@MemoryStorage:x',
		]);
		expect(MemoryStorage.getItem('CognitoIdentityServiceProvider.c.LastAuthUser')).toBe('alice');
		expect(MemoryStorage.getItem('x')).toBe('y');
		expect(MemoryStorage.getItem('other-app-key')).toBeUndefined();
	});

	it('sync reports an AsyncStorage failure as (err, null)', async () => {
		const fake = new FakeAsyncStorage();
		fake.failKeys = true;
		setAsyncStorage(fake);
		const [err, result] = await syncResult();
		expect((err as Error).message).toBe('disk on fire');
		expect(result).toBeNull();
	});

	it('sync reports a missing AsyncStorage clearly', async () => {
		const [err, result] = await syncResult();
		expect((err as Error).message).toMatch(/AsyncStorage is not available/);
		expect(result).toBeNull();
	});

	it('sync calls back once even if the callback throws', async () => {
		setAsyncStorage(new FakeAsyncStorage());
		const scheduled: Array<() => void> = [];
		vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void) => {
			scheduled.push(fn);
			return 0;
		}) as unknown as typeof setTimeout);
		const cb = vi.fn(() => {
			throw new Error('app bug');
		});
		MemoryStorage.sync(cb);
		await new Promise((resolve) => setImmediate(resolve));
		expect(cb).toHaveBeenCalledTimes(1);
		expect(cb).toHaveBeenCalledWith(null, 'SUCCESS');
		expect(() => scheduled[0]?.()).toThrow('app bug');
	});

	it('StorageHelper always returns the React Native MemoryStorage', () => {
		expect(new StorageHelper().getStorage()).toBe(MemoryStorage);
	});
});
