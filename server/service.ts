import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { MSG, err, invalidParameter, notAuthorized, resourceNotFound } from './errors';
import type { EphemeralPool } from './ephemeral';
import { Outbox, type OutboxKind } from './outbox';
import { SessionStore } from './sessions';
import type { SrpWorkers } from './srpWorkers';
import { checkPasswordPolicy } from './policy';
import { makeVerifier } from './srp';
import {
	type ClientConfig,
	type PersistentState,
	type PoolRecord,
	type StoredState,
	type UserRecord,
	findUser,
	own,
} from './state';
import { type ResultOptions, authenticationResult } from './results';
import type { AccessClaims, TokenLifetimes, TokenSigner } from './tokens';
import type { CustomAuthHooks } from './customAuth';

export interface ServiceOptions {
	region: string;
	stateFile?: string;
	tokenLifetimes: TokenLifetimes;
	customAuth: CustomAuthHooks;
	now?: () => number;
	log?: (message: string) => void;
}

export interface CodeDeliveryDetails {
	Destination: string;
	DeliveryMedium: 'EMAIL' | 'SMS';
	AttributeName: string;
}

const CODE_TTL_MS: Record<string, number> = {
	confirmation: 24 * 3600_000,
	'forgot-password': 3600_000,
	attr: 24 * 3600_000,
};

export function maskDestination(medium: 'EMAIL' | 'SMS', value: string): string {
	if (medium === 'SMS') return `+*******${value.slice(-4)}`;
	const [local = '', domain = ''] = value.split('@');
	return `${local.charAt(0)}***@${domain.charAt(0)}***`;
}

/** Everything the actions share: state, clock, outbox, sessions and the token signer. */
export class Service {
	readonly outbox = new Outbox();
	readonly sessions: SessionStore;
	clockOffsetMs = 0;
	/** Precomputed (b, g^b) pairs from a worker thread, when running as a server. */
	ephemerals?: EphemeralPool;
	/** Worker threads for the password check's modexps, when running as a server. */
	srpWorkers?: SrpWorkers;
	/** Pools, users and token records; every write to it is tracked for saving. */
	readonly state: PersistentState;

	constructor(
		private readonly stored: StoredState,
		readonly signer: TokenSigner,
		readonly options: ServiceOptions,
	) {
		this.state = stored.state;
		this.sessions = new SessionStore(() => this.now());
	}

	now(): number {
		return (this.options.now ?? Date.now)() + this.clockOffsetMs;
	}

	nowSeconds(): number {
		return Math.floor(this.now() / 1000);
	}

	/**
	 * Marks a change to the state. Writes are tracked by the state itself and saved by `save()`
	 * before the reply; the call remains where actions change the state, as their documentation.
	 */
	changed(): void {}

	/** Puts every change made so far on disk (with a state file); the pipeline calls it before replying. */
	save(): void {
		this.stored.save();
	}

	/** Saves what is left and releases the state file. */
	flush(): void {
		try {
			this.save();
		} finally {
			this.stored.close();
		}
	}

	pool(poolId: string): PoolRecord {
		const pool = own(this.state.pools, poolId);
		if (!pool) throw resourceNotFound(`User pool ${poolId} does not exist.`);
		return pool;
	}

	client(clientId: string): { pool: PoolRecord; client: ClientConfig } {
		for (const pool of Object.values(this.state.pools)) {
			const client = own(pool.clients, clientId);
			if (client) return { pool, client };
		}
		throw resourceNotFound(`User pool client ${clientId} does not exist.`);
	}

	/**
	 * SECRET_HASH = Base64(HMAC-SHA256(clientSecret, username ‖ clientId)), required for secret
	 * clients. `missing` is the message for no hash at all where the service words that case
	 * differently (InitiateAuth).
	 */
	checkSecretHash(
		client: ClientConfig,
		usernames: string[],
		given: string | undefined,
		missing?: string,
	): void {
		if (!client.ClientSecret) return;
		const failure = notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
		if (!given) throw missing ? notAuthorized(missing) : failure;
		const givenBuf = Buffer.from(given, 'base64');
		const ok = usernames.some((name) => {
			const expected = createHmac('sha256', client.ClientSecret ?? '')
				.update(name + client.ClientId)
				.digest();
			return expected.length === givenBuf.length && timingSafeEqual(expected, givenBuf);
		});
		if (!ok) throw failure;
	}

	findUser(pool: PoolRecord, name: string): UserRecord | undefined {
		return findUser(pool, name);
	}

	/**
	 * Unknown users per the client's PreventUserExistenceErrors setting. New clients default to
	 * ENABLED here (the modern console default, not the API's LEGACY): an unknown user looks
	 * exactly like a wrong password, and SRP even gets a decoy challenge. LEGACY clients get
	 * UserNotFoundException, as the service gives them.
	 */
	unknownUser(client: ClientConfig, enabledError = notAuthorized(MSG.badCredentials)): Error {
		return client.PreventUserExistenceErrors === 'LEGACY'
			? err('UserNotFoundException', MSG.userNotFound)
			: enabledError;
	}

	validatePassword(pool: PoolRecord, password: string): void {
		checkPasswordPolicy(pool.config.Policies.PasswordPolicy, password);
	}

	/** Stores a fresh SRP verifier; the password itself is never kept. */
	setPassword(pool: PoolRecord, user: UserRecord, password: string): void {
		user.verifier = makeVerifier(poolName(pool.config.Id), user.username, password);
		user.modified = this.now();
	}

	/** The destination for a code: the first deliverable attribute among `prefer`. */
	deliveryFor(user: UserRecord, prefer: string[]): CodeDeliveryDetails | undefined {
		for (const attr of prefer) {
			const value = user.attributes[attr];
			if (!value) continue;
			const medium = attr === 'phone_number' ? 'SMS' : 'EMAIL';
			return {
				Destination: maskDestination(medium, value),
				DeliveryMedium: medium,
				AttributeName: attr,
			};
		}
		return undefined;
	}

	/** Generates a code, remembers it on the user under `purpose`, and "sends" it. */
	sendCode(
		pool: PoolRecord,
		user: UserRecord,
		kind: OutboxKind,
		purpose: string,
		delivery: CodeDeliveryDetails,
	): string {
		const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
		const ttl = CODE_TTL_MS[purpose.startsWith('attr:') ? 'attr' : purpose] ?? 3600_000;
		user.codes[purpose] = { code, expiresAt: this.now() + ttl };
		this.deliver(pool, user, kind, code, delivery);
		this.changed();
		return code;
	}

	deliver(
		pool: PoolRecord,
		user: UserRecord,
		kind: OutboxKind,
		code: string,
		delivery: CodeDeliveryDetails,
	): void {
		this.outbox.add({
			time: new Date(this.now()).toISOString(),
			poolId: pool.config.Id,
			username: user.username,
			kind,
			code,
			deliveryMedium: delivery.DeliveryMedium,
			destination: user.attributes[delivery.AttributeName] ?? '',
			attributeName: delivery.AttributeName,
		});
	}

	/** Checks and consumes a code. */
	useCode(user: UserRecord, purpose: string, code: string): void {
		const pending = user.codes[purpose];
		if (!pending || pending.code !== code) throw err('CodeMismatchException', MSG.codeMismatch);
		if (pending.expiresAt <= this.now()) throw err('ExpiredCodeException', MSG.codeExpired);
		delete user.codes[purpose];
	}

	/** Signature, expiry, revocation and the user's existence, as every AccessToken action needs. */
	async authorize(
		accessToken: string,
	): Promise<{ pool: PoolRecord; user: UserRecord; claims: AccessClaims }> {
		const claims = await this.signer.verifyAccess(accessToken, this.nowSeconds());
		const poolId = typeof claims.iss === 'string' ? (claims.iss.split('/').pop() ?? '') : '';
		const pool = own(this.state.pools, poolId);
		if (!pool || claims.iss !== this.signer.issuer(poolId)) throw notAuthorized(MSG.accessInvalid);
		const origin = own(this.state.origins, claims.origin_jti);
		const user = own(pool.users, claims.username);
		if (!origin || origin.revoked || !user) throw notAuthorized(MSG.accessRevoked);
		if (!user.enabled) throw notAuthorized(MSG.userDisabled);
		return { pool, user, claims };
	}

	revokeUserTokens(poolId: string, username: string): void {
		for (const origin of Object.values(this.state.origins)) {
			if (origin.poolId === poolId && origin.username === username) origin.revoked = true;
		}
		this.changed();
	}

	/** Builds an AuthenticationResult; a fresh sign-in also gets a refresh token and maybe a new device. */
	authenticationResult(
		pool: PoolRecord,
		client: ClientConfig,
		user: UserRecord,
		opts: ResultOptions,
	): Promise<Record<string, unknown>> {
		return authenticationResult(this, pool, client, user, opts);
	}
}

/** The SRP "pool name": the part of the pool id after the region and underscore. */
export function poolName(poolId: string): string {
	return poolId.slice(poolId.indexOf('_') + 1);
}

export function requireParam(value: string | undefined, name: string): string {
	if (!value) throw invalidParameter(`Missing required parameter ${name}`);
	return value;
}
