// React Native storage: an in-memory store written through to AsyncStorage, so tokens survive
// restarts. Reads stay synchronous (the library's API needs that); `sync()` loads the persisted
// values into memory at start-up.
import type { NodeCallback } from './types';

const MEMORY_KEY_PREFIX = '@MemoryStorage:';

/** The part of `@react-native-async-storage/async-storage` this store uses. */
export interface AsyncStorageLike {
	setItem(key: string, value: string): Promise<unknown>;
	removeItem(key: string): Promise<unknown>;
	getAllKeys(): Promise<readonly string[]>;
	multiGet(keys: readonly string[]): Promise<ReadonlyArray<readonly [string, string | null]>>;
}

let asyncStorage: AsyncStorageLike | null = null;
let dataMemory = new Map<string, string>();

/** Supplies the AsyncStorage implementation; the React Native entry does this itself. */
export function setAsyncStorage(storage: AsyncStorageLike | null): void {
	asyncStorage = storage;
}

// Persisting is best effort, as in the original: memory stays authoritative for this run, and
// a failed write must not surface as an exception or an unhandled rejection.
function persist(write: (storage: AsyncStorageLike) => unknown): void {
	if (!asyncStorage) return;
	try {
		Promise.resolve(write(asyncStorage)).catch(() => undefined);
	} catch {
		// A synchronous failure of the store is ignored for the same reason.
	}
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
	 * Loads every persisted value into memory; call it before `getCurrentUser()`. Calls back
	 * `(null, 'SUCCESS')`, or `(err, null)` when AsyncStorage fails or is missing.
	 */
	static sync(callback: NodeCallback<Error | null, 'SUCCESS' | null>): void {
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
		let outcome: { err: Error | null; ok: boolean } | undefined;
		Promise.resolve()
			.then(() => storage.getAllKeys())
			.then((keys) => storage.multiGet(keys.filter((k) => k.startsWith(MEMORY_KEY_PREFIX))))
			.then(
				(entries) => {
					for (const [key, value] of entries) {
						if (value !== null && value !== undefined) {
							dataMemory.set(key.slice(MEMORY_KEY_PREFIX.length), value);
						}
					}
					outcome = { err: null, ok: true };
				},
				(err: unknown) => {
					outcome = { err: err instanceof Error ? err : new Error(String(err)), ok: false };
				},
			)
			.then(() => {
				// An exception thrown by the application's callback is its own bug: rethrow it on a
				// fresh task rather than letting it be taken for a storage failure.
				try {
					if (outcome?.ok) callback(null, 'SUCCESS');
					else callback(outcome?.err ?? new Error('AsyncStorage sync failed'), null);
				} catch (appError) {
					setTimeout(() => {
						throw appError;
					}, 0);
				}
			});
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
