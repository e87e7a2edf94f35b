// Issue 13 end to end in Node: the library (src) against the local pool over HTTP, with the
// software authenticator of the server tests standing in for the browser. Registration through
// the JSON pair, the list and its pages, deletion, sign-in with WEB_AUTHN preferred and chosen
// in SELECT_CHALLENGE, passkeys as MFA, and the service's errors as the callbacks see them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from '../../src/index';
import type CognitoUserSession from '../../src/CognitoUserSession';
import type {
	AuthenticationResponseJSON,
	IAuthenticationCallback,
	ICognitoError,
	ListWebAuthnCredentialsResult,
	PublicKeyCredentialCreationOptionsJSON,
	RegistrationResponseJSON,
} from '../../src/types';
import { MapStorage } from '../helpers/mapStorage';
import { type Json, PASSWORD, type Setup, setup } from '../server/helpers';
import {
	type Bend,
	PASSKEY_CLIENT,
	PASSKEY_POOL,
	SoftAuthenticator,
	passkeyPool,
} from '../server/passkeyHelpers';

let s: Setup;
let pool: CognitoUserPool;

beforeAll(async () => {
	s = await setup(PASSKEY_POOL, PASSKEY_CLIENT);
	await passkeyPool(s);
	pool = new CognitoUserPool({ UserPoolId: s.poolId, ClientId: s.clientId, endpoint: s.url });
});
afterAll(() => s.lp.close());

/** A node-style call as a promise of `[err, value]`, asserting the callback fires once. */
function call<T>(run: (cb: (err: ICognitoError | null, value: T) => void) => void) {
	return new Promise<[ICognitoError | null, T]>((resolve, reject) => {
		let calls = 0;
		run((err, value) => {
			calls += 1;
			if (calls > 1) reject(new Error('callback fired twice'));
			resolve([err, value]);
		});
	});
}

const newUser = (username: string) =>
	new CognitoUser({ Username: username, Pool: pool, Storage: new MapStorage() });

/** A confirmed user signed in with the password (USER_AUTH, PASSWORD). */
async function passwordSignIn(username: string): Promise<CognitoUser> {
	await s.lp.createUser(s.poolId, username, PASSWORD).catch(() => undefined);
	const user = newUser(username);
	user.setAuthenticationFlowType('USER_AUTH');
	const details = { Username: username, Password: PASSWORD, PreferredChallenge: 'PASSWORD' };
	await new Promise<CognitoUserSession>((resolve, reject) =>
		user.authenticateUser(new AuthenticationDetails(details), {
			onSuccess: resolve,
			onFailure: reject,
		}),
	);
	return user;
}

/** Start, the authenticator's create (bent as asked), Complete: the Complete outcome. */
async function register(user: CognitoUser, auth: SoftAuthenticator, bend: Bend = {}) {
	const [err, options] = await call<PublicKeyCredentialCreationOptionsJSON>((cb) =>
		user.startWebAuthnRegistration(cb),
	);
	expect(err).toBeNull();
	const credential = auth.create(options as unknown as Json, bend);
	const outcome = await call<'SUCCESS'>((cb) =>
		user.completeWebAuthnRegistration(credential as unknown as RegistrationResponseJSON, cb),
	);
	return { outcome, id: String(credential.id) };
}

type Ending = { ok: true; session: CognitoUserSession } | { ok: false; err: ICognitoError };

/**
 * A passkey sign-in of a fresh user object: the authenticator answers in webAuthnRequired.
 * `choose` goes through SELECT_CHALLENGE instead of PreferredChallenge.
 */
function passkeySignIn(username: string, auth: SoftAuthenticator, choose = false, bend: Bend = {}) {
	const user = newUser(username);
	user.setAuthenticationFlowType('USER_AUTH');
	const seen: string[] = [];
	const ending = new Promise<Ending>((resolve) => {
		const callbacks: IAuthenticationCallback = {
			onSuccess: (session) => resolve({ ok: true, session }),
			onFailure: (err) => resolve({ ok: false, err }),
			selectChallenge(available) {
				seen.push(`select ${available.join(',')}`);
				user.sendChallengeSelection('WEB_AUTHN', this);
			},
			webAuthnRequired(name, parameters, requestOptions) {
				seen.push(`${name} ${typeof parameters.CREDENTIAL_REQUEST_OPTIONS}`);
				const credential = auth.get(requestOptions as unknown as Json, bend);
				user.sendWebAuthnCredential(credential as unknown as AuthenticationResponseJSON, this);
			},
		};
		const details = choose
			? { Username: username }
			: { Username: username, PreferredChallenge: 'WEB_AUTHN' };
		user.authenticateUser(new AuthenticationDetails(details), callbacks);
	});
	return { user, seen, ending };
}

describe('passkeys through the library, against the local pool', () => {
	const auth = new SoftAuthenticator();
	let first = '';

	it('registers a passkey with the JSON pair and lists it', async () => {
		const user = await passwordSignIn('pk-alice');
		const { outcome, id } = await register(user, auth);
		expect(outcome).toEqual([null, 'SUCCESS']);
		first = id;
		const [err, page] = await call<ListWebAuthnCredentialsResult>((cb) =>
			user.listWebAuthnCredentials(cb),
		);
		expect(err).toBeNull();
		expect(page.Credentials.map((c) => c.CredentialId)).toEqual([id]);
		expect(page.Credentials[0]?.RelyingPartyId).toBe('example.com');
		expect(typeof page.Credentials[0]?.CreatedAt).toBe('number');
		expect(page.NextToken).toBeUndefined();
	});

	it('signs in with WEB_AUTHN preferred', async () => {
		const { user, seen, ending } = passkeySignIn('pk-alice', auth);
		const end = await ending;
		expect(end.ok).toBe(true);
		expect(seen).toEqual(['WEB_AUTHN string']);
		expect(user.getSignInUserSession()?.isValid()).toBe(true);
		expect(user.getSignInUserSession()?.getIdToken().payload['cognito:username']).toBe('pk-alice');
	});

	it('signs in with WEB_AUTHN chosen in SELECT_CHALLENGE', async () => {
		const { seen, ending } = passkeySignIn('pk-alice', auth, true);
		const end = await ending;
		expect(end.ok).toBe(true);
		expect(seen).toEqual(['select PASSWORD,PASSWORD_SRP,WEB_AUTHN', 'WEB_AUTHN string']);
	});

	it('pages through two passkeys and deletes one', async () => {
		const user = await passwordSignIn('pk-alice');
		const second = await register(user, auth);
		expect(second.outcome).toEqual([null, 'SUCCESS']);
		const [, page1] = await call<ListWebAuthnCredentialsResult>((cb) =>
			user.listWebAuthnCredentials(cb, { maxResults: 1 }),
		);
		expect(page1.Credentials).toHaveLength(1);
		expect(typeof page1.NextToken).toBe('string');
		const [, page2] = await call<ListWebAuthnCredentialsResult>((cb) =>
			user.listWebAuthnCredentials(cb, { maxResults: 1, nextToken: page1.NextToken }),
		);
		const ids = [...page1.Credentials, ...page2.Credentials].map((c) => c.CredentialId);
		expect(ids.sort()).toEqual([first, second.id].sort());

		expect(await call((cb) => user.deleteWebAuthnCredential(first, cb))).toEqual([null, 'SUCCESS']);
		const [, after] = await call<ListWebAuthnCredentialsResult>((cb) =>
			user.listWebAuthnCredentials(cb),
		);
		expect(after.Credentials.map((c) => c.CredentialId)).toEqual([second.id]);
		const [gone] = await call((cb) => user.deleteWebAuthnCredential(first, cb));
		expect(gone?.code).toBe('ResourceNotFoundException');
	});

	it('a deleted passkey no longer signs in', async () => {
		const { ending } = passkeySignIn('pk-alice', auth, false, { credentialId: first });
		const end = await ending;
		expect(end.ok ? 'signed in' : end.err.code).toBe('NotAuthorizedException');
	});

	it("the service's relying-party mismatch and origin errors reach the callback with their codes", async () => {
		const user = await passwordSignIn('pk-bob');
		const rp = await register(user, new SoftAuthenticator(), { rpId: 'evil.example' });
		expect(rp.outcome[0]?.code).toBe('WebAuthnRelyingPartyMismatchException');
		const origin = await register(user, new SoftAuthenticator(), { origin: 'https://evil.test' });
		expect(origin.outcome[0]?.code).toBe('WebAuthnOriginNotAllowedException');
	});

	it('a signature from a cloned authenticator is refused', async () => {
		const user = await passwordSignIn('pk-carol');
		const original = new SoftAuthenticator();
		await register(user, original);
		const clone = original.clone();
		expect((await passkeySignIn('pk-carol', original).ending).ok).toBe(true);
		const end = await passkeySignIn('pk-carol', clone).ending;
		expect(end.ok ? 'signed in' : end.err.code).toBe('NotAuthorizedException');
	});

	it('passkey as MFA: WebAuthnMfaSettings is accepted by the pool', async () => {
		const user = await passwordSignIn('pk-alice');
		const outcome = await call((cb) =>
			user.setUserMfaPreference(null, null, cb, { webAuthn: { Enabled: true } }),
		);
		expect(outcome).toEqual([null, 'SUCCESS']);
	});

	it('without webAuthnRequired in Node: WebAuthnNotSupportedException, no session', async () => {
		const user = newUser('pk-alice');
		user.setAuthenticationFlowType('USER_AUTH');
		const details = new AuthenticationDetails({
			Username: 'pk-alice',
			PreferredChallenge: 'WEB_AUTHN',
		});
		const err = await new Promise<ICognitoError>((resolve) =>
			user.authenticateUser(details, { onSuccess: () => undefined, onFailure: resolve }),
		);
		expect(err.code).toBe('WebAuthnNotSupportedException');
		expect(user.getSignInUserSession()).toBeNull();
	});
});
