import { createHash, hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const random = vi.hoisted(() => ({ queue: [] as number[] }));
vi.mock('../../src/utils/cryptoSecureRandomInt', () => ({
	default: () => random.queue.shift() ?? globalThis.crypto.getRandomValues(new Uint32Array(1))[0],
}));
vi.mock('../../src/utils/fastModPow', async (importOriginal) => {
	const actual = await importOriginal<typeof import('../../src/utils/fastModPow')>();
	return { ...actual, default: vi.fn(actual.default) };
});

import AuthenticationHelper from '../../src/AuthenticationHelper';
import BigInteger from '../../src/BigInteger';
import fastModPow, { setFastModPowEnabled } from '../../src/utils/fastModPow';
import { calculateSignature, deviceVerifierConfig } from '../../src/utils/srpSignature';
import { SRP } from './srpVectors';

const hex = (bytes: Uint8Array | null): string => Buffer.from(bytes ?? []).toString('hex');
const big = (h: string): BigInteger => new BigInteger(h, 16);

/** Java's BigInteger.toByteArray(), written independently: emit bytes until the sign is clear. */
function javaToByteArray(value: bigint): string {
	const bytes: number[] = [];
	let rest = value;
	for (;;) {
		const byte = Number(rest & 0xffn);
		bytes.unshift(byte);
		rest >>= 8n;
		if ((rest === 0n && byte < 0x80) || (rest === -1n && byte >= 0x80)) break;
	}
	return Buffer.from(bytes).toString('hex');
}

/** Runs the password leg for the Appendix A inputs and returns the key. */
function derive(helper: AuthenticationHelper): Uint8Array | null {
	let key: Uint8Array | null = null;
	let calls = 0;
	helper.getPasswordAuthenticationKey(
		SRP.user,
		SRP.password,
		big(SRP.B),
		big(SRP.salt),
		(err, k) => {
			calls++;
			expect(err).toBeNull();
			key = k;
		},
	);
	expect(calls).toBe(1); // and synchronously
	return key;
}

afterEach(() => {
	random.queue = [];
	setFastModPowEnabled(true);
	vi.restoreAllMocks();
	vi.mocked(fastModPow).mockClear();
});

describe.each([
	['OpenSSL path', true],
	['pure path', false],
])('Appendix A known answers (%s)', (_label, fast) => {
	beforeEach(() => setFastModPowEnabled(fast));
	afterEach(() => {
		const results = vi.mocked(fastModPow).mock.results.map((r) => r.value as unknown);
		expect(results.length).toBeGreaterThan(0);
		if (fast) expect(results.every((v) => typeof v === 'bigint')).toBe(true);
		else expect(results.every((v) => v === undefined)).toBe(true);
	});

	const helperWithA = (): AuthenticationHelper => {
		const helper = new AuthenticationHelper(SRP.pool);
		helper.smallAValue = big(SRP.a);
		return helper;
	};

	it('k, A, x, U, the HKDF key and the claim signature', () => {
		const helper = helperWithA();
		expect(helper.k.toString(16)).toBe(SRP.k);
		let A: BigInteger | null = null;
		helper.getLargeAValue((err, value) => {
			expect(err).toBeNull();
			A = value;
		});
		expect(A).not.toBeNull();
		expect(A!.toString(16)).toBe(SRP.A);
		expect(helper.largeAValue).toBe(A);

		const calculateS = vi.spyOn(AuthenticationHelper.prototype, 'calculateS');
		const key = derive(helper);
		expect(calculateS.mock.calls[0]?.[0].toString(16)).toBe(SRP.x);
		expect(helper.UValue?.toString(16)).toBe(SRP.U);
		expect(hex(key)).toBe(SRP.hkdf);
		expect(calculateSignature(key!, SRP.pool, SRP.user, SRP.secretBlock, SRP.timestamp)).toBe(
			SRP.signature,
		);
	});

	it('computes A lazily inside getPasswordAuthenticationKey when nobody asked for it', () => {
		const helper = helperWithA();
		expect(helper.largeAValue).toBeNull();
		expect(hex(derive(helper))).toBe(SRP.hkdf);
		expect(helper.largeAValue?.toString(16)).toBe(SRP.A);
	});

	it('device verifier with fixed randomness', () => {
		const helper = new AuthenticationHelper(SRP.pool);
		random.queue = [...Array(10).fill(0x07070707), 0xf0e1d2c3, 0xb4a59687, 0x78695a4b, 0x3c2d1e0f];
		const calls: unknown[][] = [];
		helper.generateHashDevice(SRP.deviceGroupKey, SRP.deviceKey, (...args) => calls.push(args));
		expect(calls).toEqual([[null, null]]);
		expect(random.queue).toEqual([]);
		expect(helper.getRandomPassword()).toBe(SRP.devicePassword);
		expect(helper.getSaltDevices()).toBe(SRP.deviceSaltHex);
		expect(helper.getVerifierDevices()?.startsWith(SRP.deviceVerifierPrefix)).toBe(true);
		expect(deviceVerifierConfig(helper)).toEqual({
			Salt: SRP.deviceSalt,
			PasswordVerifier: SRP.devicePasswordVerifier,
		});
		expect(helper.getVerifierDevices()).toBe(
			Buffer.from(SRP.devicePasswordVerifier, 'base64').toString('hex'),
		);
	});
});

describe('AuthenticationHelper', () => {
	it('sets up the group, the secret and every field the original exposes', () => {
		const words = Array.from({ length: 32 }, (_, i) => (i + 1) * 0x01010101);
		random.queue = [...words];
		const helper = new AuthenticationHelper('pool');
		const expectedA = words.map((w) => (w >>> 0).toString(16).padStart(8, '0')).join('');
		expect(helper.getSmallAValue().toString(16)).toBe(expectedA.replace(/^0+/, ''));
		expect(helper.N.toString(16)).toBe(SRP.N.toLowerCase());
		expect(helper.g.toString(16)).toBe('2');
		const kBytes = createHash('sha256')
			.update(Buffer.from(`00${SRP.N}02`, 'hex'))
			.digest('hex');
		expect(helper.k.toString(16)).toBe(kBytes);
		expect(Buffer.from(helper.infoBits).toString()).toBe('Caldera Derived Key');
		expect(helper.poolName).toBe('pool');
		for (const field of [
			'largeAValue',
			'UValue',
			'randomPassword',
			'SaltToHashDevices',
			'verifierDevices',
		]) {
			expect(Object.prototype.hasOwnProperty.call(helper, field), field).toBe(true);
		}
		expect(helper.getNewPasswordRequiredChallengeUserAttributePrefix()).toBe('userAttributes.');
	});

	it('reproduces Appendix A x and U from the public hashing helpers', () => {
		const helper = new AuthenticationHelper(SRP.pool);
		const inner = helper.hash(`${SRP.pool}${SRP.user}:${SRP.password}`);
		expect(helper.hexHash(helper.padHex(big(SRP.salt)) + inner)).toBe(SRP.x);
		expect(helper.calculateU(big(SRP.A), big(SRP.B)).toString(16)).toBe(SRP.U);
	});

	it('keeps every method on the prototype', () => {
		for (const name of [
			'getSmallAValue',
			'getLargeAValue',
			'generateRandomSmallA',
			'generateRandomString',
			'getRandomPassword',
			'getSaltDevices',
			'getVerifierDevices',
			'generateHashDevice',
			'calculateA',
			'calculateU',
			'computehkdf',
			'calculateS',
			'getPasswordAuthenticationKey',
			'getNewPasswordRequiredChallengeUserAttributePrefix',
			'padHex',
			'hash',
			'hexHash',
		]) {
			expect(
				typeof Object.getOwnPropertyDescriptor(AuthenticationHelper.prototype, name)?.value,
				name,
			).toBe('function');
		}
	});

	it('computes A once and then serves it from largeAValue; clearing it recomputes', () => {
		const helper = new AuthenticationHelper('pool');
		const modPow = vi.spyOn(BigInteger.prototype, 'modPow');
		const seen: BigInteger[] = [];
		helper.getLargeAValue((_e, A) => seen.push(A!));
		helper.getLargeAValue((_e, A) => seen.push(A!));
		expect(modPow).toHaveBeenCalledTimes(1);
		expect(seen[0]).toBe(seen[1]);
		helper.largeAValue = null;
		helper.getLargeAValue((_e, A) => seen.push(A!));
		expect(modPow).toHaveBeenCalledTimes(2);
		expect(seen[2]?.equals(seen[0]!)).toBe(true);
	});

	it('calculateA reports A mod N = 0 exactly once, with the original (misspelt) message', () => {
		const helper = new AuthenticationHelper('pool');
		vi.spyOn(BigInteger.prototype, 'modPow').mockImplementation(function (
			this: BigInteger,
			_e,
			m,
			cb,
		) {
			cb?.(null, m);
			return m;
		});
		const calls: unknown[][] = [];
		helper.calculateA(helper.smallAValue, (...args) => calls.push(args));
		expect(calls).toEqual([[new Error('Illegal paramater. A mod N cannot be 0.'), null]]);
		const viaGetter: unknown[][] = [];
		helper.getLargeAValue((...args) => viaGetter.push(args));
		expect(viaGetter).toHaveLength(1);
		expect(helper.largeAValue).toBeNull();
	});

	it('passes a modPow error through once (as a native modPow could report)', () => {
		const helper = new AuthenticationHelper('pool');
		const failure = new Error('native failure');
		vi.spyOn(BigInteger.prototype, 'modPow').mockImplementation(function (
			this: BigInteger,
			_e,
			_m,
			cb,
		) {
			(cb as unknown as (err: Error, r: null) => void)(failure, null);
			return this;
		});
		const calls: unknown[][] = [];
		helper.calculateA(helper.smallAValue, (...args) => calls.push(args));
		helper.generateHashDevice('g', 'u', (...args) => calls.push(args));
		helper.largeAValue = big('5');
		helper.getPasswordAuthenticationKey('u', 'p', big('7'), big('1'), (...args) =>
			calls.push(args),
		);
		expect(calls).toEqual([
			[failure, null],
			[failure, null],
			[failure, null],
		]);
	});

	it('throws synchronously when B mod N or u is zero', () => {
		const helper = new AuthenticationHelper('pool');
		const cb = vi.fn();
		expect(() =>
			helper.getPasswordAuthenticationKey('u', 'p', BigInteger.ZERO, big('1'), cb),
		).toThrow(new Error('B cannot be zero.'));
		expect(() =>
			helper.getPasswordAuthenticationKey('u', 'p', helper.N.multiply(big('3')), big('1'), cb),
		).toThrow(new Error('B cannot be zero.'));
		vi.spyOn(AuthenticationHelper.prototype, 'calculateU').mockReturnValue(BigInteger.ZERO);
		expect(() => helper.getPasswordAuthenticationKey('u', 'p', big('7'), big('1'), cb)).toThrow(
			new Error('U cannot be zero.'),
		);
		expect(cb).not.toHaveBeenCalled();
	});

	it('padHex matches Java toByteArray for every integer from -256 to 256', () => {
		const helper = new AuthenticationHelper('pool');
		for (let v = -256n; v <= 256n; v++) {
			expect(helper.padHex(new BigInteger(v.toString(16), 16)), String(v)).toBe(javaToByteArray(v));
		}
		expect([128n, 127n, -128n, -129n, 0n].map((v) => helper.padHex(new BigInteger(v)))).toEqual([
			'0080',
			'7f',
			'80',
			'ff7f',
			'00',
		]);
	});

	it('padHex matches Java toByteArray for large values of both signs', () => {
		const helper = new AuthenticationHelper('pool');
		fc.assert(
			fc.property(fc.bigInt(-(1n << 3100n), 1n << 3100n), (v) => {
				expect(helper.padHex(new BigInteger(v))).toBe(javaToByteArray(v));
			}),
			{ numRuns: 2000 },
		);
	});

	it('padHex rejects anything that is not one of our BigIntegers', () => {
		const helper = new AuthenticationHelper('pool');
		for (const bad of [5n, 'ff', 5, null, { value: 5n }]) {
			expect(() => helper.padHex(bad as unknown as BigInteger)).toThrow(
				new Error('Not a BigInteger'),
			);
		}
	});

	it('hash and hexHash give lower-case SHA-256 hex, strings as UTF-8', () => {
		const helper = new AuthenticationHelper('pool');
		const sha = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
		fc.assert(
			fc.property(
				fc.string({ unit: 'binary', maxLength: 200 }),
				fc.uint8Array({ maxLength: 300 }),
				(text, bytes) => {
					expect(helper.hash(text)).toBe(sha(Buffer.from(new TextEncoder().encode(text))));
					expect(helper.hash(bytes)).toBe(sha(Buffer.from(bytes)));
					expect(
						helper.hash(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)),
					).toBe(sha(Buffer.from(bytes)));
					expect(helper.hexHash(Buffer.from(bytes).toString('hex'))).toBe(sha(Buffer.from(bytes)));
				},
			),
			{ numRuns: 500 },
		);
	});

	it('computehkdf is the first 16 bytes of RFC 5869 HKDF-SHA256 with the Caldera info', () => {
		const helper = new AuthenticationHelper('pool');
		fc.assert(
			fc.property(
				fc.uint8Array({ minLength: 1, maxLength: 400 }),
				fc.uint8Array({ minLength: 1, maxLength: 100 }),
				(ikm, salt) => {
					const expected = Buffer.from(hkdfSync('sha256', ikm, salt, 'Caldera Derived Key', 16));
					const out = helper.computehkdf(ikm, salt);
					expect(out).toBeInstanceOf(Uint8Array);
					expect(hex(out)).toBe(expected.toString('hex'));
				},
			),
			{ numRuns: 300 },
		);
	});

	it('draws 40 random bytes for the device password', () => {
		const helper = new AuthenticationHelper('pool');
		random.queue = Array.from({ length: 10 }, (_, i) => 0x10203040 + i);
		const expected = Buffer.from(
			random.queue.map((w) => w.toString(16).padStart(8, '0')).join(''),
			'hex',
		);
		expect(helper.generateRandomString()).toBe(expected.toString('base64'));
		expect(helper.generateRandomString()).toHaveLength(56);
	});
});
