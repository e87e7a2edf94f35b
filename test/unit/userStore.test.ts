// The one layer where storage may fail (src/user/store.ts): an unreadable store holds nothing,
// a refused write or removal costs persistence only, and the traffic is the original's.
import { describe, expect, it } from 'vitest';
import CognitoUser from '../../src/CognitoUser';
import type { ICognitoStorage } from '../../src/types';
import { readItem, readStoredSession, removeItem, writeItem } from '../../src/user/store';
import { PREFIX, RecordingStorage, authResult, stubPool } from './CognitoUser.kit';

const refusing: ICognitoStorage = {
	getItem: () => {
		throw new Error('SecurityError');
	},
	setItem: () => {
		throw new Error('QuotaExceededError');
	},
	removeItem: () => {
		throw new Error('SecurityError');
	},
	clear: () => undefined,
};

function userWith(storage: ICognitoStorage): CognitoUser {
	return new CognitoUser({ Username: 'alice', Pool: stubPool() as never, Storage: storage });
}

describe('fail-safe storage access', () => {
	it('a store that refuses every call reads as empty and never throws', () => {
		expect(readItem(refusing, 'k')).toBeNull();
		expect(() => writeItem(refusing, 'k', 'v')).not.toThrow();
		expect(() => removeItem(refusing, 'k')).not.toThrow();
		const user = userWith(refusing);
		user.signInUserSession = user.getCognitoUserSession(authResult());
		expect(() => {
			user.cacheTokens();
			user.cacheUserData({} as never);
			user.cacheDeviceKeyAndPassword();
			user.getCachedDeviceKeyAndPassword();
			user.clearCachedUser();
			user.clearCachedDeviceKeyAndPassword();
		}).not.toThrow();
		expect(user.getUserDataFromCache()).toBeNull();
		expect(readStoredSession(user)).toBeUndefined();
		// The session in memory survives the refused writes.
		expect(user.signInUserSession).not.toBeNull();
	});

	it('passes values through as given, null included, as the original stored device fields', () => {
		const storage = new RecordingStorage();
		writeItem(storage, 'k', null);
		expect(storage.ops).toEqual([['set', 'k', null]]);
	});
});

describe('the user cache', () => {
	it('writes and clears the tokens in the original order', () => {
		const storage = new RecordingStorage();
		const user = userWith(storage);
		user.signInUserSession = user.getCognitoUserSession(authResult());
		user.cacheTokens();
		user.clearCachedTokens();
		const u = `${PREFIX}.alice`;
		expect(storage.writes()).toEqual([
			`set ${u}.idToken`,
			`set ${u}.accessToken`,
			`set ${u}.refreshToken`,
			`set ${u}.clockDrift`,
			`set ${PREFIX}.LastAuthUser`,
			`remove ${u}.idToken`,
			`remove ${u}.accessToken`,
			`remove ${u}.refreshToken`,
			`remove ${PREFIX}.LastAuthUser`,
			`remove ${u}.clockDrift`,
		]);
	});

	it('reads a stored session with the ID token read twice, as apps count getItem calls', () => {
		const storage = new RecordingStorage();
		const user = userWith(storage);
		user.signInUserSession = user.getCognitoUserSession(authResult());
		user.cacheTokens();
		storage.ops.length = 0;
		const session = readStoredSession(userWith(storage));
		expect(session?.getIdToken().getJwtToken()).toBe(
			user.signInUserSession.getIdToken().getJwtToken(),
		);
		const u = `${PREFIX}.alice`;
		expect(storage.ops).toEqual([
			['get', `${u}.idToken`],
			['get', `${u}.idToken`],
			['get', `${u}.accessToken`],
			['get', `${u}.refreshToken`],
			['get', `${u}.clockDrift`],
		]);
	});

	it('loads the device only when a device key is stored', () => {
		const storage = new RecordingStorage();
		const user = userWith(storage);
		user.getCachedDeviceKeyAndPassword();
		expect(user.deviceKey).toBeUndefined();
		storage.data.set(`${PREFIX}.alice.deviceKey`, 'dev');
		storage.data.set(`${PREFIX}.alice.randomPasswordKey`, 'pw');
		storage.data.set(`${PREFIX}.alice.deviceGroupKey`, 'grp');
		user.getCachedDeviceKeyAndPassword();
		expect([user.deviceKey, user.randomPassword, user.deviceGroupKey]).toEqual([
			'dev',
			'pw',
			'grp',
		]);
	});
});
