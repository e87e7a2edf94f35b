// Node seam: modular exponentiation through OpenSSL, reached via the Diffie-Hellman API, whose
// shared-secret step is exactly `peerKey^privateKey mod prime` in constant-time C.
import { createDiffieHellman, type DiffieHellman } from 'node:crypto';

/** OpenSSL refuses DH moduli outside this range (bits); the pure path handles the rest. */
const MIN_MODULUS_BITS = 512;
const MAX_MODULUS_BITS = 10000;

/** Few distinct moduli occur in practice (the SRP group), so a tiny cache is plenty. */
const MAX_CACHED = 4;
const cache = new Map<bigint, DiffieHellman>();

let enabled = true;

/**
 * Turns the OpenSSL path on or off for the whole process, so that tests and benchmarks can
 * exercise the pure `bigint` path on Node.
 */
export function setFastModPowEnabled(on: boolean): void {
	enabled = on;
}

/** Big-endian bytes of a non-negative bigint, at least one byte long. */
function toBytes(value: bigint): Buffer {
	const hex = value.toString(16);
	return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

function groupFor(modulus: bigint): DiffieHellman {
	let dh = cache.get(modulus);
	if (!dh) {
		if (cache.size >= MAX_CACHED) cache.clear();
		// The generator is irrelevant: only computeSecret is used, never generateKeys.
		dh = createDiffieHellman(toBytes(modulus), Buffer.from([2]));
		cache.set(modulus, dh);
	}
	return dh;
}

/**
 * `base^exponent mod modulus` computed by OpenSSL, or `undefined` when the inputs fall outside
 * what its DH code accepts (even or out-of-range modulus, base not in `[2, modulus − 2]`,
 * exponent not positive or longer than the modulus) or when OpenSSL reports any error.
 */
export default function fastModPow(
	base: bigint,
	exponent: bigint,
	modulus: bigint,
): bigint | undefined {
	if (!enabled) return undefined;
	if ((modulus & 1n) === 0n || base < 2n || base > modulus - 2n || exponent <= 0n) {
		return undefined;
	}
	const modulusBits = modulus.toString(2).length;
	if (modulusBits < MIN_MODULUS_BITS || modulusBits > MAX_MODULUS_BITS) return undefined;
	if (exponent.toString(2).length > modulusBits) return undefined;
	try {
		const dh = groupFor(modulus);
		dh.setPrivateKey(toBytes(exponent));
		const secret = dh.computeSecret(toBytes(base));
		const result = BigInt(`0x${secret.toString('hex') || '0'}`);
		return result < modulus ? result : undefined;
	} catch {
		return undefined;
	}
}
