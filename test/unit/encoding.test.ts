import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	base64Decode,
	base64Encode,
	bytesToHex,
	concatBytes,
	hexToBytes,
	utf8Decode,
	utf8Encode,
} from '../../src/utils/encoding';

const bytes = fc.uint8Array({ maxLength: 200 });

describe('encoding', () => {
	it('encodes UTF-8 exactly as TextEncoder, lone surrogates included', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
				expect(utf8Encode(text)).toEqual(new TextEncoder().encode(text));
			}),
			{ numRuns: 2000 },
		);
		expect(utf8Encode('\ud800x')).toEqual(new TextEncoder().encode('\ud800x'));
		expect(utf8Encode('\udc00')).toEqual(Uint8Array.from([0xef, 0xbf, 0xbd]));
	});

	it('decodes UTF-8 exactly as a non-fatal TextDecoder, malformed input included', () => {
		const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
		fc.assert(
			fc.property(bytes, (data) => {
				expect(utf8Decode(data)).toBe(decoder.decode(data));
			}),
			{ numRuns: 3000 },
		);
		for (const malformed of [
			[0xc0, 0x80],
			[0xe0, 0x80, 0x80],
			[0xed, 0xa0, 0x80],
			[0xf4, 0x90, 0x80, 0x80],
			[0xe2, 0x82],
			[0xff],
		]) {
			expect(utf8Decode(Uint8Array.from(malformed))).toBe(
				decoder.decode(Uint8Array.from(malformed)),
			);
		}
	});

	it('round-trips hex and matches Node', () => {
		fc.assert(
			fc.property(bytes, (data) => {
				const hex = bytesToHex(data);
				expect(hex).toBe(Buffer.from(data).toString('hex'));
				expect(hexToBytes(hex)).toEqual(data);
			}),
		);
		expect(hexToBytes('abc')).toEqual(Uint8Array.from([0x0a, 0xbc]));
		expect(() => hexToBytes('zz')).toThrow('Invalid hex string');
	});

	it('encodes base64 as Node does and decodes standard and url-safe forms', () => {
		fc.assert(
			fc.property(bytes, (data) => {
				const standard = Buffer.from(data).toString('base64');
				expect(base64Encode(data)).toBe(standard);
				expect(base64Decode(standard)).toEqual(data);
				expect(base64Decode(Buffer.from(data).toString('base64url'))).toEqual(data);
			}),
		);
	});

	it('decodes leniently: whitespace and padding are skipped, a stray character ends the data', () => {
		expect(utf8Decode(base64Decode('aGVs\nbG8='))).toBe('hello');
		expect(utf8Decode(base64Decode('aGVsbG8'))).toBe('hello');
		expect(utf8Decode(base64Decode('aGVs!bG8='))).toBe('hel');
		expect(base64Decode('é')).toEqual(new Uint8Array(0));
	});

	it('concatenates byte arrays', () => {
		expect(concatBytes(Uint8Array.from([1]), new Uint8Array(0), Uint8Array.from([2, 3]))).toEqual(
			Uint8Array.from([1, 2, 3]),
		);
	});
});
