import { randomBytes, randomUUID } from 'node:crypto';
import { MSG, err, notAuthorized } from './errors';
import {
	type ClientConfig,
	type PersistentState,
	type PoolRecord,
	type RefreshRecord,
	type UserRecord,
	own,
} from './state';
import { type AccessClaims, type TokenLifetimes, type TokenSigner, lifetimesFor } from './tokens';

export interface IssueOptions {
	deviceKey?: string;
	/** Set for REFRESH_TOKEN_AUTH: the family being refreshed. */
	refresh?: { originJti: string; authTime: number };
	/** With refresh on a rotating client: the token presented, replaced by a new one. */
	rotate?: { token: string; graceSeconds: number };
}

/** What the book needs from its owner: the clock, the lifetime overrides, and "save me". */
export interface TokenBookEnv {
	now(): number;
	lifetimes: TokenLifetimes;
	changed(): void;
}

/**
 * The one owner of token bookkeeping: every refresh token and token family (origin) is
 * created, looked up, revoked and pruned here, and every access token is checked here.
 */
export class TokenBook {
	private issued = 0;

	constructor(
		private readonly state: PersistentState,
		readonly signer: TokenSigner,
		private readonly env: TokenBookEnv,
	) {}

	/** The AuthenticationResult of a sign-in (with a refresh token) or of a refresh (without). */
	async issue(
		pool: PoolRecord,
		client: ClientConfig,
		user: UserRecord,
		opts: IssueOptions,
	): Promise<Record<string, unknown>> {
		const nowMs = this.env.now();
		const now = Math.floor(nowMs / 1000);
		const lifetimes = lifetimesFor(client, this.env.lifetimes);
		const originJti = opts.refresh?.originJti ?? randomUUID();
		const authTime = opts.refresh?.authTime ?? now;
		const { accessToken, idToken } = await this.signer.issue({
			poolId: pool.config.Id,
			client,
			user,
			originJti,
			deviceKey: opts.deviceKey,
			authTime,
			nowSeconds: now,
			lifetimes,
		});
		const result: Record<string, unknown> = {
			AccessToken: accessToken,
			ExpiresIn: lifetimes.accessSeconds,
			TokenType: 'Bearer',
			IdToken: idToken,
		};
		const lastExpiry = nowMs + Math.max(lifetimes.accessSeconds, lifetimes.idSeconds) * 1000;
		if (!opts.refresh) {
			const refreshToken = randomBytes(96).toString('base64url');
			this.prune();
			this.state.origins[originJti] = {
				poolId: pool.config.Id,
				username: user.username,
				revoked: false,
				expiresAt: Math.max(lastExpiry, nowMs + lifetimes.refreshSeconds * 1000),
			};
			this.state.refreshTokens[refreshToken] = {
				poolId: pool.config.Id,
				clientId: client.ClientId,
				username: user.username,
				originJti,
				deviceKey: opts.deviceKey,
				authTime,
				expiresAt: nowMs + lifetimes.refreshSeconds * 1000,
			};
			result.RefreshToken = refreshToken;
		}
		if (opts.rotate) result.RefreshToken = this.rotate(opts.rotate, nowMs);
		const origin = own(this.state.origins, originJti);
		if (origin?.expiresAt !== undefined) origin.expiresAt = Math.max(origin.expiresAt, lastExpiry);
		this.env.changed();
		return result;
	}

	/**
	 * A new refresh token in the presented one's family, expiring when the presented one would
	 * (rotation does not extend a sign-in). The presented token stays good for the grace period
	 * counted from its first replacement, so that a client's retry still works.
	 */
	private rotate(rotate: { token: string; graceSeconds: number }, nowMs: number): string {
		const old = own(this.state.refreshTokens, rotate.token);
		if (!old) throw notAuthorized(MSG.refreshInvalid);
		const fresh = randomBytes(96).toString('base64url');
		this.state.refreshTokens[fresh] = {
			poolId: old.poolId,
			clientId: old.clientId,
			username: old.username,
			originJti: old.originJti,
			deviceKey: old.deviceKey,
			authTime: old.authTime,
			expiresAt: old.expiresAt,
		};
		if (old.replacedUntil === undefined) old.replacedUntil = nowMs + rotate.graceSeconds * 1000;
		return fresh;
	}

	/** Signature, expiry, revocation and the user's existence, as every AccessToken action needs. */
	async authorize(
		accessToken: string,
	): Promise<{ pool: PoolRecord; user: UserRecord; claims: AccessClaims }> {
		const claims = await this.signer.verifyAccess(accessToken, Math.floor(this.env.now() / 1000));
		const pool = own(this.state.pools, this.signer.poolOf(claims));
		if (!pool) throw notAuthorized(MSG.accessInvalid);
		const origin = own(this.state.origins, claims.origin_jti);
		const user = own(pool.users, claims.username);
		if (!origin || origin.revoked || !user) throw notAuthorized(MSG.accessRevoked);
		if (!user.enabled) throw notAuthorized(MSG.userDisabled);
		return { pool, user, claims };
	}

	/** A refresh token of `clientId` that may still be used, with its pool and user. */
	refreshable(
		clientId: string,
		token: string,
	): { record: RefreshRecord; pool: PoolRecord; user: UserRecord } {
		const record = own(this.state.refreshTokens, token);
		if (!record || record.clientId !== clientId) throw notAuthorized(MSG.refreshInvalid);
		const origin = own(this.state.origins, record.originJti);
		const pool = own(this.state.pools, record.poolId);
		const user = pool && own(pool.users, record.username);
		if (!origin || origin.revoked || !pool || !user) throw notAuthorized(MSG.refreshRevoked);
		if (record.expiresAt <= this.env.now()) throw notAuthorized(MSG.refreshExpired);
		if (record.replacedUntil !== undefined && record.replacedUntil <= this.env.now()) {
			throw err('RefreshTokenReuseException', 'Refresh token has already been used.');
		}
		if (!user.enabled) throw notAuthorized(MSG.userDisabled);
		return { record, pool, user };
	}

	refreshRecord(token: string): RefreshRecord | undefined {
		return own(this.state.refreshTokens, token);
	}

	/** RevokeToken: the refresh token's whole family. */
	revokeFamily(record: RefreshRecord): void {
		const origin = own(this.state.origins, record.originJti);
		if (origin) origin.revoked = true;
		this.env.changed();
	}

	/** GlobalSignOut, AdminDeleteUser, DeleteUser: every family of the user. */
	revokeUser(poolId: string, username: string): void {
		for (const origin of Object.values(this.state.origins)) {
			if (origin.poolId === poolId && origin.username === username) origin.revoked = true;
		}
		this.env.changed();
	}

	/** A forgotten device's refresh tokens go with it, so a lost device cannot sign in again. */
	dropDevice(deviceKey: string): void {
		for (const [token, record] of Object.entries(this.state.refreshTokens)) {
			if (record.deviceKey === deviceKey) delete this.state.refreshTokens[token];
		}
		this.env.changed();
	}

	/** Drops token families whose every token has expired, so a long-running server stays small. */
	private prune(): void {
		if (++this.issued % 1000 !== 0) return;
		const now = this.env.now();
		for (const [jti, origin] of Object.entries(this.state.origins)) {
			if (origin.expiresAt !== undefined && origin.expiresAt < now) delete this.state.origins[jti];
		}
		for (const [token, record] of Object.entries(this.state.refreshTokens)) {
			if (record.expiresAt < now || !own(this.state.origins, record.originJti))
				delete this.state.refreshTokens[token];
		}
	}
}
