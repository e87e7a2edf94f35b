import WordArray from './WordArray';
import { hexToBytes } from './encoding';

/**
 * `n` secure random bytes. They come from `WordArray.random`, hence from one
 * `cryptoSecureRandomInt()` per four bytes, as in the original, so stubbing that module fixes
 * every random value the SRP code draws.
 */
export default function randomBytes(n: number): Uint8Array {
	return hexToBytes(new WordArray().random(n).toString());
}
