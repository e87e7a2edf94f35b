// Node / default seam for secure randomness. The source is chosen once, at module load, in the
// original's order, so that applications which install or stub `crypto` before importing the
// library keep working the same way. The module is imported as 'crypto', not 'node:crypto',
// as the original required it, so that module mocks (`jest.mock('crypto')`) and bundler
// aliases still reach it.
import * as nodeCrypto from 'crypto';
import { NO_SOURCE, findWebCrypto, randomUint32, type RandomSource } from './webCrypto';

// A namespace object for a mocked or stripped module may be empty; that is caught below.
const source: RandomSource = findWebCrypto() ?? nodeCrypto;

/**
 * A random 32-bit integer from a cryptographically secure source: `getRandomValues` when
 * available (unsigned), else `randomBytes(4).readInt32LE()` (may be negative, as in the
 * original). Throws rather than ever falling back to `Math.random`.
 */
export default function cryptoSecureRandomInt(): number {
	const value = randomUint32(source);
	if (value !== undefined) return value;
	if (typeof source.randomBytes === 'function') {
		try {
			return source.randomBytes(4).readInt32LE();
		} catch {
			// reported below
		}
	}
	throw new Error(NO_SOURCE);
}
