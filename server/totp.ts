import { createHmac, randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(buf: Uint8Array): string {
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of buf) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += ALPHABET[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
	return out;
}

export function base32Decode(text: string): Buffer {
	const clean = text.replace(/=+$/, '').toUpperCase();
	let bits = 0;
	let value = 0;
	const out: number[] = [];
	for (const ch of clean) {
		const idx = ALPHABET.indexOf(ch);
		if (idx < 0) throw new Error('invalid base32');
		value = ((value << 5) | idx) & 0xffff;
		bits += 5;
		if (bits >= 8) {
			out.push((value >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

/** A 32-character secret, the length the service hands out. */
export const newTotpSecret = (): string => base32Encode(randomBytes(20));

/** RFC 6238 with SHA-1, 6 digits, 30-second steps. */
export function totpAt(secret: string, timeMs: number): string {
	const counter = Math.floor(timeMs / 1000 / 30);
	const msg = Buffer.alloc(8);
	msg.writeBigUInt64BE(BigInt(counter));
	const mac = createHmac('sha1', base32Decode(secret)).update(msg).digest();
	const offset = (mac[mac.length - 1] ?? 0) & 0xf;
	const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
	return code.toString().padStart(6, '0');
}

/** Accepts the current step and one either side, for clock skew. */
export function totpMatches(secret: string, code: string, timeMs: number): boolean {
	if (!/^\d{6}$/.test(code)) return false;
	return [-1, 0, 1].some((step) => totpAt(secret, timeMs + step * 30_000) === code);
}
