// React Native storage: an in-memory store written through to AsyncStorage, so tokens survive
// restarts. Reads stay synchronous (the library's API needs that); `sync()` loads the persisted
// values into memory at start-up.
import type { OldStyleCallback } from './types';
import { outsidePromise } from './utils/callbacks';

const MEMORY_KEY_PREFIX = '@MemoryStorage:';

/** The stored pairs `multiGet` calls back with. */
type KeyValuePairs = ReadonlyArray<readonly [string, string | null]>;

/**
 * The part of `@react-native-async-storage/async-storage` this store uses. Reads use the
 * callback forms, as the original did; every method may also return a promise, as AsyncStorage's
 * do (their rejections are not left unhandled).
 */
export interface AsyncStorageLike {
	setItem(key: string, value: string): unknown;
	removeItem(key: string): unknown;
	getAllKeys(callback: (error: unknown, keys?: readonly string[] | null) => void): unknown;
	/** AsyncStorage reports `errors` as an array of Errors. */
	multiGet(
		keys: readonly string[],
		callback: (errors: unknown, stores?: KeyValuePairs | null) => void,
	): unknown;
}

let asyncStorage: AsyncStorageLike | null = null;
let dataMemory = new Map<string, string>();

/** Supplies the AsyncStorage implementation; the React Native entry does this itself. */
export function setAsyncStorage(storage: AsyncStorageLike | null): void {
	asyncStorage = storage;
}

/**
 * Calls a store method. A synchronous throw goes to `onThrow`; a returned promise's rejection
 * is dropped, because the outcome is reported through the method's callback (reads) or is
 * best effort (writes) and must not surface as an unhandled rejection.
 */
function callStore(call: () => unknown, onThrow: (thrown: unknown) => void): void {
	let returned: unknown;
	try {
		returned = call();
	} catch (thrown) {
		onThrow(thrown);
		return;
	}
	if (returned && typeof (returned as PromiseLike<unknown>).then === 'function') {
		(returned as PromiseLike<unknown>).then(undefined, () => undefined);
	}
}

// Persisting is best effort, as in the original: memory stays authoritative for this run.
function persist(write: (storage: AsyncStorageLike) => unknown): void {
	const storage = asyncStorage;
	if (storage)
		callStore(
			() => write(storage),
			() => undefined,
		);
}

/** Token store for React Native, with the same static API as `MemoryStorage`. */
export class MemoryStorage {
	/** Stores a value in memory and in AsyncStorage; returns the value. */
	static setItem(key: string, value: string): string {
		persist((storage) => storage.setItem(MEMORY_KEY_PREFIX + key, value));
		dataMemory.set(key, value);
		return value;
	}

	/** @returns the value, or `undefined` for a missing key. */
	static getItem(key: string): string | undefined {
		return dataMemory.get(key);
	}

	/** Removes a key from memory and AsyncStorage; always `true`. */
	static removeItem(key: string): boolean {
		persist((storage) => storage.removeItem(MEMORY_KEY_PREFIX + key));
		dataMemory.delete(key);
		return true;
	}

	/** Empties the in-memory copy (AsyncStorage is left alone, as in the original). */
	static clear(): Record<string, never> {
		dataMemory = new Map();
		return {};
	}

	/**
	 * Loads every persisted value into memory; call it before `getCurrentUser()`. Reads with
	 * AsyncStorage's callback forms (`getAllKeys(cb)`, then `multiGet(keys, cb)`), as the
	 * original did, and calls back once: `(null, 'SUCCESS')`, or `(error, null)` with the error
	 * either of them reported, exactly as given (multiGet's is an array), or when AsyncStorage
	 * is missing.
	 */
	static sync(callback: OldStyleCallback<[err: unknown, result: 'SUCCESS' | null]>): void {
		const storage = asyncStorage;
		if (!storage) {
			callback(
				new Error(
					'AsyncStorage is not available: install @react-native-async-storage/async-storage or call setAsyncStorage().',
				),
				null,
			);
			return;
		}
		let reported = false;
		const report = (err: unknown, result: 'SUCCESS' | null): void => {
			if (reported) return;
			reported = true;
			// The application's own exception must not reach the store's code (or the catch
			// below, when a store calls back synchronously).
			outsidePromise(() => callback(err, result));
		};
		const fail = (err: unknown): void => report(err, null);
		const load = (stores: KeyValuePairs | null | undefined): void => {
			for (const [key, value] of stores ?? []) {
				if (value !== null && value !== undefined) {
					dataMemory.set(key.slice(MEMORY_KEY_PREFIX.length), value);
				}
			}
		};
		callStore(
			() =>
				storage.getAllKeys((keysError, keys) => {
					if (keysError) {
						fail(keysError);
						return;
					}
					const memoryKeys = (keys ?? []).filter((key) => key.startsWith(MEMORY_KEY_PREFIX));
					callStore(
						() =>
							storage.multiGet(memoryKeys, (getError, stores) => {
								if (getError) {
									fail(getError);
									return;
								}
								load(stores);
								report(null, 'SUCCESS');
							}),
						fail,
					);
				}),
			fail,
		);
	}
}

/** The React Native `StorageHelper`: always the AsyncStorage-backed `MemoryStorage`. */
export default class StorageHelper {
	/** The chosen store. */
	storageWindow: typeof MemoryStorage;

	constructor() {
		this.storageWindow = MemoryStorage;
	}

	/** @returns the store. */
	getStorage(): typeof MemoryStorage {
		return this.storageWindow;
	}
}
