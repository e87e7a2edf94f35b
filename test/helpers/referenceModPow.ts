/**
 * Independent right-to-left square-and-multiply, the reference the modPow tests check both the
 * OpenSSL and the pure path against. Any base sign; the result is in [0, m).
 */
export function referenceModPow(base: bigint, exponent: bigint, m: bigint): bigint {
	let b = ((base % m) + m) % m;
	let e = exponent;
	let r = 1n % m;
	while (e > 0n) {
		if (e & 1n) r = (r * b) % m;
		b = (b * b) % m;
		e >>= 1n;
	}
	return r;
}
