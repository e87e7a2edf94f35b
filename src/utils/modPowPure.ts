// Modular exponentiation over native bigint, for platforms without the OpenSSL seam (browsers,
// React Native) and as the fallback when OpenSSL declines an input.

/** Sliding-window width by exponent size: wider windows pay off once the table is amortised. */
function windowBits(exponentBits: number): number {
	if (exponentBits > 671) return 6;
	if (exponentBits > 239) return 5;
	if (exponentBits > 79) return 4;
	if (exponentBits > 23) return 3;
	return 1;
}

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
	const bits = exponent.toString(2);
	return b === 2n ? powerOfTwo(bits, modulus) : slidingWindow(b, bits, modulus);
}

/**
 * 2^e: multiplying by the base is a shift, so each exponent bit costs one squaring and the
 * shift rides on that squaring's reduction. The leading bits are taken in one shift while
 * 2^prefix is still below the modulus, which skips those squarings entirely.
 */
function powerOfTwo(bits: string, modulus: bigint): bigint {
	const limit = modulus.toString(2).length - 1;
	let i = 0;
	let prefix = 0;
	while (i < bits.length && i < 30) {
		const next = prefix * 2 + (bits.charCodeAt(i) - 48);
		if (next >= limit) break;
		prefix = next;
		i++;
	}
	let r = (1n << BigInt(prefix)) % modulus;
	for (; i < bits.length; i++) {
		const square = r * r;
		r = (bits.charCodeAt(i) === 49 ? square << 1n : square) % modulus;
	}
	return r;
}

/** Left-to-right sliding window over the binary digits of the exponent. */
function slidingWindow(base: bigint, bits: string, modulus: bigint): bigint {
	const w = windowBits(bits.length);
	// Odd powers base^1, base^3, …, base^(2^w − 1): a window always ends on a set bit.
	const table: bigint[] = [base];
	if (w > 1) {
		const square = (base * base) % modulus;
		for (let j = 1; j < 1 << (w - 1); j++)
			table.push(((table[j - 1] as bigint) * square) % modulus);
	}
	let r = 1n;
	let started = false;
	let i = 0;
	while (i < bits.length) {
		if (bits.charCodeAt(i) === 48) {
			if (started) r = (r * r) % modulus;
			i++;
			continue;
		}
		let end = Math.min(i + w, bits.length);
		while (bits.charCodeAt(end - 1) === 48) end--;
		const value = parseInt(bits.slice(i, end), 2);
		const power = table[(value - 1) >> 1] as bigint;
		if (started) {
			for (let j = i; j < end; j++) r = (r * r) % modulus;
			r = (r * power) % modulus;
		} else {
			r = power;
			started = true;
		}
		i = end;
	}
	return r;
}
