// Makes the original's jsbn modPow fast enough for hundreds of differential runs, without
// borrowing any code under test: OpenSSL through node:crypto, written independently here, with
// a native square-and-multiply for the bases OpenSSL refuses. The original's own composition
// (hashing, padding, formulas, Montgomery reduction of negative bases) is what stays under test.
import { createDiffieHellman } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The original's jsbn constructor, as an oracle. */
export interface OracleBigInteger {
	toString(radix: number): string;
	modPow(
		e: OracleBigInteger,
		m: OracleBigInteger,
		cb: (err: null, r: OracleBigInteger) => void,
	): OracleBigInteger;
}
type OracleBigIntegerClass = {
	new (text: string, radix: number): OracleBigInteger;
	prototype: OracleBigInteger;
};
export const OrigBigInteger = (
	require('original-cognito/lib/BigInteger') as { default: OracleBigIntegerClass }
).default;

export const toNative = (value: { toString(radix: number): string }): bigint => {
	const text = value.toString(16);
	return text.startsWith('-') ? -BigInt(`0x${text.slice(1)}`) : BigInt(`0x${text}`);
};
const toBuffer = (value: bigint): Buffer => {
	const h = value.toString(16);
	return Buffer.from(h.length % 2 ? `0${h}` : h, 'hex');
};

function squareAndMultiply(base: bigint, e: bigint, m: bigint): bigint {
	let r = 1n % m;
	let b = base;
	for (; e > 0n; e >>= 1n) {
		if (e & 1n) r = (r * b) % m;
		b = (b * b) % m;
	}
	return r;
}

const groups = new Map<bigint, ReturnType<typeof createDiffieHellman>>();
function nativeModPow(base: bigint, e: bigint, m: bigint): bigint {
	const b = ((base % m) + m) % m;
	if (b < 2n || b > m - 2n || e === 0n || m % 2n === 0n) return squareAndMultiply(b, e, m);
	let dh = groups.get(m);
	if (!dh) {
		dh = createDiffieHellman(toBuffer(m), Buffer.from([2]));
		groups.set(m, dh);
	}
	dh.setPrivateKey(toBuffer(e));
	return BigInt(`0x${dh.computeSecret(toBuffer(b)).toString('hex')}`);
}

const genuine = OrigBigInteger.prototype.modPow;

/** Replaces the oracle's modPow with a fast native one (same contract: callback, then return). */
export function speedUpOracle(): void {
	OrigBigInteger.prototype.modPow = function (this: OracleBigInteger, e, m, cb) {
		const r = new OrigBigInteger(
			nativeModPow(toNative(this), toNative(e), toNative(m)).toString(16),
			16,
		);
		cb(null, r);
		return r;
	};
}

/** Puts the original jsbn modPow back. */
export function restoreOracle(): void {
	OrigBigInteger.prototype.modPow = genuine;
}
