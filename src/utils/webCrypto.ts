// What the two randomness seams share: finding WebCrypto in the original's order and drawing
// one 32-bit value from it.

/** The parts of WebCrypto or Node's `crypto` module that the randomness seams may use. */
export interface RandomSource {
	getRandomValues?: (array: Uint32Array) => Uint32Array;
	randomBytes?: (size: number) => { readInt32LE(offset?: number): number };
}

/** The original's message when no secure source works; there is never a Math.random fallback. */
export const NO_SOURCE = 'Native crypto module could not be used to get secure random number.';

/** `window.crypto`, then `window.msCrypto`, then the global `crypto`, as the original looked. */
export function findWebCrypto(): RandomSource | undefined {
	const win = (globalThis as { window?: { crypto?: RandomSource; msCrypto?: RandomSource } })
		.window;
	if (typeof window !== 'undefined' && win) {
		if (win.crypto) return win.crypto;
		if (win.msCrypto) return win.msCrypto;
	}
	return (globalThis as { crypto?: RandomSource }).crypto;
}

/** An unsigned 32-bit value from `getRandomValues`, or undefined when that cannot be used. */
export function randomUint32(source: RandomSource | undefined): number | undefined {
	if (source && typeof source.getRandomValues === 'function') {
		try {
			return source.getRandomValues(new Uint32Array(1))[0];
		} catch {
			// the caller tries its next source
		}
	}
	return undefined;
}
