import { createHash, createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacSha256, sha256 } from '../../src/utils/sha256';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const nodeSha = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');
const nodeHmac = (key: Uint8Array, data: Uint8Array): string =>
	createHmac('sha256', key).update(data).digest('hex');

describe('sha256', () => {
	it('matches the FIPS 180-4 examples', () => {
		expect(hex(sha256(new Uint8Array(0)))).toBe(
			'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
		);
		expect(hex(sha256(new TextEncoder().encode('abc')))).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
		);
	});

	it('agrees with node:crypto at every length around the block and padding edges', () => {
		for (let n = 0; n <= 200; n++) {
			const data = randomBytes(n);
			expect(hex(sha256(data)), `length ${n}`).toBe(nodeSha(data));
		}
	});

	it('agrees with node:crypto on random multi-block messages', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 5000 }), (data) => {
				expect(hex(sha256(data))).toBe(nodeSha(data));
			}),
			{ numRuns: 300 },
		);
	});

	it('hashes several parts as their concatenation', () => {
		fc.assert(
			fc.property(fc.array(fc.uint8Array({ maxLength: 150 }), { maxLength: 6 }), (parts) => {
				expect(hex(sha256(...parts))).toBe(nodeSha(Buffer.concat(parts)));
			}),
			{ numRuns: 300 },
		);
	});
});

describe('hmacSha256', () => {
	it('matches RFC 4231 test case 2', () => {
		const out = hmacSha256(
			new TextEncoder().encode('Jefe'),
			new TextEncoder().encode('what do ya want for nothing?'),
		);
		expect(hex(out)).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
	});

	it('agrees with node:crypto for empty, short, block-sized and long keys', () => {
		for (const keyLength of [0, 1, 16, 32, 63, 64, 65, 100, 200, 1000]) {
			for (const msgLength of [0, 1, 55, 64, 119, 1000]) {
				const key = randomBytes(keyLength);
				const msg = randomBytes(msgLength);
				expect(hex(hmacSha256(key, msg)), `${keyLength}/${msgLength}`).toBe(nodeHmac(key, msg));
			}
		}
	});

	it('agrees with node:crypto on random keys and split messages', () => {
		fc.assert(
			fc.property(
				fc.uint8Array({ maxLength: 300 }),
				fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 4 }),
				(key, parts) => {
					expect(hex(hmacSha256(key, ...parts))).toBe(nodeHmac(key, Buffer.concat(parts)));
				},
			),
			{ numRuns: 300 },
		);
	});
});
