// Issue 13 passkeys against the synchronous fake service, outside a browser (Node has no
// navigator.credentials): the wire body of every passkey request, compared as the exact JSON
// string, what each callback receives, and the clear failures (bad input, no WebAuthn here).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import AuthenticationDetails from '../../src/AuthenticationDetails';
import CognitoUser from '../../src/CognitoUser';
import type { RegistrationResponseJSON } from '../../src/types';
import {
	CLIENT_ID,
	RecordingStorage,
	authCallbacks,
	authResult,
	fakeService,
	serviceError,
	stubPool,
} from './CognitoUser.kit';
import type { FakeService } from './CognitoUser.kit';
import { ASSERTION, CREATION, REQUEST_OPTIONS, signIn as signInUser } from './passkeys.kit';

let service: FakeService;
let storage: RecordingStorage;
let user: CognitoUser;
let access: string;

beforeEach(() => {
	service = fakeService();
	storage = new RecordingStorage();
	user = new CognitoUser({
		Username: 'alice',
		Pool: stubPool({ storage }) as never,
		Storage: storage,
	});
});

afterEach(() => {
	vi.restoreAllMocks();
});

const signIn = (): void => {
	access = signInUser(user);
};

const bodies = (): string[] => service.sent.map((s) => `${s.operation} ${s.body}`);
const tokenWrites = (): string[] => storage.writes().filter((w) => w.startsWith('set '));

const REGISTRATION: RegistrationResponseJSON = {
	id: 'AQID',
	rawId: 'AQID',
	type: 'public-key',
	response: { clientDataJSON: 'e30', attestationObject: 'o2Nm', transports: ['internal'] },
	clientExtensionResults: {},
};

describe('registering a passkey: the JSON pair', () => {
	it('startWebAuthnRegistration sends the access token and calls back with the options object', () => {
		signIn();
		service.reply({ data: { CredentialCreationOptions: CREATION } });
		const cb = vi.fn();
		user.startWebAuthnRegistration(cb);
		expect(bodies()).toEqual([`StartWebAuthnRegistration {"AccessToken":"${access}"}`]);
		expect(cb.mock.calls).toEqual([[null, CREATION]]);
	});

	it('a reply without CredentialCreationOptions is an InvalidResponseException', () => {
		signIn();
		service.reply({ data: {} });
		const cb = vi.fn();
		user.startWebAuthnRegistration(cb);
		expect(cb).toHaveBeenCalledTimes(1);
		expect(cb.mock.calls[0]?.[0].code).toBe('InvalidResponseException');
	});

	it('completeWebAuthnRegistration sends the credential as an object, not a string', () => {
		signIn();
		service.reply({ data: {} });
		const cb = vi.fn();
		user.completeWebAuthnRegistration(REGISTRATION, cb);
		expect(bodies()).toEqual([
			`CompleteWebAuthnRegistration {"AccessToken":"${access}","Credential":${JSON.stringify(REGISTRATION)}}`,
		]);
		expect(cb.mock.calls).toEqual([[null, 'SUCCESS']]);
	});

	it("the service's relying-party mismatch reaches the callback with its code, once", () => {
		signIn();
		service.reply({ error: serviceError('WebAuthnRelyingPartyMismatchException') });
		const cb = vi.fn();
		user.completeWebAuthnRegistration(REGISTRATION, cb);
		expect(cb).toHaveBeenCalledTimes(1);
		expect(cb.mock.calls[0]?.[0].code).toBe('WebAuthnRelyingPartyMismatchException');
	});

	it('a missing credential fails at once and sends nothing', () => {
		signIn();
		const cb = vi.fn();
		user.completeWebAuthnRegistration(undefined as never, cb);
		expect(cb.mock.calls[0]?.[0].message).toMatch(/RegistrationResponseJSON/);
		expect(cb).toHaveBeenCalledTimes(1);
		expect(service.sent).toEqual([]);
	});

	it.each([
		['startWebAuthnRegistration', (cb: never) => user.startWebAuthnRegistration(cb)],
		[
			'completeWebAuthnRegistration',
			(cb: never) => user.completeWebAuthnRegistration(REGISTRATION, cb),
		],
		['listWebAuthnCredentials', (cb: never) => user.listWebAuthnCredentials(cb)],
		['deleteWebAuthnCredential', (cb: never) => user.deleteWebAuthnCredential('AQID', cb)],
	])('%s without a session: "User is not authenticated", nothing sent', (_name, invoke) => {
		const cb = vi.fn();
		invoke(cb as never);
		expect(cb.mock.calls).toEqual([[new Error('User is not authenticated'), null]]);
		expect(service.sent).toEqual([]);
	});
});

describe('registerPasskey outside a browser', () => {
	it('fails with WebAuthnNotSupportedException and sends nothing', () => {
		signIn();
		const cb = vi.fn();
		user.registerPasskey(cb);
		expect(cb).toHaveBeenCalledTimes(1);
		expect(cb.mock.calls[0]?.[0].code).toBe('WebAuthnNotSupportedException');
		expect(cb.mock.calls[0]?.[0].message).toMatch(/startWebAuthnRegistration/);
		expect(service.sent).toEqual([]);
	});
});

describe('listing and deleting passkeys', () => {
	const credential = {
		CredentialId: 'AQID',
		FriendlyCredentialName: 'passkey',
		RelyingPartyId: 'example.com',
		AuthenticatorTransports: ['internal'],
		CreatedAt: 1764600000,
	};

	it('sends MaxResults and NextToken only when given and calls back with the page', () => {
		signIn();
		service.reply(
			{ data: { Credentials: [credential], NextToken: 'n2' } },
			{ data: { Credentials: [] } },
		);
		const first = vi.fn();
		const second = vi.fn();
		user.listWebAuthnCredentials(first, { maxResults: 1, nextToken: 'n1' });
		user.listWebAuthnCredentials(second);
		expect(bodies()).toEqual([
			`ListWebAuthnCredentials {"AccessToken":"${access}","MaxResults":1,"NextToken":"n1"}`,
			`ListWebAuthnCredentials {"AccessToken":"${access}"}`,
		]);
		expect(first.mock.calls).toEqual([[null, { Credentials: [credential], NextToken: 'n2' }]]);
		expect(second.mock.calls).toEqual([[null, { Credentials: [] }]]);
	});

	it('a reply without Credentials is an InvalidResponseException', () => {
		signIn();
		service.reply({ data: {} });
		const cb = vi.fn();
		user.listWebAuthnCredentials(cb);
		expect(cb.mock.calls[0]?.[0].code).toBe('InvalidResponseException');
	});

	it('deleteWebAuthnCredential sends the CredentialId; an unknown one fails with its code', () => {
		signIn();
		service.reply({ data: {} }, { error: serviceError('ResourceNotFoundException') });
		const done = vi.fn();
		const unknown = vi.fn();
		user.deleteWebAuthnCredential('AQID', done);
		user.deleteWebAuthnCredential('nope', unknown);
		expect(bodies()[0]).toBe(
			`DeleteWebAuthnCredential {"AccessToken":"${access}","CredentialId":"AQID"}`,
		);
		expect(done.mock.calls).toEqual([[null, 'SUCCESS']]);
		expect(unknown.mock.calls[0]?.[0].code).toBe('ResourceNotFoundException');
	});

	it('an empty credential ID fails at once and sends nothing', () => {
		signIn();
		const cb = vi.fn();
		user.deleteWebAuthnCredential('', cb);
		expect(cb).toHaveBeenCalledTimes(1);
		expect(service.sent).toEqual([]);
	});
});

const PARAMS = { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(REQUEST_OPTIONS) };
const webAuthnChallenge = (params: object = PARAMS) => ({
	data: { ChallengeName: 'WEB_AUTHN', ChallengeParameters: params, Session: 'wa-1' },
});
const tokens = () => ({ data: { AuthenticationResult: authResult({ tag: 'pk' }) } });

const passkeySignIn = (callbacks: object) => {
	user.setAuthenticationFlowType('USER_AUTH');
	const details = new AuthenticationDetails({ Username: 'alice', PreferredChallenge: 'WEB_AUTHN' });
	user.authenticateUser(details, callbacks as never);
};

describe('signing in with WEB_AUTHN through webAuthnRequired', () => {
	it('hands over the parameters and the parsed options; sendWebAuthnCredential answers', () => {
		const cbs = { ...authCallbacks(), webAuthnRequired: vi.fn() };
		service.reply(webAuthnChallenge());
		passkeySignIn(cbs);
		expect(cbs.webAuthnRequired.mock.calls).toEqual([['WEB_AUTHN', PARAMS, REQUEST_OPTIONS]]);
		expect(bodies()[0]).toContain('"PREFERRED_CHALLENGE":"WEB_AUTHN"');

		service.reply(tokens());
		user.sendWebAuthnCredential(ASSERTION, cbs, { app: 'x' });
		const responses = { USERNAME: 'alice', CREDENTIAL: JSON.stringify(ASSERTION) };
		expect(bodies()[1]).toBe(
			`RespondToAuthChallenge ${JSON.stringify({
				ChallengeName: 'WEB_AUTHN',
				ChallengeResponses: responses,
				ClientId: CLIENT_ID,
				Session: 'wa-1',
				ClientMetadata: { app: 'x' },
			})}`,
		);
		expect(cbs.onSuccess).toHaveBeenCalledTimes(1);
		expect(cbs.onFailure).not.toHaveBeenCalled();
		expect(user.getSignInUserSession()?.isValid()).toBe(true);
	});

	it('the credential as JSON text is sent as it is', () => {
		const cbs = { ...authCallbacks(), webAuthnRequired: vi.fn() };
		service.reply(webAuthnChallenge(), tokens());
		passkeySignIn(cbs);
		user.sendWebAuthnCredential('{"id":"AQID"}', cbs);
		expect(service.sent[1]?.params.ChallengeResponses).toEqual({
			USERNAME: 'alice',
			CREDENTIAL: '{"id":"AQID"}',
		});
	});

	it('no credential: onFailure once, nothing sent', () => {
		const cbs = authCallbacks();
		user.sendWebAuthnCredential(undefined as never, cbs);
		expect(cbs.onFailure).toHaveBeenCalledTimes(1);
		expect(service.sent).toEqual([]);
	});

	it('unparsable CREDENTIAL_REQUEST_OPTIONS: one InvalidResponseException, nothing stored', () => {
		const cbs = { ...authCallbacks(), webAuthnRequired: vi.fn() };
		service.reply(webAuthnChallenge({ CREDENTIAL_REQUEST_OPTIONS: '{not json' }));
		passkeySignIn(cbs);
		expect(cbs.webAuthnRequired).not.toHaveBeenCalled();
		expect(cbs.onFailure).toHaveBeenCalledTimes(1);
		expect(cbs.onFailure.mock.calls[0]?.[0].code).toBe('InvalidResponseException');
		expect(tokenWrites()).toEqual([]);
	});

	it('without webAuthnRequired outside a browser: WebAuthnNotSupportedException, nothing stored', () => {
		const cbs = authCallbacks();
		service.reply(webAuthnChallenge());
		passkeySignIn(cbs);
		expect(cbs.onFailure).toHaveBeenCalledTimes(1);
		const err = cbs.onFailure.mock.calls[0]?.[0];
		expect(err.code).toBe('WebAuthnNotSupportedException');
		expect(err.message).toMatch(/webAuthnRequired/);
		expect(cbs.onSuccess).not.toHaveBeenCalled();
		expect(tokenWrites()).toEqual([]);
		expect(service.sent).toHaveLength(1);
	});
});
