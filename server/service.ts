import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { Attempts, FREE_CODE_FAILURES, SignInLockout, attemptLimit } from './attempts';
import { sameSecret } from './compare';
import { newDevice } from './devices';
import { MSG, err, notAuthorized, resourceNotFound } from './errors';
import type { EphemeralPool } from './ephemeral';
import { Outbox, type OutboxKind } from './outbox';
import { type RegistrationStart, SessionStore } from './sessions';
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
import { type IssueOptions, TokenBook } from './tokenBook';
import type { TokenLifetimes, TokenSigner } from './tokens';
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

/** Everything the actions share: state, clock, outbox, sessions and the token book. */
export class Service {
	readonly outbox = new Outbox();
	readonly sessions: SessionStore;
	/** Open passkey registrations by pool and username (`poolId\0username`); one each, in memory. */
	readonly passkeyStarts = new Map<string, RegistrationStart>();
	readonly tokens: TokenBook;
	/** Failed passwords and MFA codes per user, across sessions. */
	readonly lockout: SignInLockout;
	/** Wrong tries per user and code; a code quiet for an hour gets its tries back. */
	private readonly codeAttempts: Attempts;
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
		this.lockout = new SignInLockout(() => this.now());
		this.codeAttempts = new Attempts(() => this.now(), 3600_000);
		this.tokens = new TokenBook(this.state, signer, {
			now: () => this.now(),
			lifetimes: options.tokenLifetimes,
			changed: () => this.changed(),
		});
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
	 * An unknown user, per the client's PreventUserExistenceErrors setting. New clients default
	 * to ENABLED here (the modern console default, not the API's LEGACY): this returns, and the
	 * caller goes on with a decoy, so that an unknown user looks exactly like a known one with a
	 * wrong password or code. LEGACY clients get UserNotFoundException, as the service gives them.
	 */
	refuseUnknownUser(client: ClientConfig): void {
		if (client.PreventUserExistenceErrors === 'LEGACY') {
			throw err('UserNotFoundException', MSG.userNotFound);
		}
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
	deliveryFor(
		user: Pick<UserRecord, 'attributes'>,
		prefer: string[],
	): CodeDeliveryDetails | undefined {
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
		this.codeAttempts.clear(codeKey(pool, user.username, purpose));
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
		/** Where it goes when not to the user's attribute (an e-mail being set up for MFA). */
		to?: string,
	): void {
		this.outbox.add({
			time: new Date(this.now()).toISOString(),
			poolId: pool.config.Id,
			username: user.username,
			kind,
			code,
			deliveryMedium: delivery.DeliveryMedium,
			destination: to ?? user.attributes[delivery.AttributeName] ?? '',
			attributeName: delivery.AttributeName,
		});
	}

	/**
	 * Checks and consumes a code. A few wrong tries spend it (LimitExceededException, as the
	 * service answers). `user` undefined is an unknown user addressed as `name`: every code is
	 * wrong and the tries are counted the same way, so the answers do not tell the two apart.
	 */
	useCode(
		pool: PoolRecord,
		user: UserRecord | undefined,
		name: string,
		purpose: string,
		code: string,
	): void {
		const key = codeKey(pool, user?.username ?? name, purpose);
		const spend = () => {
			if (user?.codes[purpose]) {
				delete user.codes[purpose];
				this.changed();
			}
			return attemptLimit();
		};
		if ((this.codeAttempts.failures(key)?.count ?? 0) >= FREE_CODE_FAILURES) throw spend();
		const pending = user?.codes[purpose];
		// Compared even when there is no code, so that both cases take the same time.
		const matches = sameSecret(code, pending?.code ?? '');
		if (!pending || !matches) {
			if (this.codeAttempts.fail(key) >= FREE_CODE_FAILURES) throw spend();
			throw err('CodeMismatchException', MSG.codeMismatch);
		}
		if (pending.expiresAt <= this.now()) throw err('ExpiredCodeException', MSG.codeExpired);
		delete user?.codes[purpose];
		this.codeAttempts.clear(key);
	}

	/**
	 * Stable per pool and name, unguessable without the pool's secret: what the decoys of
	 * PreventUserExistenceErrors are made of, so that asking twice gives the same answer.
	 */
	decoyBytes(pool: PoolRecord, name: string, purpose: string, length = 32): Buffer {
		if (!pool.decoySecret) {
			pool.decoySecret = randomBytes(32).toString('base64');
			this.changed();
		}
		const out: Buffer[] = [];
		for (let i = 0; out.length * 32 < length; i++) {
			out.push(createHmac('sha256', pool.decoySecret).update(`${purpose}\0${i}\0${name}`).digest());
		}
		return Buffer.concat(out).subarray(0, length);
	}

	/** Tokens for a sign-in or a refresh; a fresh sign-in on a device-tracking pool also gets a device. */
	async authenticationResult(
		pool: PoolRecord,
		client: ClientConfig,
		user: UserRecord,
		opts: IssueOptions,
	): Promise<Record<string, unknown>> {
		let deviceKey = opts.deviceKey;
		let device;
		if (!opts.refresh && !deviceKey && pool.config.DeviceConfiguration) {
			device = newDevice(pool, user, this.options.region, this.now());
			deviceKey = device.key;
		}
		const result = await this.tokens.issue(pool, client, user, { ...opts, deviceKey });
		if (device)
			result.NewDeviceMetadata = { DeviceKey: device.key, DeviceGroupKey: device.groupKey };
		return { ChallengeParameters: {}, AuthenticationResult: result };
	}
}

const codeKey = (pool: PoolRecord, username: string, purpose: string): string =>
	`${pool.config.Id}\0${username}\0${purpose}`;

/** Whose failed sign-ins count together: a user (or an unknown name) of one pool. */
export const signInKey = (pool: PoolRecord, username: string): string =>
	`${pool.config.Id}\0${username}`;

/** The SRP "pool name": the part of the pool id after the region and underscore. */
export function poolName(poolId: string): string {
	return poolId.slice(poolId.indexOf('_') + 1);
}
