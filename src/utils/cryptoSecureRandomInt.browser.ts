// Browser / React Native seam for secure randomness: WebCrypto only, chosen at module load in
// the original's order. There is deliberately no Node fallback here.
import { NO_SOURCE, findWebCrypto, randomUint32 } from './webCrypto';

const source = findWebCrypto();

/**
 * A random unsigned 32-bit integer from `crypto.getRandomValues`. Throws rather than ever
 * falling back to `Math.random`.
 */
export default function cryptoSecureRandomInt(): number {
	const value = randomUint32(source);
	if (value !== undefined) return value;
	throw new Error(NO_SOURCE);
}
