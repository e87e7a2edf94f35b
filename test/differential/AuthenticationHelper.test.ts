import { createRequire } from 'node:module';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import AuthenticationHelper from '../../src/AuthenticationHelper';
import BigInteger from '../../src/BigInteger';
import { calculateSignature, deviceVerifierConfig } from '../../src/utils/srpSignature';
import {
	OrigBigInteger,
	restoreOracle,
	speedUpOracle,
	type OracleBigInteger,
} from './oracleModPow';

const require = createRequire(import.meta.url);
const lib = (name: string): unknown =>
	(require(`original-cognito/lib/${name}`) as { default: unknown }).default;

interface OracleHelper {
	smallAValue: OracleBigInteger;
	largeAValue: OracleBigInteger;
	randomPassword: string;
	SaltToHashDevices: string;
	verifierDevices: string;
	getPasswordAuthenticationKey(
		u: string,
		p: string,
		B: OracleBigInteger,
		s: OracleBigInteger,
		cb: (e: unknown, k: Uint8Array) => void,
	): void;
	generateHashDevice(group: string, user: string, cb: (e: unknown) => void): void;
}
const OrigHelper = lib('AuthenticationHelper') as {
	new (pool: string): OracleHelper;
	prototype: OracleHelper & { generateRandomSmallA(): OracleBigInteger };
};
const OrigClient = lib('Client') as {
	prototype: {
		request(op: string, params: unknown, cb: (err: unknown, data?: unknown) => void): void;
	};
};
const OrigPool = lib('CognitoUserPool') as new (data: {
	UserPoolId: string;
	ClientId: string;
}) => unknown;
const OrigUser = lib('CognitoUser') as new (data: { Username: string; Pool: unknown }) => {
	authenticateUser(
		details: unknown,
		callbacks: { onSuccess(): void; onFailure(err: unknown): void },
	): void;
};
const OrigDetails = lib('AuthenticationDetails') as new (data: {
	Username: string;
	Password: string;
}) => unknown;

const N = new AuthenticationHelper('x').N.value;
const hex = (bytes: Uint8Array | null | undefined): string =>
	Buffer.from(bytes ?? []).toString('hex');
const alnum = fc.string({
	unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
	minLength: 1,
	maxLength: 12,
});

/** One login's inputs: client secret, server values and credentials. */
const login = fc.record({
	a: fc.bigInt(1n, (1n << 1024n) - 1n),
	salt: fc.bigInt(1n, (1n << 128n) - 1n),
	B: fc.bigInt(1n, N - 1n),
	pool: alnum,
	username: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
	password: fc.string({ unit: 'binary', maxLength: 40 }),
	secretBlock: fc.base64String({ minLength: 4, maxLength: 200 }),
});

type Login = typeof login extends fc.Arbitrary<infer T> ? T : never;

/** Drives the original CognitoUser through USER_SRP_AUTH with a scripted server. */
function originalLogin(input: Login) {
	const seen: {
		A?: string;
		hkdf?: Uint8Array;
		signature?: string;
		timestamp?: string;
		failures: number;
	} = { failures: 0 };
	vi.spyOn(OrigHelper.prototype, 'generateRandomSmallA').mockReturnValue(
		new OrigBigInteger(input.a.toString(16), 16),
	);
	const derive = OrigHelper.prototype.getPasswordAuthenticationKey;
	vi.spyOn(OrigHelper.prototype, 'getPasswordAuthenticationKey').mockImplementation(function (
		this: OracleHelper,
		u,
		p,
		B,
		s,
		cb,
	) {
		derive.call(this, u, p, B, s, (err, key) => {
			seen.hkdf = key;
			cb(err, key);
		});
	});
	vi.spyOn(OrigClient.prototype, 'request').mockImplementation((op, params, cb) => {
		const body = params as {
			AuthParameters?: { SRP_A: string };
			ChallengeResponses?: Record<string, string>;
		};
		if (op === 'InitiateAuth') {
			seen.A = body.AuthParameters?.SRP_A;
			cb(null, {
				ChallengeName: 'PASSWORD_VERIFIER',
				Session: 'session',
				ChallengeParameters: {
					USER_ID_FOR_SRP: input.username,
					SRP_B: input.B.toString(16),
					SALT: input.salt.toString(16),
					SECRET_BLOCK: input.secretBlock,
				},
			});
		} else {
			seen.signature = body.ChallengeResponses?.PASSWORD_CLAIM_SIGNATURE;
			seen.timestamp = body.ChallengeResponses?.TIMESTAMP;
			cb(new Error('stop here'));
		}
	});
	const pool = new OrigPool({ UserPoolId: `us-east-1_${input.pool}`, ClientId: 'client' });
	new OrigUser({ Username: 'alias', Pool: pool }).authenticateUser(
		new OrigDetails({ Username: 'alias', Password: input.password }),
		{
			onSuccess: () => undefined,
			onFailure: () => {
				seen.failures++;
			},
		},
	);
	vi.restoreAllMocks();
	return seen;
}

describe('AuthenticationHelper against the original', () => {
	beforeAll(speedUpOracle);
	afterAll(restoreOracle);
	afterEach(() => vi.restoreAllMocks());

	it('sends the same A and derives the same HKDF key and claim signature for 200 random logins', () => {
		fc.assert(
			fc.property(login, (input) => {
				const original = originalLogin(input);
				expect(original.failures).toBe(1);

				const helper = new AuthenticationHelper(input.pool);
				helper.smallAValue = new BigInteger(input.a);
				let A: BigInteger | null = null;
				helper.getLargeAValue((_e, value) => (A = value));
				expect(A!.toString(16)).toBe(original.A);

				let key: Uint8Array | null = null;
				helper.getPasswordAuthenticationKey(
					input.username,
					input.password,
					new BigInteger(input.B.toString(16), 16),
					new BigInteger(input.salt.toString(16), 16),
					(_e, k) => (key = k),
				);
				expect(hex(key)).toBe(hex(original.hkdf));
				expect(
					calculateSignature(
						key!,
						input.pool,
						input.username,
						input.secretBlock,
						original.timestamp!,
					),
				).toBe(original.signature);
			}),
			{ numRuns: 200 },
		);
	});

	it('derives the same key as the original helper run directly, with A set on both', () => {
		fc.assert(
			fc.property(login, (input) => {
				const original = new OrigHelper(input.pool);
				original.smallAValue = new OrigBigInteger(input.a.toString(16), 16);
				const ours = new AuthenticationHelper(input.pool);
				ours.smallAValue = new BigInteger(input.a);
				ours.getLargeAValue(() => undefined);
				original.largeAValue = new OrigBigInteger(ours.largeAValue!.toString(16), 16);
				let theirs: Uint8Array | undefined;
				original.getPasswordAuthenticationKey(
					input.username,
					input.password,
					new OrigBigInteger(input.B.toString(16), 16),
					new OrigBigInteger(input.salt.toString(16), 16),
					(_e, k) => (theirs = k),
				);
				let mine: Uint8Array | null = null;
				ours.getPasswordAuthenticationKey(
					input.username,
					input.password,
					new BigInteger(input.B),
					new BigInteger(input.salt),
					(_e, k) => (mine = k),
				);
				expect(hex(mine)).toBe(hex(theirs));
			}),
			{ numRuns: 50 },
		);
	});

	it('builds the same device verifier from the same random words', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 14, maxLength: 14 }),
				alnum,
				alnum,
				(words, group, device) => {
					const original = new OrigHelper('pool');
					const ours = new AuthenticationHelper('pool');
					let queue: number[] = [];
					vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(
						<T extends ArrayBufferView | null>(array: T): T => {
							(array as unknown as Uint32Array)[0] = queue.shift() ?? 0;
							return array;
						},
					);
					queue = [...words];
					original.generateHashDevice(group, device, () => undefined);
					expect(queue).toEqual([]);
					queue = [...words];
					const calls: unknown[][] = [];
					ours.generateHashDevice(group, device, (...args) => calls.push(args));
					vi.restoreAllMocks();
					expect(calls).toEqual([[null, null]]);
					expect(ours.randomPassword).toBe(original.randomPassword);
					expect(ours.SaltToHashDevices).toBe(original.SaltToHashDevices);
					expect(ours.verifierDevices).toBe(original.verifierDevices);
					expect(deviceVerifierConfig(ours)).toEqual({
						Salt: Buffer.from(original.SaltToHashDevices, 'hex').toString('base64'),
						PasswordVerifier: Buffer.from(original.verifierDevices, 'hex').toString('base64'),
					});
				},
			),
			{ numRuns: 50 },
		);
	});
});

describe('AuthenticationHelper against the original with its own jsbn modPow', () => {
	it('agrees on a few full logins', () => {
		restoreOracle();
		fc.assert(
			fc.property(login, (input) => {
				const original = originalLogin(input);
				const helper = new AuthenticationHelper(input.pool);
				helper.smallAValue = new BigInteger(input.a);
				let key: Uint8Array | null = null;
				helper.getPasswordAuthenticationKey(
					input.username,
					input.password,
					new BigInteger(input.B),
					new BigInteger(input.salt),
					(_e, k) => (key = k),
				);
				expect(helper.largeAValue?.toString(16)).toBe(original.A);
				expect(
					calculateSignature(
						key!,
						input.pool,
						input.username,
						input.secretBlock,
						original.timestamp!,
					),
				).toBe(original.signature);
			}),
			{ numRuns: 3 },
		);
	});

	it('pads exactly like the original for -256..256 and random large values', () => {
		const original = Object.create(OrigHelper.prototype) as { padHex(v: OracleBigInteger): string };
		const ours = new AuthenticationHelper('pool');
		for (let v = -256n; v <= 256n; v++) {
			expect(ours.padHex(new BigInteger(v)), String(v)).toBe(
				original.padHex(new OrigBigInteger(v.toString(16), 16)),
			);
		}
		fc.assert(
			fc.property(fc.bigInt(-(1n << 3072n), 1n << 3072n), (v) => {
				expect(ours.padHex(new BigInteger(v))).toBe(
					original.padHex(new OrigBigInteger(v.toString(16), 16)),
				);
			}),
			{ numRuns: 1000 },
		);
	});
});
