// Byte/string conversions, on the platform's own APIs (TextEncoder, TextDecoder, atob, btoa;
// Number#toString and parseInt for hex), so that no `Buffer` reaches the browser bundle.
// Supported platforms: browsers, Node ≥ 18, React Native ≥ 0.74 with Hermes (the first release
// whose Hermes has TextEncoder, atob and btoa).

/** UTF-8 bytes of a string; lone surrogates become U+FFFD. */
export function utf8Encode(text: string): Uint8Array {
	return new TextEncoder().encode(text);
}

/**
 * Decodes UTF-8 as a non-fatal TextDecoder does: each malformed sequence becomes U+FFFD. Uses
 * TextDecoder wherever there is one; Hermes has none before React Native 0.85, hence the
 * hand-written {@link utf8DecodeWithoutTextDecoder}.
 */
export function utf8Decode(bytes: Uint8Array): string {
	if (typeof TextDecoder === 'function') return new TextDecoder().decode(bytes);
	return utf8DecodeWithoutTextDecoder(bytes);
}

/**
 * The first byte of each UTF-8 form (RFC 3629, table 3-7 of the Unicode standard): how many
 * continuation bytes follow, what the lead contributes, and the range the FIRST continuation
 * byte must fall in (narrower than 0x80–0xbf after E0, ED, F0 and F4, which excludes overlong
 * forms, surrogates and code points above U+10FFFF).
 */
interface LeadForm {
	continuations: number;
	payload: number;
	firstLow: number;
	firstHigh: number;
}

function leadForm(lead: number): LeadForm | undefined {
	if (lead >= 0xc2 && lead <= 0xdf) {
		return { continuations: 1, payload: lead & 0x1f, firstLow: 0x80, firstHigh: 0xbf };
	}
	if (lead >= 0xe0 && lead <= 0xef) {
		const firstLow = lead === 0xe0 ? 0xa0 : 0x80;
		const firstHigh = lead === 0xed ? 0x9f : 0xbf;
		return { continuations: 2, payload: lead & 0x0f, firstLow, firstHigh };
	}
	if (lead >= 0xf0 && lead <= 0xf4) {
		const firstLow = lead === 0xf0 ? 0x90 : 0x80;
		const firstHigh = lead === 0xf4 ? 0x8f : 0xbf;
		return { continuations: 3, payload: lead & 0x07, firstLow, firstHigh };
	}
	// 0x80–0xc1 and 0xf5–0xff never start a well-formed sequence.
	return undefined;
}

/**
 * UTF-8 decoding for engines without TextDecoder (Hermes before React Native 0.85), with the
 * WHATWG decoder's replacement rule: each maximal invalid subsequence becomes one U+FFFD, and
 * the byte that broke a sequence is read again as the start of the next one.
 */
export function utf8DecodeWithoutTextDecoder(bytes: Uint8Array): string {
	let text = '';
	let i = 0;
	while (i < bytes.length) {
		const lead = bytes[i] as number;
		i++;
		if (lead < 0x80) {
			text += String.fromCharCode(lead);
			continue;
		}
		const form = leadForm(lead);
		if (!form) {
			text += '\ufffd';
			continue;
		}
		let codePoint = form.payload;
		let low = form.firstLow;
		let high = form.firstHigh;
		let read = 0;
		while (read < form.continuations) {
			const next = bytes[i];
			if (next === undefined || next < low || next > high) break;
			codePoint = (codePoint << 6) | (next & 0x3f);
			low = 0x80;
			high = 0xbf;
			read++;
			i++;
		}
		text += read === form.continuations ? String.fromCodePoint(codePoint) : '\ufffd';
	}
	return text;
}

/** Lower-case hex of the bytes, two digits each. */
export function bytesToHex(bytes: Uint8Array): string {
	return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Bytes of a hex string; an odd length gets a leading zero nibble. */
export function hexToBytes(hex: string): Uint8Array {
	if (!/^[0-9a-fA-F]*$/.test(hex)) throw new Error('Invalid hex string');
	const even = hex.length % 2 ? `0${hex}` : hex;
	return Uint8Array.from(even.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** Standard, padded base64. */
export function base64Encode(bytes: Uint8Array): string {
	// btoa takes a "binary string": one character per byte.
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary);
}

/**
 * Lenient base64 decoding, as JWT payloads need: base64url's '-' and '_' stand for '+' and
 * '/', whitespace and '=' are skipped wherever they are, and the data ends at the first other
 * character outside the alphabet.
 */
export function base64Decode(text: string): Uint8Array {
	const end = text.search(/[^A-Za-z0-9+/\-_=\s]/);
	const data = (end < 0 ? text : text.slice(0, end))
		.replace(/[\s=]/g, '')
		.replace(/-/g, '+')
		.replace(/_/g, '/');
	// A lone last character holds only 6 bits, no whole byte: atob would reject it.
	const whole = data.length % 4 === 1 ? data.slice(0, -1) : data;
	const padded = whole + '='.repeat((4 - (whole.length % 4)) % 4);
	return Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
}
