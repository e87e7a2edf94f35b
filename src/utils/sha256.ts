// SHA-256 (FIPS 180-4) and HMAC (RFC 2104), synchronous, because the SRP flow must complete
// inside the caller's stack (WebCrypto is asynchronous) and no Buffer may reach the bundle.

/**
 * Round constants (first 32 bits of the fractional parts of the cube roots of the first 64
 * primes) and initial state (the same of the square roots of the first 8), derived at load
 * rather than spelled out: the table is a third of this module's compressed size. Every value
 * sits at least 0.005 away from an integer after scaling, so a root a few ulps off still
 * truncates to the standard constant (the unit tests compare against the published digests).
 */
const K = new Uint32Array(64);
const INITIAL = new Uint32Array(8);
for (let n = 2, found = 0; found < 64; n++) {
	let prime = true;
	for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
	if (prime) {
		if (found < 8) INITIAL[found] = (Math.sqrt(n) % 1) * 2 ** 32;
		K[found++] = (Math.cbrt(n) % 1) * 2 ** 32;
	}
}

/** Length of one SHA-256 input block in bytes; HMAC pads its key to this size. */
const BLOCK_BYTES = 64;

/** Message schedule, reused across calls: hashing is synchronous, so no call can interleave. */
const W = new Uint32Array(64);

/** The eight 32-bit working variables of a round. */
type Words = [number, number, number, number, number, number, number, number];

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

function compress(state: Uint32Array, data: DataView, offset: number): void {
	// The first 16 words are the block itself (w15 and w2 are read but unused there).
	for (let t = 0; t < 64; t++) {
		const w15 = W[t - 15] as number;
		const w2 = W[t - 2] as number;
		W[t] =
			t < 16
				? data.getUint32(offset + t * 4)
				: (W[t - 16] as number) +
					(rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3)) +
					(W[t - 7] as number) +
					(rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10));
	}
	// The working variables a…h, shifted down one place per round.
	const v = [...state];
	for (let t = 0; t < 64; t++) {
		const [a, b, c, , e, f, g, h] = v as Words;
		const t1 =
			h +
			(rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) +
			((e & f) ^ (~e & g)) +
			(K[t] as number) +
			(W[t] as number);
		v.pop();
		v.unshift((t1 + (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0);
		v[4] = ((v[4] as number) + t1) | 0;
	}
	for (let i = 0; i < 8; i++) state[i] = (state[i] as number) + (v[i] as number);
}

/** SHA-256 digest (32 bytes) of the concatenation of the given parts. */
export function sha256(...parts: Uint8Array[]): Uint8Array {
	const state = Uint32Array.from(INITIAL);
	let total = 0;
	for (const part of parts) total += part.length;
	// Whole message plus the 0x80 marker and the 64-bit length, rounded up to whole blocks;
	// one copy keeps the block loop simple and costs little next to the modexps it serves.
	const padded = new Uint8Array(Math.ceil((total + 9) / BLOCK_BYTES) * BLOCK_BYTES);
	let offset = 0;
	for (const part of parts) {
		padded.set(part, offset);
		offset += part.length;
	}
	padded[total] = 0x80;
	const bits = total * 8;
	const view = new DataView(padded.buffer);
	view.setUint32(padded.length - 8, Math.floor(bits / 0x100000000));
	view.setUint32(padded.length - 4, bits >>> 0);
	for (let p = 0; p < padded.length; p += BLOCK_BYTES) compress(state, view, p);
	const out = new Uint8Array(32);
	const outView = new DataView(out.buffer);
	for (let i = 0; i < 8; i++) outView.setUint32(i * 4, state[i] as number);
	return out;
}

/** HMAC-SHA256 of the concatenated message parts under `key` (any length). */
export function hmacSha256(key: Uint8Array, ...message: Uint8Array[]): Uint8Array {
	const block = new Uint8Array(BLOCK_BYTES);
	block.set(key.length > BLOCK_BYTES ? sha256(key) : key);
	const inner = new Uint8Array(BLOCK_BYTES);
	const outer = new Uint8Array(BLOCK_BYTES);
	for (let i = 0; i < BLOCK_BYTES; i++) {
		inner[i] = (block[i] as number) ^ 0x36;
		outer[i] = (block[i] as number) ^ 0x5c;
	}
	return sha256(outer, sha256(inner, ...message));
}
