import { type KeyObject, createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { type ApiResult, type Json, type Setup, PASSWORD, api, ok } from './helpers';

/**
 * A software passkey authenticator for Node tests: ES256 keys from node:crypto, 'none'
 * attestation, and the JSON a browser's `credential.toJSON()` gives. Every field it signs can be
 * bent (origin, RP ID, flags, counter) so that tests can play an attacker's authenticator.
 */

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

interface Key {
	privateKey: KeyObject;
	counter: number;
	userHandle: string;
}

/** What a test may bend in one ceremony. */
export interface Bend {
	/** The page's origin (clientDataJSON.origin). */
	origin?: string;
	/** The RP ID the authenticator hashes into its data, when not the options' own. */
	rpId?: string;
	/** Whether the authenticator says it verified the user (default true). */
	uv?: boolean;
	/** The challenge to sign instead of the options' own. */
	challenge?: string;
	/** create: make the credential under this ID; get: sign with it, not the first allowed. */
	credentialId?: string;
	/** Use this signature counter rather than the next one. */
	counter?: number;
}

export class SoftAuthenticator {
	readonly keys = new Map<string, Key>();

	/** A second authenticator holding the same private keys and counters (a cloned device). */
	clone(): SoftAuthenticator {
		const copy = new SoftAuthenticator();
		for (const [id, key] of this.keys) copy.keys.set(id, { ...key });
		return copy;
	}

	/** `navigator.credentials.create` for CredentialCreationOptions JSON: a RegistrationResponseJSON. */
	create(options: Json, bend: Bend = {}): Json {
		const rp = options.rp as Json;
		const user = options.user as Json;
		const rpId = bend.rpId ?? String(rp.id);
		const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
		const jwk = publicKey.export({ format: 'jwk' });
		const cose = new Map<number, number | Uint8Array>([
			[1, 2],
			[3, -7],
			[-1, 1],
			[-2, Buffer.from(jwk.x ?? '', 'base64url')],
			[-3, Buffer.from(jwk.y ?? '', 'base64url')],
		]);
		const id = bend.credentialId ? Buffer.from(bend.credentialId, 'base64url') : randomBytes(16);
		const attested = Buffer.concat([
			Buffer.alloc(16),
			Buffer.from([0, id.length]),
			id,
			isoCBOR.encode(cose),
		]);
		const authData = authenticatorData(rpId, bend, 0x40, 0, attested);
		const clientData = clientDataJSON('webauthn.create', bend.challenge ?? options.challenge, bend);
		const attestationObject = isoCBOR.encode(
			new Map<string, string | Uint8Array | Map<string, string>>([
				['fmt', 'none'],
				['attStmt', new Map<string, string>()],
				['authData', authData],
			]),
		);
		this.keys.set(b64url(id), { privateKey, counter: 0, userHandle: String(user.id) });
		return {
			id: b64url(id),
			rawId: b64url(id),
			type: 'public-key',
			response: {
				clientDataJSON: b64url(clientData),
				attestationObject: b64url(attestationObject),
				authenticatorData: b64url(authData),
				transports: ['internal', 'hybrid'],
				publicKeyAlgorithm: -7,
			},
			clientExtensionResults: {},
			authenticatorAttachment: 'platform',
		};
	}

	/** `navigator.credentials.get` for request options JSON: an AuthenticationResponseJSON. */
	get(options: Json, bend: Bend = {}): Json {
		const allowed = (options.allowCredentials as Json[] | undefined) ?? [];
		const id = bend.credentialId ?? allowed.map((c) => String(c.id)).find((c) => this.keys.has(c));
		const key = id === undefined ? undefined : this.keys.get(id);
		if (!id || !key) throw new Error('no credential for these options');
		key.counter = bend.counter ?? key.counter + 1;
		const authData = authenticatorData(bend.rpId ?? String(options.rpId), bend, 0, key.counter);
		const clientData = clientDataJSON('webauthn.get', bend.challenge ?? options.challenge, bend);
		const signature = sign('sha256', Buffer.concat([authData, sha256(clientData)]), key.privateKey);
		return {
			id,
			rawId: id,
			type: 'public-key',
			response: {
				clientDataJSON: b64url(clientData),
				authenticatorData: b64url(authData),
				signature: b64url(signature),
				userHandle: key.userHandle,
			},
			clientExtensionResults: {},
			authenticatorAttachment: 'platform',
		};
	}
}

function authenticatorData(
	rpId: string,
	bend: Bend,
	extraFlags: number,
	counter: number,
	attested = Buffer.alloc(0),
): Buffer {
	const flags = 0x01 | (bend.uv === false ? 0 : 0x04) | extraFlags;
	const count = Buffer.alloc(4);
	count.writeUInt32BE(counter);
	return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, attested]);
}

function clientDataJSON(type: string, challenge: unknown, bend: Bend): Buffer {
	const origin = bend.origin ?? 'https://example.com';
	return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

/** A pool that allows passkeys (RP ID example.com unless told), with one signed-in user. */
export async function passkeyPool(
	s: Setup,
	webAuthn: Json = { RelyingPartyId: 'example.com', UserVerification: 'required' },
): Promise<void> {
	await ok(s.url, 'SetUserPoolMfaConfig', {
		UserPoolId: s.poolId,
		WebAuthnConfiguration: webAuthn,
	});
}

/** Creates a confirmed user and returns an access token from a password sign-in. */
export async function signedIn(s: Setup, username: string): Promise<string> {
	await s.lp.createUser(s.poolId, username, PASSWORD);
	const r = await ok(s.url, 'InitiateAuth', {
		AuthFlow: 'USER_PASSWORD_AUTH',
		ClientId: s.clientId,
		AuthParameters: { USERNAME: username, PASSWORD },
	});
	return String((r.AuthenticationResult as Json).AccessToken);
}

/** Start, the authenticator's create, and Complete: the raw reply and the credential sent. */
export async function tryRegister(
	s: Setup,
	token: string,
	auth: SoftAuthenticator,
	bend: Bend = {},
): Promise<{ reply: ApiResult; credential: Json }> {
	const start = await ok(s.url, 'StartWebAuthnRegistration', { AccessToken: token });
	const credential = auth.create(start.CredentialCreationOptions as Json, bend);
	const reply = await api(s.url, 'CompleteWebAuthnRegistration', {
		AccessToken: token,
		Credential: credential,
	});
	return { reply, credential };
}

/** Registers a passkey for the user of `token` on `auth`; returns its credential ID. */
export async function registerPasskey(
	s: Setup,
	token: string,
	auth: SoftAuthenticator,
	bend: Bend = {},
): Promise<string> {
	const { reply, credential } = await tryRegister(s, token, auth, bend);
	if (reply.status !== 200) throw new Error(`registration failed: ${JSON.stringify(reply.body)}`);
	return String(credential.id);
}

/** USER_AUTH with PREFERRED_CHALLENGE WEB_AUTHN: the session and the parsed request options. */
export async function passkeyChallenge(
	s: Setup,
	username: string,
): Promise<{ session: string; options: Json }> {
	const r = await ok(s.url, 'InitiateAuth', {
		AuthFlow: 'USER_AUTH',
		ClientId: s.clientId,
		AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'WEB_AUTHN' },
	});
	if (r.ChallengeName !== 'WEB_AUTHN') throw new Error(`expected WEB_AUTHN: ${JSON.stringify(r)}`);
	const params = r.ChallengeParameters as Record<string, string>;
	return {
		session: String(r.Session),
		options: JSON.parse(params.CREDENTIAL_REQUEST_OPTIONS ?? '') as Json,
	};
}

/** Answers a WEB_AUTHN challenge; returns the raw response (status and body). */
export function answerPasskey(s: Setup, username: string, session: string, credential: Json) {
	return {
		ChallengeName: 'WEB_AUTHN',
		ClientId: s.clientId,
		Session: session,
		ChallengeResponses: { USERNAME: username, CREDENTIAL: JSON.stringify(credential) },
	};
}

/** The pool and client settings a passkey sign-in needs. */
export const PASSKEY_POOL: Json = {
	Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } },
};
export const PASSKEY_CLIENT: Json = {
	ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
};
