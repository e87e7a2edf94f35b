import { afterAll, describe, expect, it } from 'vitest';
import { type Json, api, expectError, ok, setup } from './helpers';
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
} from './passkeyHelpers';

describe('passkeys: registration, listing and deletion over the wire', async () => {
	const s = await setup(PASSKEY_POOL, PASSKEY_CLIENT);
	afterAll(() => s.lp.close());
	await passkeyPool(s);
	const ada = await signedIn(s, 'ada');

	it('StartWebAuthnRegistration: CredentialCreationOptions as a JSON object, shaped as the service does', async () => {
		const r = await ok(s.url, 'StartWebAuthnRegistration', { AccessToken: ada });
		const o = r.CredentialCreationOptions as Json;
		expect(typeof o).toBe('object');
		expect(o.rp).toEqual({ id: 'example.com', name: 'example.com' });
		expect(o.user).toMatchObject({ name: 'ada', displayName: '' });
		expect(typeof (o.user as Json).id).toBe('string');
		expect(String(o.challenge)).toMatch(/^[\w-]{16,}$/);
		expect(o.pubKeyCredParams).toContainEqual({ type: 'public-key', alg: -7 });
		expect(o.pubKeyCredParams).toContainEqual({ type: 'public-key', alg: -257 });
		expect(o.timeout).toBe(60000);
		expect(o.excludeCredentials).toEqual([]);
		expect(o.authenticatorSelection).toMatchObject({
			residentKey: 'required',
			userVerification: 'required',
		});
		// Calling it again issues a new challenge.
		const again = await ok(s.url, 'StartWebAuthnRegistration', { AccessToken: ada });
		expect((again.CredentialCreationOptions as Json).challenge).not.toBe(o.challenge);
	});

	it('a page of any origin may call the passkey actions, as the service allows (they are not admin actions)', async () => {
		const page = { Origin: 'https://app.example.com' };
		for (const action of ['StartWebAuthnRegistration', 'ListWebAuthnCredentials']) {
			const r = await api(s.url, action, { AccessToken: ada }, page);
			expect(r.status).toBe(200);
			expect(r.headers.get('access-control-allow-origin')).toBe(page.Origin);
		}
	});

	it('Complete registers the passkey; List shows it; Start then excludes it; Delete removes it', async () => {
		const auth = new SoftAuthenticator();
		// The registration stamps CreatedAt somewhere in this window (a second may tick under load).
		const before = Math.floor(s.lp.now() / 1000);
		const id = await registerPasskey(s, ada, auth);
		const list = await ok(s.url, 'ListWebAuthnCredentials', { AccessToken: ada });
		const until = Math.floor(s.lp.now() / 1000);
		expect(list.NextToken).toBeUndefined();
		expect(list.Credentials).toEqual([
			{
				CredentialId: id,
				FriendlyCredentialName: expect.stringMatching(/^Passkey /) as unknown,
				RelyingPartyId: 'example.com',
				AuthenticatorAttachment: 'platform',
				AuthenticatorTransports: ['internal', 'hybrid'],
				CreatedAt: expect.any(Number) as unknown,
			},
		]);
		const createdAt = (list.Credentials as Json[])[0]?.CreatedAt as number;
		expect(createdAt).toBeGreaterThanOrEqual(before);
		expect(createdAt).toBeLessThanOrEqual(until);
		const start = await ok(s.url, 'StartWebAuthnRegistration', { AccessToken: ada });
		expect((start.CredentialCreationOptions as Json).excludeCredentials).toEqual([
			{ id, type: 'public-key', transports: ['internal', 'hybrid'] },
		]);
		const factors = await ok(s.url, 'GetUserAuthFactors', { AccessToken: ada });
		expect(factors.ConfiguredUserAuthFactors).toEqual(['PASSWORD', 'WEB_AUTHN']);
		expect(
			await ok(s.url, 'DeleteWebAuthnCredential', { AccessToken: ada, CredentialId: id }),
		).toEqual({});
		const after = await ok(s.url, 'ListWebAuthnCredentials', { AccessToken: ada });
		expect(after.Credentials).toEqual([]);
		const gone = await api(s.url, 'DeleteWebAuthnCredential', {
			AccessToken: ada,
			CredentialId: id,
		});
		expectError(gone, 'ResourceNotFoundException');
		const factorsAfter = await ok(s.url, 'GetUserAuthFactors', { AccessToken: ada });
		expect(factorsAfter.ConfiguredUserAuthFactors).toEqual(['PASSWORD']);
	});

	it('ListWebAuthnCredentials pages with MaxResults and NextToken', async () => {
		const token = await signedIn(s, 'lister');
		const auth = new SoftAuthenticator();
		const ids: string[] = [];
		for (let i = 0; i < 3; i++) {
			ids.push(await registerPasskey(s, token, auth));
			s.lp.advanceTime(1000);
		}
		const first = await ok(s.url, 'ListWebAuthnCredentials', { AccessToken: token, MaxResults: 2 });
		expect((first.Credentials as Json[]).map((c) => c.CredentialId)).toEqual(ids.slice(0, 2));
		expect(typeof first.NextToken).toBe('string');
		const second = await ok(s.url, 'ListWebAuthnCredentials', {
			AccessToken: token,
			MaxResults: 2,
			NextToken: first.NextToken,
		});
		expect((second.Credentials as Json[]).map((c) => c.CredentialId)).toEqual(ids.slice(2));
		expect(second.NextToken).toBeUndefined();
		for (const bad of [{ MaxResults: 21 }, { MaxResults: -1 }, { NextToken: 'zzz' }]) {
			const r = await api(s.url, 'ListWebAuthnCredentials', { AccessToken: token, ...bad });
			expectError(r, 'InvalidParameterException');
		}
	});

	it('Complete without a Start, or a second time: WebAuthnChallengeNotFoundException', async () => {
		const token = await signedIn(s, 'nostart');
		const { reply, credential } = await tryRegister(s, token, new SoftAuthenticator());
		expect(reply.status).toBe(200);
		const replay = await api(s.url, 'CompleteWebAuthnRegistration', {
			AccessToken: token,
			Credential: credential,
		});
		expectError(replay, 'WebAuthnChallengeNotFoundException');
	});

	it('a Start challenge expires after 5 minutes', async () => {
		const token = await signedIn(s, 'slow');
		const start = await ok(s.url, 'StartWebAuthnRegistration', { AccessToken: token });
		const credential = new SoftAuthenticator().create(start.CredentialCreationOptions as Json);
		s.lp.advanceTime(5 * 60_000 + 1);
		const r = await api(s.url, 'CompleteWebAuthnRegistration', {
			AccessToken: token,
			Credential: credential,
		});
		expectError(r, 'WebAuthnChallengeNotFoundException');
	});

	it('Credential must be a RegistrationResponseJSON object, not a string', async () => {
		const token = await signedIn(s, 'stringy');
		const start = await ok(s.url, 'StartWebAuthnRegistration', { AccessToken: token });
		const credential = new SoftAuthenticator().create(start.CredentialCreationOptions as Json);
		const r = await api(s.url, 'CompleteWebAuthnRegistration', {
			AccessToken: token,
			Credential: JSON.stringify(credential),
		});
		expectError(r, 'InvalidParameterException');
		const broken = await api(s.url, 'CompleteWebAuthnRegistration', {
			AccessToken: token,
			Credential: {
				...credential,
				response: { ...(credential.response as Json), attestationObject: 'AAAA' },
			},
		});
		expectError(broken, 'InvalidParameterException');
	});

	it('a credential the verifier refuses: WebAuthnCredentialNotSupportedException', async () => {
		const token = await signedIn(s, 'oddtype');
		const start = await ok(s.url, 'StartWebAuthnRegistration', { AccessToken: token });
		const credential = new SoftAuthenticator().create(start.CredentialCreationOptions as Json);
		const r = await api(s.url, 'CompleteWebAuthnRegistration', {
			AccessToken: token,
			Credential: { ...credential, type: 'password' },
		});
		expectError(r, 'WebAuthnCredentialNotSupportedException', /credential type/);
	});

	it('a Start from one app client cannot be completed with another client’s token', async () => {
		const other = await s.lp.createUserPoolClient(s.poolId, PASSKEY_CLIENT);
		await s.lp.createUser(s.poolId, 'twoapps', 'Passw0rd!');
		const viaOther = await ok(s.url, 'InitiateAuth', {
			AuthFlow: 'USER_PASSWORD_AUTH',
			ClientId: other.ClientId,
			AuthParameters: { USERNAME: 'twoapps', PASSWORD: 'Passw0rd!' },
		});
		const otherToken = String((viaOther.AuthenticationResult as Json).AccessToken);
		const viaFirst = await ok(s.url, 'InitiateAuth', {
			AuthFlow: 'USER_PASSWORD_AUTH',
			ClientId: s.clientId,
			AuthParameters: { USERNAME: 'twoapps', PASSWORD: 'Passw0rd!' },
		});
		const token = String((viaFirst.AuthenticationResult as Json).AccessToken);
		const start = await ok(s.url, 'StartWebAuthnRegistration', { AccessToken: token });
		const credential = new SoftAuthenticator().create(start.CredentialCreationOptions as Json);
		const r = await api(s.url, 'CompleteWebAuthnRegistration', {
			AccessToken: otherToken,
			Credential: credential,
		});
		expectError(r, 'WebAuthnClientMismatchException');
	});

	it('origins: https on the RP ID or a subdomain, any port; nothing else', async () => {
		const token = await signedIn(s, 'origins');
		const auth = new SoftAuthenticator();
		for (const origin of ['https://example.com', 'https://app.example.com:8443']) {
			await registerPasskey(s, token, auth, { origin });
		}
		for (const origin of [
			'http://example.com',
			'https://evilexample.com',
			'https://example.com.evil.net',
			'http://localhost:3000',
			'https://example.com/path',
			'not a url',
		]) {
			const { reply } = await tryRegister(s, token, auth, { origin });
			expectError(reply, 'WebAuthnOriginNotAllowedException');
		}
	});

	it('a credential made for another RP ID: WebAuthnRelyingPartyMismatchException', async () => {
		const token = await signedIn(s, 'otherrp');
		const { reply } = await tryRegister(s, token, new SoftAuthenticator(), { rpId: 'evil.com' });
		expectError(reply, 'WebAuthnRelyingPartyMismatchException');
	});
});

describe('passkeys: pool settings', async () => {
	it('a pool that does not allow WEB_AUTHN: WebAuthnNotEnabledException', async () => {
		const s = await setup({}, PASSKEY_CLIENT);
		await passkeyPool(s);
		const token = await signedIn(s, 'ada');
		expectError(
			await api(s.url, 'StartWebAuthnRegistration', { AccessToken: token }),
			'WebAuthnNotEnabledException',
		);
		await s.lp.close();
	});

	it('no RP ID (and no pool domain): WebAuthnConfigurationMissingException', async () => {
		const s = await setup(PASSKEY_POOL, PASSKEY_CLIENT);
		const token = await signedIn(s, 'ada');
		expectError(
			await api(s.url, 'StartWebAuthnRegistration', { AccessToken: token }),
			'WebAuthnConfigurationMissingException',
		);
		await s.lp.close();
	});

	it('RP ID localhost: http://localhost on any port; UserVerification preferred accepts UV=0', async () => {
		const s = await setup(PASSKEY_POOL, PASSKEY_CLIENT);
		await passkeyPool(s, { RelyingPartyId: 'localhost', UserVerification: 'preferred' });
		const token = await signedIn(s, 'ada');
		const auth = new SoftAuthenticator();
		await registerPasskey(s, token, auth, { origin: 'http://localhost:5173', uv: false });
		await registerPasskey(s, token, auth, { origin: 'https://localhost' });
		const start = await ok(s.url, 'StartWebAuthnRegistration', { AccessToken: token });
		expect((start.CredentialCreationOptions as Json).authenticatorSelection).toMatchObject({
			userVerification: 'preferred',
		});
		const { reply } = await tryRegister(s, token, auth, { origin: 'http://app.localhost:5173' });
		expectError(reply, 'WebAuthnOriginNotAllowedException');
		const { session, options } = await passkeyChallenge(s, 'ada');
		expect(options.userVerification).toBe('preferred');
		const assertion = auth.get(options, { origin: 'http://localhost:8080', uv: false });
		const r = await ok(
			s.url,
			'RespondToAuthChallenge',
			answerPasskey(s, 'ada', session, assertion),
		);
		expect(r.AuthenticationResult).toBeDefined();
		await s.lp.close();
	});
});

describe('passkeys: the WEB_AUTHN sign-in challenge', async () => {
	const s = await setup(PASSKEY_POOL, PASSKEY_CLIENT);
	afterAll(() => s.lp.close());
	await passkeyPool(s);
	const auth = new SoftAuthenticator();
	const token = await signedIn(s, 'ada');
	const credentialId = await registerPasskey(s, token, auth);
	await signedIn(s, 'nopasskey');

	it('AvailableChallenges offers WEB_AUTHN only to a user with a passkey', async () => {
		const r = await ok(s.url, 'InitiateAuth', {
			AuthFlow: 'USER_AUTH',
			ClientId: s.clientId,
			AuthParameters: { USERNAME: 'ada' },
		});
		expect(r.AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP', 'WEB_AUTHN']);
		const other = await ok(s.url, 'InitiateAuth', {
			AuthFlow: 'USER_AUTH',
			ClientId: s.clientId,
			AuthParameters: { USERNAME: 'nopasskey', PREFERRED_CHALLENGE: 'WEB_AUTHN' },
		});
		expect(other.ChallengeName).toBe('SELECT_CHALLENGE');
		expect(other.AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP']);
	});

	it('PREFERRED_CHALLENGE WEB_AUTHN: CREDENTIAL_REQUEST_OPTIONS as a JSON string; the assertion signs in', async () => {
		const { session, options } = await passkeyChallenge(s, 'ada');
		expect(options).toMatchObject({
			rpId: 'example.com',
			timeout: 180000,
			userVerification: 'required',
			allowCredentials: [{ id: credentialId, type: 'public-key' }],
		});
		const assertion = auth.get(options);
		const r = await ok(
			s.url,
			'RespondToAuthChallenge',
			answerPasskey(s, 'ada', session, assertion),
		);
		expect((r.AuthenticationResult as Json).AccessToken).toEqual(expect.any(String));
	});

	it('SELECT_CHALLENGE answered WEB_AUTHN gives the same challenge', async () => {
		const first = await ok(s.url, 'InitiateAuth', {
			AuthFlow: 'USER_AUTH',
			ClientId: s.clientId,
			AuthParameters: { USERNAME: 'ada' },
		});
		const r = await ok(s.url, 'RespondToAuthChallenge', {
			ChallengeName: 'SELECT_CHALLENGE',
			ClientId: s.clientId,
			Session: first.Session,
			ChallengeResponses: { USERNAME: 'ada', ANSWER: 'WEB_AUTHN' },
		});
		expect(r.ChallengeName).toBe('WEB_AUTHN');
		const params = r.ChallengeParameters as Record<string, string>;
		const options = JSON.parse(params.CREDENTIAL_REQUEST_OPTIONS ?? '') as Json;
		const done = await ok(
			s.url,
			'RespondToAuthChallenge',
			answerPasskey(s, 'ada', String(r.Session), auth.get(options)),
		);
		expect(done.AuthenticationResult).toBeDefined();
	});

	it('CREDENTIAL that is not AuthenticationResponseJSON text: InvalidParameterException', async () => {
		const { session } = await passkeyChallenge(s, 'ada');
		const body = answerPasskey(s, 'ada', session, {});
		body.ChallengeResponses.CREDENTIAL = '{not json';
		expectError(await api(s.url, 'RespondToAuthChallenge', body), 'InvalidParameterException');
	});

	it('a passkey sign-in is followed by DEVICE_SRP_AUTH when a DEVICE_KEY is given, as other first factors are', async () => {
		const { session, options } = await passkeyChallenge(s, 'ada');
		const body = answerPasskey(s, 'ada', session, auth.get(options));
		const withDevice = {
			...body,
			ChallengeResponses: { ...body.ChallengeResponses, DEVICE_KEY: 'us-east-1_unknown' },
		};
		const r = await api(s.url, 'RespondToAuthChallenge', withDevice);
		// An unknown device is refused after the passkey is proven, as after a password.
		expectError(r, 'ResourceNotFoundException');
	});

	it('deleting the user forgets the passkeys: the credential ID can be registered again', async () => {
		const t = await signedIn(s, 'leaver');
		const leaverAuth = new SoftAuthenticator();
		const id = await registerPasskey(s, t, leaverAuth);
		await ok(s.url, 'DeleteUser', { AccessToken: t });
		const t2 = await signedIn(s, 'leaver');
		const list = await ok(s.url, 'ListWebAuthnCredentials', { AccessToken: t2 });
		expect(list.Credentials).toEqual([]);
		const newcomer = await signedIn(s, 'newcomer');
		expect(await registerPasskey(s, newcomer, leaverAuth, { credentialId: id })).toBe(id);
	});
});
