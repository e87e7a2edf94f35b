// The storage layout is a compatibility contract with the original SDK and Amplify v5: these
// literal keys must never change (test/differential/storage-interop.test.ts checks the same
// against the original itself).
import { describe, expect, it } from 'vitest';
import { clientKeyPrefix, lastAuthUserKey, userKeys } from '../../src/user/storageKeys';

describe('storage keys', () => {
	it('spells every key of a user exactly as the original', () => {
		const prefix = clientKeyPrefix('client1');
		expect(prefix).toBe('CognitoIdentityServiceProvider.client1');
		expect(lastAuthUserKey(prefix)).toBe('CognitoIdentityServiceProvider.client1.LastAuthUser');
		const base = 'CognitoIdentityServiceProvider.client1.alice@example.com';
		expect(userKeys(prefix, 'alice@example.com')).toEqual({
			idToken: `${base}.idToken`,
			accessToken: `${base}.accessToken`,
			refreshToken: `${base}.refreshToken`,
			clockDrift: `${base}.clockDrift`,
			userData: `${base}.userData`,
			deviceKey: `${base}.deviceKey`,
			randomPasswordKey: `${base}.randomPasswordKey`,
			deviceGroupKey: `${base}.deviceGroupKey`,
		});
	});

	it('uses the username verbatim, dots and all, as the original does', () => {
		expect(userKeys('P', 'a.b').idToken).toBe('P.a.b.idToken');
	});
});
