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

function compress(state: Uint32Array, data: Uint8Array, offset: number): void {
	for (let t = 0; t < 16; t++) {
		const p = offset + t * 4;
		W[t] =
			((data[p] as number) << 24) |
			((data[p + 1] as number) << 16) |
			((data[p + 2] as number) << 8) |
			(data[p + 3] as number);
	}
	for (let t = 16; t < 64; t++) {
		const w15 = W[t - 15] as number;
		const w2 = W[t - 2] as number;
		const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
		const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
		W[t] = (W[t - 16] as number) + s0 + (W[t - 7] as number) + s1;
	}
	let a = state[0] as number;
	let b = state[1] as number;
	let c = state[2] as number;
	let d = state[3] as number;
	let e = state[4] as number;
	let f = state[5] as number;
	let g = state[6] as number;
	let h = state[7] as number;
	for (let t = 0; t < 64; t++) {
		const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
		const ch = (e & f) ^ (~e & g);
		const t1 = (h + S1 + ch + (K[t] as number) + (W[t] as number)) | 0;
		const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
		const maj = (a & b) ^ (a & c) ^ (b & c);
		const t2 = (S0 + maj) | 0;
		h = g;
		g = f;
		f = e;
		e = (d + t1) | 0;
		d = c;
		c = b;
		b = a;
		a = (t1 + t2) | 0;
	}
	state[0] = (state[0] as number) + a;
	state[1] = (state[1] as number) + b;
	state[2] = (state[2] as number) + c;
	state[3] = (state[3] as number) + d;
	state[4] = (state[4] as number) + e;
	state[5] = (state[5] as number) + f;
	state[6] = (state[6] as number) + g;
	state[7] = (state[7] as number) + h;
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
	for (let p = 0; p < padded.length; p += BLOCK_BYTES) compress(state, padded, p);
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
