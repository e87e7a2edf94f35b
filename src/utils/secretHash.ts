// App clients created with a client secret refuse every unauthenticated request that does not
// prove knowledge of it. The original had no place for the secret; this is the one spot that
// adds the proof, so that each request body is still written once, by its method.
import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { base64Encode, utf8Encode } from './encoding';

type Body = { [key: string]: unknown };

/** What the helper needs from a pool: its client id and, when configured, the secret. */
interface SecretHolder {
	clientId: string;
	clientSecret?: string;
}

/** SECRET_HASH / SecretHash: Base64(HMAC-SHA256(key = client secret, username ‖ client id)). */
export function secretHash(secret: string, username: string, clientId: string): string {
	return base64Encode(hmac(sha256, utf8Encode(secret), utf8Encode(username + clientId)));
}

/**
 * Adds the secret's proof to `body` in the place the API expects it, judged by the body's
 * shape: `ChallengeResponses.SECRET_HASH` (hashing that request's USERNAME),
 * `AuthParameters.SECRET_HASH` (its USERNAME, else `username`, as for REFRESH_TOKEN_AUTH),
 * `ClientSecret` itself for RevokeToken (the body with a `Token`), else top-level
 * `SecretHash` over `Username`. Keys are appended after the existing ones. Without a secret
 * the body is returned untouched, so the wire stays the original's.
 */
export function withSecret(pool: SecretHolder, body: Body, username: string): Body {
	const secret = pool.clientSecret;
	if (!secret) return body;
	const hash = (name: unknown): string =>
		secretHash(secret, typeof name === 'string' ? name : username, pool.clientId);
	const nested = (body.ChallengeResponses ?? body.AuthParameters) as Body | undefined;
	if (nested) nested.SECRET_HASH = hash(nested.USERNAME);
	else if ('Token' in body) body.ClientSecret = secret;
	else body.SecretHash = hash(body.Username);
	return body;
}
