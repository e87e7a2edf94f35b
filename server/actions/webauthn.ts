import {
	generateRegistrationOptions,
	verifyRegistrationResponse,
	type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { decodeAttestationObject, parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import { err, invalidParameter, resourceNotFound } from '../errors';
import type { Service } from '../service';
import type { PoolRecord } from '../state';
import { type Json, isObject, optNumber, optString, reqString } from '../validate';
import {
	checkRpIdHash,
	checkedOrigin,
	clientData,
	passkeysOf,
	requireRelyingParty,
	userHandle,
} from '../webauthn';

/**
 * StartWebAuthnRegistration, CompleteWebAuthnRegistration, ListWebAuthnCredentials and
 * DeleteWebAuthnCredential: a signed-in user's passkeys.
 */

/** How long a registration challenge waits for CompleteWebAuthnRegistration. */
export const REGISTRATION_TTL_MS = 5 * 60_000;
/** Passkeys one user may hold (the service's limit is not documented). */
export const MAX_PASSKEYS = 20;
/** The page size of ListWebAuthnCredentials, and its largest MaxResults. */
const PAGE = 20;

/** Where a user's open registration is kept in `svc.passkeyStarts`. */
export const startKey = (poolId: string, username: string): string => `${poolId}\0${username}`;

export async function startWebAuthnRegistration(svc: Service, body: Json): Promise<Json> {
	const { pool, user, claims } = await svc.tokens.authorize(reqString(body, 'AccessToken'));
	const { rpId, uv } = requireRelyingParty(pool);
	const existing = passkeysOf(pool, user.username);
	if (existing.length >= MAX_PASSKEYS) {
		throw err('LimitExceededException', 'The user has reached the maximum number of passkeys.');
	}
	const options = await generateRegistrationOptions({
		rpName: rpId,
		rpID: rpId,
		userName: user.username,
		userID: userHandle(user),
		userDisplayName: user.attributes.name ?? '',
		timeout: 60_000,
		attestationType: 'none',
		excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports })),
		authenticatorSelection: { residentKey: 'required', userVerification: uv },
	});
	// A new Start replaces the user's open one: only the latest challenge can be completed.
	svc.passkeyStarts.set(startKey(pool.config.Id, user.username), {
		challenge: options.challenge,
		clientId: claims.client_id,
		expiresAt: svc.now() + REGISTRATION_TTL_MS,
	});
	return { CredentialCreationOptions: options as unknown as Json };
}

export async function completeWebAuthnRegistration(svc: Service, body: Json): Promise<Json> {
	const { pool, user, claims } = await svc.tokens.authorize(reqString(body, 'AccessToken'));
	const { rpId, uv } = requireRelyingParty(pool);
	const credential = registrationResponse(body.Credential);
	// The challenge is spent by any attempt to complete it, right or wrong.
	const start = svc.passkeyStarts.get(startKey(pool.config.Id, user.username));
	svc.passkeyStarts.delete(startKey(pool.config.Id, user.username));
	const signed = clientData(credential.response.clientDataJSON).challenge;
	if (!start || start.expiresAt <= svc.now() || signed !== start.challenge) {
		throw err('WebAuthnChallengeNotFoundException', 'WebAuthn challenge not found or expired.');
	}
	if (start.clientId !== claims.client_id) {
		throw err(
			'WebAuthnClientMismatchException',
			'The registration was started by another app client.',
		);
	}
	const origin = checkedOrigin(credential.response.clientDataJSON, rpId);
	const authData = attestedData(credential);
	checkRpIdHash(authData, rpId);
	if (pool.passkeys?.[credential.id]) {
		throw invalidParameter('The credential is already registered.');
	}
	if (uv === 'required' && !parseAuthenticatorData(authData).flags.uv) {
		throw err(
			'WebAuthnCredentialNotSupportedException',
			'The user pool requires user verification, and the authenticator did not verify the user.',
		);
	}
	let result;
	try {
		result = await verifyRegistrationResponse({
			response: credential,
			expectedChallenge: start.challenge,
			expectedOrigin: origin,
			expectedRPID: rpId,
			requireUserVerification: uv === 'required',
		});
	} catch (e) {
		throw err(
			'WebAuthnCredentialNotSupportedException',
			e instanceof Error ? e.message : String(e),
		);
	}
	if (!result.verified) {
		throw err('WebAuthnCredentialNotSupportedException', 'The credential could not be verified.');
	}
	const info = result.registrationInfo.credential;
	const now = svc.now();
	if (!pool.passkeys) pool.passkeys = {};
	pool.passkeys[info.id] = {
		id: info.id,
		username: user.username,
		publicKey: Buffer.from(info.publicKey).toString('base64url'),
		counter: info.counter,
		transports: [...(credential.response.transports ?? [])],
		...(credential.authenticatorAttachment
			? { attachment: credential.authenticatorAttachment }
			: {}),
		rpId,
		name: `Passkey ${new Date(now).toISOString().slice(0, 10)}`,
		created: now,
	};
	svc.changed();
	return {};
}

/** The Credential member: a RegistrationResponseJSON object (a Document, not a string). */
function registrationResponse(value: unknown): RegistrationResponseJSON {
	if (
		!isObject(value) ||
		typeof value.id !== 'string' ||
		!isObject(value.response) ||
		typeof value.response.attestationObject !== 'string' ||
		typeof value.response.clientDataJSON !== 'string'
	) {
		throw invalidParameter('Credential must be a RegistrationResponseJSON object.');
	}
	return value as unknown as RegistrationResponseJSON;
}

/** The authenticator data inside the attestation object. */
function attestedData(credential: RegistrationResponseJSON): Uint8Array<ArrayBuffer> {
	let authData: Uint8Array<ArrayBuffer> | undefined;
	try {
		const bytes = Uint8Array.from(Buffer.from(credential.response.attestationObject, 'base64url'));
		authData = decodeAttestationObject(bytes).get('authData');
	} catch {
		authData = undefined;
	}
	if (!authData) throw invalidParameter('Credential.response.attestationObject is not valid.');
	return authData;
}

export async function listWebAuthnCredentials(svc: Service, body: Json): Promise<Json> {
	const { pool, user } = await svc.tokens.authorize(reqString(body, 'AccessToken'));
	const max = optNumber(body, 'MaxResults') ?? PAGE;
	if (!Number.isInteger(max) || max < 0 || max > PAGE) {
		throw invalidParameter(`MaxResults must be an integer from 0 to ${PAGE}.`);
	}
	const token = optString(body, 'NextToken');
	const start = token === undefined ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
	const all = passkeysOf(pool, user.username);
	if (!Number.isInteger(start) || start < 0 || start > all.length) {
		throw invalidParameter('Invalid NextToken.');
	}
	// MaxResults 0 asks for the service's default page, as an absent one does.
	const page = all.slice(start, start + (max || PAGE));
	const next = start + page.length;
	return {
		Credentials: page.map((p) => ({
			CredentialId: p.id,
			FriendlyCredentialName: p.name,
			RelyingPartyId: p.rpId,
			...(p.attachment ? { AuthenticatorAttachment: p.attachment } : {}),
			AuthenticatorTransports: [...p.transports],
			CreatedAt: Math.floor(p.created / 1000),
		})),
		...(next < all.length ? { NextToken: Buffer.from(String(next)).toString('base64url') } : {}),
	};
}

export async function deleteWebAuthnCredential(svc: Service, body: Json): Promise<Json> {
	const { pool, user } = await svc.tokens.authorize(reqString(body, 'AccessToken'));
	const id = reqString(body, 'CredentialId');
	const stored = pool.passkeys?.[id];
	if (!pool.passkeys || !stored || stored.username !== user.username) {
		throw resourceNotFound('Credential not found.');
	}
	delete pool.passkeys[id];
	svc.changed();
	return {};
}

/** Forgets a deleted user's passkeys, so that their credential IDs can be registered again. */
export function removeUserPasskeys(pool: PoolRecord, username: string): void {
	for (const p of passkeysOf(pool, username)) delete pool.passkeys?.[p.id];
}
