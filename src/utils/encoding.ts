// Byte/string conversions the library needs, written out so that no `Buffer` reaches the
// browser bundle and React Native needs no TextEncoder.

const HEX = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** UTF-8 bytes of a string; lone surrogates become U+FFFD as in TextEncoder. */
export function utf8Encode(text: string): Uint8Array {
	const out: number[] = [];
	// for…of walks code points; a lone surrogate (0xd800–0xdfff, i.e. code >> 11 === 27) comes
	// out on its own.
	for (const char of text) {
		let code = char.codePointAt(0) as number;
		if (code >> 11 === 27) code = 0xfffd;
		// Continuation bytes: the lead byte carries the rest, under the 0xc0/0xe0/0xf0 marker.
		let more = code < 0x80 ? 0 : code < 0x800 ? 1 : code < 0x10000 ? 2 : 3;
		out.push(more ? ((0xf0 << (3 - more)) & 0xff) | (code >> (6 * more)) : code);
		while (more--) out.push(0x80 | ((code >> (6 * more)) & 63));
	}
	return Uint8Array.from(out);
}

/**
 * Decodes UTF-8 the way a non-fatal TextDecoder does: each maximal invalid subsequence becomes
 * one U+FFFD, and the byte that broke a sequence is read again as the start of the next.
 */
export function utf8Decode(bytes: Uint8Array): string {
	let text = '';
	for (let i = 0; i < bytes.length;) {
		const lead = bytes[i++] as number;
		// Continuation bytes the lead announces; -1 for a byte that cannot start a sequence.
		const needed =
			lead < 0x80 ? 0 : lead < 0xc2 ? -1 : lead < 0xe0 ? 1 : lead < 0xf0 ? 2 : lead < 0xf5 ? 3 : -1;
		let code = lead & (0x7f >> (needed && needed + 1));
		// Bounds of the first continuation byte exclude overlong forms and surrogates.
		let low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
		let high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
		let missing = needed;
		while (missing > 0) {
			const next = bytes[i] ?? 0;
			if (next < low || next > high) break;
			code = (code << 6) | (next & 0x3f);
			low = 0x80;
			high = 0xbf;
			i++;
			missing--;
		}
		text += missing ? '\ufffd' : String.fromCodePoint(code);
	}
	return text;
}

/** Lower-case hex of the bytes. */
export function bytesToHex(bytes: Uint8Array): string {
	let hex = '';
	for (const byte of bytes) hex += HEX[byte >> 4]! + HEX[byte & 15]!;
	return hex;
}

/** Bytes of an even-length hex string; an odd length gets a leading zero nibble. */
export function hexToBytes(hex: string): Uint8Array {
	const even = hex.length % 2 ? `0${hex}` : hex;
	const out = new Uint8Array(even.length / 2);
	for (let i = 0; i < out.length; i++) {
		const byte = parseInt(even.substr(i * 2, 2), 16);
		if (Number.isNaN(byte)) throw new Error('Invalid hex string');
		out[i] = byte;
	}
	return out;
}

/** Standard, padded base64. */
export function base64Encode(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const a = bytes[i] as number;
		const b = bytes[i + 1];
		const c = bytes[i + 2];
		const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
		out += B64[triple >> 18]! + B64[(triple >> 12) & 63]!;
		out += b === undefined ? '=' : B64[(triple >> 6) & 63]!;
		out += c === undefined ? '=' : B64[triple & 63]!;
	}
	return out;
}

/**
 * Lenient base64 decoding, as JWT payloads need: base64url characters are accepted, padding
 * is optional, and decoding stops at the first character outside the alphabet.
 */
export function base64Decode(text: string): Uint8Array {
	const out: number[] = [];
	let buffer = 0;
	let bits = 0;
	for (let i = 0; i < text.length; i++) {
		const char = text[i] as string;
		// base64url's '-' and '_' stand for '+' and '/'.
		const value = B64.indexOf(char === '-' ? '+' : char === '_' ? '/' : char);
		if (value < 0) {
			if (char === '=' || /\s/.test(char)) continue;
			break;
		}
		buffer = (buffer << 6) | value;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out.push((buffer >> bits) & 0xff);
		}
	}
	return Uint8Array.from(out);
}

/** Joins byte arrays end to end. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
	let length = 0;
	for (const part of parts) length += part.length;
	const out = new Uint8Array(length);
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}
