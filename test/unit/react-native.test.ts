import { describe, expect, it } from 'vitest';
import * as rn from '../../src/react-native';
import * as index from '../../src/index';
import StorageHelper from '../../src/StorageHelper';
import { MemoryStorage as RNMemoryStorage } from '../../src/StorageHelper-rn';

describe('React Native entry', () => {
	it('re-exports exactly the main entry', () => {
		expect(Object.keys(rn)).toEqual(Object.keys(index));
		for (const key of Object.keys(index)) {
			expect((rn as Record<string, unknown>)[key]).toBe((index as Record<string, unknown>)[key]);
		}
	});

	it('makes the AsyncStorage-backed store the default storage of pools and users', () => {
		expect(new StorageHelper().getStorage()).toBe(RNMemoryStorage);
		const pool = new rn.CognitoUserPool({ UserPoolId: 'us-east-1_X', ClientId: 'c' });
		expect(pool.storage).toBe(RNMemoryStorage);
		expect(new rn.CognitoUser({ Username: 'u', Pool: pool }).storage).toBe(RNMemoryStorage);
	});

	it('reports the missing AsyncStorage package through sync()', async () => {
		const [err] = await new Promise<unknown[]>((resolve) =>
			RNMemoryStorage.sync((...args) => resolve(args)),
		);
		expect((err as Error).message).toMatch(/AsyncStorage is not available/);
	});
});
