// React Native entry: the same exports as the main entry, with tokens kept in the
// AsyncStorage-backed store (React Native has no localStorage), and SRP's big-number work on
// the native module RNAWSCognito when the app has it linked. Apps call
// `userPool.storage.sync(cb)` before `getCurrentUser()`, as with the original.
import { NativeModules } from 'react-native';
import { setDefaultStorageFactory } from './StorageHelper';
import { MemoryStorage, setAsyncStorage } from './StorageHelper-rn';
import type { AsyncStorageLike } from './StorageHelper-rn';
import { useNativeSrp, type RNAWSCognitoModule } from './utils/nativeSrp';

export * from './index';

setDefaultStorageFactory(() => MemoryStorage);

useNativeSrp(NativeModules.RNAWSCognito as RNAWSCognitoModule | undefined);

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
