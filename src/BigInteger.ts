// The jsbn-compatible big integer the original exposes, held as a native bigint. Only the
// public surface (and the few protected helpers applications reach for) is reproduced; the
// limb representation is not.
import fastModPow from './utils/fastModPow';
import modPowPure from './utils/modPowPure';

/** Node-style callback that `modPow` reports to (synchronously). */
export type ModPowCallback = (err: Error | null, result: BigInteger) => void;

/** Radices whose digit strings `BigInt()` reads in one go, with the prefix it needs. */
const NATIVE_RADIX: Record<number, { prefix: string; digits: RegExp }> = {
	2: { prefix: '0b', digits: /^[01]+$/ },
	8: { prefix: '0o', digits: /^[0-7]+$/ },
	10: { prefix: '', digits: /^[0-9]+$/ },
	16: { prefix: '0x', digits: /^[0-9a-fA-F]+$/ },
};

/** Value of a digit character in base 36, or -1 for any other character. */
function digitValue(code: number): number {
	if (code >= 48 && code <= 57) return code - 48;
	const lower = code | 0x20;
	if (lower >= 97 && lower <= 122) return lower - 87;
	return -1;
}

function checkRadix(radix: number): void {
	if (!Number.isInteger(radix) || radix < 2 || radix > 36) {
		throw new Error('Radix must be an integer from 2 to 36');
	}
}

/**
 * Reads `text` in `radix` the way jsbn does for well-formed input: a '-' before the first
 * digit negates. Characters that are not digits of the radix are skipped rather than
 * rejected, so, like the original, parsing never throws on odd input.
 */
function parse(text: string, radix: number): bigint {
	checkRadix(radix);
	let negative = text.startsWith('-');
	const body = negative ? text.slice(1) : text;
	const native = NATIVE_RADIX[radix];
	// Well-formed digits go to the native parser; anything else takes the jsbn-style loop.
	if (native && native.digits.test(body)) {
		const value = BigInt(native.prefix + body);
		return negative ? -value : value;
	}
	let value = 0n;
	const big = BigInt(radix);
	let seenDigit = false;
	for (let i = 0; i < text.length; i++) {
		const digit = digitValue(text.charCodeAt(i));
		if (digit < 0 || digit >= radix) {
			if (!seenDigit && text[i] === '-') negative = true;
			continue;
		}
		seenDigit = true;
		value = value * big + BigInt(digit);
	}
	return negative ? -value : value;
}

/**
 * Arbitrary-precision integer with the API of the jsbn `BigInteger` shipped by
 * amazon-cognito-identity-js. Instances are immutable except through the protected-style
 * `fromInt`/`fromString`/`copyTo` helpers that jsbn code uses to fill a blank value.
 */
export default class BigInteger {
	/** Zero, shared. */
	static ZERO: BigInteger;
	/** One, shared. */
	static ONE: BigInteger;

	/** @internal The number held. Not part of the jsbn API; used by the SRP code. */
	value: bigint;

	/**
	 * Parses `a` in `radix` (2 to 36; the original supports 2, 4, 8, 16 and 32). A bigint is
	 * taken as is; `null` or no argument gives a blank value (zero) for `fromInt` to fill.
	 */
	constructor(a?: string | bigint | null, radix?: number) {
		if (typeof a === 'bigint') this.value = a;
		else if (typeof a === 'string') this.value = parse(a, radix ?? 10);
		else this.value = 0n;
	}

	/** Sets this value to the integer part of `n` (jsbn's protected initialiser). */
	fromInt(n: number): void {
		this.value = Number.isFinite(n) ? BigInt(Math.trunc(n)) : 0n;
	}

	/** Sets this value by parsing `text` in `radix` (jsbn's protected initialiser). */
	fromString(text: string, radix: number): void {
		this.value = parse(text, radix);
	}

	/** Copies this value into `target` (jsbn's protected helper). */
	copyTo(target: BigInteger): void {
		target.value = this.value;
	}

	/**
	 * Digits in `radix` (default 10), lower case, with a leading '-' for negatives. The
	 * original only accepted 2, 4, 8, 16 and 32 and threw without an argument.
	 */
	toString(radix?: number): string {
		const r = radix ?? 10;
		checkRadix(r);
		return this.value.toString(r);
	}

	/** −this. */
	negate(): BigInteger {
		return new BigInteger(-this.value);
	}

	/** |this|. */
	abs(): BigInteger {
		return this.value < 0n ? new BigInteger(-this.value) : this;
	}

	/** Negative, zero or positive as this is less than, equal to or greater than `other`. */
	compareTo(other: BigInteger): number {
		const a = this.value;
		const b = other.value;
		return a < b ? -1 : a > b ? 1 : 0;
	}

	/**
	 * Bits needed for the magnitude in two's complement, without the sign bit (Java's
	 * `bitLength`): 0 for 0 and −1, 8 for 255 and for −256.
	 */
	bitLength(): number {
		const v = this.value < 0n ? -this.value - 1n : this.value;
		return v === 0n ? 0 : v.toString(2).length;
	}

	/**
	 * Remainder that takes the sign of `m` for a negative dividend, as jsbn does: for a
	 * positive modulus the result always lies in `[0, m)`. A zero modulus gives zero.
	 */
	mod(m: BigInteger): BigInteger {
		return new BigInteger(jsbnMod(this.value, m.value));
	}

	/** Whether both hold the same number. */
	equals(other: BigInteger): boolean {
		return this.value === other.value;
	}

	/** this + other. */
	add(other: BigInteger): BigInteger {
		return new BigInteger(this.value + other.value);
	}

	/** this − other. */
	subtract(other: BigInteger): BigInteger {
		return new BigInteger(this.value - other.value);
	}

	/** this × other. */
	multiply(other: BigInteger): BigInteger {
		return new BigInteger(this.value * other.value);
	}

	/** Quotient truncated toward zero; dividing by zero gives zero, as in jsbn. */
	divide(other: BigInteger): BigInteger {
		return new BigInteger(other.value === 0n ? 0n : this.value / other.value);
	}

	/**
	 * `this^e mod m`, reported to `callback(null, result)` synchronously and also returned.
	 * Unlike jsbn, a zero exponent also calls back (with one, reduced mod m), an even modulus
	 * gives the correct result, and a negative exponent throws a RangeError. React Native's
	 * native module replaces this method with an asynchronous one, hence the callback.
	 */
	modPow(e: BigInteger, m: BigInteger, callback?: ModPowCallback): BigInteger {
		const result = new BigInteger(modPowValue(this.value, e.value, m.value));
		if (typeof callback === 'function') callback(null, result);
		return result;
	}
}

BigInteger.ZERO = new BigInteger(0n);
BigInteger.ONE = new BigInteger(1n);

/** jsbn's `mod`: |a| rem |m|, then m − r for a negative a with a non-zero remainder. */
function jsbnMod(a: bigint, m: bigint): bigint {
	if (m === 0n) return 0n;
	let r = (a < 0n ? -a : a) % (m < 0n ? -m : m);
	if (a < 0n && r > 0n) r = m - r;
	return r;
}

/** Defined as `(base^e).mod(m)` so that every sign combination agrees with `mod`. */
function modPowValue(base: bigint, e: bigint, m: bigint): bigint {
	if (e < 0n) throw new RangeError('Negative exponent');
	if (m === 0n) return 0n;
	const size = m < 0n ? -m : m;
	const magnitude = base < 0n ? -base : base;
	const reduced = magnitude % size;
	const r = fastModPow(reduced, e, size) ?? modPowPure(reduced, e, size);
	const negative = base < 0n && (e & 1n) === 1n;
	return negative && r > 0n ? m - r : r;
}
