import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether a secret someone sent equals the one we hold, in time that depends on neither: both
 * are hashed to equal-length digests first, so neither their contents nor their lengths show.
 */
export function sameSecret(given: string, expected: string): boolean {
	return timingSafeEqual(digest(given), digest(expected));
}
