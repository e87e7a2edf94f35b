import { createHash, timingSafeEqual } from 'node:crypto';
import {
	generateAuthenticationOptions,
	verifyAuthenticationResponse,
	type AuthenticationResponseJSON,
} from '@simplewebauthn/server';
import { err, notAuthorized } from './errors';
import { type Login, afterPassword, challenge, newSession } from './flow';
import { signInKey } from './service';
import type { AuthSession } from './sessions';
import {
	type PasskeyRecord,
	type PoolRecord,
	type UserRecord,
	firstFactors,
	tierOf,
} from './state';
import { type Json, isObject } from './validate';

/**
 * Passkeys (WebAuthn): the pool's relying party, the origins it accepts, the user's stored
 * credentials, and the WEB_AUTHN sign-in challenge. Signatures, counters and flags are checked
 * by @simplewebauthn/server; what is Cognito's own (which errors, which origins) is here.
 */

/** How long a browser may take over `navigator.credentials.get` (the service's 180000 ms). */
export const SIGN_IN_TIMEOUT_MS = 180_000;

/** Whether the pool lets users sign in with passkeys at all (WebAuthnNotEnabledException if not). */
export const webAuthnEnabled = (pool: PoolRecord): boolean =>
	tierOf(pool) !== 'LITE' && firstFactors(pool).includes('WEB_AUTHN');

/** The pool's WebAuthnConfiguration, with the service's default user verification. */
export function relyingParty(pool: PoolRecord): { rpId?: string; uv: 'required' | 'preferred' } {
	const config = pool.config.MfaTemplates?.WebAuthnConfiguration;
	return {
		rpId: config?.RelyingPartyId,
		uv: config?.UserVerification === 'required' ? 'required' : 'preferred',
	};
}

/**
 * The RP ID passkey registration and sign-in use, or the service's error: passkeys not allowed
 * as a first factor, or no RP ID (this pool has no domain to fall back to).
 */
export function requireRelyingParty(pool: PoolRecord): {
	rpId: string;
	uv: 'required' | 'preferred';
} {
	if (!webAuthnEnabled(pool)) {
		throw err('WebAuthnNotEnabledException', 'WebAuthn is not enabled for the user pool.');
	}
	const { rpId, uv } = relyingParty(pool);
	if (!rpId) {
		throw err(
			'WebAuthnConfigurationMissingException',
			'WebAuthn relying party ID is not configured and the user pool has no domain.',
		);
	}
	return { rpId, uv };
}

/**
 * Origins that "align with" the RP ID: `https://` on the RP ID or a subdomain of it, any port,
 * and `http://localhost` on any port when the RP ID is `localhost` (a secure context without TLS).
 */
export function originAllowed(origin: string, rpId: string): boolean {
	let url: URL;
	try {
		url = new URL(origin);
	} catch {
		return false;
	}
	if (url.origin !== origin) return false;
	const host = url.hostname;
	if (url.protocol === 'http:') return rpId === 'localhost' && host === 'localhost';
	return url.protocol === 'https:' && (host === rpId || host.endsWith(`.${rpId}`));
}

/** The members of a base64url clientDataJSON, or none when it is not a JSON object. */
export function clientData(clientDataJSON: unknown): Json {
	try {
		const value: unknown = JSON.parse(
			Buffer.from(String(clientDataJSON), 'base64url').toString('utf8'),
		);
		return isObject(value) ? value : {};
	} catch {
		return {};
	}
}

/** The `origin` a client put into its clientDataJSON, refused unless it aligns with `rpId`. */
export function checkedOrigin(clientDataJSON: unknown, rpId: string): string {
	const origin = clientData(clientDataJSON).origin;
	if (typeof origin !== 'string' || !originAllowed(origin, rpId)) {
		throw err(
			'WebAuthnOriginNotAllowedException',
			`The origin ${String(origin)} is not allowed for the relying party ${rpId}.`,
		);
	}
	return origin;
}

/** Refuses authenticator data made for another relying party (its first 32 bytes hash the RP ID). */
export function checkRpIdHash(authData: Uint8Array, rpId: string): void {
	const expected = createHash('sha256').update(rpId).digest();
	const given = Buffer.from(authData.subarray(0, 32));
	if (given.length !== 32 || !timingSafeEqual(given, expected)) {
		throw err(
			'WebAuthnRelyingPartyMismatchException',
			`The credential was not made for the relying party ${rpId}.`,
		);
	}
}

/** The user handle passkeys carry: the user's `sub`, as bytes. */
export const userHandle = (user: UserRecord): Uint8Array<ArrayBuffer> =>
	Uint8Array.from(Buffer.from(user.attributes.sub ?? user.username, 'utf8'));

/** The pool's passkeys of one user, oldest first. */
export function passkeysOf(pool: PoolRecord, username: string): PasskeyRecord[] {
	return Object.values(pool.passkeys ?? {})
		.filter((p) => p.username === username)
		.sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
}

/** WEB_AUTHN in SELECT_CHALLENGE: the pool allows it, has an RP ID, and the user has a passkey. */
export const canUsePasskey = (login: Login): boolean =>
	login.decoy === undefined &&
	webAuthnEnabled(login.pool) &&
	relyingParty(login.pool).rpId !== undefined &&
	passkeysOf(login.pool, login.user.username).length > 0;

/** The WEB_AUTHN challenge: request options for the user's passkeys, as a JSON string. */
export async function passkeyChallenge(login: Login, deviceKey: string | undefined): Promise<Json> {
	const { rpId, uv } = requireRelyingParty(login.pool);
	const options = await generateAuthenticationOptions({
		rpID: rpId,
		allowCredentials: passkeysOf(login.pool, login.user.username).map((p) => ({
			id: p.id,
			transports: p.transports,
		})),
		timeout: SIGN_IN_TIMEOUT_MS,
		userVerification: uv,
	});
	const session = newSession(login, 'WEB_AUTHN', {
		deviceKey,
		webAuthnChallenge: options.challenge,
		passwordless: true,
	});
	return challenge(session, { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) });
}

const PASSKEY_REFUSED = 'The passkey could not be verified.';

/**
 * RespondToAuthChallenge WEB_AUTHN: the assertion must be for this session's challenge, from
 * one of this user's passkeys, from an allowed origin, with user verification if the pool
 * requires it, and with a counter that moved forward. A failure spends the session and counts
 * toward the user's sign-in lockout; success goes on as after any first factor.
 */
export async function passkeyAnswer(
	login: Login,
	session: AuthSession,
	responses: Record<string, string>,
): Promise<Json> {
	const { svc, pool, user } = login;
	const key = signInKey(pool, user.username);
	svc.lockout.check(key);
	svc.sessions.consume(session);
	const { rpId, uv } = requireRelyingParty(pool);
	const credential = parseCredential(responses.CREDENTIAL);
	const stored = pool.passkeys?.[credential.id];
	const fail = () => {
		svc.lockout.fail(key);
		return notAuthorized(PASSKEY_REFUSED);
	};
	if (!stored || stored.username !== user.username || !session.webAuthnChallenge) throw fail();
	const handle = credential.response.userHandle;
	if (handle && handle !== Buffer.from(userHandle(user)).toString('base64url')) throw fail();
	const origin = checkedOrigin(credential.response.clientDataJSON, rpId);
	checkRpIdHash(Buffer.from(String(credential.response.authenticatorData), 'base64url'), rpId);
	let result;
	try {
		result = await verifyAuthenticationResponse({
			response: credential,
			expectedChallenge: session.webAuthnChallenge,
			expectedOrigin: origin,
			expectedRPID: rpId,
			requireUserVerification: uv === 'required',
			credential: {
				id: stored.id,
				publicKey: Uint8Array.from(Buffer.from(stored.publicKey, 'base64url')),
				counter: stored.counter,
			},
		});
	} catch {
		// A missing UV or UP flag, a counter that went back (a cloned authenticator), a wrong
		// challenge or a malformed response: all are a refused passkey to the caller.
		throw fail();
	}
	if (!result.verified) throw fail();
	svc.lockout.succeed(key);
	stored.counter = result.authenticationInfo.newCounter;
	stored.lastUsed = svc.now();
	svc.changed();
	return afterPassword(login, session.deviceKey ?? responses.DEVICE_KEY);
}

/** CREDENTIAL: a JSON string of an AuthenticationResponseJSON. */
function parseCredential(text: string | undefined): AuthenticationResponseJSON {
	let value: unknown;
	try {
		value = text === undefined ? undefined : JSON.parse(text);
	} catch {
		value = undefined;
	}
	if (!isObject(value) || typeof value.id !== 'string' || !isObject(value.response)) {
		throw err(
			'InvalidParameterException',
			'CREDENTIAL must be the JSON text of an AuthenticationResponseJSON.',
		);
	}
	return value as unknown as AuthenticationResponseJSON;
}
