import { base64Decode } from './utils/encoding';
import { utf8Decode } from './utils/utf8Decode';

/**
 * Claims of a JWT; the library reads `exp`, `iat` and `origin_jti`, the rest is the app's.
 * Typed `any`, as the original's declarations did: apps assign claims straight to typed
 * variables (`const name: string = payload['cognito:username']`) and destructure them, and
 * the drop-in rule outranks "no `any` on the public surface" here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: the original's type
export type JwtPayload = { [claim: string]: any };

/**
 * A JSON Web Token as received from Cognito. The payload is decoded for convenience only: the
 * signature is NOT verified, so never trust these claims on a server without verifying it.
 */
export default class CognitoJwtToken {
	/** The encoded token, or `''`. @internal (not in the original's declarations) */
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
		const exp: unknown = this.payload.exp;
		return exp as number;
	}

	/** @returns the `iat` claim, in seconds since the epoch. */
	getIssuedAt(): number {
		const iat: unknown = this.payload.iat;
		return iat as number;
	}

	/** Decodes the middle segment; any malformed token yields `{}` instead of throwing. */
	decodePayload(): JwtPayload {
		try {
			const segment = String(this.jwtToken).split('.')[1];
			if (segment === undefined) return {};
			const claims: unknown = JSON.parse(utf8Decode(base64Decode(segment)));
			// JSON.parse accepts scalars too; only an object can hold claims.
			if (claims === null || typeof claims !== 'object') return {};
			return claims;
		} catch {
			return {};
		}
	}
}
