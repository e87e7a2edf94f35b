// Issue 13 passkeys in a browser, with `navigator.credentials` and `PublicKeyCredential` stubbed:
// registerPasskey and the self-run WEB_AUTHN answer, through the browser's JSON helpers and
// through the manual base64url conversion of older browsers; the DOMExceptions mapped to codes;
// passkey autofill (conditional mediation) and the AbortSignal. The service is the fake one.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import AuthenticationDetails from '../../src/AuthenticationDetails';
import CognitoUser from '../../src/CognitoUser';
import type { PasskeyOptions } from '../../src/types';
import {
	RecordingStorage,
	authCallbacks,
	authResult,
	fakeService,
	settle,
	stubPool,
} from './CognitoUser.kit';
import type { FakeService } from './CognitoUser.kit';
import { ASSERTION, CREATION, REQUEST_OPTIONS, signIn } from './passkeys.kit';

let service: FakeService;
let user: CognitoUser;

beforeEach(() => {
	service = fakeService();
	const storage = new RecordingStorage();
	user = new CognitoUser({
		Username: 'alice',
		Pool: stubPool({ storage }) as never,
		Storage: storage,
	});
});

afterEach(() => {
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
});

interface BrowserSetup {
	/** Whether PublicKeyCredential has the JSON helpers and credentials `toJSON()`. */
	helpers?: boolean;
	conditional?: boolean;
	secure?: boolean;
}

const bytes = (...values: number[]): ArrayBuffer => new Uint8Array(values).buffer;
const text = (value: string): ArrayBuffer => new TextEncoder().encode(value).buffer;

/** A new credential as an old browser returns it: ArrayBuffers, no toJSON. */
const rawRegistration = () => ({
	id: 'AQID',
	rawId: bytes(1, 2, 3),
	type: 'public-key',
	authenticatorAttachment: 'platform',
	response: {
		clientDataJSON: text('{}'),
		attestationObject: bytes(0xa3, 0x63, 0x66),
		getTransports: () => ['internal'],
		getPublicKeyAlgorithm: () => -7,
		getAuthenticatorData: () => bytes(0, 0, 0),
	},
	getClientExtensionResults: () => ({}),
});

/** An assertion as an old browser returns it. */
const rawAssertion = () => ({
	id: 'AQID',
	rawId: bytes(1, 2, 3),
	type: 'public-key',
	authenticatorAttachment: null,
	response: {
		clientDataJSON: text('{}'),
		authenticatorData: bytes(0, 0, 0),
		signature: bytes(0x30, 0x45, 0x02),
		userHandle: text('user-handle'),
	},
	getClientExtensionResults: () => ({}),
});

function stubBrowser({ helpers = true, conditional = true, secure = true }: BrowserSetup = {}) {
	const create = vi.fn();
	const get = vi.fn();
	const statics: Record<string, unknown> = {
		isConditionalMediationAvailable: vi.fn(() => Promise.resolve(conditional)),
	};
	if (helpers) {
		statics.parseCreationOptionsFromJSON = (json: unknown) => ({ parsedCreation: json });
		statics.parseRequestOptionsFromJSON = (json: unknown) => ({ parsedRequest: json });
	}
	vi.stubGlobal('navigator', { credentials: { create, get } });
	vi.stubGlobal('PublicKeyCredential', statics);
	vi.stubGlobal('isSecureContext', secure);
	return { create, get };
}

const bodyOf = (index: number) => JSON.parse(service.sent[index]?.body ?? 'null') as unknown;

describe('registerPasskey in a browser', () => {
	it('with the JSON helpers: parsed options to create(), toJSON() to Complete', async () => {
		const { create } = stubBrowser();
		const json = { ...rawRegistration(), toJSON: () => ({ id: 'from-toJSON' }) };
		create.mockResolvedValue(json);
		const access = signIn(user);
		service.reply({ data: { CredentialCreationOptions: CREATION } }, { data: {} });
		const cb = vi.fn();
		user.registerPasskey(cb);
		await settle();
		expect(create.mock.calls).toEqual([[{ publicKey: { parsedCreation: CREATION } }]]);
		expect(bodyOf(1)).toEqual({ AccessToken: access, Credential: { id: 'from-toJSON' } });
		expect(cb.mock.calls).toEqual([[null, 'SUCCESS']]);
	});

	it('without them: binary challenge, user id and excluded ids; base64url JSON built by hand', async () => {
		const { create } = stubBrowser({ helpers: false });
		create.mockResolvedValue(rawRegistration());
		signIn(user);
		service.reply({ data: { CredentialCreationOptions: CREATION } }, { data: {} });
		const cb = vi.fn();
		const signal = new AbortController().signal;
		user.registerPasskey(cb, { signal });
		await settle();
		const { publicKey, signal: passed } = create.mock.calls[0]![0];
		expect(passed).toBe(signal);
		expect(new TextDecoder().decode(publicKey.challenge)).toBe('challenge');
		expect(new TextDecoder().decode(publicKey.user.id)).toBe('user-handle');
		expect(publicKey.user.name).toBe('alice');
		expect([...publicKey.excludeCredentials[0].id]).toEqual([1, 2, 3]);
		expect(publicKey.rp).toEqual(CREATION.rp);
		expect((bodyOf(1) as { Credential: unknown }).Credential).toEqual({
			id: 'AQID',
			rawId: 'AQID',
			type: 'public-key',
			clientExtensionResults: {},
			authenticatorAttachment: 'platform',
			response: {
				clientDataJSON: 'e30',
				attestationObject: 'o2Nm',
				authenticatorData: 'AAAA',
				transports: ['internal'],
				publicKeyAlgorithm: -7,
			},
		});
		expect(cb.mock.calls).toEqual([[null, 'SUCCESS']]);
	});

	it.each([
		['NotAllowedError', 'WebAuthnCancelledException'],
		['AbortError', 'WebAuthnAbortedException'],
		['InvalidStateError', 'WebAuthnCredentialExistsException'],
		['SecurityError', 'WebAuthnRelyingPartyMismatchException'],
	])('create() rejecting with %s: one %s, Complete never sent', async (name, code) => {
		const { create } = stubBrowser();
		create.mockRejectedValue(new DOMException('browser says no', name));
		signIn(user);
		service.reply({ data: { CredentialCreationOptions: CREATION } });
		const cb = vi.fn();
		user.registerPasskey(cb);
		await settle();
		expect(cb).toHaveBeenCalledTimes(1);
		expect(cb.mock.calls[0]?.[0]).toBeInstanceOf(Error);
		expect(cb.mock.calls[0]?.[0].code).toBe(code);
		expect(cb.mock.calls[0]?.[0].message).toContain('browser says no');
		expect(service.sent.map((s) => s.operation)).toEqual(['StartWebAuthnRegistration']);
	});

	it('an already aborted signal: WebAuthnAbortedException without asking the authenticator', async () => {
		const { create } = stubBrowser();
		signIn(user);
		service.reply({ data: { CredentialCreationOptions: CREATION } });
		const controller = new AbortController();
		controller.abort();
		const cb = vi.fn();
		user.registerPasskey(cb, { signal: controller.signal });
		await settle();
		expect(create).not.toHaveBeenCalled();
		expect(cb.mock.calls[0]?.[0].code).toBe('WebAuthnAbortedException');
		expect(cb).toHaveBeenCalledTimes(1);
	});

	it('an insecure context counts as no WebAuthn: nothing sent', () => {
		stubBrowser({ secure: false });
		signIn(user);
		const cb = vi.fn();
		user.registerPasskey(cb);
		expect(cb.mock.calls[0]?.[0].code).toBe('WebAuthnNotSupportedException');
		expect(service.sent).toEqual([]);
	});
});

const PARAMS = { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(REQUEST_OPTIONS) };
const challenge = {
	data: { ChallengeName: 'WEB_AUTHN', ChallengeParameters: PARAMS, Session: 'w1' },
};
const tokens = { data: { AuthenticationResult: authResult({ tag: 'pk' }) } };

function passkeySignIn(passkey?: PasskeyOptions) {
	const cbs = authCallbacks();
	user.setAuthenticationFlowType('USER_AUTH');
	const data = { Username: 'alice', PreferredChallenge: 'WEB_AUTHN', PasskeyOptions: passkey };
	user.authenticateUser(new AuthenticationDetails(data), cbs);
	return cbs;
}

const sentCredential = (): unknown => {
	const responses = (bodyOf(1) as { ChallengeResponses: { CREDENTIAL: string } })
		.ChallengeResponses;
	return JSON.parse(responses.CREDENTIAL);
};

describe('WEB_AUTHN answered by the library in a browser', () => {
	it('with the JSON helpers: get() with the parsed options, toJSON() sent as CREDENTIAL', async () => {
		const { get } = stubBrowser();
		get.mockResolvedValue({ ...rawAssertion(), toJSON: () => ASSERTION });
		service.reply(challenge, tokens);
		const cbs = passkeySignIn();
		await settle();
		expect(get.mock.calls).toEqual([[{ publicKey: { parsedRequest: REQUEST_OPTIONS } }]]);
		expect(sentCredential()).toEqual(ASSERTION);
		expect(service.sent[1]?.params.Session).toBe('w1');
		expect(cbs.onSuccess).toHaveBeenCalledTimes(1);
		expect(cbs.onFailure).not.toHaveBeenCalled();
	});

	it('without them: binary challenge and allowed ids; the assertion built by hand', async () => {
		const { get } = stubBrowser({ helpers: false });
		get.mockResolvedValue(rawAssertion());
		service.reply(challenge, tokens);
		const cbs = passkeySignIn();
		await settle();
		const { publicKey } = get.mock.calls[0]![0];
		expect(new TextDecoder().decode(publicKey.challenge)).toBe('challenge');
		expect([...publicKey.allowCredentials[0].id]).toEqual([1, 2, 3]);
		expect(publicKey.rpId).toBe('example.com');
		expect(sentCredential()).toEqual({
			id: 'AQID',
			rawId: 'AQID',
			type: 'public-key',
			clientExtensionResults: {},
			response: {
				clientDataJSON: 'e30',
				authenticatorData: 'AAAA',
				signature: 'MEUC',
				userHandle: 'dXNlci1oYW5kbGU',
			},
		});
		expect(cbs.onSuccess).toHaveBeenCalledTimes(1);
	});

	it('autofill: conditional mediation and the signal reach get()', async () => {
		const { get } = stubBrowser();
		get.mockResolvedValue({ toJSON: () => ASSERTION });
		service.reply(challenge, tokens);
		const signal = new AbortController().signal;
		const cbs = passkeySignIn({ mediation: 'conditional', signal });
		await settle();
		expect(get.mock.calls[0]?.[0]).toEqual({
			publicKey: { parsedRequest: REQUEST_OPTIONS },
			signal,
			mediation: 'conditional',
		});
		expect(cbs.onSuccess).toHaveBeenCalledTimes(1);
	});

	it('sendChallengeSelection carries the passkey options to the WEB_AUTHN that follows', async () => {
		const { get } = stubBrowser();
		get.mockResolvedValue({ toJSON: () => ASSERTION });
		service.reply(challenge, tokens);
		const cbs = authCallbacks();
		user.sendChallengeSelection('WEB_AUTHN', cbs, { passkey: { mediation: 'conditional' } });
		await settle();
		expect(get.mock.calls[0]?.[0].mediation).toBe('conditional');
		expect(cbs.onSuccess).toHaveBeenCalledTimes(1);
	});

	it('autofill where the browser has none: WebAuthnNotSupportedException, no dialog', async () => {
		const { get } = stubBrowser({ conditional: false });
		service.reply(challenge);
		const cbs = passkeySignIn({ mediation: 'conditional' });
		await settle();
		expect(get).not.toHaveBeenCalled();
		expect(cbs.onFailure.mock.calls.map(([err]) => err.code)).toEqual([
			'WebAuthnNotSupportedException',
		]);
	});

	it.each([
		['NotAllowedError', 'WebAuthnCancelledException'],
		['AbortError', 'WebAuthnAbortedException'],
		['SecurityError', 'WebAuthnRelyingPartyMismatchException'],
	])('get() rejecting with %s: one onFailure with %s, no answer sent', async (name, code) => {
		const { get } = stubBrowser();
		get.mockRejectedValue(new DOMException('no', name));
		service.reply(challenge);
		const cbs = passkeySignIn();
		await settle();
		expect(cbs.onFailure.mock.calls.map(([err]) => err.code)).toEqual([code]);
		expect(cbs.onSuccess).not.toHaveBeenCalled();
		expect(service.sent).toHaveLength(1);
	});

	it('an aborted AbortSignal ends the sign-in with WebAuthnAbortedException', async () => {
		const { get } = stubBrowser();
		const controller = new AbortController();
		get.mockImplementation(
			({ signal }: { signal: AbortSignal }) =>
				new Promise((_resolve, reject) =>
					signal.addEventListener('abort', () => reject(new DOMException('gone', 'AbortError'))),
				),
		);
		service.reply(challenge);
		const cbs = passkeySignIn({ mediation: 'conditional', signal: controller.signal });
		await settle();
		expect(cbs.onFailure).not.toHaveBeenCalled();
		controller.abort();
		await settle();
		expect(cbs.onFailure.mock.calls.map(([err]) => err.code)).toEqual(['WebAuthnAbortedException']);
	});

	it('webAuthnRequired, when given, takes precedence over the browser', async () => {
		const { get } = stubBrowser();
		const cbs = { ...authCallbacks(), webAuthnRequired: vi.fn() };
		service.reply(challenge);
		user.setAuthenticationFlowType('USER_AUTH');
		user.authenticateUser(new AuthenticationDetails({ Username: 'alice' }), cbs);
		await settle();
		expect(get).not.toHaveBeenCalled();
		expect(cbs.webAuthnRequired).toHaveBeenCalledTimes(1);
	});
});
