// The React Native entry with a stand-in 'react-native' module (served through Node's module
// loader, where the entry's optional require goes) and a stand-in for the native module
// RNAWSCognito (the original package's Android/iOS code): SRP's exponentiations go to it,
// asynchronously, with the original's method names and argument shapes, and the login still
// proves the password.
import Module from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { referenceModPow } from '../helpers/referenceModPow';
import { SRP } from './srpVectors';

type NativeCallback = (error: unknown, result?: string | null) => void;
type Entry = typeof import('../../src/react-native');
type BigIntegerClass = typeof import('../../src/BigInteger').default;

const N = BigInt(`0x${SRP.N}`);
const big = (hex: string): bigint =>
	BigInt(hex.startsWith('-') ? `-0x${hex.slice(1)}` : `0x${hex}`);

/**
 * A native module that computes with an independent modPow and answers on a later task, as
 * the bridge does. `fail` makes the next answer an error (the native side passes a message).
 */
function fakeNativeModule() {
	const native = {
		fail: undefined as string | undefined,
		computeModPow: vi.fn(
			(args: { target: string; value: string; modifier: string }, callback: NativeCallback) => {
				const error = native.fail;
				native.fail = undefined;
				setImmediate(() => {
					if (error) callback(error, null);
					else
						callback(
							null,
							referenceModPow(big(args.target), big(args.value), big(args.modifier)).toString(16),
						);
				});
			},
		),
		computeS: vi.fn(
			(
				args: { g: string; x: string; k: string; a: string; b: string; u: string },
				callback: NativeCallback,
			) => {
				const [g, x, k, a, b, u] = [args.g, args.x, args.k, args.a, args.b, args.u].map(big) as [
					bigint,
					bigint,
					bigint,
					bigint,
					bigint,
					bigint,
				];
				const base = b - k * referenceModPow(g, x, N);
				const S = referenceModPow(base, a + u * x, N);
				setImmediate(() => callback(null, S.toString(16)));
			},
		),
	};
	return native;
}

/** Node's CommonJS loader, through which the entry's require('react-native') goes. */
const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const realLoad = loader._load;

/**
 * A fresh copy of the entry (and of the classes it patches), loaded while 'react-native'
 * resolves to a stand-in whose NativeModules are `nativeModules` (`null`: no react-native).
 */
async function loadEntry(nativeModules: Record<string, unknown> | null): Promise<{
	entry: Entry;
	BigInteger: BigIntegerClass;
}> {
	vi.resetModules();
	loader._load = function load(this: unknown, request: string, ...rest: unknown[]) {
		if (request === 'react-native' && nativeModules) return { NativeModules: nativeModules };
		return realLoad.call(this, request, ...rest);
	};
	try {
		const entry = await import('../../src/react-native');
		const BigInteger = (await import('../../src/BigInteger')).default;
		return { entry, BigInteger };
	} finally {
		loader._load = realLoad;
	}
}

/** Runs the password-key derivation of the Appendix A vectors and waits for its callback. */
function deriveKey(entry: Entry, BigInteger: BigIntegerClass): Promise<[unknown, unknown]> {
	const helper = new entry.AuthenticationHelper(SRP.pool);
	helper.smallAValue = new BigInteger(SRP.a, 16);
	return new Promise((resolve) => {
		helper.getPasswordAuthenticationKey(
			SRP.user,
			SRP.password,
			new BigInteger(SRP.B, 16),
			new BigInteger(SRP.salt, 16),
			(err, key) => resolve([err, key && Buffer.from(key).toString('hex')]),
		);
	});
}

afterEach(() => {
	vi.restoreAllMocks();
	vi.resetModules();
});

describe('React Native entry with the native module RNAWSCognito', () => {
	it('derives the password key through computeModPow (A) and computeS (S)', async () => {
		const native = fakeNativeModule();
		const { entry, BigInteger } = await loadEntry({ RNAWSCognito: native });
		const [err, key] = await deriveKey(entry, BigInteger);
		expect(err).toBeNull();
		expect(key).toBe(SRP.hkdf);
		expect(native.computeModPow).toHaveBeenCalledTimes(1);
		expect(native.computeModPow.mock.calls[0]?.[0]).toEqual({
			target: '2',
			value: SRP.a,
			modifier: SRP.N.toLowerCase(),
		});
		expect(native.computeS).toHaveBeenCalledTimes(1);
		expect(native.computeS.mock.calls[0]?.[0]).toEqual({
			g: '2',
			x: SRP.x,
			k: SRP.k,
			a: SRP.a,
			b: SRP.B,
			u: SRP.U,
		});
	});

	it('answers modPow later, through the callback, and keeps it on the prototype', async () => {
		const native = fakeNativeModule();
		const { BigInteger } = await loadEntry({ RNAWSCognito: native });
		const callback = vi.fn();
		const returned = new BigInteger('3', 16).modPow(
			new BigInteger('5', 16),
			new BigInteger('7', 16),
			callback,
		);
		expect(returned).toBeUndefined();
		expect(callback).not.toHaveBeenCalled();
		await new Promise((resolve) => setImmediate(resolve));
		expect(callback).toHaveBeenCalledTimes(1);
		expect(callback.mock.calls[0]?.[0]).toBeNull();
		expect(String(callback.mock.calls[0]?.[1])).toBe(String(3n ** 5n % 7n));
		expect(Object.getOwnPropertyNames(BigInteger.prototype)).toContain('modPow');
		// Without a callback the caller wants the value itself: the JS path gives it at once.
		const direct = new BigInteger('3', 16).modPow(new BigInteger('5', 16), new BigInteger('7', 16));
		expect(direct.toString(10)).toBe('5');
		expect(native.computeModPow).toHaveBeenCalledTimes(1);
	});

	it('reports a native error once, as an Error, and so fails the derivation', async () => {
		const native = fakeNativeModule();
		native.fail = 'modPow failed on the native side';
		const { entry, BigInteger } = await loadEntry({ RNAWSCognito: native });
		const [err, key] = await deriveKey(entry, BigInteger);
		expect(err).toEqual(new Error('modPow failed on the native side'));
		expect(key).toBeNull();
		expect(native.computeS).not.toHaveBeenCalled();
	});

	it('reports a synchronous throw or a missing result as an error, once', async () => {
		const callback = vi.fn();
		const { BigInteger } = await loadEntry({
			RNAWSCognito: {
				computeModPow: (_args: unknown, done: NativeCallback) => {
					done(null, null);
					done(null, 'ff');
				},
			},
		});
		const one = new BigInteger('1', 16);
		one.modPow(one, one, callback);
		expect(callback.mock.calls).toEqual([
			[new Error('RNAWSCognito.computeModPow called back without a result'), null],
		]);
		const { BigInteger: Fresh } = await loadEntry({
			RNAWSCognito: {
				computeModPow: () => {
					throw new Error('bridge down');
				},
			},
		});
		const second = vi.fn();
		new Fresh('1', 16).modPow(new Fresh('1', 16), new Fresh('1', 16), second);
		expect(second.mock.calls).toEqual([[new Error('bridge down'), null]]);
	});

	it.each([
		['both methods', ['computeModPow', 'computeS']],
		['only computeS', ['computeS']],
	] as const)('signs in end to end against an SRP server with %s native', async (_, methods) => {
		const native = fakeNativeModule();
		const linked = Object.fromEntries(methods.map((name) => [name, native[name]]));
		const { entry } = await loadEntry({ RNAWSCognito: linked });
		const kit = await import('./CognitoUser.kit');
		const service = kit.fakeService();
		const account = kit.userAccount(kit.POOL_NAME, 'user-id-1', 'Very$ecur3');
		let server: InstanceType<typeof kit.SrpServer> | undefined;
		let srpA = '';
		service.fallback = (operation, params) => {
			const auth = params.AuthParameters as Record<string, string> | undefined;
			if (operation === 'InitiateAuth' && auth?.SRP_A) {
				srpA = auth.SRP_A;
				server = new kit.SrpServer(account);
				const challenge = server.challenge({ USER_ID_FOR_SRP: 'user-id-1', USERNAME: 'user-id-1' });
				return { data: { ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: challenge } };
			}
			const responses = params.ChallengeResponses as Record<string, string>;
			return server?.verify(srpA, responses)
				? { data: { AuthenticationResult: kit.authResult() } }
				: { error: kit.serviceError('NotAuthorizedException') };
		};
		const storage = new kit.RecordingStorage();
		const pool = kit.stubPool({ storage });
		const user = new entry.CognitoUser({
			Username: 'alice',
			Pool: pool as never,
			Storage: storage,
		});
		const outcome = await new Promise<string>((resolve) => {
			user.authenticateUser(
				new entry.AuthenticationDetails({ Username: 'alice', Password: 'Very$ecur3' }),
				{
					onSuccess: () => resolve('success'),
					onFailure: (err: Error) => resolve(`failure: ${err.message}`),
				},
			);
		});
		expect(outcome).toBe('success');
		expect(native.computeS).toHaveBeenCalledTimes(1);
		// A = g^a is the only modPow of the login; computeS covers the rest.
		expect(native.computeModPow).toHaveBeenCalledTimes(methods.length === 2 ? 1 : 0);
	});
});

describe('React Native entry without the native module', () => {
	it('leaves the JS methods in place: modPow answers synchronously', async () => {
		const { entry, BigInteger } = await loadEntry({});
		const callback = vi.fn();
		const result = new BigInteger('3', 16).modPow(
			new BigInteger('5', 16),
			new BigInteger('7', 16),
			callback,
		);
		expect(result.toString(10)).toBe('5');
		expect(callback).toHaveBeenCalledWith(null, result);
		const [err, key] = await deriveKey(entry, BigInteger);
		expect([err, key]).toEqual([null, SRP.hkdf]);
	});

	it('loads where react-native itself is missing (under Node), on the JS path', async () => {
		const { entry, BigInteger } = await loadEntry(null);
		expect(await deriveKey(entry, BigInteger)).toEqual([null, SRP.hkdf]);
	});

	it('also keeps the JS path when the module lacks both methods', async () => {
		const { entry, BigInteger } = await loadEntry({ RNAWSCognito: { unrelated: () => 1 } });
		const callback = vi.fn();
		new BigInteger('2', 16).modPow(new BigInteger('3', 16), new BigInteger('5', 16), callback);
		expect(callback).toHaveBeenCalledTimes(1);
		expect(await deriveKey(entry, BigInteger)).toEqual([null, SRP.hkdf]);
	});
});
