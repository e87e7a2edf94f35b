import cryptoSecureRandomInt from './cryptoSecureRandomInt';

/**
 * Minimal stand-in for crypto-js's WordArray, kept because the original exports it: a list of
 * 32-bit big-endian words of which the first `sigBytes` bytes are meaningful.
 */
export default class WordArray {
	/** The 32-bit words, most significant byte first; values may be signed. */
	words: number[];
	/** How many leading bytes of `words` are meaningful. */
	sigBytes: number;

	/** Wraps `words` (default empty); `sigBytes` defaults to four bytes per word. */
	constructor(words?: number[], sigBytes?: number) {
		this.words = words || [];
		this.sigBytes = sigBytes != undefined ? sigBytes : this.words.length * 4;
	}

	/** A new WordArray of `nBytes` secure random bytes (one random integer per word). */
	random(nBytes: number): WordArray {
		const words: number[] = [];
		for (let i = 0; i < nBytes; i += 4) words.push(cryptoSecureRandomInt());
		return new WordArray(words, nBytes);
	}

	/** Lower-case hex of the meaningful bytes, in big-endian order. */
	toString(): string {
		let hex = '';
		for (let i = 0; i < this.sigBytes; i++) {
			const byte = ((this.words[i >>> 2] ?? 0) >>> (24 - (i % 4) * 8)) & 0xff;
			hex += (byte < 16 ? '0' : '') + byte.toString(16);
		}
		return hex;
	}
}
