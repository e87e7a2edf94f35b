// Browser / React Native twin of the OpenSSL seam: there is no synchronous native modexp here,
// so every call falls through to the pure bigint path.

/** Accepted for symmetry with the Node seam; there is nothing to switch. */
export function setFastModPowEnabled(_on: boolean): void {}

/** Always `undefined`: the caller then uses the pure bigint implementation. */
export default function fastModPow(
	_base: bigint,
	_exponent: bigint,
	_modulus: bigint,
): bigint | undefined {
	return undefined;
}
