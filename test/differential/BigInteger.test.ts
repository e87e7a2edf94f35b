import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import BigInteger from '../../src/BigInteger';

const require = createRequire(import.meta.url);

interface Jsbn {
	toString(radix: number): string;
	negate(): Jsbn;
	abs(): Jsbn;
	compareTo(o: Jsbn): number;
	bitLength(): number;
	mod(o: Jsbn): Jsbn;
	equals(o: Jsbn): boolean;
	add(o: Jsbn): Jsbn;
	subtract(o: Jsbn): Jsbn;
	multiply(o: Jsbn): Jsbn;
	divide(o: Jsbn): Jsbn;
	modPow(e: Jsbn, m: Jsbn, cb: (err: unknown, r: Jsbn) => void): Jsbn;
}
const Original = (
	require('original-cognito/lib/BigInteger') as { default: new (s: string, r: number) => Jsbn }
).default;

const RADICES = [2, 4, 8, 16, 32] as const;
const value = fc.oneof(fc.bigInt(-1000n, 1000n), fc.bigInt(-(1n << 3072n), 1n << 3072n));
const both = (v: bigint, radix = 16): [BigInteger, Jsbn] => {
	const text = v.toString(radix);
	return [new BigInteger(text, radix), new Original(text, radix)];
};

describe('BigInteger against the original jsbn', () => {
	it('parses and prints every supported radix the same way', () => {
		fc.assert(
			fc.property(
				value,
				fc.constantFrom(...RADICES),
				fc.constantFrom(...RADICES),
				(v, inRadix, outRadix) => {
					const [ours, theirs] = both(v, inRadix);
					expect(ours.toString(outRadix)).toBe(theirs.toString(outRadix));
				},
			),
			{ numRuns: 2000 },
		);
	});

	it('agrees on arithmetic, comparison and bit length', () => {
		fc.assert(
			fc.property(value, value, (x, y) => {
				const [a, ja] = both(x);
				const [b, jb] = both(y);
				expect(a.add(b).toString(16)).toBe(ja.add(jb).toString(16));
				expect(a.subtract(b).toString(16)).toBe(ja.subtract(jb).toString(16));
				expect(a.multiply(b).toString(16)).toBe(ja.multiply(jb).toString(16));
				expect(a.divide(b).toString(16)).toBe(ja.divide(jb).toString(16));
				expect(a.mod(b).toString(16)).toBe(ja.mod(jb).toString(16));
				expect(Math.sign(a.compareTo(b))).toBe(Math.sign(ja.compareTo(jb)));
				expect(a.equals(b)).toBe(ja.equals(jb));
				expect(a.bitLength()).toBe(ja.bitLength());
				expect(a.negate().toString(16)).toBe(ja.negate().toString(16));
				expect(a.abs().toString(16)).toBe(ja.abs().toString(16));
			}),
			{ numRuns: 2000 },
		);
	});

	it('agrees on modPow for odd moduli and positive exponents (where jsbn is correct)', () => {
		fc.assert(
			fc.property(
				fc.bigInt(-(1n << 300n), 1n << 300n),
				fc.bigInt(1n, 1n << 200n),
				fc.bigInt(1n, 1n << 256n),
				(b, e, m) => {
					const [base, jbase] = both(b);
					const [exp, jexp] = both(e);
					const [mod, jmod] = both(m | 1n);
					expect(base.modPow(exp, mod).toString(16)).toBe(
						jbase.modPow(jexp, jmod, () => undefined).toString(16),
					);
				},
			),
			{ numRuns: 300 },
		);
	});
});
