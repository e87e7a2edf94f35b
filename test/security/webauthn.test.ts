import { afterAll, describe, expect, it } from 'vitest';
import { type Json, api, expectError, ok, setup } from '../server/helpers';
import {
	PASSKEY_CLIENT,
	PASSKEY_POOL,
	SoftAuthenticator,
	answerPasskey,
	passkeyChallenge,
	passkeyPool,
	registerPasskey,
	signedIn,
	tryRegister,
} from '../server/passkeyHelpers';

const REFUSED = 'The passkey could not be verified.';

describe('attack: passkeys are verified for real', async () => {
	const s = await setup(PASSKEY_POOL, PASSKEY_CLIENT);
	afterAll(() => s.lp.close());
	await passkeyPool(s);
	const adaAuth = new SoftAuthenticator();
	const adaToken = await signedIn(s, 'ada');
	const adaKey = await registerPasskey(s, adaToken, adaAuth);
	const bobAuth = new SoftAuthenticator();
	const bobToken = await signedIn(s, 'bob');
	await registerPasskey(s, bobToken, bobAuth);

	const answer = (username: string, session: string, credential: Json) =>
		api(s.url, 'RespondToAuthChallenge', answerPasskey(s, username, session, credential));

	it('a replayed assertion is refused: each challenge is good once, for its own session', async () => {
		const first = await passkeyChallenge(s, 'ada');
		const assertion = adaAuth.get(first.options);
		expect((await answer('ada', first.session, assertion)).status).toBe(200);
		// The same answer again: the session is spent.
		expectError(await answer('ada', first.session, assertion), 'NotAuthorizedException');
		// The same answer on a fresh sign-in: signed over another challenge.
		const second = await passkeyChallenge(s, 'ada');
		expectError(await answer('ada', second.session, assertion), 'NotAuthorizedException', REFUSED);
		// Even a fresh signature over the old challenge does not pass in the new session.
		const third = await passkeyChallenge(s, 'ada');
		const stale = adaAuth.get(third.options, { challenge: String(first.options.challenge) });
		expectError(await answer('ada', third.session, stale), 'NotAuthorizedException', REFUSED);
	});

	it("another user's passkey does not sign in as ada, and ada's session is not bob's", async () => {
		const c = await passkeyChallenge(s, 'ada');
		const bobKey = [...bobAuth.keys.keys()][0] ?? '';
		const bobs = bobAuth.get({ ...c.options, allowCredentials: [{ id: bobKey }] });
		expectError(await answer('ada', c.session, bobs), 'NotAuthorizedException', REFUSED);
		// Bob cannot answer ada's challenge either, not even with ada's own assertion.
		const c2 = await passkeyChallenge(s, 'ada');
		expectError(await answer('bob', c2.session, adaAuth.get(c2.options)), 'NotAuthorizedException');
	});

	it("a credential ID belongs to one user: registering ada's for bob is refused", async () => {
		const { reply } = await tryRegister(s, bobToken, new SoftAuthenticator(), {
			credentialId: adaKey,
		});
		expectError(reply, 'InvalidParameterException', 'The credential is already registered.');
		const list = await ok(s.url, 'ListWebAuthnCredentials', { AccessToken: bobToken });
		expect((list.Credentials as Json[]).map((c) => c.CredentialId)).not.toContain(adaKey);
		// Nor can bob delete it.
		expectError(
			await api(s.url, 'DeleteWebAuthnCredential', { AccessToken: bobToken, CredentialId: adaKey }),
			'ResourceNotFoundException',
		);
	});

	it('a signature by another key is refused', async () => {
		const c = await passkeyChallenge(s, 'ada');
		const forger = new SoftAuthenticator();
		// The forger holds a key under ada's credential ID, but not ada's private key.
		forger.keys.set(adaKey, { ...[...bobAuth.keys.values()][0]!, userHandle: '' });
		const forged = forger.get(c.options);
		expectError(await answer('ada', c.session, forged), 'NotAuthorizedException', REFUSED);
	});

	it('an assertion from a page of another origin: WebAuthnOriginNotAllowedException', async () => {
		for (const origin of [
			'https://evil.com',
			'http://example.com',
			'https://example.com.evil.io',
		]) {
			const c = await passkeyChallenge(s, 'ada');
			const r = await answer('ada', c.session, adaAuth.get(c.options, { origin }));
			expectError(r, 'WebAuthnOriginNotAllowedException');
		}
	});

	it('an assertion made for another RP ID: WebAuthnRelyingPartyMismatchException', async () => {
		const c = await passkeyChallenge(s, 'ada');
		const r = await answer('ada', c.session, adaAuth.get(c.options, { rpId: 'evil.com' }));
		expectError(r, 'WebAuthnRelyingPartyMismatchException');
	});

	it('user verification the pool requires: refused without it, at registration and at sign-in', async () => {
		const { reply } = await tryRegister(s, adaToken, new SoftAuthenticator(), { uv: false });
		expectError(reply, 'WebAuthnCredentialNotSupportedException');
		const c = await passkeyChallenge(s, 'ada');
		const r = await answer('ada', c.session, adaAuth.get(c.options, { uv: false }));
		expectError(r, 'NotAuthorizedException', REFUSED);
	});

	it('a cloned authenticator is refused once its counter falls behind', async () => {
		const token = await signedIn(s, 'cy');
		const original = new SoftAuthenticator();
		await registerPasskey(s, token, original);
		const clone = original.clone();
		// The original signs in twice: the pool has seen counter 2.
		for (let i = 0; i < 2; i++) {
			const c = await passkeyChallenge(s, 'cy');
			expect((await answer('cy', c.session, original.get(c.options))).status).toBe(200);
		}
		// The clone's next counter is 1: behind, so the credential has been copied.
		const c = await passkeyChallenge(s, 'cy');
		expectError(
			await answer('cy', c.session, clone.get(c.options)),
			'NotAuthorizedException',
			REFUSED,
		);
		// A counter that stands still is refused too.
		const again = await passkeyChallenge(s, 'cy');
		const same = original.get(again.options, { counter: 2 });
		expectError(await answer('cy', again.session, same), 'NotAuthorizedException', REFUSED);
	});

	it('failed assertions count toward the sign-in lockout', async () => {
		const token = await signedIn(s, 'dee');
		const auth = new SoftAuthenticator();
		await registerPasskey(s, token, auth);
		for (let i = 0; i < 5; i++) {
			const c = await passkeyChallenge(s, 'dee');
			const r = await answer('dee', c.session, auth.get(c.options, { uv: false }));
			expectError(r, 'NotAuthorizedException', REFUSED);
		}
		const c = await passkeyChallenge(s, 'dee');
		const r = await answer('dee', c.session, auth.get(c.options));
		expectError(r, 'NotAuthorizedException', 'Password attempts exceeded');
	});

	it('a registration challenge is bound to its user: bob cannot complete ada’s', async () => {
		const start = await ok(s.url, 'StartWebAuthnRegistration', { AccessToken: adaToken });
		const credential = new SoftAuthenticator().create(start.CredentialCreationOptions as Json);
		const r = await api(s.url, 'CompleteWebAuthnRegistration', {
			AccessToken: bobToken,
			Credential: credential,
		});
		// Bob has no open registration, and ada's challenge is not his.
		expectError(r, 'WebAuthnChallengeNotFoundException');
		// Bob with an open registration of his own: ada's challenge still does not match.
		await ok(s.url, 'StartWebAuthnRegistration', { AccessToken: bobToken });
		const r2 = await api(s.url, 'CompleteWebAuthnRegistration', {
			AccessToken: bobToken,
			Credential: credential,
		});
		expectError(r2, 'WebAuthnChallengeNotFoundException');
	});
});
