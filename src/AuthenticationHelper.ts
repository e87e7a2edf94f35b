// Client side of Cognito's SRP-6a variant (3072-bit group, SHA-256), with the original's
// method names, argument positions, messages and synchronous callbacks.
import BigInteger from './BigInteger';
import { hkdf } from '@noble/hashes/hkdf';
import { sha256 } from '@noble/hashes/sha2';
import { concatBytes } from '@noble/hashes/utils';
import { base64Encode, bytesToHex, hexToBytes, utf8Encode } from './utils/encoding';
import randomBytes from './utils/randomBytes';

/** Node-style callback used throughout the SRP math. */
export type SrpCallback<T> = (err: Error | null, result: T | null) => void;

/** Input accepted by {@link AuthenticationHelper.hash}: text is hashed as UTF-8. */
export type HashInput = string | ArrayBuffer | ArrayBufferView;

/** The 3072-bit MODP group prime of RFC 3526, section 4, which Cognito's SRP uses. */
const N_HEX =
	'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
	'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
	'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
	'83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
	'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
	'15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
	'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
	'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';

const INFO_BITS = 'Caldera Derived Key';

/**
 * Minimal two's-complement big-endian bytes of `value`, exactly as Java's
 * `BigInteger.toByteArray()` produces them: the server hashes numbers in that form.
 */
export function toJavaBytes(value: bigint): Uint8Array {
	if (value >= 0n) {
		let hex = value.toString(16);
		if (hex.length % 2) hex = `0${hex}`;
		else if (parseInt(hex.charAt(0), 16) >= 8) hex = `00${hex}`; // top bit set: add a sign byte
		return hexToBytes(hex);
	}
	// The shortest byte count whose signed range reaches the value, then its 2^(8n) complement.
	let length = 1;
	while (-(1n << BigInt(length * 8 - 1)) > value) length++;
	const hex = ((1n << BigInt(length * 8)) + value).toString(16).padStart(length * 2, '0');
	return hexToBytes(hex);
}

/** The unsigned big-endian integer that `bytes` spell (a digest, or random bytes). */
function fromBytes(bytes: Uint8Array): BigInteger {
	return new BigInteger(bytesToHex(bytes), 16);
}

function toBytes(input: HashInput): Uint8Array {
	if (typeof input === 'string') return utf8Encode(input);
	if (input instanceof Uint8Array) return input;
	if (ArrayBuffer.isView(input))
		return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
	return new Uint8Array(input);
}

// Group constants are computed once per process: every helper shares them.
const N = new BigInteger(N_HEX, 16);
const G = new BigInteger('2', 16);
const K = fromBytes(sha256(concatBytes(toJavaBytes(N.value), toJavaBytes(G.value))));

/** SRP arithmetic and hashing for one authentication (or one device registration). */
export default class AuthenticationHelper {
	/** The 3072-bit group prime (RFC 3526). */
	N: BigInteger;
	/** The generator, 2. */
	g: BigInteger;
	/** SRP multiplier k = H(N ‖ g). */
	k: BigInteger;
	/** Client secret a: 1024 random bits. */
	smallAValue: BigInteger;
	/** Client public value A = g^a mod N, computed on first use and cached here. */
	largeAValue: BigInteger | null | undefined;
	/** HKDF info string, as UTF-8 bytes. */
	infoBits: Uint8Array;
	/** Pool name without the region, or the device group key for device SRP. */
	poolName: string;
	/** Scrambling parameter u of the last key derivation. */
	UValue: BigInteger | undefined;
	/** Device password drawn by {@link AuthenticationHelper.generateHashDevice}. */
	randomPassword: string | undefined;
	/** Device salt (padded hex) drawn by {@link AuthenticationHelper.generateHashDevice}. */
	SaltToHashDevices: string | undefined;
	/** Device verifier (padded hex) computed by {@link AuthenticationHelper.generateHashDevice}. */
	verifierDevices: string | undefined;

	/**
	 * Draws the client secret for a login against `poolName`. Unlike the original, A is not
	 * computed here but on the first {@link AuthenticationHelper.getLargeAValue}, so flows that
	 * never send it skip a 3072-bit exponentiation.
	 */
	constructor(poolName: string) {
		this.N = N;
		this.g = G;
		this.k = K;
		this.smallAValue = this.generateRandomSmallA();
		this.largeAValue = null;
		this.infoBits = utf8Encode(INFO_BITS);
		this.poolName = poolName;
		this.UValue = undefined;
		this.randomPassword = undefined;
		this.SaltToHashDevices = undefined;
		this.verifierDevices = undefined;
	}

	/** The client secret a. */
	getSmallAValue(): BigInteger {
		return this.smallAValue;
	}

	/** Calls back (synchronously) with A, computing and caching it on first use. */
	getLargeAValue(callback: SrpCallback<BigInteger>): void {
		if (this.largeAValue) {
			callback(null, this.largeAValue);
			return;
		}
		this.calculateA(this.smallAValue, (err, largeAValue) => {
			if (err || !largeAValue) {
				callback(err, null);
				return;
			}
			this.largeAValue = largeAValue;
			callback(null, largeAValue);
		});
	}

	/** 128 secure random bytes as a positive integer (not reduced mod N, as in the original). */
	generateRandomSmallA(): BigInteger {
		return fromBytes(randomBytes(128));
	}

	/** Base64 of 40 secure random bytes: the device password. */
	generateRandomString(): string {
		return base64Encode(randomBytes(40));
	}

	/** The device password from the last {@link AuthenticationHelper.generateHashDevice}. */
	getRandomPassword(): string | undefined {
		return this.randomPassword;
	}

	/** The device salt (padded hex) from the last {@link AuthenticationHelper.generateHashDevice}. */
	getSaltDevices(): string | undefined {
		return this.SaltToHashDevices;
	}

	/** The device verifier (padded hex) from the last {@link AuthenticationHelper.generateHashDevice}. */
	getVerifierDevices(): string | undefined {
		return this.verifierDevices;
	}

	/**
	 * Registers a device: draws a random password and salt and computes the verifier
	 * g^H(salt ‖ H(deviceGroupKey ‖ username ‖ ':' ‖ password)), then calls back `(null, null)`.
	 * Cognito passes the device key as `username`.
	 */
	generateHashDevice(deviceGroupKey: string, username: string, callback: SrpCallback<null>): void {
		this.randomPassword = this.generateRandomString();
		const hashedString = this.hash(`${deviceGroupKey}${username}:${this.randomPassword}`);
		this.SaltToHashDevices = this.padHex(fromBytes(randomBytes(16)));
		const exponent = new BigInteger(this.hexHash(this.SaltToHashDevices + hashedString), 16);
		this.g.modPow(exponent, this.N, (err, verifier) => {
			if (err) {
				callback(err, null);
				return;
			}
			this.verifierDevices = this.padHex(verifier);
			callback(null, null);
		});
	}

	/** Calls back with A = g^a mod N, or with an error when A mod N is 0 (exactly once). */
	calculateA(a: BigInteger, callback: SrpCallback<BigInteger>): void {
		this.g.modPow(a, this.N, (err, A) => {
			if (err) {
				callback(err, null);
				return;
			}
			if (A.mod(this.N).equals(BigInteger.ZERO)) {
				callback(new Error('Illegal paramater. A mod N cannot be 0.'), null);
				return;
			}
			callback(null, A);
		});
	}

	/** u = H(A ‖ B) over the Java byte forms of both. */
	calculateU(A: BigInteger, B: BigInteger): BigInteger {
		return fromBytes(sha256(concatBytes(toJavaBytes(A.value), toJavaBytes(B.value))));
	}

	/** First 16 bytes of HKDF-SHA256 (RFC 5869) with Cognito's fixed info string. */
	computehkdf(ikm: Uint8Array, salt: Uint8Array): Uint8Array {
		return hkdf(sha256, ikm, salt, this.infoBits, 16);
	}

	/**
	 * Derives the 16-byte password authentication key from the server's B and salt and calls
	 * back with it. Throws synchronously, as the original does, when B mod N or u is zero.
	 */
	getPasswordAuthenticationKey(
		username: string,
		password: string,
		serverBValue: BigInteger,
		salt: BigInteger,
		callback: SrpCallback<Uint8Array>,
	): void {
		if (serverBValue.mod(this.N).equals(BigInteger.ZERO)) {
			throw new Error('B cannot be zero.');
		}
		this.getLargeAValue((errA, largeAValue) => {
			if (errA || !largeAValue) {
				callback(errA, null);
				return;
			}
			this.UValue = this.calculateU(largeAValue, serverBValue);
			if (this.UValue.equals(BigInteger.ZERO)) {
				throw new Error('U cannot be zero.');
			}
			const uBytes = toJavaBytes(this.UValue.value);
			const inner = this.hash(`${this.poolName}${username}:${password}`);
			const xDigest = sha256(concatBytes(toJavaBytes(salt.value), hexToBytes(inner)));
			const xValue = fromBytes(xDigest);
			this.calculateS(xValue, serverBValue, (errS, sValue) => {
				if (errS || !sValue) {
					callback(errS, null);
					return;
				}
				callback(null, this.computehkdf(toJavaBytes(sValue.value), uBytes));
			});
		});
	}

	/** Calls back with S = (B − k·g^x)^(a + u·x) mod N. */
	calculateS(
		xValue: BigInteger,
		serverBValue: BigInteger,
		callback: SrpCallback<BigInteger>,
	): void {
		this.g.modPow(xValue, this.N, (err, gModPowXN) => {
			if (err) {
				callback(err, null);
				return;
			}
			const base = serverBValue.subtract(this.k.multiply(gModPowXN));
			const u = this.UValue ?? BigInteger.ZERO;
			const exponent = this.smallAValue.add(u.multiply(xValue));
			base.modPow(exponent, this.N, (err2, result) => {
				if (err2) {
					callback(err2, null);
					return;
				}
				callback(null, result.mod(this.N));
			});
		});
	}

	/** The prefix Cognito puts before attribute names in NEW_PASSWORD_REQUIRED challenges. */
	getNewPasswordRequiredChallengeUserAttributePrefix(): string {
		return 'userAttributes.';
	}

	/** Lower-case hex of the Java `toByteArray()` form; throws unless given a BigInteger. */
	padHex(bigInt: BigInteger): string {
		if (!(bigInt instanceof BigInteger)) throw new Error('Not a BigInteger');
		return bytesToHex(toJavaBytes(bigInt.value));
	}

	/** Lower-case hex SHA-256 of bytes, or of a string's UTF-8 encoding. */
	hash(buf: HashInput): string {
		return bytesToHex(sha256(toBytes(buf)));
	}

	/** SHA-256 (hex) of the bytes spelled by a hex string. */
	hexHash(hexStr: string): string {
		return this.hash(hexToBytes(hexStr));
	}
}
