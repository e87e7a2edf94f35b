import {
	createDiffieHellman,
	createHash,
	createHmac,
	randomBytes,
	timingSafeEqual,
} from 'node:crypto';

export const N_HEX =
	'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
	'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
	'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
	'83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
	'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
	'15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
	'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
	'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';

export const N = BigInt('0x' + N_HEX);
export const G = 2n;

/** Java BigInteger.toByteArray() as hex: minimal two's complement, so a set high bit gets a 00 byte. */
export function padHex(value: bigint): string {
	if (value < 0n) throw new RangeError('padHex takes a non-negative value');
	let hex = value.toString(16);
	if (hex.length % 2 === 1) hex = '0' + hex;
	else if ('89abcdef'.includes(hex.charAt(0))) hex = '00' + hex;
	return hex;
}

export const padBytes = (value: bigint): Buffer => Buffer.from(padHex(value), 'hex');

export function bytesToBig(buf: Uint8Array): bigint {
	return buf.length === 0 ? 0n : BigInt('0x' + Buffer.from(buf).toString('hex'));
}

function unsignedBytes(value: bigint): Buffer {
	let hex = value.toString(16);
	if (hex.length % 2 === 1) hex = '0' + hex;
	return Buffer.from(hex, 'hex');
}

export const sha256 = (data: Buffer | string): Buffer => createHash('sha256').update(data).digest();

export const K = bytesToBig(sha256(Buffer.concat([padBytes(N), padBytes(G)])));

// One OpenSSL context serves every modexp: Node runs handlers one at a time, and
// setPrivateKey + computeSecret is ~7x faster than bigint square-and-multiply.
const dh = createDiffieHellman(Buffer.from(N_HEX, 'hex'), Buffer.from([2]));

function slowModPow(base: bigint, exp: bigint): bigint {
	let result = 1n;
	let b = base % N;
	let e = exp;
	while (e > 0n) {
		if (e & 1n) result = (result * b) % N;
		b = (b * b) % N;
		e >>= 1n;
	}
	return result;
}

/** base^exp mod N. */
export function modPow(base: bigint, exp: bigint): bigint {
	const b = ((base % N) + N) % N;
	// OpenSSL refuses degenerate "public keys" (0, 1, N-1) and empty exponents.
	if (b <= 1n || b === N - 1n || exp <= 1n) return slowModPow(b, exp);
	dh.setPrivateKey(unsignedBytes(exp));
	return bytesToBig(dh.computeSecret(unsignedBytes(b)));
}

export function hexToBig(hex: string): bigint | undefined {
	if (!/^[0-9a-fA-F]+$/.test(hex)) return undefined;
	return BigInt('0x' + hex);
}

/** x = H(pad(salt) ‖ H(poolName ‖ username ‖ ":" ‖ password)). */
export function computeX(
	poolName: string,
	username: string,
	password: string,
	salt: bigint,
): bigint {
	const inner = sha256(`${poolName}${username}:${password}`);
	return bytesToBig(sha256(Buffer.concat([padBytes(salt), inner])));
}

export interface Verifier {
	/** Salt as the client will parse it: hex of a positive integer. */
	salt: string;
	/** v = g^x mod N, hex. */
	verifier: string;
}

export function makeVerifier(poolName: string, username: string, password: string): Verifier {
	const salt = bytesToBig(randomBytes(16));
	const v = modPow(G, computeX(poolName, username, password, salt));
	return { salt: salt.toString(16), verifier: v.toString(16) };
}

export function checkPassword(
	poolName: string,
	username: string,
	password: string,
	stored: Verifier,
): boolean {
	const salt = BigInt('0x' + stored.salt);
	const v = modPow(G, computeX(poolName, username, password, salt));
	const a = padBytes(v);
	const b = padBytes(BigInt('0x' + stored.verifier));
	return a.length === b.length && timingSafeEqual(a, b);
}

export interface ServerEphemeral {
	b: bigint;
	B: bigint;
}

/** B = k·v + g^b mod N, with b fresh. */
export function serverEphemeral(
	verifier: bigint,
	b: bigint = bytesToBig(randomBytes(32)),
	gb: bigint = modPow(G, b),
): ServerEphemeral {
	return { b, B: (K * verifier + gb) % N };
}

export function computeU(A: bigint, B: bigint): bigint {
	return bytesToBig(sha256(Buffer.concat([padBytes(A), padBytes(B)])));
}

const INFO = Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]);

export function hkdf(ikm: Buffer, salt: Buffer): Buffer {
	const prk = createHmac('sha256', salt).update(ikm).digest();
	return createHmac('sha256', prk).update(INFO).digest().subarray(0, 16);
}

/** The 16-byte key both sides derive; undefined when A or u is degenerate (rejected by the caller). */
export function serverKey(A: bigint, eph: ServerEphemeral, verifier: bigint): Buffer | undefined {
	if (A % N === 0n) return undefined;
	const u = computeU(A, eph.B);
	if (u === 0n) return undefined;
	return hkdf(padBytes(premasterSecret(A, verifier, u, eph.b)), padBytes(u));
}

/** S = (A · v^u)^b mod N, the two user-dependent modexps of a password check. */
export function premasterSecret(A: bigint, verifier: bigint, u: bigint, b: bigint): bigint {
	return modPow((A * modPow(verifier, u)) % N, b);
}

export function claimSignature(
	key: Buffer,
	poolName: string,
	userId: string,
	secretBlock: string,
	timestamp: string,
): Buffer {
	return createHmac('sha256', key)
		.update(Buffer.from(poolName, 'utf8'))
		.update(Buffer.from(userId, 'utf8'))
		.update(Buffer.from(secretBlock, 'base64'))
		.update(Buffer.from(timestamp, 'utf8'))
		.digest();
}

export function signatureMatches(expected: Buffer, givenBase64: string): boolean {
	const given = Buffer.from(givenBase64, 'base64');
	return given.length === expected.length && timingSafeEqual(given, expected);
}

// The client's DateHelper: "Tue Jan 1 06:06:09 UTC 2019" (day of month not padded).
export const TIMESTAMP_RE =
	/^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d UTC \d{4}$/;
