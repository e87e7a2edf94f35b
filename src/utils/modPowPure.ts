// Modular exponentiation over native bigint, for platforms without the OpenSSL seam (browsers,
// React Native) and as the fallback when OpenSSL declines an input.

/**
 * `base^exponent mod modulus` for `modulus > 0` and `exponent >= 0`; the result lies in
 * `[0, modulus)` even for a negative base.
 */
export default function modPowPure(base: bigint, exponent: bigint, modulus: bigint): bigint {
	if (modulus <= 0n) throw new RangeError('Modulus must be positive');
	if (exponent < 0n) throw new RangeError('Exponent must not be negative');
	if (modulus === 1n) return 0n;
	let b = base % modulus;
	if (b < 0n) b += modulus;
	if (exponent === 0n) return 1n;
	if (b < 2n) return b;
	if (b === 2n && modulus > LARGE_MODULUS) return fixedBaseTwo(exponent, modulus);
	return slidingWindow(b, exponent, modulus);
}

/** Moduli above this size (the SRP group's) keep a table of powers of 2. */
const LARGE_MODULUS = 1n << 1024n;
/** The modulus `powers` belongs to; SRP only ever uses one. */
let tableModulus = 0n;
/** `powers[i] = 2^(32^i) mod tableModulus`, grown to the longest exponent seen. */
let powers: bigint[] = [];

/**
 * 2^e for a large fixed modulus, by Brickell–Gordon–McCurley–Wilson fixed-base windowing:
 * with e = Σ d_i·32^i, 2^e = Π_d (Π_{d_i = d} powers[i])^d, about (bits/5 + 31) products
 * instead of one squaring per bit. The table costs one squaring per bit, once per page (the
 * first 2^a of a login pays it; every later 2^a, 2^x and device verifier is about four times
 * cheaper).
 */
function fixedBaseTwo(exponent: bigint, modulus: bigint): bigint {
	if (modulus !== tableModulus) {
		tableModulus = modulus;
		powers = [2n];
	}
	// Base-32 digits of the exponent, least significant first.
	const digits = [...exponent.toString(32)].reverse().map((c) => parseInt(c, 32));
	while (powers.length < digits.length) {
		let p = powers[powers.length - 1] as bigint;
		for (let j = 0; j < 5; j++) p = (p * p) % modulus;
		powers.push(p);
	}
	// Running product of the powers whose digit is at least d, folded in once per d.
	let atLeast = 1n;
	let result = 1n;
	for (let d = 31; d > 0; d--) {
		digits.forEach((digit, i) => {
			if (digit === d) atLeast = (atLeast * (powers[i] as bigint)) % modulus;
		});
		if (atLeast !== 1n) result = (result * atLeast) % modulus;
	}
	return result;
}

/**
 * Bits per window: 2^(WINDOW_BITS − 1) odd powers are precomputed, which pays off for the
 * exponents of 256 to 3072 bits that SRP raises arbitrary bases to.
 */
const WINDOW_BITS = 6;

/**
 * Left-to-right sliding window over the binary digits of the exponent. A window always ends
 * on a set bit, so only the odd powers base^1, base^3, …, base^(2^WINDOW_BITS − 1) are kept.
 */
function slidingWindow(base: bigint, exponent: bigint, modulus: bigint): bigint {
	const square = (base * base) % modulus;
	const oddPowers = [base];
	for (let j = 1; j < 2 ** (WINDOW_BITS - 1); j++) {
		oddPowers.push(((oddPowers[j - 1] as bigint) * square) % modulus);
	}
	const bits = exponent.toString(2);
	let result = 1n;
	let i = 0;
	while (i < bits.length) {
		if (bits[i] === '0') {
			result = (result * result) % modulus;
			i++;
			continue;
		}
		// The widest window from i, at most WINDOW_BITS long, that ends on a set bit.
		let end = Math.min(i + WINDOW_BITS, bits.length);
		while (bits[end - 1] === '0') end--;
		for (let j = i; j < end; j++) result = (result * result) % modulus;
		const window = parseInt(bits.slice(i, end), 2);
		result = (result * (oddPowers[(window - 1) / 2] as bigint)) % modulus;
		i = end;
	}
	return result;
}
