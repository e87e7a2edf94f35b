// Byte/string conversions, on the platform's own APIs (TextEncoder, atob, btoa; Number#toString
// and parseInt for hex), so that no `Buffer` reaches the browser bundle. Supported platforms:
// browsers, Node ≥ 18, React Native ≥ 0.74 with Hermes (the first release whose Hermes has
// TextEncoder, atob and btoa). UTF-8 decoding is a platform seam of its own: utf8Decode.ts.

/** UTF-8 bytes of a string; lone surrogates become U+FFFD. */
export function utf8Encode(text: string): Uint8Array {
	return new TextEncoder().encode(text);
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
