// Node / default seam for secure randomness. The source is chosen once, at module load, in the
// original's order, so that applications which install or stub `crypto` before importing the
// library keep working the same way.
import * as nodeCrypto from 'node:crypto';

/** The parts of WebCrypto or `node:crypto` that this module may use. */
interface RandomSource {
	getRandomValues?: (array: Uint32Array) => Uint32Array;
	randomBytes?: (size: number) => { readInt32LE(offset?: number): number };
}

const NO_SOURCE = 'Native crypto module could not be used to get secure random number.';

function pickSource(): RandomSource | undefined {
	const win = (globalThis as { window?: { crypto?: RandomSource; msCrypto?: RandomSource } })
		.window;
	if (typeof window !== 'undefined' && win) {
		if (win.crypto) return win.crypto;
		if (win.msCrypto) return win.msCrypto;
	}
	const global = (globalThis as { crypto?: RandomSource }).crypto;
	if (global) return global;
	// A namespace object for a mocked or stripped module may be empty; that is caught below.
	return nodeCrypto as RandomSource;
}

const source = pickSource();

/**
 * A random 32-bit integer from a cryptographically secure source: `getRandomValues` when
 * available (unsigned), else `randomBytes(4).readInt32LE()` (may be negative, as in the
 * original). Throws rather than ever falling back to `Math.random`.
 */
export default function cryptoSecureRandomInt(): number {
	if (source) {
		if (typeof source.getRandomValues === 'function') {
			try {
				return source.getRandomValues(new Uint32Array(1))[0] as number;
			} catch {
				// fall through to the next method, as the original does
			}
		}
		if (typeof source.randomBytes === 'function') {
			try {
				return source.randomBytes(4).readInt32LE();
			} catch {
				// fall through to the error
			}
		}
	}
	throw new Error(NO_SOURCE);
}
