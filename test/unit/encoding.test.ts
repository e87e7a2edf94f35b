import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	base64Decode,
	base64Encode,
	bytesToHex,
	hexToBytes,
	utf8Encode,
} from '../../src/utils/encoding';
import { utf8Decode, utf8DecodeWithoutTextDecoder } from '../../src/utils/utf8Decode';
import { utf8Decode as utf8DecodeInBrowsers } from '../../src/utils/utf8Decode.browser';

afterEach(() => {
	vi.unstubAllGlobals();
});

const bytes = fc.uint8Array({ maxLength: 200 });

describe('encoding', () => {
	it('encodes UTF-8 as Node does, lone surrogates included', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
				expect(utf8Encode(text)).toEqual(Uint8Array.from(Buffer.from(text, 'utf8')));
			}),
			{ numRuns: 2000 },
		);
		expect(utf8Encode('\u00e9\u20ac\u{1f600}')).toEqual(
			Uint8Array.from([0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]),
		);
		expect(utf8Encode('\ud800x')).toEqual(Uint8Array.from([0xef, 0xbf, 0xbd, 0x78]));
		expect(utf8Encode('\udc00')).toEqual(Uint8Array.from([0xef, 0xbf, 0xbd]));
	});

	it('decodes UTF-8 through TextDecoder, replacing malformed sequences', () => {
		const decode = vi.spyOn(TextDecoder.prototype, 'decode');
		expect(utf8Decode(Uint8Array.from([0x68, 0xc3, 0xa9, 0xff]))).toBe('h\u00e9\ufffd');
		expect(decode).toHaveBeenCalledTimes(1);
	});

	it('decodes UTF-8 in the browser twin as the default twin does where there is a TextDecoder', () => {
		const decode = vi.spyOn(TextDecoder.prototype, 'decode');
		fc.assert(
			fc.property(bytes, (data) => {
				expect(utf8DecodeInBrowsers(data)).toBe(utf8Decode(data));
			}),
		);
		expect(decode).toHaveBeenCalled();
	});

	it('decodes UTF-8 without TextDecoder (Hermes before React Native 0.85) exactly as TextDecoder does', () => {
		const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
		fc.assert(
			fc.property(bytes, (data) => {
				expect(utf8DecodeWithoutTextDecoder(data)).toBe(decoder.decode(data));
			}),
			{ numRuns: 3000 },
		);
		// Valid text of every length class, so that the random bytes above are not the only
		// well-formed input (they rarely form a 3- or 4-byte sequence).
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
				const data = new TextEncoder().encode(text);
				expect(utf8DecodeWithoutTextDecoder(data)).toBe(text);
			}),
			{ numRuns: 1000 },
		);
		for (const malformed of [
			[0xc0, 0x80],
			[0xc2],
			[0xe0, 0x80, 0x80],
			[0xe0, 0xa0],
			[0xed, 0xa0, 0x80],
			[0xef, 0xbf, 0xbf],
			[0xf0, 0x8f, 0xbf, 0xbf],
			[0xf4, 0x90, 0x80, 0x80],
			[0xf4, 0x8f, 0xbf, 0xbf],
			[0xf0, 0x9f, 0x98, 0x41],
			[0xe2, 0x82],
			[0xf5, 0x80],
			[0xff],
		]) {
			expect(utf8DecodeWithoutTextDecoder(Uint8Array.from(malformed)), String(malformed)).toBe(
				decoder.decode(Uint8Array.from(malformed)),
			);
		}
	});

	it('falls back to its own decoder where the engine has no TextDecoder', () => {
		vi.stubGlobal('TextDecoder', undefined);
		expect(utf8Decode(Uint8Array.from([0xf0, 0x9f, 0x98, 0x80, 0x21, 0xc3]))).toBe(
			'\u{1f600}!\ufffd',
		);
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
		expect(hexToBytes('ABcd')).toEqual(Uint8Array.from([0xab, 0xcd]));
		expect(hexToBytes('')).toEqual(new Uint8Array(0));
		for (const bad of ['zz', '1z', '0x12', ' 12', '12 ']) {
			expect(() => hexToBytes(bad), bad).toThrow('Invalid hex string');
		}
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

	it('decodes lengths that leave a lone final character, dropping its 6 bits', () => {
		// 'aGVsbG8h' is 'hello!'; one more character cannot complete a byte.
		expect(base64Decode('aGVsbG8hY')).toEqual(Uint8Array.from(Buffer.from('hello!')));
		expect(base64Decode('Y')).toEqual(new Uint8Array(0));
		expect(base64Decode('=a=G=V=s')).toEqual(Uint8Array.from(Buffer.from('hel')));
	});
});
