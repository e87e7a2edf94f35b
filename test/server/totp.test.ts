import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, totpAt, totpStep } from '../../server/totp';

// RFC 6238 Appendix B, SHA-1 rows: the 20-byte ASCII key "12345678901234567890"; the RFC
// prints 8 digits, whose last 6 are the 6-digit code.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));
const VECTORS: [number, string][] = [
	[59, '94287082'],
	[1111111109, '07081804'],
	[1111111111, '14050471'],
	[1234567890, '89005924'],
	[2000000000, '69279037'],
	[20000000000, '65353130'],
];

describe('TOTP (the one implementation the server, tests, bench and demo share)', () => {
	it('matches every SHA-1 test vector of RFC 6238', () => {
		expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
		for (const [seconds, code] of VECTORS) {
			expect(totpAt(RFC_SECRET, seconds * 1000), String(seconds)).toBe(code.slice(2));
		}
	});

	it('decodes what it encodes, ignores padding and case, and refuses other characters', () => {
		const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 7, 9]);
		expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
		expect(base32Decode('gezdgnbv====')).toEqual(Buffer.from('12345'));
		expect(() => base32Decode('GEZ1')).toThrow('invalid base32');
	});

	it('numbers the 30-second steps from the epoch', () => {
		expect(totpStep(0)).toBe(0);
		expect(totpStep(29_999)).toBe(0);
		expect(totpStep(30_000)).toBe(1);
	});
});
