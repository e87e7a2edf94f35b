// Byte/string conversions the library needs, written out so that no `Buffer` reaches the
// browser bundle and React Native needs no TextEncoder.

const HEX = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Maps a base64 or base64url character code to its 6-bit value; -1 elsewhere. */
const B64_LOOKUP = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64_LOOKUP[B64.charCodeAt(i)] = i;
B64_LOOKUP['-'.charCodeAt(0)] = 62;
B64_LOOKUP['_'.charCodeAt(0)] = 63;

/** UTF-8 bytes of a string; lone surrogates become U+FFFD as in TextEncoder. */
export function utf8Encode(text: string): Uint8Array {
	const out: number[] = [];
	for (let i = 0; i < text.length; i++) {
		let code = text.charCodeAt(i);
		if (code >= 0xd800 && code <= 0xdbff) {
			const next = text.charCodeAt(i + 1);
			if (next >= 0xdc00 && next <= 0xdfff) {
				code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
				i++;
			} else {
				code = 0xfffd;
			}
		} else if (code >= 0xdc00 && code <= 0xdfff) {
			code = 0xfffd;
		}
		if (code < 0x80) out.push(code);
		else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 63));
		else if (code < 0x10000)
			out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
		else
			out.push(
				0xf0 | (code >> 18),
				0x80 | ((code >> 12) & 63),
				0x80 | ((code >> 6) & 63),
				0x80 | (code & 63),
			);
	}
	return Uint8Array.from(out);
}

/**
 * Decodes UTF-8 the way a non-fatal TextDecoder does: each maximal invalid subsequence becomes
 * one U+FFFD, and the byte that broke a sequence is read again as the start of the next.
 */
export function utf8Decode(bytes: Uint8Array): string {
	let text = '';
	let i = 0;
	while (i < bytes.length) {
		const lead = bytes[i++] as number;
		if (lead < 0x80) {
			text += String.fromCharCode(lead);
			continue;
		}
		let needed: number;
		let code: number;
		// Bounds of the first continuation byte exclude overlong forms and surrogates.
		let low = 0x80;
		let high = 0xbf;
		if (lead >= 0xc2 && lead <= 0xdf) [needed, code] = [1, lead & 0x1f];
		else if (lead >= 0xe0 && lead <= 0xef) {
			[needed, code] = [2, lead & 0x0f];
			if (lead === 0xe0) low = 0xa0;
			if (lead === 0xed) high = 0x9f;
		} else if (lead >= 0xf0 && lead <= 0xf4) {
			[needed, code] = [3, lead & 0x07];
			if (lead === 0xf0) low = 0x90;
			if (lead === 0xf4) high = 0x8f;
		} else {
			text += '\ufffd';
			continue;
		}
		let complete = true;
		for (let k = 0; k < needed; k++) {
			const next = bytes[i];
			if (next === undefined || next < low || next > high) {
				complete = false;
				break;
			}
			code = (code << 6) | (next & 0x3f);
			low = 0x80;
			high = 0xbf;
			i++;
		}
		text += complete ? String.fromCodePoint(code) : '\ufffd';
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
		const code = text.charCodeAt(i);
		const value = code < 128 ? (B64_LOOKUP[code] as number) : -1;
		if (value < 0) {
			if (text[i] === '=' || /\s/.test(text[i] as string)) continue;
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
