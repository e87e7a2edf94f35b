// Browser / React Native seam for secure randomness: WebCrypto only, chosen at module load in
// the original's order. There is deliberately no Node fallback here.

/** The part of WebCrypto that this module uses. */
interface RandomSource {
	getRandomValues?: (array: Uint32Array) => Uint32Array;
}

const NO_SOURCE = 'Native crypto module could not be used to get secure random number.';

function pickSource(): RandomSource | undefined {
	const win = (globalThis as { window?: { crypto?: RandomSource; msCrypto?: RandomSource } })
		.window;
	if (typeof window !== 'undefined' && win) {
		if (win.crypto) return win.crypto;
		if (win.msCrypto) return win.msCrypto;
	}
	return (globalThis as { crypto?: RandomSource }).crypto;
}

const source = pickSource();

/**
 * A random unsigned 32-bit integer from `crypto.getRandomValues`. Throws rather than ever
 * falling back to `Math.random`.
 */
export default function cryptoSecureRandomInt(): number {
	if (source && typeof source.getRandomValues === 'function') {
		try {
			return source.getRandomValues(new Uint32Array(1))[0] as number;
		} catch {
			// reported below
		}
	}
	throw new Error(NO_SOURCE);
}
