import { afterEach, describe, expect, it, vi } from 'vitest';

const sequence = vi.hoisted(() => ({ values: [] as number[] }));
vi.mock('../../src/utils/cryptoSecureRandomInt', () => ({
	default: vi.fn(() => {
		const next = sequence.values.shift();
		if (next === undefined) throw new Error('test sequence exhausted');
		return next;
	}),
}));

import WordArray from '../../src/utils/WordArray';
import randomBytes from '../../src/utils/randomBytes';
import cryptoSecureRandomInt from '../../src/utils/cryptoSecureRandomInt';

afterEach(() => {
	sequence.values = [];
	vi.mocked(cryptoSecureRandomInt).mockClear();
});

describe('WordArray', () => {
	it('defaults sigBytes to four per word and prints big-endian hex', () => {
		const words = new WordArray([0x01020304, 0xa0b0c0d0]);
		expect(words.sigBytes).toBe(8);
		expect(words.toString()).toBe('01020304a0b0c0d0');
		expect(new WordArray().toString()).toBe('');
		expect(new WordArray([0x01020304, 0xa0b0c0d0], 5).toString()).toBe('01020304a0');
	});

	it('prints negative (signed) words as their unsigned bytes', () => {
		expect(new WordArray([-2]).toString()).toBe('fffffffe');
	});

	it('random(n) draws one integer per started word and keeps sigBytes = n', () => {
		sequence.values = [0x11223344, -1];
		const random = new WordArray().random(6);
		expect(cryptoSecureRandomInt).toHaveBeenCalledTimes(2);
		expect(random.sigBytes).toBe(6);
		expect(random.toString()).toBe('11223344ffff');
	});
});

describe('randomBytes', () => {
	it('takes its bytes from cryptoSecureRandomInt, big-endian, one call per four bytes', () => {
		sequence.values = [0xf0e1d2c3, 0xb4a59687, 0x78695a4b, 0x3c2d1e0f, 0x01020304];
		const bytes = randomBytes(17);
		expect(cryptoSecureRandomInt).toHaveBeenCalledTimes(5);
		expect(Buffer.from(bytes).toString('hex')).toBe('f0e1d2c3b4a5968778695a4b3c2d1e0f01');
		expect(randomBytes(0)).toEqual(new Uint8Array(0));
	});
});
