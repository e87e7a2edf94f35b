// React Native entry: the same exports as the main entry, with tokens kept in the
// AsyncStorage-backed store (React Native has no localStorage). Apps call
// `userPool.storage.sync(cb)` before `getCurrentUser()`, as with the original.
import { setDefaultStorageFactory } from './StorageHelper';
import { MemoryStorage, setAsyncStorage } from './StorageHelper-rn';
import type { AsyncStorageLike } from './StorageHelper-rn';

export * from './index';

setDefaultStorageFactory(() => MemoryStorage);

// Loaded lazily and optionally, so that nothing else needs the package; Metro treats a
// require inside try/catch as an optional dependency. Apps with another store can call
// setAsyncStorage from 'StorageHelper-rn' instead.
try {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const loaded = require('@react-native-async-storage/async-storage') as {
		default?: AsyncStorageLike;
	};
	setAsyncStorage(loaded.default ?? (loaded as unknown as AsyncStorageLike));
} catch {
	// Without AsyncStorage the store still works in memory; sync() reports the missing module.
}
