// React Native entry: the same exports as the main entry, with tokens kept in the
// AsyncStorage-backed store (React Native has no localStorage), and SRP's big-number work on
// the native module RNAWSCognito when the app has it linked. Apps call
// `userPool.storage.sync(cb)` before `getCurrentUser()`, as with the original.
import { setDefaultStorageFactory } from './StorageHelper';
import { MemoryStorage, setAsyncStorage } from './StorageHelper-rn';
import type { AsyncStorageLike } from './StorageHelper-rn';
import { useNativeSrp, type RNAWSCognitoModule } from './utils/nativeSrp';

export * from './index';

setDefaultStorageFactory(() => MemoryStorage);

// 'react-native' and AsyncStorage are required lazily and optionally (Metro treats a require
// inside try/catch as an optional dependency): an app always has the first, but this entry
// must also load where neither exists, as under Node.

/** The app's native modules; none where 'react-native' cannot be loaded. */
function nativeModules(): { RNAWSCognito?: RNAWSCognitoModule } {
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const reactNative = require('react-native') as {
			NativeModules?: { RNAWSCognito?: RNAWSCognitoModule };
		};
		return reactNative.NativeModules ?? {};
	} catch {
		return {};
	}
}

useNativeSrp(nativeModules().RNAWSCognito);

// Apps with another store than AsyncStorage can call setAsyncStorage from 'StorageHelper-rn'.
try {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const loaded = require('@react-native-async-storage/async-storage') as {
		default?: AsyncStorageLike;
	};
	setAsyncStorage(loaded.default ?? (loaded as unknown as AsyncStorageLike));
} catch {
	// Without AsyncStorage the store still works in memory; sync() reports the missing module.
}
