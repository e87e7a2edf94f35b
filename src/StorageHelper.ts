import type { ICognitoStorage } from './types';

// The original keeps one module-level store that every static call shares; kept for
// compatibility. A Map avoids surprises with keys such as `__proto__`.
let sharedMemory = new Map<string, string>();

const PROBE_KEY = 'aws.cognito.test-ls';

/**
 * In-memory token store, used where `localStorage` is unavailable (Node, Safari private mode,
 * storage quota exhausted).
 *
 * The static methods share one process-wide store, as in the original, so every pool and user
 * of a Node process sees the same tokens. For a server handling many users, give each pool or
 * request its own instance: `new CognitoUserPool({ ..., Storage: new MemoryStorage() })`.
 */
export class MemoryStorage {
	/** This instance's own store. */
	private readonly memory = new Map<string, string>();

	/** Stores a value in the shared store and returns it. */
	static setItem(key: string, value: string): string {
		sharedMemory.set(key, value);
		return value;
	}

	/** @returns the value, or `undefined` (not `null`) for a missing key, as the original. */
	static getItem(key: string): string | undefined {
		return sharedMemory.get(key);
	}

	/** Removes a key from the shared store; always `true`. */
	static removeItem(key: string): boolean {
		sharedMemory.delete(key);
		return true;
	}

	/** Empties the shared store; returns `{}`. */
	static clear(): Record<string, never> {
		sharedMemory = new Map();
		return {};
	}

	/** Stores a value in this instance and returns it. */
	setItem(key: string, value: string): string {
		this.memory.set(key, value);
		return value;
	}

	/** @returns the value, or `undefined` for a missing key. */
	getItem(key: string): string | undefined {
		return this.memory.get(key);
	}

	/** Removes a key from this instance; always `true`. */
	removeItem(key: string): boolean {
		this.memory.delete(key);
		return true;
	}

	/** Empties this instance; returns `{}`. */
	clear(): Record<string, never> {
		this.memory.clear();
		return {};
	}
}

/** Produces the storage used when an application does not pass one. */
export type StorageFactory = () => ICognitoStorage;

let defaultFactory: StorageFactory | null = null;

/**
 * Replaces the default storage choice of `new StorageHelper()`; the React Native entry points
 * it at the AsyncStorage-backed store. Pass `null` to restore the localStorage probe.
 */
export function setDefaultStorageFactory(factory: StorageFactory | null): void {
	defaultFactory = factory;
}

/** Picks the default token store: `window.localStorage` when usable, else `MemoryStorage`. */
export default class StorageHelper {
	/** The chosen store. */
	storageWindow: ICognitoStorage;

	constructor() {
		if (defaultFactory) {
			this.storageWindow = defaultFactory();
			return;
		}
		try {
			// Merely reading `localStorage` throws in some sandboxed frames, and writing throws in
			// Safari private mode or when the quota is used up: all of these fall back.
			const local = window.localStorage;
			// The original probes with the number 1; localStorage stores it as '1'.
			local.setItem(PROBE_KEY, 1 as unknown as string);
			local.removeItem(PROBE_KEY);
			this.storageWindow = local;
		} catch {
			this.storageWindow = MemoryStorage;
		}
	}

	/** @returns the chosen store. */
	getStorage(): ICognitoStorage {
		return this.storageWindow;
	}
}
