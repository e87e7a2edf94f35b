import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import fastModPow, { setFastModPowEnabled } from '../../src/utils/fastModPow';
import browserFastModPow from '../../src/utils/fastModPow.browser';
import modPowPure from '../../src/utils/modPowPure';
import { referenceModPow } from '../helpers/referenceModPow';
import { SRP } from './srpVectors';

const N = BigInt(`0x${SRP.N}`);

afterEach(() => setFastModPowEnabled(true));

describe('fastModPow (OpenSSL seam)', () => {
	it('agrees with pure bigint over random bases and exponents modulo the SRP prime', () => {
		fc.assert(
			fc.property(fc.bigInt(2n, N - 2n), fc.bigInt(1n, 1n << 1300n), (b, e) => {
				const fast = fastModPow(b, e, N);
				expect(fast).toBeDefined();
				expect(fast).toBe(modPowPure(b, e, N));
			}),
			{ numRuns: 100 },
		);
	});

	it('agrees with square-and-multiply for random odd moduli of 512 to 4096 bits', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 512, max: 4096 }),
				fc.bigInt(0n, 1n << 4096n),
				fc.bigInt(0n, 1n << 4096n),
				fc.bigInt(0n, 1n << 4096n),
				(bits, rawM, rawB, rawE) => {
					const m = (rawM % (1n << BigInt(bits))) | (1n << BigInt(bits - 1)) | 1n;
					const b = 2n + (rawB % (m - 3n));
					const e = 1n + (rawE % (1n << BigInt(Math.min(bits, 600))));
					const fast = fastModPow(b, e, m);
					expect(fast).toBeDefined();
					expect(fast).toBe(referenceModPow(b, e, m));
				},
			),
			{ numRuns: 100 },
		);
	});

	it('declines the inputs it cannot take, leaving them to the pure path', () => {
		expect(fastModPow(5n, 7n, N - 1n)).toBeUndefined(); // even modulus
		for (const base of [0n, 1n, N - 1n, N, N + 5n, -3n]) {
			expect(fastModPow(base, 7n, N), String(base)).toBeUndefined();
		}
		expect(fastModPow(5n, 0n, N)).toBeUndefined();
		expect(fastModPow(5n, -3n, N)).toBeUndefined();
		expect(fastModPow(5n, 7n, 1000003n)).toBeUndefined(); // too small for OpenSSL DH
		expect(fastModPow(5n, 1n << 3100n, N)).toBeUndefined(); // exponent longer than modulus
	});

	it('can be switched off so that the pure path runs on Node', () => {
		expect(fastModPow(3n, 5n, N)).toBe(243n);
		setFastModPowEnabled(false);
		expect(fastModPow(3n, 5n, N)).toBeUndefined();
		setFastModPowEnabled(true);
		expect(fastModPow(3n, 5n, N)).toBe(243n);
	});

	it('has a browser twin that always declines', () => {
		expect(browserFastModPow(3n, 5n, N)).toBeUndefined();
	});
});

describe('modPowPure', () => {
	it('agrees with square-and-multiply for any base sign and small moduli', () => {
		fc.assert(
			fc.property(
				fc.bigInt(-(1n << 300n), 1n << 300n),
				fc.bigInt(0n, 1n << 300n),
				fc.bigInt(1n, 1n << 200n),
				(b, e, m) => {
					expect(modPowPure(b, e, m)).toBe(referenceModPow(b, e, m));
				},
			),
			{ numRuns: 3_000 },
		);
	});

	it('agrees for base 2 (small moduli) and for other bases with every window width', () => {
		for (const bits of [1, 2, 5, 24, 25, 80, 81, 240, 241, 672, 673, 1024]) {
			const e = (1n << BigInt(bits - 1)) | BigInt(bits * 7919);
			expect(modPowPure(2n, e, N), `2^e, ${bits} bits`).toBe(referenceModPow(2n, e, N));
			expect(modPowPure(N - 12345n, e, N), `b^e, ${bits} bits`).toBe(
				referenceModPow(N - 12345n, e, N),
			);
		}
		fc.assert(
			fc.property(fc.bigInt(1n, 1n << 300n), fc.bigInt(3n, 1n << 600n), (e, m) => {
				expect(modPowPure(2n, e, m)).toBe(referenceModPow(2n, e, m));
			}),
			{ numRuns: 500 },
		);
	});

	it('agrees for base 2 modulo large moduli (fixed-base table), across table switches and growth', () => {
		const other = (1n << 2047n) + 981n;
		for (const bits of [1, 4, 5, 6, 160, 256, 1024, 1500, 3100]) {
			const e = (1n << BigInt(bits - 1)) | BigInt(bits * 104729);
			for (const m of [N, other, N]) {
				expect(modPowPure(2n, e, m), `2^e, ${bits} bits`).toBe(referenceModPow(2n, e, m));
			}
		}
		fc.assert(
			fc.property(fc.bigInt(1n, 1n << 1100n), (e) => {
				expect(modPowPure(2n, e, N)).toBe(referenceModPow(2n, e, N));
			}),
			{ numRuns: 60 },
		);
	});

	it('handles the trivial cases and rejects what has no answer', () => {
		expect(modPowPure(5n, 3n, 1n)).toBe(0n);
		expect(modPowPure(5n, 0n, 7n)).toBe(1n);
		expect(modPowPure(0n, 5n, 7n)).toBe(0n);
		expect(modPowPure(7n, 5n, 7n)).toBe(0n);
		expect(modPowPure(1n, 5n, 7n)).toBe(1n);
		expect(() => modPowPure(5n, 3n, 0n)).toThrow(RangeError);
		expect(() => modPowPure(5n, -3n, 7n)).toThrow(RangeError);
	});
});
