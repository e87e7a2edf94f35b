import { base64Decode, utf8Decode } from './utils/encoding';

/** Claims of a JWT; the library reads `exp`, `iat` and `origin_jti`, the rest is the app's. */
export interface JwtPayload {
	[claim: string]: unknown;
	exp?: number;
	iat?: number;
}

/**
 * A JSON Web Token as received from Cognito. The payload is decoded for convenience only: the
 * signature is NOT verified, so never trust these claims on a server without verifying it.
 */
export default class CognitoJwtToken {
	/** The encoded token, or `''`. */
	jwtToken: string;
	/** The decoded claims, or `{}` when the token cannot be decoded. */
	payload: JwtPayload;

	/** @param token - the encoded JWT; anything falsy gives an empty token. */
	constructor(token?: string) {
		this.jwtToken = token || '';
		this.payload = this.decodePayload();
	}

	/** @returns the encoded token. */
	getJwtToken(): string {
		return this.jwtToken;
	}

	/** @returns the `exp` claim, in seconds since the epoch. */
	getExpiration(): number {
		return this.payload.exp as number;
	}

	/** @returns the `iat` claim, in seconds since the epoch. */
	getIssuedAt(): number {
		return this.payload.iat as number;
	}

	/** Decodes the middle segment; any malformed token yields `{}` instead of throwing. */
	decodePayload(): JwtPayload {
		try {
			const segment = String(this.jwtToken).split('.')[1];
			if (segment === undefined) return {};
			const claims: unknown = JSON.parse(utf8Decode(base64Decode(segment)));
			// JSON.parse accepts scalars too; only an object can hold claims.
			if (claims === null || typeof claims !== 'object') return {};
			return claims as JwtPayload;
		} catch {
			return {};
		}
	}
}
