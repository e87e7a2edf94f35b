import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Client from '../../src/Client';
import type { ClientCallback } from '../../src/Client';
import CognitoUser from '../../src/CognitoUser';
import CognitoUserAttribute from '../../src/CognitoUserAttribute';
import CognitoUserPool from '../../src/CognitoUserPool';
import { MemoryStorage } from '../../src/StorageHelper';
import type { ICognitoUserPoolData, ISignUpResult } from '../../src/types';

const require = createRequire(import.meta.url);
type OriginalPool = {
	signUp(...args: unknown[]): void;
	getUserContextData(u: string): unknown;
	client: { endpoint: string };
};
const OriginalCognitoUserPool = (
	require('original-cognito/lib/CognitoUserPool') as { default: unknown }
).default as new (data?: unknown) => OriginalPool;
const OriginalClient = (
	require('original-cognito/lib/Client') as { default: { prototype: object } }
).default;

const POOL = { UserPoolId: 'us-east-1_AbC123', ClientId: 'client123' };

afterEach(() => {
	vi.restoreAllMocks();
	vi.unstubAllGlobals();
	MemoryStorage.clear();
});

describe('CognitoUserPool constructor', () => {
	const BOTH = 'Both UserPoolId and ClientId are required.';
	const FORMAT = 'Invalid UserPoolId format.';
	const cases: Array<[string, unknown, string | null]> = [
		['no data', undefined, BOTH],
		['empty data', {}, BOTH],
		['no ClientId', { UserPoolId: 'us-east-1_abc' }, BOTH],
		['no UserPoolId', { ClientId: 'c' }, BOTH],
		['empty UserPoolId', { UserPoolId: '', ClientId: 'c' }, BOTH],
		['no underscore', { UserPoolId: 'us-east-1abc', ClientId: 'c' }, FORMAT],
		['nothing after the underscore', { UserPoolId: 'us-east-1_', ClientId: 'c' }, FORMAT],
		['a dash after the underscore', { UserPoolId: 'us-east-1_ab-c', ClientId: 'c' }, FORMAT],
		['a space', { UserPoolId: 'us east_abc', ClientId: 'c' }, FORMAT],
		['56 characters', { UserPoolId: `us-east-1_${'a'.repeat(46)}`, ClientId: 'c' }, FORMAT],
		['55 characters', { UserPoolId: `us-east-1_${'a'.repeat(45)}`, ClientId: 'c' }, null],
		['a normal id', POOL, null],
		['underscores in the region part', { UserPoolId: 'local_pool_X1', ClientId: 'c' }, null],
	];
	for (const [title, data, message] of cases) {
		it(`${message ? `throws "${message}"` : 'accepts'} for ${title}, as the original`, () => {
			const ours = (): unknown => new CognitoUserPool(data as ICognitoUserPoolData);
			const theirs = (): unknown => new OriginalCognitoUserPool(data);
			if (message) {
				expect(ours).toThrow(new Error(message));
				expect(theirs).toThrow(new Error(message));
			} else {
				expect(ours).not.toThrow();
				expect(theirs).not.toThrow();
			}
		});
	}

	it('derives the region endpoint and shares one client', () => {
		const pool = new CognitoUserPool({ UserPoolId: 'eu-central-1_X', ClientId: 'c' });
		expect(pool.client).toBeInstanceOf(Client);
		expect(pool.client.endpoint).toBe('https://cognito-idp.eu-central-1.amazonaws.com/');
		expect(new CognitoUser({ Username: 'u', Pool: pool }).client).toBe(pool.client);
	});

	it('passes endpoint, fetchOptions and requestTimeout to the client', () => {
		const pool = new CognitoUserPool({
			...POOL,
			endpoint: 'http://127.0.0.1:9229',
			fetchOptions: { credentials: 'include' },
			requestTimeout: 1500,
		});
		expect(pool.client.endpoint).toBe('http://127.0.0.1:9229');
		expect(pool.client.fetchOptions).toEqual({ credentials: 'include' });
		expect(pool.client.timeout).toBe(1500);
		expect(new CognitoUserPool(POOL).client.timeout).toBeUndefined();
	});

	it('exposes the ids and the SRP pool name', () => {
		const pool = new CognitoUserPool(POOL);
		expect([pool.userPoolId, pool.clientId]).toEqual(['us-east-1_AbC123', 'client123']);
		expect(pool.getUserPoolId()).toBe('us-east-1_AbC123');
		expect(pool.getUserPoolName()).toBe('AbC123');
		expect(pool.getClientId()).toBe('client123');
	});

	it.each([
		[undefined, true],
		[true, true],
		[false, false],
	])('sets advancedSecurityDataCollectionFlag from %s to %s', (flag, expected) => {
		const pool = new CognitoUserPool({ ...POOL, AdvancedSecurityDataCollectionFlag: flag });
		expect(pool.advancedSecurityDataCollectionFlag).toBe(expected);
	});

	it('uses the given Storage, else the default (MemoryStorage in Node)', () => {
		const storage = new MemoryStorage();
		expect(new CognitoUserPool({ ...POOL, Storage: storage }).storage).toBe(storage);
		expect(new CognitoUserPool(POOL).storage).toBe(MemoryStorage);
	});

	it('sets wrapRefreshSessionCallback only when given', () => {
		const wrap = <T>(cb: T): T => cb;
		expect(new CognitoUserPool(POOL, wrap).wrapRefreshSessionCallback).toBe(wrap);
		expect('wrapRefreshSessionCallback' in new CognitoUserPool(POOL)).toBe(false);
	});
});

describe('CognitoUserPool.getUserContextData', () => {
	it('is undefined without the advanced security script', () => {
		expect(new CognitoUserPool(POOL).getUserContextData('u')).toBeUndefined();
	});

	it('wraps the collected data, passing username, pool id and client id', () => {
		const getData = vi.fn(() => 'encoded');
		vi.stubGlobal('AmazonCognitoAdvancedSecurityData', { getData });
		expect(new CognitoUserPool(POOL).getUserContextData('alice')).toEqual({
			EncodedData: 'encoded',
		});
		expect(getData).toHaveBeenCalledWith('alice', 'us-east-1_AbC123', 'client123');
	});

	it('is {} when the collector returns nothing, or collection is off', () => {
		const getData = vi.fn(() => undefined);
		vi.stubGlobal('AmazonCognitoAdvancedSecurityData', { getData });
		expect(new CognitoUserPool(POOL).getUserContextData('u')).toEqual({});
		getData.mockClear();
		const off = new CognitoUserPool({ ...POOL, AdvancedSecurityDataCollectionFlag: false });
		expect(off.getUserContextData('u')).toEqual({});
		expect(getData).not.toHaveBeenCalled();
	});

	it('matches the original in each case', () => {
		const variants: Array<[unknown, boolean | undefined]> = [
			[undefined, undefined],
			[{ getData: () => 'e' }, undefined],
			[{ getData: () => '' }, undefined],
			[{ getData: () => 'e' }, false],
		];
		for (const [global, flag] of variants) {
			if (global) vi.stubGlobal('AmazonCognitoAdvancedSecurityData', global);
			else vi.unstubAllGlobals();
			const data = { ...POOL, AdvancedSecurityDataCollectionFlag: flag };
			expect(new CognitoUserPool(data).getUserContextData('u')).toEqual(
				new OriginalCognitoUserPool(data).getUserContextData('u'),
			);
		}
	});
});

describe('CognitoUserPool.signUp', () => {
	const attrs = [new CognitoUserAttribute({ Name: 'email', Value: 'e@x' })];

	function captureRequests(
		proto: object,
		reply: (cb: ClientCallback) => void,
	): Array<[string, string]> {
		const sent: Array<[string, string]> = [];
		vi.spyOn(proto as Client, 'request').mockImplementation(
			(op: string, params: object, cb: ClientCallback) => {
				sent.push([op, JSON.stringify(params)]);
				reply(cb);
			},
		);
		return sent;
	}

	it('sends the original body, in the original key order', () => {
		const ours = captureRequests(Client.prototype, (cb) => cb(null, {}));
		const theirs = captureRequests(OriginalClient.prototype, (cb) => cb(null, {}));
		new CognitoUserPool(POOL).signUp('newuser', 'pw', attrs, null, () => undefined, { m: '1' });
		new OriginalCognitoUserPool(POOL).signUp('newuser', 'pw', attrs, null, () => undefined, {
			m: '1',
		});
		const expected =
			'{"ClientId":"client123","Username":"newuser","Password":"pw","UserAttributes":[{"Name":"email","Value":"e@x"}],"ValidationData":null,"ClientMetadata":{"m":"1"}}';
		expect(ours).toEqual([['SignUp', expected]]);
		expect(theirs).toEqual(ours);
	});

	it('adds UserContextData last when the collector is present, as the original', () => {
		vi.stubGlobal('AmazonCognitoAdvancedSecurityData', { getData: () => 'enc' });
		const ours = captureRequests(Client.prototype, (cb) => cb(null, {}));
		const theirs = captureRequests(OriginalClient.prototype, (cb) => cb(null, {}));
		new CognitoUserPool(POOL).signUp('u', 'p', [], [], () => undefined);
		new OriginalCognitoUserPool(POOL).signUp('u', 'p', [], [], () => undefined);
		expect(ours[0]?.[1]).toBe(
			'{"ClientId":"client123","Username":"u","Password":"p","UserAttributes":[],"ValidationData":[],"UserContextData":{"EncodedData":"enc"}}',
		);
		expect(theirs).toEqual(ours);
	});

	it('calls back once with the user and the service result', () => {
		const storage = new MemoryStorage();
		const delivery = { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'e***' };
		captureRequests(Client.prototype, (cb) =>
			cb(null, { UserConfirmed: false, UserSub: 'sub-1', CodeDeliveryDetails: delivery }),
		);
		const pool = new CognitoUserPool({ ...POOL, Storage: storage });
		const callback = vi.fn();
		pool.signUp('newuser', 'pw', attrs, null, callback);
		expect(callback).toHaveBeenCalledTimes(1);
		const [err, result] = callback.mock.calls[0] as [null, ISignUpResult];
		expect(err).toBeNull();
		expect(result.user).toBeInstanceOf(CognitoUser);
		expect(result.user.getUsername()).toBe('newuser');
		expect(result.user.pool).toBe(pool);
		expect(result.user.storage).toBe(storage);
		expect(result.userConfirmed).toBe(false);
		expect(result.userSub).toBe('sub-1');
		expect(result.codeDeliveryDetails).toEqual(delivery);
	});

	it('calls back once with (err, null) on failure', () => {
		const failure = Object.assign(new Error('User already exists'), {
			code: 'UsernameExistsException',
		});
		captureRequests(Client.prototype, (cb) => cb(failure));
		const callback = vi.fn();
		new CognitoUserPool(POOL).signUp('u', 'p', null, null, callback);
		expect(callback).toHaveBeenCalledTimes(1);
		expect(callback).toHaveBeenCalledWith(failure, null);
	});

	it('reports an unusable username once instead of throwing', () => {
		captureRequests(Client.prototype, (cb) => cb(null, {}));
		const callback = vi.fn();
		new CognitoUserPool(POOL).signUp(undefined as unknown as string, 'p', null, null, callback);
		expect(callback).toHaveBeenCalledTimes(1);
		expect(callback).toHaveBeenCalledWith(
			new Error('Username and Pool information are required.'),
			null,
		);
	});
});

describe('CognitoUserPool.getCurrentUser', () => {
	it('returns the last signed-in user from the pool storage, or null', () => {
		const storage = new MemoryStorage();
		const pool = new CognitoUserPool({ ...POOL, Storage: storage });
		expect(pool.getCurrentUser()).toBeNull();
		storage.setItem('CognitoIdentityServiceProvider.client123.LastAuthUser', 'alice');
		const user = pool.getCurrentUser();
		expect(user).toBeInstanceOf(CognitoUser);
		expect(user?.getUsername()).toBe('alice');
		expect(user?.pool).toBe(pool);
		expect(user?.storage).toBe(storage);
	});

	it('keeps pools with their own MemoryStorage apart (pitfall 7: one server, many users)', () => {
		const a = new CognitoUserPool({ ...POOL, Storage: new MemoryStorage() });
		const b = new CognitoUserPool({ ...POOL, Storage: new MemoryStorage() });
		a.storage.setItem('CognitoIdentityServiceProvider.client123.LastAuthUser', 'alice');
		b.storage.setItem('CognitoIdentityServiceProvider.client123.LastAuthUser', 'bob');
		expect(a.getCurrentUser()?.getUsername()).toBe('alice');
		expect(b.getCurrentUser()?.getUsername()).toBe('bob');
	});
});
