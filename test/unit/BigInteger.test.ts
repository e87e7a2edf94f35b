import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import BigInteger from '../../src/BigInteger';
import { setFastModPowEnabled } from '../../src/utils/fastModPow';
import { referenceModPow } from '../helpers/referenceModPow';

const RUNS = 10_000;
const BIG = 1n << 3072n;

/** Small, word-sized and 3072-bit values of both signs, plus the edges. */
const anyInt = fc.oneof(
	fc.constantFrom(0n, 1n, -1n, 255n, -256n, BIG - 1n, -BIG),
	fc.bigInt(-1000n, 1000n),
	fc.bigInt(-(1n << 64n), 1n << 64n),
	fc.bigInt(-BIG, BIG),
);
const nonZero = anyInt.filter((v) => v !== 0n);
const bi = (v: bigint): BigInteger => new BigInteger(v.toString(16), 16);

/** jsbn's mod: |a| rem |m|, moved to m − r for a negative a. */
function referenceMod(a: bigint, m: bigint): bigint {
	let r = (a < 0n ? -a : a) % (m < 0n ? -m : m);
	if (a < 0n && r > 0n) r = m - r;
	return r;
}

describe('BigInteger arithmetic agrees with native bigint', () => {
	const binary = (
		name: string,
		op: (a: BigInteger, b: BigInteger) => BigInteger,
		ref: (a: bigint, b: bigint) => bigint,
	) =>
		it(name, () => {
			fc.assert(
				fc.property(anyInt, anyInt, (a, b) => {
					expect(op(bi(a), bi(b)).toString(16)).toBe(ref(a, b).toString(16));
				}),
				{ numRuns: RUNS },
			);
		});
	binary(
		'add',
		(a, b) => a.add(b),
		(a, b) => a + b,
	);
	binary(
		'subtract',
		(a, b) => a.subtract(b),
		(a, b) => a - b,
	);
	binary(
		'multiply',
		(a, b) => a.multiply(b),
		(a, b) => a * b,
	);
	binary(
		'divide (truncating; zero divisor gives zero)',
		(a, b) => a.divide(b),
		(a, b) => (b === 0n ? 0n : a / b),
	);

	it('mod: non-negative below a positive modulus, jsbn rule otherwise', () => {
		fc.assert(
			fc.property(anyInt, nonZero, (a, m) => {
				const r = bi(a).mod(bi(m));
				expect(r.toString(16)).toBe(referenceMod(a, m).toString(16));
				if (m > 0n) {
					expect(r.value >= 0n && r.value < m).toBe(true);
					expect((r.value - a) % m).toBe(0n);
				}
			}),
			{ numRuns: RUNS },
		);
		expect(bi(5n).mod(BigInteger.ZERO).toString(16)).toBe('0');
	});

	it('negate, abs, equals, compareTo, bitLength', () => {
		fc.assert(
			fc.property(anyInt, anyInt, (a, b) => {
				const x = bi(a);
				expect(x.negate().toString(16)).toBe((-a).toString(16));
				expect(x.abs().toString(16)).toBe((a < 0n ? -a : a).toString(16));
				expect(x.equals(bi(b))).toBe(a === b);
				expect(x.equals(bi(a))).toBe(true);
				expect(Math.sign(x.compareTo(bi(b)))).toBe(a < b ? -1 : a > b ? 1 : 0);
				const magnitude = a < 0n ? -a - 1n : a;
				expect(x.bitLength()).toBe(magnitude === 0n ? 0 : magnitude.toString(2).length);
			}),
			{ numRuns: RUNS },
		);
	});

	it('bitLength follows Java for the edges', () => {
		expect([0n, -1n, 1n, 255n, 256n, -256n, -257n, -128n].map((v) => bi(v).bitLength())).toEqual([
			0, 0, 1, 8, 9, 8, 9, 7,
		]);
	});
});

describe('parsing and printing', () => {
	for (const radix of [2, 4, 8, 10, 16, 32]) {
		it(`round-trips radix ${radix}`, () => {
			fc.assert(
				fc.property(anyInt, (v) => {
					const text = v.toString(radix);
					const parsed = new BigInteger(text, radix);
					expect(parsed.value).toBe(v);
					expect(parsed.toString(radix)).toBe(text);
					expect(new BigInteger(text.toUpperCase(), radix).value).toBe(v);
				}),
				{ numRuns: 2_000 },
			);
		});
	}

	it('defaults to radix 10 and prints zero and negatives like jsbn', () => {
		expect(new BigInteger('-255').toString()).toBe('-255');
		expect(new BigInteger('-0', 16).toString(16)).toBe('0');
		expect(new BigInteger('', 16).toString(16)).toBe('0');
		expect(new BigInteger('000ff', 16).toString(16)).toBe('ff');
		expect(new BigInteger('-ff', 16).toString(2)).toBe('-11111111');
	});

	it('skips characters that are not digits of the radix, as jsbn does, instead of throwing', () => {
		expect(new BigInteger('12 34', 16).toString(16)).toBe('1234');
		expect(new BigInteger('1-2', 16).toString(16)).toBe('12');
		expect(new BigInteger('--2', 16).toString(16)).toBe('-2');
		expect(new BigInteger('1g2', 16).toString(16)).toBe('12');
		expect(new BigInteger('192', 8).toString(8)).toBe('12');
	});

	it('rejects radices no integer can be printed in', () => {
		expect(() => new BigInteger('1', 16).toString(37)).toThrow(Error);
		expect(() => new BigInteger('1', 1)).toThrow(Error);
	});

	it('gives a blank value that fromInt, fromString and copyTo fill', () => {
		const blank = new BigInteger();
		expect(blank.toString(16)).toBe('0');
		expect(new BigInteger(null).equals(BigInteger.ZERO)).toBe(true);
		blank.fromInt(-5);
		expect(blank.toString(10)).toBe('-5');
		blank.fromInt(0x7fffffff);
		expect(blank.toString(16)).toBe('7fffffff');
		blank.fromString('-abc', 16);
		expect(blank.toString(16)).toBe('-abc');
		const target = new BigInteger();
		blank.copyTo(target);
		expect(target.toString(16)).toBe('-abc');
	});

	it('exposes ZERO and ONE and keeps its methods on the prototype', () => {
		expect(BigInteger.ZERO.toString(16)).toBe('0');
		expect(BigInteger.ONE.toString(16)).toBe('1');
		for (const name of ['modPow', 'add', 'mod', 'toString', 'fromInt', 'compareTo']) {
			expect(Object.prototype.hasOwnProperty.call(BigInteger.prototype, name), name).toBe(true);
			expect(Object.prototype.hasOwnProperty.call(BigInteger.ONE, name), name).toBe(false);
		}
	});
});

describe.each([
	['OpenSSL path', true],
	['pure path', false],
])('modPow (%s)', (_label, fast) => {
	afterEach(() => setFastModPowEnabled(true));

	const run = (base: bigint, e: bigint, m: bigint): { result: BigInteger; calls: unknown[][] } => {
		setFastModPowEnabled(fast);
		const calls: unknown[][] = [];
		const result = bi(base).modPow(bi(e), bi(m), (...args) => calls.push(args));
		return { result, calls };
	};

	it('agrees with square-and-multiply on small operands of any sign and calls back once', () => {
		fc.assert(
			fc.property(
				fc.bigInt(-(1n << 200n), 1n << 200n),
				fc.bigInt(0n, 1n << 128n),
				fc.bigInt(1n, 1n << 160n),
				(b, e, m) => {
					const { result, calls } = run(b, e, m);
					expect(result.value).toBe(referenceModPow(b, e, m));
					expect(calls).toEqual([[null, result]]);
				},
			),
			{ numRuns: RUNS },
		);
	});

	it('agrees on 3072-bit moduli with exponents up to 1024 bits', () => {
		fc.assert(
			fc.property(
				fc.bigInt(-BIG, BIG),
				fc.bigInt(1n, 1n << 1024n),
				fc.bigInt((1n << 3071n) + 1n, BIG - 1n),
				fc.boolean(),
				(b, e, m, baseTwo) => {
					const base = baseTwo ? 2n : b;
					expect(run(base, e, m).result.value).toBe(referenceModPow(base, e, m));
				},
			),
			{ numRuns: 40 },
		);
	});

	it('calls back exactly once with one for a zero exponent (jsbn returned without calling back)', () => {
		const { result, calls } = run(12345n, 0n, 97n);
		expect(result.toString(16)).toBe('1');
		expect(calls).toEqual([[null, result]]);
		expect(run(5n, 0n, 1n).result.toString(16)).toBe('0');
	});

	it('is correct for even moduli (where jsbn returned 0)', () => {
		expect(run(3n, 3n, 8n).result.toString(10)).toBe('3');
		expect(run(3n, 19n, 16n).result.toString(10)).toBe(String(referenceModPow(3n, 19n, 16n)));
	});

	it('follows mod for a negative or zero modulus and rejects a negative exponent', () => {
		expect(run(-3n, 3n, -7n).result.value).toBe(referenceMod(-27n, -7n));
		expect(run(3n, 3n, 0n).result.value).toBe(0n);
		setFastModPowEnabled(fast);
		expect(() => bi(3n).modPow(bi(-1n), bi(7n))).toThrow(RangeError);
	});

	it('dispatches through the prototype so spies see every call', () => {
		const spy = vi.spyOn(BigInteger.prototype, 'modPow');
		run(2n, 10n, 1000n);
		expect(spy).toHaveBeenCalledTimes(1);
		spy.mockRestore();
	});
});
