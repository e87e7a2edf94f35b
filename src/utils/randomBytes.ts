import WordArray from './WordArray';

/**
 * `n` secure random bytes. They come from `WordArray.random`, hence from one
 * `cryptoSecureRandomInt()` per four bytes, as in the original, so stubbing that module fixes
 * every random value the SRP code draws.
 */
export default function randomBytes(n: number): Uint8Array {
	const { words } = new WordArray().random(n);
	const out = new Uint8Array(n);
	for (let i = 0; i < n; i++) out[i] = ((words[i >>> 2] ?? 0) >>> (24 - (i % 4) * 8)) & 0xff;
	return out;
}
