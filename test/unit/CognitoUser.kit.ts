// Test kit for the CognitoUser tests: JWTs, a recording storage, a synchronous fake of the
// Client, and a server-side SRP simulator over native bigint + node:crypto (an independent
// implementation of the protocol, so that a login only succeeds if the client's math is right).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { vi } from 'vitest';
import type { MockInstance } from 'vitest';
import Client from '../../src/Client';
import type { IAuthenticationCallback, ICognitoStorage } from '../../src/types';
import { SRP } from './srpVectors';

// ------------------------------------------------------------------------------------------
// JWTs

const b64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

/** An unsigned JWT with the given claims (the library never checks signatures). */
export function jwt(claims: Record<string, unknown>): string {
	return `${b64url(JSON.stringify({ alg: 'RS256', kid: 'test' }))}.${b64url(JSON.stringify(claims))}.c2ln`;
}

export const nowSec = (): number => Math.floor(Date.now() / 1000);

/** An AuthenticationResult whose tokens are valid for an hour (or as given). */
export function authResult(
	options: {
		iat?: number;
		exp?: number;
		originJti?: string;
		refresh?: string | null;
		tag?: string;
	} = {},
): {
	IdToken: string;
	AccessToken: string;
	RefreshToken?: string | null;
	ExpiresIn: number;
	TokenType: string;
} {
	const iat = options.iat ?? nowSec();
	const exp = options.exp ?? iat + 3600;
	const tag = options.tag ?? 't';
	const access: Record<string, unknown> = {
		sub: 'sub-1',
		token_use: 'access',
		iat,
		exp,
		jti: `${tag}-a`,
	};
	if (options.originJti) access.origin_jti = options.originJti;
	const result: ReturnType<typeof authResult> = {
		IdToken: jwt({ sub: 'sub-1', token_use: 'id', iat, exp, tag }),
		AccessToken: jwt(access),
		ExpiresIn: 3600,
		TokenType: 'Bearer',
	};
	if (options.refresh !== undefined) result.RefreshToken = options.refresh;
	else result.RefreshToken = `refresh-${tag}`;
	return result;
}

// ------------------------------------------------------------------------------------------
// Storage

export type StorageOp = ['set', string, unknown] | ['get', string] | ['remove', string];

/** A localStorage-like store (null for a missing key) that records every operation. */
export class RecordingStorage implements ICognitoStorage {
	data = new Map<string, string>();
	ops: StorageOp[] = [];

	setItem(key: string, value: string): void {
		this.ops.push(['set', key, value]);
		this.data.set(key, String(value));
	}

	getItem(key: string): string | null {
		this.ops.push(['get', key]);
		return this.data.has(key) ? (this.data.get(key) as string) : null;
	}

	removeItem(key: string): void {
		this.ops.push(['remove', key]);
		this.data.delete(key);
	}

	clear(): void {
		this.data.clear();
	}

	/** The keys written or removed, in order, without the reads. */
	writes(): string[] {
		return this.ops.filter((op) => op[0] !== 'get').map((op) => `${op[0]} ${op[1]}`);
	}
}

// ------------------------------------------------------------------------------------------
// A synchronous fake service behind Client.prototype.request / requestWithRetry

export interface SentRequest {
	operation: string;
	body: string;
	params: Record<string, unknown>;
	retry: boolean;
}

export type Reply = { error: Error } | { data: unknown };
export type Handler = (operation: string, params: Record<string, unknown>) => Reply;

/** A service error shaped as the Client reports it. */
export function serviceError(code: string, message = code): Error {
	return Object.assign(new Error(message), { code, name: code, statusCode: 400 });
}

export interface FakeService {
	sent: SentRequest[];
	/** Queues a reply for the next request (FIFO); without queued replies, `fallback` answers. */
	reply(...replies: Reply[]): void;
	fallback: Handler;
	request: MockInstance;
	requestWithRetry: MockInstance;
	/** Delay replies until `flush()` (to hold a request in flight). */
	hold: boolean;
	flush(): void;
}

/** Replaces the Client's network methods with a fake that answers synchronously. */
export function fakeService(): FakeService {
	const queue: Reply[] = [];
	const held: Array<() => void> = [];
	const service: FakeService = {
		sent: [],
		reply: (...replies) => queue.push(...replies),
		fallback: (operation) => ({ error: new Error(`unexpected ${operation}`) }),
		hold: false,
		flush: () => {
			while (held.length) held.shift()?.();
		},
		request: undefined as unknown as MockInstance,
		requestWithRetry: undefined as unknown as MockInstance,
	};
	const answer = (retry: boolean) =>
		function (
			this: Client,
			operation: string,
			params: object,
			callback: (err: Error | null, data?: unknown) => void,
		) {
			const p = params as Record<string, unknown>;
			service.sent.push({ operation, body: JSON.stringify(params), params: p, retry });
			const reply = queue.length ? (queue.shift() as Reply) : service.fallback(operation, p);
			const deliver = (): void => {
				if ('error' in reply) callback(reply.error);
				else callback(null, reply.data);
			};
			if (service.hold) held.push(deliver);
			else deliver();
		};
	service.request = vi
		.spyOn(Client.prototype, 'request')
		.mockImplementation(answer(false) as never);
	service.requestWithRetry = vi
		.spyOn(Client.prototype, 'requestWithRetry')
		.mockImplementation(answer(true) as never);
	return service;
}

// ------------------------------------------------------------------------------------------
// Server-side SRP (RFC 5054 3072-bit group, Cognito's variant)

const N = BigInt(`0x${SRP.N}`);
const g = 2n;

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
	let result = 1n;
	let b = ((base % mod) + mod) % mod;
	let e = exp;
	while (e > 0n) {
		if (e & 1n) result = (result * b) % mod;
		b = (b * b) % mod;
		e >>= 1n;
	}
	return result;
}

/** Java BigInteger.toByteArray() hex of a non-negative number. */
export function padHex(value: bigint): string {
	let hex = value.toString(16);
	if (hex.length % 2) hex = `0${hex}`;
	if (/^[89a-f]/.test(hex)) hex = `00${hex}`;
	return hex;
}

const sha256Hex = (data: Buffer | string): string =>
	createHash('sha256').update(data).digest('hex');
const hexHash = (hex: string): string => sha256Hex(Buffer.from(hex, 'hex'));
const k = BigInt(`0x${hexHash(padHex(N) + padHex(g))}`);

function hkdf(ikm: Buffer, salt: Buffer): Buffer {
	const prk = createHmac('sha256', salt).update(ikm).digest();
	return createHmac('sha256', prk)
		.update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]))
		.digest()
		.subarray(0, 16);
}

/** x as Cognito computes it: H(salt ‖ H(name ‖ userId ‖ ':' ‖ password)). */
function privateX(name: string, userId: string, password: string, salt: bigint): bigint {
	return BigInt(`0x${hexHash(padHex(salt) + sha256Hex(`${name}${userId}:${password}`))}`);
}

/** One party's SRP credentials as the server stores them. */
export interface SrpAccount {
	name: string; // pool name (user SRP) or device group key (device SRP)
	userId: string; // USER_ID_FOR_SRP or device key
	salt: bigint;
	verifier: bigint;
}

export function userAccount(poolName: string, userId: string, password: string): SrpAccount {
	const salt = BigInt(`0x${randomBytes(16).toString('hex')}`);
	return {
		name: poolName,
		userId,
		salt,
		verifier: modPow(g, privateX(poolName, userId, password, salt), N),
	};
}

/** A device account from ConfirmDevice's DeviceSecretVerifierConfig. */
export function deviceAccount(
	deviceGroupKey: string,
	deviceKey: string,
	config: { Salt: string; PasswordVerifier: string },
): SrpAccount {
	return {
		name: deviceGroupKey,
		userId: deviceKey,
		salt: BigInt(`0x${Buffer.from(config.Salt, 'base64').toString('hex')}`),
		verifier: BigInt(`0x${Buffer.from(config.PasswordVerifier, 'base64').toString('hex')}`),
	};
}

/** One SRP exchange on the server side. */
export class SrpServer {
	private b = BigInt(`0x${randomBytes(32).toString('hex')}`);
	readonly B: bigint;
	readonly secretBlock = randomBytes(48).toString('base64');

	constructor(private account: SrpAccount) {
		this.B = (k * account.verifier + modPow(g, this.b, N)) % N;
	}

	/** The challenge parameters a server sends back for SRP_A. */
	challenge(extra: Record<string, string> = {}): Record<string, string> {
		return {
			SALT: this.account.salt.toString(16),
			SECRET_BLOCK: this.secretBlock,
			SRP_B: this.B.toString(16),
			...extra,
		};
	}

	/** Whether the client proved knowledge of the password for this A. */
	verify(srpAHex: string, responses: Record<string, unknown>): boolean {
		const A = BigInt(`0x${srpAHex}`);
		const u = BigInt(`0x${hexHash(padHex(A) + padHex(this.B))}`);
		const S = modPow(A * modPow(this.account.verifier, u, N), this.b, N);
		const key = hkdf(Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'));
		const expected = createHmac('sha256', key)
			.update(
				Buffer.concat([
					Buffer.from(this.account.name, 'utf8'),
					Buffer.from(this.account.userId, 'utf8'),
					Buffer.from(this.secretBlock, 'base64'),
					Buffer.from(String(responses.TIMESTAMP), 'utf8'),
				]),
			)
			.digest('base64');
		return (
			responses.PASSWORD_CLAIM_SIGNATURE === expected &&
			responses.PASSWORD_CLAIM_SECRET_BLOCK === this.secretBlock
		);
	}
}

// ------------------------------------------------------------------------------------------
// A pool stand-in with exactly what CognitoUser uses, so these tests need no CognitoUserPool

export const CLIENT_ID = 'client123';
export const POOL_NAME = 'TestPool';
export const PREFIX = `CognitoIdentityServiceProvider.${CLIENT_ID}`;

export interface StubPool {
	client: Client;
	storage: RecordingStorage;
	getClientId(): string;
	getUserPoolId(): string;
	getUserPoolName(): string;
	getUserContextData(username: string): unknown;
	wrapRefreshSessionCallback?: (
		callback: (...args: never[]) => unknown,
	) => (...args: never[]) => unknown;
}

export function stubPool(overrides: Partial<StubPool> = {}): StubPool {
	return {
		client: new Client('us-east-1'),
		storage: new RecordingStorage(),
		getClientId: () => CLIENT_ID,
		getUserPoolId: () => `us-east-1_${POOL_NAME}`,
		getUserPoolName: () => POOL_NAME,
		getUserContextData: () => undefined,
		...overrides,
	};
}

/** Lets promise chains (getUserData's) run to completion. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A callbacks object with a spy for every member of IAuthenticationCallback. */
export function authCallbacks() {
	return {
		onSuccess: vi.fn(),
		onFailure: vi.fn(),
		newPasswordRequired: vi.fn(),
		mfaRequired: vi.fn(),
		totpRequired: vi.fn(),
		customChallenge: vi.fn(),
		mfaSetup: vi.fn(),
		selectMFAType: vi.fn(),
	} satisfies IAuthenticationCallback;
}
