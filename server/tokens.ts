import { type KeyObject, generateKeyPair, randomBytes, randomUUID, sign } from 'node:crypto';
import { promisify } from 'node:util';
import { decodeJwt, jwtVerify, errors as joseErrors } from 'jose';
import type { JWK, JWTPayload } from 'jose';
import { MSG, ServiceError, notAuthorized } from './errors';
import { type ClientConfig, type UserRecord, own } from './state';

export interface TokenLifetimes {
	/** Seconds; override the pool-client settings for every client. */
	accessSeconds?: number;
	idSeconds?: number;
	refreshSeconds?: number;
}

const generateKeyPairAsync = promisify(generateKeyPair);

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

function validity(value: number | undefined, unit: string | undefined, fallback: number): number {
	if (value === undefined) return fallback;
	// own(): a unit named "constructor" must not find Object's constructor.
	return value * (own(UNIT_SECONDS, unit ?? '') ?? 1);
}

/** Lifetimes in seconds for one client, honouring the service's defaults and units. */
export function lifetimesFor(
	client: ClientConfig,
	overrides: TokenLifetimes,
): Required<TokenLifetimes> {
	const units = client.TokenValidityUnits ?? {};
	return {
		accessSeconds:
			overrides.accessSeconds ??
			validity(client.AccessTokenValidity, units.AccessToken ?? 'hours', 3600),
		idSeconds:
			overrides.idSeconds ?? validity(client.IdTokenValidity, units.IdToken ?? 'hours', 3600),
		refreshSeconds:
			overrides.refreshSeconds ??
			validity(client.RefreshTokenValidity, units.RefreshToken ?? 'days', 30 * 86400),
	};
}

export interface AccessClaims extends JWTPayload {
	sub: string;
	token_use: 'access';
	client_id: string;
	username: string;
	origin_jti: string;
	device_key?: string;
	event_id: string;
	scope: string;
	auth_time: number;
}

export interface IssueInput {
	poolId: string;
	client: ClientConfig;
	user: UserRecord;
	originJti: string;
	deviceKey?: string;
	authTime: number;
	nowSeconds: number;
	lifetimes: Required<TokenLifetimes>;
}

/** One user pool's signing key: each pool signs with its own key pair and `kid`, as the service does. */
interface PoolKey {
	/** The private key as node:crypto uses it: signing runs on libuv's pool, off the event loop. */
	signingKey: KeyObject;
	publicKey: KeyObject;
	jwk: JWK;
	/** `{"alg":"RS256","kid":…}`, base64url, the same for every token of the pool. */
	header: string;
}

async function newPoolKey(): Promise<PoolKey> {
	const { privateKey, publicKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048 });
	const kid = randomBytes(16).toString('base64url');
	const jwk: JWK = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
	const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid })).toString('base64url');
	return { signingKey: privateKey, publicKey, jwk, header };
}

export class TokenSigner {
	/** Made on a pool's first token (or JWKS request), fresh at every start. */
	private readonly keys = new Map<string, Promise<PoolKey>>();

	constructor(private readonly issuerBase: () => string) {}

	private key(poolId: string): Promise<PoolKey> {
		let key = this.keys.get(poolId);
		if (!key) {
			key = newPoolKey();
			this.keys.set(poolId, key);
		}
		return key;
	}

	issuer(poolId: string): string {
		return `${this.issuerBase()}/${poolId}`;
	}

	/** The pool a verified token's issuer names. */
	poolOf(claims: JWTPayload): string {
		return typeof claims.iss === 'string' ? (claims.iss.split('/').pop() ?? '') : '';
	}

	async jwks(poolId: string): Promise<{ keys: JWK[] }> {
		return { keys: [(await this.key(poolId)).jwk] };
	}

	/** A compact RS256 JWS of the claims plus iat and exp (what jose's SignJWT produced). */
	private async sign(
		poolId: string,
		payload: JWTPayload,
		iat: number,
		exp: number,
	): Promise<string> {
		const key = await this.key(poolId);
		const body = Buffer.from(JSON.stringify({ ...payload, iat, exp })).toString('base64url');
		const input = `${key.header}.${body}`;
		return new Promise((resolve, reject) => {
			sign('sha256', Buffer.from(input), key.signingKey, (e, signature) => {
				if (e) reject(e);
				else resolve(`${input}.${signature.toString('base64url')}`);
			});
		});
	}

	async issue(input: IssueInput): Promise<{ accessToken: string; idToken: string }> {
		const { user, client, nowSeconds: now, lifetimes } = input;
		const sub = user.attributes.sub ?? '';
		const iss = this.issuer(input.poolId);
		const eventId = randomUUID();
		const access: Record<string, unknown> = {
			sub,
			iss,
			client_id: client.ClientId,
			origin_jti: input.originJti,
			event_id: eventId,
			token_use: 'access',
			scope: 'aws.cognito.signin.user.admin',
			auth_time: input.authTime,
			jti: randomUUID(),
			username: user.username,
		};
		if (input.deviceKey) access.device_key = input.deviceKey;
		const id: Record<string, unknown> = {
			...idTokenAttributes(user.attributes),
			sub,
			iss,
			'cognito:username': user.username,
			origin_jti: input.originJti,
			aud: client.ClientId,
			event_id: eventId,
			token_use: 'id',
			auth_time: input.authTime,
			jti: randomUUID(),
		};
		const [accessToken, idToken] = await Promise.all([
			this.sign(input.poolId, access, now, now + lifetimes.accessSeconds),
			this.sign(input.poolId, id, now, now + lifetimes.idSeconds),
		]);
		return { accessToken, idToken };
	}

	/**
	 * Signature (with the key of the pool the token names), issuer, expiry and token use;
	 * revocation is the caller's business.
	 */
	async verifyAccess(token: string, nowSeconds: number): Promise<AccessClaims> {
		try {
			const poolId = this.poolOf(decodeJwt(token));
			const key = this.keys.get(poolId);
			if (!key) throw notAuthorized(MSG.accessInvalid);
			const { payload } = await jwtVerify(token, (await key).publicKey, {
				algorithms: ['RS256'],
				issuer: this.issuer(poolId),
				currentDate: new Date(nowSeconds * 1000),
				clockTolerance: 0,
			});
			if (payload.token_use !== 'access' || typeof payload.username !== 'string') {
				throw notAuthorized(MSG.accessInvalid);
			}
			return payload as AccessClaims;
		} catch (e) {
			if (e instanceof joseErrors.JWTExpired) throw notAuthorized(MSG.accessExpired);
			if (e instanceof ServiceError) throw e;
			throw notAuthorized(MSG.accessInvalid);
		}
	}
}

const BOOLEAN_CLAIMS = new Set(['email_verified', 'phone_number_verified']);
const NUMERIC_CLAIMS = new Set(['updated_at']);

function idTokenAttributes(attributes: Record<string, string>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(attributes)) {
		// The service types these claims as JSON booleans/numbers, not strings.
		if (BOOLEAN_CLAIMS.has(name)) out[name] = value === 'true';
		else if (NUMERIC_CLAIMS.has(name)) out[name] = Number(value);
		else out[name] = value;
	}
	return out;
}
