// Issue 12 sign-in against the synchronous fake service: choice-based sign-in (USER_AUTH,
// SELECT_CHALLENGE), one-time codes as first factor and as email MFA, setting up email MFA, the
// missing-callback failure, and passwordless sign-up carried into a USER_AUTH sign-in. Every
// request body is compared as the exact JSON string, so key order counts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import AuthenticationDetails from '../../src/AuthenticationDetails';
import CognitoUser from '../../src/CognitoUser';
import CognitoUserPool from '../../src/CognitoUserPool';
import type { IAuthenticationCallback, ISignUpResult } from '../../src/types';
import {
	CLIENT_ID,
	POOL_NAME,
	PREFIX,
	RecordingStorage,
	SrpServer,
	authCallbacks,
	authResult,
	fakeService,
	serviceError,
	stubPool,
	userAccount,
} from './CognitoUser.kit';
import type { FakeService, StubPool } from './CognitoUser.kit';

let service: FakeService;
let pool: StubPool;
let storage: RecordingStorage;

beforeEach(() => {
	service = fakeService();
	storage = new RecordingStorage();
	pool = stubPool({ storage });
});

afterEach(() => {
	vi.restoreAllMocks();
});

const PASSWORD = 'Very$ecur3';
const CODE_PARAMS = {
	CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
	CODE_DELIVERY_DESTINATION: 'a***@e***',
};

/** Every callback of IAuthenticationCallback, the new ones included, as spies. */
function callbacks() {
	return {
		...authCallbacks(),
		selectChallenge: vi.fn(),
		emailOtpRequired: vi.fn(),
		smsOtpRequired: vi.fn(),
		webAuthnRequired: vi.fn(),
	} satisfies IAuthenticationCallback;
}
type Callbacks = ReturnType<typeof callbacks>;

function calledMembers(cbs: Callbacks): Record<string, number> {
	const out: Record<string, number> = {};
	for (const [name, fn] of Object.entries(cbs))
		if (fn.mock.calls.length) out[name] = fn.mock.calls.length;
	return out;
}

function userAuthUser(username = 'alice'): CognitoUser {
	const user = new CognitoUser({ Username: username, Pool: pool as never, Storage: storage });
	user.setAuthenticationFlowType('USER_AUTH');
	return user;
}

const challenge = (name: string, session: string, params: object = {}, extra: object = {}) => ({
	data: { ChallengeName: name, ChallengeParameters: params, Session: session, ...extra },
});
const tokens = (tag = 't') => ({ data: { AuthenticationResult: authResult({ tag }) } });
const bodies = (): string[] => service.sent.map((s) => `${s.operation} ${s.body}`);
const tokenWrites = (): string[] => storage.writes().filter((w) => w.startsWith('set '));

describe('USER_AUTH: choice-based sign-in', () => {
	it('no preference: SELECT_CHALLENGE → selectChallenge(AvailableChallenges) → EMAIL_OTP → sendOtpCode → tokens', () => {
		const user = userAuthUser();
		const cbs = callbacks();
		service.reply(
			challenge('SELECT_CHALLENGE', 's1', {}, { AvailableChallenges: ['EMAIL_OTP', 'PASSWORD'] }),
		);
		user.authenticateUser(new AuthenticationDetails({ Username: 'alice' }), cbs);
		expect(calledMembers(cbs)).toEqual({ selectChallenge: 1 });
		expect(cbs.selectChallenge.mock.calls[0]).toEqual([['EMAIL_OTP', 'PASSWORD'], {}]);
		expect(user.getChallengeSession()).toBe('s1');

		service.reply(challenge('EMAIL_OTP', 's2', CODE_PARAMS));
		user.sendChallengeSelection('EMAIL_OTP', cbs);
		expect(cbs.emailOtpRequired.mock.calls).toEqual([['EMAIL_OTP', CODE_PARAMS]]);

		service.reply(tokens('otp'));
		user.sendOtpCode('12345678', cbs, { via: 'otp' });
		expect(calledMembers(cbs)).toEqual({ selectChallenge: 1, emailOtpRequired: 1, onSuccess: 1 });
		expect(bodies()).toEqual([
			`InitiateAuth ${JSON.stringify({
				AuthFlow: 'USER_AUTH',
				ClientId: CLIENT_ID,
				AuthParameters: { USERNAME: 'alice' },
				ClientMetadata: {},
			})}`,
			`RespondToAuthChallenge ${JSON.stringify({
				ChallengeName: 'SELECT_CHALLENGE',
				ClientId: CLIENT_ID,
				ChallengeResponses: { USERNAME: 'alice', ANSWER: 'EMAIL_OTP' },
				Session: 's1',
			})}`,
			`RespondToAuthChallenge ${JSON.stringify({
				ChallengeName: 'EMAIL_OTP',
				ChallengeResponses: { USERNAME: 'alice', EMAIL_OTP_CODE: '12345678' },
				ClientId: CLIENT_ID,
				Session: 's2',
				ClientMetadata: { via: 'otp' },
			})}`,
		]);
		expect(user.getSignInUserSession()?.getIdToken().payload.tag).toBe('otp');
		expect(storage.data.get(`${PREFIX}.alice.refreshToken`)).toBe('refresh-otp');
		expect(storage.data.get(`${PREFIX}.LastAuthUser`)).toBe('alice');
	});

	it('PreferredChallenge PASSWORD sends the password in InitiateAuth and signs in in one round trip', () => {
		const user = userAuthUser();
		const cbs = callbacks();
		service.reply(tokens());
		const details = { Username: 'alice', Password: PASSWORD, PreferredChallenge: 'PASSWORD' };
		user.authenticateUser(new AuthenticationDetails(details), cbs);
		expect(calledMembers(cbs)).toEqual({ onSuccess: 1 });
		expect(bodies()).toEqual([
			`InitiateAuth ${JSON.stringify({
				AuthFlow: 'USER_AUTH',
				ClientId: CLIENT_ID,
				AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD },
				ClientMetadata: {},
			})}`,
		]);
	});

	it('PreferredChallenge PASSWORD without a password fails once and sends nothing', () => {
		const cbs = callbacks();
		const details = new AuthenticationDetails({
			Username: 'alice',
			PreferredChallenge: 'PASSWORD',
		});
		userAuthUser().authenticateUser(details, cbs);
		expect(calledMembers(cbs)).toEqual({ onFailure: 1 });
		expect(cbs.onFailure.mock.calls[0]?.[0].message).toBe(
			'The PASSWORD choice needs the password.',
		);
		expect(service.sent).toEqual([]);
	});

	it('PreferredChallenge EMAIL_OTP / SMS_OTP: the code challenge goes to its callback, the password stays home', () => {
		const user = userAuthUser();
		const cbs = callbacks();
		const sms = { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******1234' };
		service.reply(challenge('SMS_OTP', 'sms-1', sms));
		const details = { Username: 'alice', Password: PASSWORD, PreferredChallenge: 'SMS_OTP' };
		user.authenticateUser(new AuthenticationDetails(details), cbs);
		expect(cbs.smsOtpRequired.mock.calls).toEqual([['SMS_OTP', sms]]);
		expect(service.sent[0]?.params.AuthParameters).toEqual({
			USERNAME: 'alice',
			PREFERRED_CHALLENGE: 'SMS_OTP',
		});
		service.reply(tokens());
		user.sendOtpCode('654321', cbs);
		expect(service.sent[1]?.body).toBe(
			JSON.stringify({
				ChallengeName: 'SMS_OTP',
				ChallengeResponses: { USERNAME: 'alice', SMS_OTP_CODE: '654321' },
				ClientId: CLIENT_ID,
				Session: 'sms-1',
			}),
		);
		expect(calledMembers(cbs)).toEqual({ smsOtpRequired: 1, onSuccess: 1 });
	});

	it('PreferredChallenge PASSWORD_SRP sends SRP_A, then answers PASSWORD_VERIFIER with a proof the server accepts', () => {
		const server = new SrpServer(userAccount(POOL_NAME, 'uuid-alice', PASSWORD));
		let srpA = '';
		service.fallback = (operation, params) => {
			const auth = params.AuthParameters as Record<string, string> | undefined;
			if (operation === 'InitiateAuth' && auth?.SRP_A) {
				srpA = auth.SRP_A;
				const parameters = server.challenge({
					USER_ID_FOR_SRP: 'uuid-alice',
					USERNAME: 'uuid-alice',
				});
				return challenge('PASSWORD_VERIFIER', 'pv-1', parameters);
			}
			const responses = params.ChallengeResponses as Record<string, unknown>;
			if (params.ChallengeName === 'PASSWORD_VERIFIER' && server.verify(srpA, responses)) {
				return tokens('srp');
			}
			return { error: serviceError('NotAuthorizedException') };
		};
		const user = userAuthUser();
		const cbs = callbacks();
		const details = { Username: 'alice', Password: PASSWORD, PreferredChallenge: 'PASSWORD_SRP' };
		user.authenticateUser(new AuthenticationDetails(details), cbs);
		expect(calledMembers(cbs)).toEqual({ onSuccess: 1 });
		expect(service.sent[0]?.body).toBe(
			JSON.stringify({
				AuthFlow: 'USER_AUTH',
				ClientId: CLIENT_ID,
				AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: srpA },
				ClientMetadata: {},
			}),
		);
		expect(service.sent[1]?.params.Session).toBe('pv-1');
		expect(user.getUsername()).toBe('uuid-alice');
		expect(user.getSignInUserSession()?.getIdToken().payload.tag).toBe('srp');
	});

	it('sends a remembered device key, UserContextData last, and the secret hash of a secret client', () => {
		const secretPool = stubPool({
			storage,
			getUserContextData: (username: string) => ({ EncodedData: `ctx-${username}` }),
		});
		Object.assign(secretPool, { clientId: CLIENT_ID, clientSecret: 'shh' });
		storage.setItem(`${PREFIX}.alice.deviceKey`, 'dk-1');
		const user = new CognitoUser({
			Username: 'alice',
			Pool: secretPool as never,
			Storage: storage,
		});
		user.setAuthenticationFlowType('USER_AUTH');
		service.reply(challenge('EMAIL_OTP', 'e1', CODE_PARAMS));
		user.authenticateUser(
			new AuthenticationDetails({ Username: 'alice', PreferredChallenge: 'EMAIL_OTP' }),
			callbacks(),
		);
		const sent = service.sent[0]?.params as Record<string, unknown>;
		expect(Object.keys(sent)).toEqual([
			'AuthFlow',
			'ClientId',
			'AuthParameters',
			'ClientMetadata',
			'UserContextData',
		]);
		expect(Object.keys(sent.AuthParameters as object)).toEqual([
			'USERNAME',
			'PREFERRED_CHALLENGE',
			'DEVICE_KEY',
			'SECRET_HASH',
		]);
		expect((sent.AuthParameters as Record<string, string>).DEVICE_KEY).toBe('dk-1');
		service.reply(tokens());
		user.sendOtpCode('1', callbacks());
		const responses = service.sent[1]?.params.ChallengeResponses as Record<string, string>;
		expect(Object.keys(responses)).toEqual([
			'USERNAME',
			'EMAIL_OTP_CODE',
			'DEVICE_KEY',
			'SECRET_HASH',
		]);
	});
});

describe('sendChallengeSelection', () => {
	function atSelection(): { user: CognitoUser; cbs: Callbacks } {
		const user = userAuthUser();
		const cbs = callbacks();
		service.reply(
			challenge(
				'SELECT_CHALLENGE',
				'sel-1',
				{},
				{ AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP'] },
			),
		);
		user.authenticateUser(new AuthenticationDetails({ Username: 'alice' }), cbs);
		service.sent.length = 0;
		return { user, cbs };
	}

	it('PASSWORD carries the password in the same request: one round trip to tokens', () => {
		const { user, cbs } = atSelection();
		service.reply(tokens('pw'));
		user.sendChallengeSelection('PASSWORD', cbs, {
			password: PASSWORD,
			clientMetadata: { k: 'v' },
		});
		expect(calledMembers(cbs)).toEqual({ selectChallenge: 1, onSuccess: 1 });
		expect(bodies()).toEqual([
			`RespondToAuthChallenge ${JSON.stringify({
				ChallengeName: 'SELECT_CHALLENGE',
				ClientId: CLIENT_ID,
				ChallengeResponses: { USERNAME: 'alice', ANSWER: 'PASSWORD', PASSWORD },
				Session: 'sel-1',
				ClientMetadata: { k: 'v' },
			})}`,
		]);
	});

	it.each(['PASSWORD', 'PASSWORD_SRP'])(
		'%s without a password fails once and sends nothing',
		(answer) => {
			const { user, cbs } = atSelection();
			user.sendChallengeSelection(answer, cbs);
			expect(calledMembers(cbs)).toEqual({ selectChallenge: 1, onFailure: 1 });
			expect(cbs.onFailure.mock.calls[0]?.[0].message).toBe(
				`The ${answer} choice needs the password.`,
			);
			expect(service.sent).toEqual([]);
		},
	);

	it('PASSWORD_SRP sends SRP_A, then the PASSWORD_VERIFIER leg the server verifies', () => {
		const { user, cbs } = atSelection();
		const server = new SrpServer(userAccount(POOL_NAME, 'uuid-alice', PASSWORD));
		let srpA = '';
		service.fallback = (_operation, params) => {
			const responses = params.ChallengeResponses as Record<string, string>;
			if (params.ChallengeName === 'SELECT_CHALLENGE') {
				srpA = responses.SRP_A ?? '';
				const parameters = server.challenge({ USER_ID_FOR_SRP: 'uuid-alice' });
				return challenge('PASSWORD_VERIFIER', 'pv-2', parameters);
			}
			if (params.ChallengeName === 'PASSWORD_VERIFIER' && server.verify(srpA, responses)) {
				return tokens('srp');
			}
			return { error: serviceError('NotAuthorizedException') };
		};
		user.sendChallengeSelection('PASSWORD_SRP', cbs, { password: PASSWORD });
		expect(calledMembers(cbs)).toEqual({ selectChallenge: 1, onSuccess: 1 });
		expect(service.sent[0]?.body).toBe(
			JSON.stringify({
				ChallengeName: 'SELECT_CHALLENGE',
				ClientId: CLIENT_ID,
				ChallengeResponses: { USERNAME: 'alice', ANSWER: 'PASSWORD_SRP', SRP_A: srpA },
				Session: 'sel-1',
			}),
		);
		expect(service.sent[1]?.params.ChallengeName).toBe('PASSWORD_VERIFIER');
		expect(service.sent[1]?.params.Session).toBe('pv-2');
	});

	it('a wrong password for PASSWORD_SRP is refused by the server and reported once', () => {
		const { user, cbs } = atSelection();
		const server = new SrpServer(userAccount(POOL_NAME, 'uuid-alice', PASSWORD));
		let srpA = '';
		service.fallback = (_operation, params) => {
			const responses = params.ChallengeResponses as Record<string, string>;
			if (params.ChallengeName === 'SELECT_CHALLENGE') {
				srpA = responses.SRP_A ?? '';
				return challenge(
					'PASSWORD_VERIFIER',
					'pv-2',
					server.challenge({ USER_ID_FOR_SRP: 'uuid-alice' }),
				);
			}
			return server.verify(srpA, responses)
				? tokens()
				: { error: serviceError('NotAuthorizedException') };
		};
		user.sendChallengeSelection('PASSWORD_SRP', cbs, { password: 'wrong' });
		expect(calledMembers(cbs)).toEqual({ selectChallenge: 1, onFailure: 1 });
		expect(cbs.onFailure.mock.calls[0]?.[0].code).toBe('NotAuthorizedException');
		expect(tokenWrites()).toEqual([]);
	});

	it('WEB_AUTHN goes to webAuthnRequired with the request options', () => {
		const { user, cbs } = atSelection();
		const options = { CREDENTIAL_REQUEST_OPTIONS: '{"challenge":"abc"}' };
		service.reply(challenge('WEB_AUTHN', 'wa-1', options));
		user.sendChallengeSelection('WEB_AUTHN', cbs);
		// Issue 13: the request options also arrive parsed, as a third argument.
		expect(cbs.webAuthnRequired.mock.calls).toEqual([['WEB_AUTHN', options, { challenge: 'abc' }]]);
		expect(service.sent[0]?.params.ChallengeResponses).toEqual({
			USERNAME: 'alice',
			ANSWER: 'WEB_AUTHN',
		});
		expect(user.getChallengeSession()).toBe('wa-1');
	});

	it('a service error is reported once', () => {
		const { user, cbs } = atSelection();
		service.reply({ error: serviceError('NotAuthorizedException', 'Invalid session') });
		user.sendChallengeSelection('EMAIL_OTP', cbs);
		expect(calledMembers(cbs)).toEqual({ selectChallenge: 1, onFailure: 1 });
	});
});

describe('a challenge whose callback the app did not supply', () => {
	it.each([
		['EMAIL_OTP', 'emailOtpRequired'],
		['SMS_OTP', 'smsOtpRequired'],
		// WEB_AUTHN without webAuthnRequired runs the browser's passkey request, and fails with
		// WebAuthnNotSupportedException outside a browser: test/unit/passkeys.test.ts.
		['SELECT_CHALLENGE', 'selectChallenge'],
	] as const)('%s without %s: onFailure names it, nothing is stored', (name, member) => {
		const cbs: Partial<Callbacks> = callbacks();
		delete cbs[member];
		service.reply(challenge(name, 'x1', CODE_PARAMS));
		const user = userAuthUser();
		user.authenticateUser(new AuthenticationDetails({ Username: 'alice' }), cbs as Callbacks);
		const failure = (cbs.onFailure as ReturnType<typeof vi.fn>).mock.calls;
		expect(failure).toHaveLength(1);
		expect(failure[0]?.[0].code).toBe('CallbackMissingException');
		expect(failure[0]?.[0].message).toBe(
			`${name} challenge received but no ${member} callback was given`,
		);
		expect(cbs.onSuccess).not.toHaveBeenCalled();
		expect(tokenWrites()).toEqual([]);
		expect(user.getSignInUserSession()).toBeNull();
	});

	it('an app written for the original, on an email-MFA pool: onFailure, never empty tokens', () => {
		const user = new CognitoUser({ Username: 'alice', Pool: pool as never, Storage: storage });
		user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
		const cbs = authCallbacks(); // the original's members only
		service.reply(challenge('EMAIL_OTP', 'm1', CODE_PARAMS));
		user.authenticateUser(
			new AuthenticationDetails({ Username: 'alice', Password: PASSWORD }),
			cbs,
		);
		expect(cbs.onFailure.mock.calls[0]?.[0].message).toBe(
			'EMAIL_OTP challenge received but no emailOtpRequired callback was given',
		);
		expect(cbs.onSuccess).not.toHaveBeenCalled();
		expect(tokenWrites()).toEqual([]);
	});

	it('no callbacks object at all (as README use case 23 answers): no throw, nothing stored', () => {
		const user = new CognitoUser({ Username: 'alice', Pool: pool as never, Storage: storage });
		service.reply(challenge('EMAIL_OTP', 'n1', CODE_PARAMS));
		expect(() =>
			user.completeNewPasswordChallenge('N3w$ecret', {}, undefined as never),
		).not.toThrow();
		expect(service.sent).toHaveLength(1);
		expect(tokenWrites()).toEqual([]);
	});

	it('a challenge a step cannot route never signs in, even where an empty reply does', () => {
		const user = new CognitoUser({ Username: 'alice', Pool: pool as never, Storage: storage });
		user.Session = 'setup-1';
		service.reply({ data: { Session: 'v2' } }, challenge('EMAIL_OTP', 'e9', CODE_PARAMS));
		const cbs = { onSuccess: vi.fn(), onFailure: vi.fn() };
		user.verifySoftwareToken('123456', 'phone', cbs);
		expect(cbs.onSuccess).not.toHaveBeenCalled();
		expect(cbs.onFailure.mock.calls[0]?.[0].code).toBe('InvalidResponseException');
		expect(tokenWrites()).toEqual([]);
	});
});

describe('one-time codes as email MFA', () => {
	function passwordThen(reply: ReturnType<typeof challenge>): {
		user: CognitoUser;
		cbs: Callbacks;
	} {
		const user = new CognitoUser({ Username: 'alice', Pool: pool as never, Storage: storage });
		user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
		const cbs = callbacks();
		service.reply(reply);
		user.authenticateUser(
			new AuthenticationDetails({ Username: 'alice', Password: PASSWORD }),
			cbs,
		);
		service.sent.length = 0;
		return { user, cbs };
	}

	it("after a password, EMAIL_OTP reaches emailOtpRequired and sendMFACode(code, cb, 'EMAIL_OTP') answers it", () => {
		const { user, cbs } = passwordThen(challenge('EMAIL_OTP', 'mfa-1', CODE_PARAMS));
		expect(cbs.emailOtpRequired.mock.calls).toEqual([['EMAIL_OTP', CODE_PARAMS]]);
		service.reply(tokens('mfa'));
		const result = { onSuccess: vi.fn(), onFailure: vi.fn() };
		user.sendMFACode('11112222', result, 'EMAIL_OTP', { m: '1' });
		expect(bodies()).toEqual([
			`RespondToAuthChallenge ${JSON.stringify({
				ChallengeName: 'EMAIL_OTP',
				ChallengeResponses: { USERNAME: 'alice', EMAIL_OTP_CODE: '11112222' },
				ClientId: CLIENT_ID,
				Session: 'mfa-1',
				ClientMetadata: { m: '1' },
			})}`,
		]);
		expect(result.onSuccess).toHaveBeenCalledTimes(1);
		expect(storage.data.get(`${PREFIX}.alice.idToken`)).toBe(
			user.getSignInUserSession()?.getIdToken().getJwtToken(),
		);
	});

	it("sendMFACode(code, cb, 'SMS_OTP') answers with SMS_OTP_CODE only", () => {
		const { user } = passwordThen(challenge('SMS_OTP', 'o-1', {}));
		service.reply(tokens());
		user.sendMFACode('333', { onSuccess: vi.fn(), onFailure: vi.fn() }, 'SMS_OTP');
		expect(service.sent[0]?.params.ChallengeResponses).toEqual({
			USERNAME: 'alice',
			SMS_OTP_CODE: '333',
		});
	});

	it('a wrong code is reported once and the challenge can be answered again', () => {
		const { user, cbs } = passwordThen(challenge('EMAIL_OTP', 'mfa-1', CODE_PARAMS));
		service.reply({ error: serviceError('CodeMismatchException') }, tokens());
		user.sendOtpCode('0', cbs);
		expect(cbs.onFailure.mock.calls[0]?.[0].code).toBe('CodeMismatchException');
		user.sendOtpCode('1', cbs);
		expect(cbs.onSuccess).toHaveBeenCalledTimes(1);
		expect(service.sent.map((s) => s.params.Session)).toEqual(['mfa-1', 'mfa-1']);
	});

	it('the reply of a code can name a new device, which is confirmed before onSuccess', () => {
		const { user, cbs } = passwordThen(challenge('EMAIL_OTP', 'mfa-1', CODE_PARAMS));
		const result = {
			...authResult(),
			NewDeviceMetadata: { DeviceKey: 'dk-9', DeviceGroupKey: 'g-9' },
		};
		service.reply(
			{ data: { AuthenticationResult: result } },
			{ data: { UserConfirmationNecessary: true } },
		);
		user.sendOtpCode('1', cbs);
		expect(service.sent.map((s) => s.operation)).toEqual([
			'RespondToAuthChallenge',
			'ConfirmDevice',
		]);
		expect(cbs.onSuccess.mock.calls[0]).toEqual([user.getSignInUserSession(), true]);
	});

	it('SELECT_MFA_TYPE: sendMFASelectionAnswer(EMAIL_OTP) sends ANSWER EMAIL_OTP and asks through emailOtpRequired', () => {
		const choose = { MFAS_CAN_CHOOSE: '["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]' };
		const { user, cbs } = passwordThen(challenge('SELECT_MFA_TYPE', 'sel-m', choose));
		expect(cbs.selectMFAType.mock.calls).toEqual([['SELECT_MFA_TYPE', choose]]);
		service.reply(challenge('EMAIL_OTP', 'mfa-2', CODE_PARAMS));
		user.sendMFASelectionAnswer('EMAIL_OTP', cbs);
		expect(service.sent[0]?.body).toBe(
			JSON.stringify({
				ChallengeName: 'SELECT_MFA_TYPE',
				ChallengeResponses: { USERNAME: 'alice', ANSWER: 'EMAIL_OTP' },
				ClientId: CLIENT_ID,
				Session: 'sel-m',
			}),
		);
		expect(cbs.emailOtpRequired.mock.calls).toEqual([['EMAIL_OTP', CODE_PARAMS]]);
		service.reply(tokens());
		user.sendOtpCode('5', cbs);
		expect(service.sent[1]?.params.Session).toBe('mfa-2');
		expect(cbs.onSuccess).toHaveBeenCalledTimes(1);
	});

	it('MFA_SETUP: setupEmailMfa sends the address, then the emailed code completes the sign-in', () => {
		const setup = { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]' };
		const { user, cbs } = passwordThen(challenge('MFA_SETUP', 'setup-1', setup));
		expect(cbs.mfaSetup.mock.calls).toEqual([['MFA_SETUP', setup]]);
		service.reply(challenge('EMAIL_OTP', 'setup-2', CODE_PARAMS));
		user.setupEmailMfa('alice@example.com', cbs, { s: '1' });
		expect(service.sent[0]?.body).toBe(
			JSON.stringify({
				ChallengeName: 'MFA_SETUP',
				ClientId: CLIENT_ID,
				ChallengeResponses: { USERNAME: 'alice', EMAIL: 'alice@example.com' },
				Session: 'setup-1',
				ClientMetadata: { s: '1' },
			}),
		);
		expect(cbs.emailOtpRequired).toHaveBeenCalledTimes(1);
		service.reply(tokens());
		user.sendOtpCode('77', cbs);
		expect(service.sent[1]?.params.ChallengeName).toBe('EMAIL_OTP');
		expect(service.sent[1]?.params.Session).toBe('setup-2');
		expect(calledMembers(cbs)).toEqual({ mfaSetup: 1, emailOtpRequired: 1, onSuccess: 1 });
	});

	it('setupEmailMfa without an address and sendOtpCode without a code challenge fail once, sending nothing', () => {
		const user = new CognitoUser({ Username: 'alice', Pool: pool as never, Storage: storage });
		const cbs = callbacks();
		user.setupEmailMfa('', cbs);
		user.sendOtpCode('1', cbs);
		expect(cbs.onFailure.mock.calls.map((c) => c[0].message)).toEqual([
			'setupEmailMfa needs an email address.',
			'No EMAIL_OTP or SMS_OTP challenge is waiting for a code.',
		]);
		expect(service.sent).toEqual([]);
	});
});

describe('passwordless sign-up into a USER_AUTH sign-in', () => {
	const realPool = () =>
		new CognitoUserPool({
			UserPoolId: `us-east-1_${POOL_NAME}`,
			ClientId: CLIENT_ID,
			Storage: storage,
		});

	function signUp(p: CognitoUserPool, password: string | null | undefined): ISignUpResult {
		const cb = vi.fn();
		p.signUp('alice', password, [{ Name: 'email', Value: 'a@example.com' }], null, cb);
		expect(cb.mock.calls[0]?.[0]).toBeNull();
		return cb.mock.calls[0]?.[1] as ISignUpResult;
	}

	it('signUp without a password omits Password; its Session goes through confirmRegistration into USER_AUTH', () => {
		const p = realPool();
		service.reply({ data: { UserConfirmed: false, UserSub: 'sub-1', Session: 'su-1' } });
		const result = signUp(p, null);
		expect(service.sent[0]?.body).toBe(
			JSON.stringify({
				ClientId: CLIENT_ID,
				Username: 'alice',
				UserAttributes: [{ Name: 'email', Value: 'a@example.com' }],
				ValidationData: null,
			}),
		);
		expect(result.session).toBe('su-1');
		const user = result.user;
		expect(user.getChallengeSession()).toBe('su-1');

		service.reply({ data: { Session: 'cs-1' } });
		const confirmed = vi.fn();
		user.confirmRegistration('123456', true, confirmed);
		expect(confirmed.mock.calls).toEqual([[null, 'SUCCESS']]);
		expect(service.sent[1]?.body).toBe(
			JSON.stringify({
				ClientId: CLIENT_ID,
				ConfirmationCode: '123456',
				Username: 'alice',
				ForceAliasCreation: true,
				Session: 'su-1',
			}),
		);
		expect(user.getChallengeSession()).toBe('cs-1');

		user.setAuthenticationFlowType('USER_AUTH');
		service.reply(tokens('auto'));
		const cbs = callbacks();
		user.authenticateUser(new AuthenticationDetails({ Username: 'alice' }), cbs);
		expect(calledMembers(cbs)).toEqual({ onSuccess: 1 });
		expect(service.sent[2]?.body).toBe(
			JSON.stringify({
				AuthFlow: 'USER_AUTH',
				ClientId: CLIENT_ID,
				AuthParameters: { USERNAME: 'alice' },
				Session: 'cs-1',
				ClientMetadata: {},
			}),
		);
		// Spent: a later sign-in of the same object starts afresh.
		service.reply(challenge('SELECT_CHALLENGE', 'n1', {}, { AvailableChallenges: [] }));
		user.authenticateUser(new AuthenticationDetails({ Username: 'alice' }), callbacks());
		expect(JSON.parse(service.sent[3]?.body ?? '')).not.toHaveProperty('Session');
	});

	it.each([undefined, ''])('signUp with password %j also omits it', (password) => {
		service.reply({ data: { UserConfirmed: false, UserSub: 's' } });
		signUp(realPool(), password);
		expect(service.sent[0]?.params).not.toHaveProperty('Password');
	});

	it('signUp with a password is unchanged: Password sent, no session in the result', () => {
		service.reply({ data: { UserConfirmed: false, UserSub: 's' } });
		const result = signUp(realPool(), PASSWORD);
		expect(Object.keys(JSON.parse(service.sent[0]?.body ?? ''))).toEqual([
			'ClientId',
			'Username',
			'Password',
			'UserAttributes',
			'ValidationData',
		]);
		expect(Object.keys(result)).toEqual([
			'user',
			'userConfirmed',
			'userSub',
			'codeDeliveryDetails',
		]);
		expect(result.user.getChallengeSession()).toBeNull();
	});

	it('another page: confirmRegistration takes options.session, AuthenticationDetails carries Session', () => {
		const user = new CognitoUser({ Username: 'alice', Pool: pool as never, Storage: storage });
		service.reply({ data: {} });
		user.confirmRegistration('1', false, vi.fn(), undefined, { session: 'from-signup-page' });
		expect(service.sent[0]?.params.Session).toBe('from-signup-page');
		const other = userAuthUser();
		service.reply(tokens());
		const details = new AuthenticationDetails({ Username: 'alice', Session: 'from-confirm-page' });
		expect(details.getSession()).toBe('from-confirm-page');
		other.authenticateUser(details, callbacks());
		expect(service.sent[1]?.params.Session).toBe('from-confirm-page');
	});

	it('confirmRegistration of a password sign-up sends no Session, as the original', () => {
		const user = new CognitoUser({ Username: 'alice', Pool: pool as never, Storage: storage });
		service.reply({ data: {} });
		user.confirmRegistration('1', false, vi.fn());
		expect(Object.keys(JSON.parse(service.sent[0]?.body ?? ''))).toEqual([
			'ClientId',
			'ConfirmationCode',
			'Username',
			'ForceAliasCreation',
		]);
	});
});
