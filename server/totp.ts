import { createHmac, randomBytes } from 'node:crypto';
import { sameSecret } from './compare';

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

const STEP_MS = 30_000;

/** The RFC 6238 time step (30 seconds since the epoch) a moment falls in. */
export const totpStep = (timeMs: number): number => Math.floor(timeMs / STEP_MS);

function codeForStep(secret: string, step: number): string {
	const msg = Buffer.alloc(8);
	msg.writeBigUInt64BE(BigInt(step));
	const mac = createHmac('sha1', base32Decode(secret)).update(msg).digest();
	const offset = (mac[mac.length - 1] ?? 0) & 0xf;
	const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
	return code.toString().padStart(6, '0');
}

/** RFC 6238 with SHA-1, 6 digits, 30-second steps: the code an authenticator app shows. */
export function totpAt(secret: string, timeMs: number): string {
	return codeForStep(secret, totpStep(timeMs));
}

/**
 * The time step a code belongs to, among the current one and one either side (clock skew), or
 * undefined. Steps in `used` are not accepted: RFC 6238 §5.2 forbids accepting an OTP twice.
 */
export function totpMatch(
	secret: string,
	code: string,
	timeMs: number,
	used: readonly number[] = [],
): number | undefined {
	if (!/^\d{6}$/.test(code)) return undefined;
	const now = totpStep(timeMs);
	let found: number | undefined;
	// Every candidate is computed and compared, so the time taken does not say which one matched.
	for (const step of [now - 1, now, now + 1]) {
		if (sameSecret(code, codeForStep(secret, step)) && !used.includes(step)) found = step;
	}
	return found;
}

/**
 * Accepts `code` for `secret` once: true when it matches a step not used before, which is then
 * recorded in `holder.totpUsedSteps` (only the steps still inside the window are kept).
 */
export function useTotp(
	holder: { totpUsedSteps?: number[] },
	secret: string,
	code: string,
	timeMs: number,
): boolean {
	const step = totpMatch(secret, code, timeMs, holder.totpUsedSteps);
	if (step === undefined) return false;
	const oldest = totpStep(timeMs) - 1;
	holder.totpUsedSteps = [...(holder.totpUsedSteps ?? []).filter((s) => s >= oldest), step];
	return true;
}
