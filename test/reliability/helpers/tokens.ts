// Unsigned JWTs: the library decodes payloads but never checks signatures.
import { randomBytes } from 'node:crypto';

const b64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

export function makeJwt(payload: object): string {
	return `${b64url('{"alg":"RS256","kid":"k"}')}.${b64url(JSON.stringify(payload))}.c2ln`;
}

export interface TokenSet {
	IdToken: string;
	AccessToken: string;
	RefreshToken: string;
}

/** Tokens for `username`, valid for `lifetimeSeconds` (negative: already expired). */
export function tokensFor(
	username: string,
	lifetimeSeconds = 3600,
	refreshToken = 'rt-1',
): TokenSet {
	const now = Math.floor(Date.now() / 1000);
	const iat = lifetimeSeconds > 0 ? now : now + lifetimeSeconds - 3600;
	const exp = now + lifetimeSeconds;
	const jti = randomBytes(8).toString('hex');
	return {
		IdToken: makeJwt({ sub: 'sub-1', 'cognito:username': username, token_use: 'id', iat, exp }),
		AccessToken: makeJwt({
			sub: 'sub-1',
			username,
			token_use: 'access',
			origin_jti: jti,
			jti,
			iat,
			exp,
		}),
		RefreshToken: refreshToken,
	};
}
