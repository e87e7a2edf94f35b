import { KeyObject, randomBytes, randomUUID, sign } from 'node:crypto';
import { exportJWK, generateKeyPair, jwtVerify, errors as joseErrors } from 'jose';
import type { CryptoKey, JWK, JWTPayload } from 'jose';
import { MSG, ServiceError, notAuthorized } from './errors';
import { type ClientConfig, type UserRecord, own } from './state';

export interface TokenLifetimes {
	/** Seconds; override the pool-client settings for every client. */
	accessSeconds?: number;
	idSeconds?: number;
	refreshSeconds?: number;
}

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

export class TokenSigner {
	/** The private key as node:crypto uses it: signing runs on libuv's pool, off the event loop. */
	private readonly signingKey: KeyObject;
	/** `{"alg":"RS256","kid":…}`, base64url, the same for every token. */
	private readonly header: string;

	private constructor(
		privateKey: CryptoKey,
		private readonly publicKey: CryptoKey,
		readonly jwk: JWK,
		private readonly issuerBase: () => string,
	) {
		this.signingKey = KeyObject.from(privateKey);
		this.header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: jwk.kid ?? '' })).toString(
			'base64url',
		);
	}

	/** A fresh RSA key per start: tokens from an earlier run are simply invalid. */
	static async create(issuerBase: () => string): Promise<TokenSigner> {
		const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
		const kid = randomBytes(16).toString('base64url');
		const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
		return new TokenSigner(privateKey, publicKey, jwk, issuerBase);
	}

	issuer(poolId: string): string {
		return `${this.issuerBase()}/${poolId}`;
	}

	/** A compact RS256 JWS of the claims plus iat and exp (what jose's SignJWT produced). */
	private sign(payload: JWTPayload, iat: number, exp: number): Promise<string> {
		const body = Buffer.from(JSON.stringify({ ...payload, iat, exp })).toString('base64url');
		const input = `${this.header}.${body}`;
		return new Promise((resolve, reject) => {
			sign('sha256', Buffer.from(input), this.signingKey, (e, signature) => {
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
			this.sign(access, now, now + lifetimes.accessSeconds),
			this.sign(id, now, now + lifetimes.idSeconds),
		]);
		return { accessToken, idToken };
	}

	/** Signature, issuer shape and expiry; revocation is the caller's business. */
	async verifyAccess(token: string, nowSeconds: number): Promise<AccessClaims> {
		try {
			const { payload } = await jwtVerify(token, this.publicKey, {
				algorithms: ['RS256'],
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
