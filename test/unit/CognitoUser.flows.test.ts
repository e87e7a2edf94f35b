// Authentication flows against a synchronous fake service whose SRP side is a real,
// independent server implementation: a login succeeds only if the client's proof is right.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import AuthenticationDetails from '../../src/AuthenticationDetails';
import AuthenticationHelper from '../../src/AuthenticationHelper';
import BigInteger from '../../src/BigInteger';
import CognitoUser from '../../src/CognitoUser';
import type CognitoUserSession from '../../src/CognitoUserSession';
import type { IAuthenticationCallback } from '../../src/types';
import {
	CLIENT_ID,
	POOL_NAME,
	PREFIX,
	RecordingStorage,
	SrpServer,
	authCallbacks,
	authResult,
	deviceAccount,
	fakeService,
	serviceError,
	stubPool,
	userAccount,
} from './CognitoUser.kit';
import type { FakeService, Reply, SrpAccount, StubPool } from './CognitoUser.kit';

const PASSWORD = 'Very$ecur3';
const USER_ID = 'b1d4-uuid-alice';

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

function newUser(username = 'alice'): CognitoUser {
	return new CognitoUser({ Username: username, Pool: pool as never, Storage: storage });
}

type Callbacks = {
	[K in keyof IAuthenticationCallback]-?: ReturnType<typeof vi.fn>;
} & IAuthenticationCallback;

function callbacks(): Callbacks {
	return authCallbacks() as Callbacks;
}

/** Which callback members were called, and how often. */
function calledMembers(cbs: Callbacks): Record<string, number> {
	const out: Record<string, number> = {};
	for (const [name, fn] of Object.entries(cbs))
		if (fn.mock.calls.length) out[name] = fn.mock.calls.length;
	return out;
}

/**
 * A fake Cognito that runs user SRP, ConfirmDevice and device SRP for real. `afterVerifier`
 * decides what a successful PASSWORD_VERIFIER returns.
 */
class FakeCognito {
	account: SrpAccount = userAccount(POOL_NAME, USER_ID, PASSWORD);
	devices = new Map<string, SrpAccount>();
	userServer?: SrpServer;
	deviceServer?: SrpServer;
	userA = '';
	deviceA = '';
	afterVerifier: () => Reply = () => ({ data: { AuthenticationResult: authResult() } });
	confirmReply: Reply = { data: { UserConfirmationNecessary: false } };
	verified: string[] = [];

	constructor(svc: FakeService) {
		svc.fallback = (operation, params) => this.handle(operation, params);
	}

	handle(operation: string, params: Record<string, unknown>): Reply {
		const auth = params.AuthParameters as Record<string, string> | undefined;
		const responses = params.ChallengeResponses as Record<string, string> | undefined;
		if (operation === 'InitiateAuth' && auth?.SRP_A) {
			this.userA = auth.SRP_A;
			this.userServer = new SrpServer(this.account);
			return {
				data: {
					ChallengeName: 'PASSWORD_VERIFIER',
					ChallengeParameters: this.userServer.challenge({
						USER_ID_FOR_SRP: USER_ID,
						USERNAME: USER_ID,
					}),
					Session: 'session-verifier',
				},
			};
		}
		if (operation === 'RespondToAuthChallenge' && params.ChallengeName === 'PASSWORD_VERIFIER') {
			if (!this.userServer?.verify(this.userA, responses ?? {})) {
				return { error: serviceError('NotAuthorizedException', 'Incorrect username or password.') };
			}
			this.verified.push('user');
			if (responses?.DEVICE_KEY && this.devices.has(responses.DEVICE_KEY)) {
				return {
					data: {
						ChallengeName: 'DEVICE_SRP_AUTH',
						Session: 'session-device',
						ChallengeParameters: {},
					},
				};
			}
			return this.afterVerifier();
		}
		if (operation === 'ConfirmDevice') {
			const config = params.DeviceSecretVerifierConfig as {
				Salt: string;
				PasswordVerifier: string;
			};
			this.devices.set(
				params.DeviceKey as string,
				deviceAccount('group-1', params.DeviceKey as string, config),
			);
			return this.confirmReply;
		}
		if (operation === 'RespondToAuthChallenge' && params.ChallengeName === 'DEVICE_SRP_AUTH') {
			const device = this.devices.get(responses?.DEVICE_KEY ?? '');
			if (!device)
				return { error: serviceError('ResourceNotFoundException', 'Device does not exist.') };
			this.deviceA = responses?.SRP_A ?? '';
			this.deviceServer = new SrpServer(device);
			return {
				data: {
					ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
					ChallengeParameters: this.deviceServer.challenge(),
					Session: 'session-device-2',
				},
			};
		}
		if (
			operation === 'RespondToAuthChallenge' &&
			params.ChallengeName === 'DEVICE_PASSWORD_VERIFIER'
		) {
			if (!this.deviceServer?.verify(this.deviceA, responses ?? {})) {
				return { error: serviceError('NotAuthorizedException', 'Incorrect device proof.') };
			}
			this.verified.push('device');
			return { data: { AuthenticationResult: authResult({ tag: 'device' }) } };
		}
		return { error: new Error(`unexpected ${operation}`) };
	}
}

const details = (extra: Record<string, unknown> = {}): AuthenticationDetails =>
	new AuthenticationDetails({ Username: 'alice', Password: PASSWORD, ...extra });

describe('SRP login (USER_SRP_AUTH)', () => {
	it('proves the password, adopts the canonical username and caches the tokens, synchronously', () => {
		const cognito = new FakeCognito(service);
		const user = newUser();
		const cbs = callbacks();
		user.authenticateUser(details(), cbs);
		// Finished before authenticateUser returned: the fake service answers synchronously.
		expect(calledMembers(cbs)).toEqual({ onSuccess: 1 });
		expect(cbs.onSuccess.mock.calls[0]).toHaveLength(1);
		expect(cognito.verified).toEqual(['user']);
		const [initiate, verifier] = service.sent;
		expect(initiate?.operation).toBe('InitiateAuth');
		expect(initiate?.body).toBe(
			JSON.stringify({
				AuthFlow: 'USER_SRP_AUTH',
				ClientId: CLIENT_ID,
				AuthParameters: { USERNAME: 'alice', SRP_A: cognito.userA },
				ClientMetadata: {},
			}),
		);
		expect(cognito.userA).toMatch(/^[0-9a-f]+$/);
		const responses = verifier?.params.ChallengeResponses as Record<string, string>;
		expect(verifier?.body).toBe(
			JSON.stringify({
				ChallengeName: 'PASSWORD_VERIFIER',
				ClientId: CLIENT_ID,
				ChallengeResponses: {
					USERNAME: USER_ID,
					PASSWORD_CLAIM_SECRET_BLOCK: cognito.userServer?.secretBlock,
					TIMESTAMP: responses.TIMESTAMP,
					PASSWORD_CLAIM_SIGNATURE: responses.PASSWORD_CLAIM_SIGNATURE,
				},
				Session: 'session-verifier',
				ClientMetadata: {},
			}),
		);
		expect(responses.TIMESTAMP).toMatch(
			/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2} \d\d:\d\d:\d\d UTC \d{4}$/,
		);
		expect(user.getUsername()).toBe(USER_ID);
		expect(user.userDataKey).toBe(`${PREFIX}.${USER_ID}.userData`);
		const session = cbs.onSuccess.mock.calls[0]?.[0] as CognitoUserSession;
		expect(user.getSignInUserSession()).toBe(session);
		expect(session.isValid()).toBe(true);
		const p = `${PREFIX}.${USER_ID}`;
		expect(storage.ops).toEqual([
			['get', `${p}.deviceKey`],
			['set', `${p}.idToken`, session.getIdToken().getJwtToken()],
			['set', `${p}.accessToken`, session.getAccessToken().getJwtToken()],
			['set', `${p}.refreshToken`, 'refresh-t'],
			['set', `${p}.clockDrift`, String(session.getClockDrift())],
			['set', `${PREFIX}.LastAuthUser`, USER_ID],
		]);
	});

	it('a wrong password is rejected by the server and reported once', () => {
		new FakeCognito(service);
		const cbs = callbacks();
		newUser().authenticateUser(details({ Password: 'wrong' }), cbs);
		expect(calledMembers(cbs)).toEqual({ onFailure: 1 });
		expect(cbs.onFailure.mock.calls[0]?.[0].code).toBe('NotAuthorizedException');
	});

	it('sends non-empty ValidationData as the ClientMetadata of both legs', () => {
		const cognito = new FakeCognito(service);
		const cbs = callbacks();
		newUser().authenticateUser(
			details({ ValidationData: { captcha: 'ok' }, ClientMetadata: { ignored: 'yes' } }),
			cbs,
		);
		expect(cognito.verified).toEqual(['user']);
		expect(service.sent.map((s) => JSON.stringify(s.params.ClientMetadata))).toEqual([
			'{"captcha":"ok"}',
			'{"captcha":"ok"}',
		]);
	});

	it('sends ClientMetadata, and UserContextData last when the pool has it', () => {
		new FakeCognito(service);
		pool.getUserContextData = (username: string) => ({ EncodedData: `ctx-${username}` });
		newUser().authenticateUser(details({ ClientMetadata: { a: '1' } }), callbacks());
		expect(Object.keys(service.sent[0]?.params ?? {})).toEqual([
			'AuthFlow',
			'ClientId',
			'AuthParameters',
			'ClientMetadata',
			'UserContextData',
		]);
		expect(service.sent[0]?.params.UserContextData).toEqual({ EncodedData: 'ctx-alice' });
		expect(service.sent[1]?.params.UserContextData).toEqual({ EncodedData: `ctx-${USER_ID}` });
		expect(service.sent[1]?.params.ClientMetadata).toEqual({ a: '1' });
	});

	it('reports an InitiateAuth error', () => {
		const error = serviceError('UserNotFoundException');
		service.reply({ error });
		const cbs = callbacks();
		newUser().authenticateUser(details(), cbs);
		expect(cbs.onFailure.mock.calls).toEqual([[error]]);
	});

	it("turns the helper's 'B cannot be zero.' throw into onFailure", () => {
		service.reply({
			data: {
				ChallengeName: 'PASSWORD_VERIFIER',
				ChallengeParameters: {
					USER_ID_FOR_SRP: 'alice',
					SRP_B: '0',
					SALT: 'ab',
					SECRET_BLOCK: 'AAAA',
				},
			},
		});
		const cbs = callbacks();
		expect(() => newUser().authenticateUser(details(), cbs)).not.toThrow();
		expect(calledMembers(cbs)).toEqual({ onFailure: 1 });
		expect(cbs.onFailure.mock.calls[0]?.[0].message).toBe('B cannot be zero.');
		expect(service.sent).toHaveLength(1);
	});

	it('fails cleanly when the challenge lacks SRP parameters', () => {
		service.reply({
			data: { ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: { USER_ID_FOR_SRP: 'a' } },
		});
		const cbs = callbacks();
		newUser().authenticateUser(details(), cbs);
		expect(calledMembers(cbs)).toEqual({ onFailure: 1 });
	});

	it('reports an error of the SRP math callback once (a helper that calls back twice)', () => {
		vi.spyOn(AuthenticationHelper.prototype, 'getLargeAValue').mockImplementation((cb) => {
			cb(new Error('no randomness'), null);
			cb(new Error('again'), null);
		});
		const cbs = callbacks();
		newUser().authenticateUser(details(), cbs);
		expect(cbs.onFailure.mock.calls.map((c) => c[0].message)).toEqual(['no randomness']);
		expect(service.sent).toEqual([]);
	});

	it('an exception thrown by the app in onSuccess propagates and is not redelivered', () => {
		new FakeCognito(service);
		const cbs = callbacks();
		cbs.onSuccess.mockImplementation(() => {
			throw new Error('app bug');
		});
		expect(() => newUser().authenticateUser(details(), cbs)).toThrow('app bug');
		expect(calledMembers(cbs)).toEqual({ onSuccess: 1 });
	});

	it('rejects an unknown flow type', () => {
		const user = newUser();
		// Returns the flow, as the original's declarations promise (its code returned nothing).
		expect(user.setAuthenticationFlowType('SOMETHING')).toBe('SOMETHING');
		expect(user.getAuthenticationFlowType()).toBe('SOMETHING');
		const cbs = callbacks();
		user.authenticateUser(details(), cbs);
		expect(cbs.onFailure.mock.calls[0]?.[0].message).toBe('Authentication flow type is invalid.');
		expect(service.sent).toEqual([]);
	});
});

describe('devices', () => {
	function loginWithNewDevice(confirm: Reply = { data: { UserConfirmationNecessary: true } }) {
		const cognito = new FakeCognito(service);
		cognito.confirmReply = confirm;
		cognito.afterVerifier = () => ({
			data: {
				AuthenticationResult: {
					...authResult(),
					NewDeviceMetadata: { DeviceKey: 'us-east-1_dev-1', DeviceGroupKey: 'group-1' },
				},
			},
		});
		const user = newUser();
		const cbs = callbacks();
		user.authenticateUser(details(), cbs);
		return { cognito, user, cbs };
	}

	it('confirms a new device before onSuccess(session, true), all synchronously', () => {
		const { user, cbs, cognito } = loginWithNewDevice();
		expect(calledMembers(cbs)).toEqual({ onSuccess: 1 });
		expect(cbs.onSuccess.mock.calls[0]).toEqual([user.signInUserSession, true]);
		const confirm = service.sent[2];
		expect(confirm?.operation).toBe('ConfirmDevice');
		const config = confirm?.params.DeviceSecretVerifierConfig as {
			Salt: string;
			PasswordVerifier: string;
		};
		expect(confirm?.body).toBe(
			JSON.stringify({
				DeviceKey: 'us-east-1_dev-1',
				AccessToken: user.signInUserSession?.getAccessToken().getJwtToken(),
				DeviceSecretVerifierConfig: {
					Salt: config.Salt,
					PasswordVerifier: config.PasswordVerifier,
				},
				DeviceName: 'nodejs',
			}),
		);
		expect(user.deviceKey).toBe('us-east-1_dev-1');
		expect(user.deviceGroupKey).toBe('group-1');
		expect(user.verifierDevices).toBe(config.PasswordVerifier);
		expect(typeof user.randomPassword).toBe('string');
		const p = `${PREFIX}.${USER_ID}`;
		expect(storage.writes().slice(-3)).toEqual([
			`set ${p}.deviceKey`,
			`set ${p}.randomPasswordKey`,
			`set ${p}.deviceGroupKey`,
		]);
		expect(storage.data.get(`${p}.randomPasswordKey`)).toBe(user.randomPassword);
		expect(cognito.devices.size).toBe(1);
	});

	it('calls onSuccess(session) with one argument when no confirmation is necessary', () => {
		const { cbs } = loginWithNewDevice({ data: {} });
		expect(cbs.onSuccess.mock.calls[0]).toHaveLength(1);
	});

	it('a ConfirmDevice failure is reported, with the tokens already cached (as upstream)', () => {
		const error = serviceError('InvalidParameterException');
		const { cbs, user } = loginWithNewDevice({ error });
		expect(cbs.onFailure.mock.calls).toEqual([[error]]);
		expect(cbs.onSuccess).not.toHaveBeenCalled();
		expect(storage.data.get(`${PREFIX}.${USER_ID}.idToken`)).toBeTruthy();
		expect(user.deviceKey).toBeUndefined();
	});

	it('a remembered device logs in through device SRP, verified by the server', () => {
		const { cognito } = loginWithNewDevice();
		service.sent.length = 0;
		const again = newUser(); // a fresh instance: the device comes from storage
		const cbs = callbacks();
		again.authenticateUser(details(), cbs);
		expect(calledMembers(cbs)).toEqual({ onSuccess: 1 });
		expect(cognito.verified).toEqual(['user', 'user', 'device']);
		expect(service.sent.map((s) => s.params.ChallengeName ?? s.params.AuthFlow)).toEqual([
			'USER_SRP_AUTH',
			'PASSWORD_VERIFIER',
			'DEVICE_SRP_AUTH',
			'DEVICE_PASSWORD_VERIFIER',
		]);
		// DEVICE_KEY is read from storage after InitiateAuth, so only the second leg has it.
		expect(service.sent[0]?.params.AuthParameters).not.toHaveProperty('DEVICE_KEY');
		expect((service.sent[1]?.params.ChallengeResponses as Record<string, string>).DEVICE_KEY).toBe(
			'us-east-1_dev-1',
		);
		const [deviceSrp, deviceVerifier] = service.sent.slice(2);
		expect(deviceSrp?.body).toBe(
			JSON.stringify({
				ChallengeName: 'DEVICE_SRP_AUTH',
				ClientId: CLIENT_ID,
				ChallengeResponses: {
					USERNAME: USER_ID,
					DEVICE_KEY: 'us-east-1_dev-1',
					SRP_A: cognito.deviceA,
				},
				Session: 'session-device',
			}),
		);
		const r = deviceVerifier?.params.ChallengeResponses as Record<string, string>;
		expect(deviceVerifier?.body).toBe(
			JSON.stringify({
				ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
				ClientId: CLIENT_ID,
				ChallengeResponses: {
					USERNAME: USER_ID,
					PASSWORD_CLAIM_SECRET_BLOCK: r.PASSWORD_CLAIM_SECRET_BLOCK,
					TIMESTAMP: r.TIMESTAMP,
					PASSWORD_CLAIM_SIGNATURE: r.PASSWORD_CLAIM_SIGNATURE,
					DEVICE_KEY: 'us-east-1_dev-1',
				},
				Session: 'session-device-2',
			}),
		);
		expect(again.signInUserSession?.getIdToken().payload.tag).toBe('device');
	});

	it('an instance that already knows its device sends DEVICE_KEY first in InitiateAuth', () => {
		const { user, cognito } = loginWithNewDevice();
		service.sent.length = 0;
		const cbs = callbacks();
		user.authenticateUser(details(), cbs);
		expect(calledMembers(cbs)).toEqual({ onSuccess: 1 });
		expect(service.sent[0]?.body).toBe(
			JSON.stringify({
				AuthFlow: 'USER_SRP_AUTH',
				ClientId: CLIENT_ID,
				AuthParameters: { DEVICE_KEY: 'us-east-1_dev-1', USERNAME: USER_ID, SRP_A: cognito.userA },
				ClientMetadata: {},
			}),
		);
		expect(cognito.verified).toEqual(['user', 'user', 'device']);
	});

	it('device SRP errors on either leg are reported once', () => {
		const user = newUser();
		user.deviceKey = 'dk';
		user.deviceGroupKey = 'gk';
		user.randomPassword = 'pw';
		const error = serviceError('ResourceNotFoundException', 'Device does not exist.');
		service.reply({ error });
		const cbs = callbacks();
		user.getDeviceResponse(cbs);
		expect(cbs.onFailure.mock.calls).toEqual([[error]]);
		const server = new SrpServer(userAccount('gk', 'dk', 'pw'));
		const error2 = serviceError('NotAuthorizedException');
		service.reply(
			{ data: { ChallengeParameters: server.challenge(), Session: 's' } },
			{ error: error2 },
		);
		const cbs2 = callbacks();
		user.getDeviceResponse(cbs2);
		expect(calledMembers(cbs2)).toEqual({ onFailure: 1 });
		expect(cbs2.onFailure.mock.calls[0]?.[0]).toBe(error2);
	});

	it('retries PASSWORD_VERIFIER once without the device when the service forgot it', () => {
		const cognito = new FakeCognito(service);
		const p = `${PREFIX}.${USER_ID}`;
		storage.setItem(`${p}.deviceKey`, 'stale-device');
		storage.setItem(`${p}.randomPasswordKey`, 'pw');
		storage.setItem(`${p}.deviceGroupKey`, 'grp');
		const forgotten = serviceError('ResourceNotFoundException', 'Device does not exist.');
		const original = cognito.handle.bind(cognito);
		let failures = 0;
		service.fallback = (operation, params) => {
			const responses = params.ChallengeResponses as Record<string, unknown> | undefined;
			if (
				params.ChallengeName === 'PASSWORD_VERIFIER' &&
				responses?.DEVICE_KEY &&
				failures++ === 0
			) {
				return { error: forgotten };
			}
			return original(operation, params);
		};
		const user = newUser();
		const cbs = callbacks();
		user.authenticateUser(details(), cbs);
		expect(calledMembers(cbs)).toEqual({ onSuccess: 1 });
		const verifierBodies = service.sent.filter(
			(s) => s.params.ChallengeName === 'PASSWORD_VERIFIER',
		);
		expect(verifierBodies).toHaveLength(2);
		// The same request object is resent, so only the captured bodies show the change.
		expect(verifierBodies[0]?.body).toContain('"DEVICE_KEY":"stale-device"}');
		// As upstream, the resend carries "DEVICE_KEY":null in the same position.
		expect(verifierBodies[1]?.body).toContain('"DEVICE_KEY":null}');
		expect(user.deviceKey).toBeNull();
		expect(user.randomPassword).toBeNull();
		expect(user.deviceGroupKey).toBeNull();
		expect(storage.data.has(`${p}.deviceKey`)).toBe(false);
		expect(storage.data.has(`${p}.randomPasswordKey`)).toBe(false);
		expect(storage.data.has(`${p}.deviceGroupKey`)).toBe(false);
	});

	it('retries the device-not-found error at most once', () => {
		const cognito = new FakeCognito(service);
		storage.setItem(`${PREFIX}.${USER_ID}.deviceKey`, 'stale-device');
		const forgotten = serviceError('ResourceNotFoundException', 'Device does not exist.');
		const original = cognito.handle.bind(cognito);
		service.fallback = (operation, params) =>
			params.ChallengeName === 'PASSWORD_VERIFIER'
				? { error: forgotten }
				: original(operation, params);
		const cbs = callbacks();
		newUser().authenticateUser(details(), cbs);
		expect(service.sent.filter((s) => s.params.ChallengeName === 'PASSWORD_VERIFIER')).toHaveLength(
			2,
		);
		expect(cbs.onFailure.mock.calls).toEqual([[forgotten]]);
	});

	it('does not retry other ResourceNotFoundExceptions', () => {
		const cognito = new FakeCognito(service);
		const other = serviceError('ResourceNotFoundException', 'User pool client does not exist.');
		const original = cognito.handle.bind(cognito);
		service.fallback = (operation, params) =>
			params.ChallengeName === 'PASSWORD_VERIFIER' ? { error: other } : original(operation, params);
		const cbs = callbacks();
		newUser().authenticateUser(details(), cbs);
		expect(service.sent).toHaveLength(2);
		expect(cbs.onFailure.mock.calls).toEqual([[other]]);
	});
});

describe('CUSTOM_AUTH', () => {
	it('starts with SRP_A, then hands the custom challenge over and answers it', () => {
		const cognito = new FakeCognito(service);
		cognito.afterVerifier = () => ({
			data: {
				ChallengeName: 'CUSTOM_CHALLENGE',
				ChallengeParameters: { question: '2+2' },
				Session: 'c1',
			},
		});
		const user = newUser();
		user.setAuthenticationFlowType('CUSTOM_AUTH');
		const cbs = callbacks();
		user.authenticateUser(details(), cbs);
		expect(service.sent[0]?.body).toBe(
			JSON.stringify({
				AuthFlow: 'CUSTOM_AUTH',
				ClientId: CLIENT_ID,
				AuthParameters: { USERNAME: 'alice', SRP_A: cognito.userA, CHALLENGE_NAME: 'SRP_A' },
				ClientMetadata: {},
			}),
		);
		expect(cbs.customChallenge.mock.calls).toEqual([[{ question: '2+2' }]]);
		expect(user.Session).toBe('c1');

		const tokens = authResult();
		service.reply({ data: { AuthenticationResult: tokens } });
		const cbs2 = callbacks();
		const helperSpy = vi.spyOn(AuthenticationHelper.prototype, 'getLargeAValue');
		user.sendCustomChallengeAnswer('4', cbs2, { m: '1' });
		expect(helperSpy).not.toHaveBeenCalled();
		expect(service.sent.at(-1)?.body).toBe(
			JSON.stringify({
				ChallengeName: 'CUSTOM_CHALLENGE',
				ChallengeResponses: { USERNAME: USER_ID, ANSWER: '4' },
				ClientId: CLIENT_ID,
				Session: 'c1',
				ClientMetadata: { m: '1' },
			}),
		);
		expect(calledMembers(cbs2)).toEqual({ onSuccess: 1 });
	});

	it('sendCustomChallengeAnswer reads the cached device key first and reports errors', () => {
		storage.setItem(`${PREFIX}.alice.deviceKey`, 'dev-c');
		const user = newUser();
		const error = serviceError('NotAuthorizedException');
		service.reply({ error });
		const cbs = callbacks();
		user.sendCustomChallengeAnswer('x', cbs);
		expect((service.sent[0]?.params.ChallengeResponses as Record<string, string>).DEVICE_KEY).toBe(
			'dev-c',
		);
		expect(cbs.onFailure.mock.calls).toEqual([[error]]);
	});

	it('initiateAuth sends the AuthParameters with USERNAME appended', () => {
		const authParameters = { CUSTOM: 'x' };
		const user = newUser();
		service.reply({
			data: { ChallengeName: 'CUSTOM_CHALLENGE', ChallengeParameters: { q: '1' }, Session: 's9' },
		});
		const cbs = callbacks();
		user.initiateAuth(
			new AuthenticationDetails({ Username: 'alice', AuthParameters: authParameters }),
			cbs,
		);
		expect(service.sent[0]?.body).toBe(
			JSON.stringify({
				AuthFlow: 'CUSTOM_AUTH',
				ClientId: CLIENT_ID,
				AuthParameters: { CUSTOM: 'x', USERNAME: 'alice' },
				ClientMetadata: {},
			}),
		);
		expect(authParameters).toEqual({ CUSTOM: 'x', USERNAME: 'alice' });
		expect(cbs.customChallenge.mock.calls).toEqual([[{ q: '1' }]]);
		expect(user.Session).toBe('s9');
	});

	it('initiateAuth without a challenge caches the session; errors are reported', () => {
		const user = newUser();
		const tokens = authResult();
		service.reply({ data: { AuthenticationResult: tokens } });
		const cbs = callbacks();
		user.initiateAuth(new AuthenticationDetails({ Username: 'alice' }), cbs);
		expect(calledMembers(cbs)).toEqual({ onSuccess: 1 });
		expect(storage.data.get(`${PREFIX}.alice.idToken`)).toBe(tokens.IdToken);
		const error = serviceError('NotAuthorizedException');
		service.reply({ error });
		const cbs2 = callbacks();
		user.initiateAuth(new AuthenticationDetails({ Username: 'alice' }), cbs2);
		expect(cbs2.onFailure.mock.calls).toEqual([[error]]);
		service.reply({ data: {} });
		const cbs3 = callbacks();
		user.initiateAuth(new AuthenticationDetails({ Username: 'alice' }), cbs3);
		expect(calledMembers(cbs3)).toEqual({ onFailure: 1 });
	});
});

describe('USER_PASSWORD_AUTH', () => {
	function plainUser(): CognitoUser {
		const user = newUser();
		user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
		return user;
	}

	it('sends the password in one round trip and computes no SRP value', () => {
		const largeA = vi.spyOn(AuthenticationHelper.prototype, 'getLargeAValue');
		const calcA = vi.spyOn(AuthenticationHelper.prototype, 'calculateA');
		const modPow = vi.spyOn(BigInteger.prototype, 'modPow');
		storage.setItem(`${PREFIX}.alice.deviceKey`, 'dev-p');
		const tokens = authResult();
		service.reply({ data: { AuthenticationResult: tokens } });
		const cbs = callbacks();
		plainUser().authenticateUser(details({ ClientMetadata: { k: 'v' } }), cbs);
		expect(service.sent[0]?.body).toBe(
			JSON.stringify({
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: CLIENT_ID,
				AuthParameters: { USERNAME: 'alice', PASSWORD: PASSWORD, DEVICE_KEY: 'dev-p' },
				ClientMetadata: { k: 'v' },
			}),
		);
		expect(calledMembers(cbs)).toEqual({ onSuccess: 1 });
		expect(largeA).not.toHaveBeenCalled();
		expect(calcA).not.toHaveBeenCalled();
		expect(modPow).not.toHaveBeenCalled();
	});

	it('requires a password', () => {
		const cbs = callbacks();
		plainUser().authenticateUser(new AuthenticationDetails({ Username: 'alice' }), cbs);
		expect(cbs.onFailure.mock.calls[0]?.[0].message).toBe('PASSWORD parameter is required');
		expect(service.sent).toEqual([]);
	});

	it('reports an error', () => {
		const error = serviceError('NotAuthorizedException');
		service.reply({ error });
		const cbs = callbacks();
		plainUser().authenticateUser(details(), cbs);
		expect(cbs.onFailure.mock.calls).toEqual([[error]]);
	});

	it('a new device is still confirmed (the helper is created only then)', () => {
		const generate = vi.spyOn(AuthenticationHelper.prototype, 'generateHashDevice');
		service.reply(
			{
				data: {
					AuthenticationResult: {
						...authResult(),
						NewDeviceMetadata: { DeviceKey: 'dk', DeviceGroupKey: 'gk' },
					},
				},
			},
			{ data: { UserConfirmationNecessary: true } },
		);
		const cbs = callbacks();
		plainUser().authenticateUser(details(), cbs);
		expect(generate).toHaveBeenCalledTimes(1);
		expect(generate.mock.calls[0]?.slice(0, 2)).toEqual(['gk', 'dk']);
		expect(service.sent.map((s) => s.operation)).toEqual(['InitiateAuth', 'ConfirmDevice']);
		expect(cbs.onSuccess.mock.calls[0]?.[1]).toBe(true);
	});

	const challenges: Array<[string, keyof Callbacks, unknown[]]> = [
		['SMS_MFA', 'mfaRequired', ['SMS_MFA', { CODE_DELIVERY_DESTINATION: '+1***' }]],
		['SELECT_MFA_TYPE', 'selectMFAType', ['SELECT_MFA_TYPE', { MFAS_CAN_CHOOSE: '["SMS_MFA"]' }]],
		['MFA_SETUP', 'mfaSetup', ['MFA_SETUP', { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' }]],
		['SOFTWARE_TOKEN_MFA', 'totpRequired', ['SOFTWARE_TOKEN_MFA', { x: '1' }]],
		['CUSTOM_CHALLENGE', 'customChallenge', [{ x: '2' }]],
	];

	it.each(challenges)('%s goes to %s with the challenge Session kept', (name, member, args) => {
		const params = args.at(-1);
		service.reply({
			data: { ChallengeName: name, ChallengeParameters: params, Session: `sess-${name}` },
		});
		const user = plainUser();
		const cbs = callbacks();
		user.authenticateUser(details(), cbs);
		expect(calledMembers(cbs)).toEqual({ [member]: 1 });
		expect(cbs[member].mock.calls[0]).toEqual(args);
		expect(user.Session).toBe(`sess-${name}`);
		expect(user.signInUserSession).toBeNull();

		// Without that callback the app hears about it through onFailure (upstream threw).
		service.reply({ data: { ChallengeName: name, ChallengeParameters: params, Session: 's' } });
		const partial = { onSuccess: vi.fn(), onFailure: vi.fn() };
		expect(() => plainUser().authenticateUser(details(), partial)).not.toThrow();
		expect(partial.onFailure).toHaveBeenCalledTimes(1);
		expect(partial.onFailure.mock.calls[0]?.[0].message).toContain(member);
	});

	it('NEW_PASSWORD_REQUIRED parses the attributes and strips the prefix', () => {
		service.reply({
			data: {
				ChallengeName: 'NEW_PASSWORD_REQUIRED',
				Session: 'np',
				ChallengeParameters: {
					userAttributes: '{"email":"a@x","email_verified":"true"}',
					requiredAttributes: '["userAttributes.name","userAttributes.family_name"]',
				},
			},
		});
		const user = plainUser();
		const cbs = callbacks();
		user.authenticateUser(details(), cbs);
		expect(cbs.newPasswordRequired.mock.calls).toEqual([
			[{ email: 'a@x', email_verified: 'true' }, ['name', 'family_name']],
		]);
		expect(user.Session).toBe('np');
	});

	it('NEW_PASSWORD_REQUIRED with unparsable parameters fails cleanly', () => {
		service.reply({
			data: {
				ChallengeName: 'NEW_PASSWORD_REQUIRED',
				ChallengeParameters: { userAttributes: '{oops' },
			},
		});
		const cbs = callbacks();
		plainUser().authenticateUser(details(), cbs);
		expect(calledMembers(cbs)).toEqual({ onFailure: 1 });
	});

	it('a reply without challenge or tokens fails instead of faking a session', () => {
		service.reply({ data: {} });
		const cbs = callbacks();
		const user = plainUser();
		user.authenticateUser(details(), cbs);
		expect(calledMembers(cbs)).toEqual({ onFailure: 1 });
		expect(user.signInUserSession).toBeNull();
	});
});

describe('completeNewPasswordChallenge', () => {
	it('sends prefixed attributes, NEW_PASSWORD and USERNAME without any SRP math', () => {
		const largeA = vi.spyOn(AuthenticationHelper.prototype, 'getLargeAValue');
		const modPow = vi.spyOn(BigInteger.prototype, 'modPow');
		const user = newUser();
		user.Session = 'np-session';
		service.reply({ data: { AuthenticationResult: authResult() } });
		const cbs = callbacks();
		user.completeNewPasswordChallenge('N3w$pass', { name: 'Alice', family_name: 'A' }, cbs, {
			m: '1',
		});
		expect(service.sent[0]?.body).toBe(
			JSON.stringify({
				ChallengeName: 'NEW_PASSWORD_REQUIRED',
				ClientId: CLIENT_ID,
				ChallengeResponses: {
					'userAttributes.name': 'Alice',
					'userAttributes.family_name': 'A',
					NEW_PASSWORD: 'N3w$pass',
					USERNAME: 'alice',
				},
				Session: 'np-session',
				ClientMetadata: { m: '1' },
			}),
		);
		expect(calledMembers(cbs)).toEqual({ onSuccess: 1 });
		expect(largeA).not.toHaveBeenCalled();
		expect(modPow).not.toHaveBeenCalled();
	});

	it('requires a password and reports errors', () => {
		const cbs = callbacks();
		newUser().completeNewPasswordChallenge('', null, cbs);
		expect(cbs.onFailure.mock.calls[0]?.[0].message).toBe('New password is required.');
		const error = serviceError('InvalidPasswordException');
		service.reply({ error });
		const cbs2 = callbacks();
		newUser().completeNewPasswordChallenge('x', undefined, cbs2);
		expect(service.sent[0]?.params.ChallengeResponses).toEqual({
			NEW_PASSWORD: 'x',
			USERNAME: 'alice',
		});
		expect(cbs2.onFailure.mock.calls).toEqual([[error]]);
	});
});

describe('sendMFACode', () => {
	it('SMS: sends SMS_MFA_CODE and caches the session', () => {
		const user = newUser();
		user.Session = 'mfa';
		const tokens = authResult();
		service.reply({ data: { AuthenticationResult: tokens } });
		const cbs = callbacks();
		user.sendMFACode('123456', cbs, undefined, { m: '1' });
		expect(service.sent[0]?.body).toBe(
			JSON.stringify({
				ChallengeName: 'SMS_MFA',
				ChallengeResponses: { USERNAME: 'alice', SMS_MFA_CODE: '123456' },
				ClientId: CLIENT_ID,
				Session: 'mfa',
				ClientMetadata: { m: '1' },
			}),
		);
		expect(calledMembers(cbs)).toEqual({ onSuccess: 1 });
		expect(storage.data.get(`${PREFIX}.alice.accessToken`)).toBe(tokens.AccessToken);
	});

	it('TOTP: sends both code fields and the known device', () => {
		const user = newUser();
		user.deviceKey = 'dev-t';
		service.reply({ data: { AuthenticationResult: authResult() } });
		user.sendMFACode('654321', callbacks(), 'SOFTWARE_TOKEN_MFA');
		expect(service.sent[0]?.body).toBe(
			JSON.stringify({
				ChallengeName: 'SOFTWARE_TOKEN_MFA',
				ChallengeResponses: {
					USERNAME: 'alice',
					SMS_MFA_CODE: '654321',
					SOFTWARE_TOKEN_MFA_CODE: '654321',
					DEVICE_KEY: 'dev-t',
				},
				ClientId: CLIENT_ID,
				Session: null,
			}),
		);
	});

	it('confirms a new device after MFA, synchronously', () => {
		service.reply(
			{
				data: {
					AuthenticationResult: {
						...authResult(),
						NewDeviceMetadata: { DeviceKey: 'dk2', DeviceGroupKey: 'gk2' },
					},
				},
			},
			{ data: { UserConfirmationNecessary: true } },
		);
		const user = newUser();
		const cbs = callbacks();
		user.sendMFACode('1', cbs);
		expect(service.sent.map((s) => s.operation)).toEqual([
			'RespondToAuthChallenge',
			'ConfirmDevice',
		]);
		expect(cbs.onSuccess.mock.calls[0]).toEqual([user.signInUserSession, true]);
		expect(storage.data.get(`${PREFIX}.alice.deviceKey`)).toBe('dk2');
		expect(storage.data.get(`${PREFIX}.alice.deviceGroupKey`)).toBe('gk2');
	});

	it('continues with device SRP when asked, without updating Session (as upstream)', () => {
		const user = newUser();
		user.Session = 'before';
		user.deviceKey = 'dk';
		user.deviceGroupKey = 'gk';
		user.randomPassword = 'pw';
		const server = new SrpServer(userAccount('gk', 'dk', 'pw'));
		let deviceA = '';
		service.fallback = (operation, params) => {
			const r = params.ChallengeResponses as Record<string, string>;
			if (params.ChallengeName === 'SMS_MFA') {
				return { data: { ChallengeName: 'DEVICE_SRP_AUTH', Session: 'after' } };
			}
			if (params.ChallengeName === 'DEVICE_SRP_AUTH') {
				deviceA = r.SRP_A ?? '';
				return { data: { ChallengeParameters: server.challenge(), Session: 'd2' } };
			}
			if (params.ChallengeName === 'DEVICE_PASSWORD_VERIFIER' && server.verify(deviceA, r)) {
				return { data: { AuthenticationResult: authResult() } };
			}
			return { error: new Error(`unexpected ${operation}`) };
		};
		const cbs = callbacks();
		user.sendMFACode('1', cbs);
		expect(calledMembers(cbs)).toEqual({ onSuccess: 1 });
		expect(service.sent[1]?.params.Session).toBe('before');
	});

	it('reports errors', () => {
		const error = serviceError('CodeMismatchException');
		service.reply({ error });
		const cbs = callbacks();
		newUser().sendMFACode('1', cbs);
		expect(cbs.onFailure.mock.calls).toEqual([[error]]);
	});
});

describe('sendMFASelectionAnswer', () => {
	it.each([
		['SMS_MFA', 'mfaRequired'],
		['SOFTWARE_TOKEN_MFA', 'totpRequired'],
	] as const)('%s leads to %s and keeps the new Session', (answer, member) => {
		const user = newUser();
		user.Session = 'select';
		pool.getUserContextData = () => ({ EncodedData: 'c' });
		service.reply({
			data: { ChallengeName: answer, ChallengeParameters: { p: '1' }, Session: 'next' },
		});
		const cbs = callbacks();
		user.sendMFASelectionAnswer(answer, cbs);
		expect(service.sent[0]?.body).toBe(
			JSON.stringify({
				ChallengeName: 'SELECT_MFA_TYPE',
				ChallengeResponses: { USERNAME: 'alice', ANSWER: answer },
				ClientId: CLIENT_ID,
				Session: 'select',
				UserContextData: { EncodedData: 'c' },
			}),
		);
		expect(cbs[member].mock.calls).toEqual([[answer, { p: '1' }]]);
		expect(user.Session).toBe('next');
	});

	it('an unknown answer fails through onFailure instead of never calling back', () => {
		service.reply({ data: { ChallengeName: 'EMAIL_OTP', Session: 'n' } });
		const cbs = callbacks();
		newUser().sendMFASelectionAnswer('EMAIL_OTP', cbs);
		expect(calledMembers(cbs)).toEqual({ onFailure: 1 });
		expect(cbs.onFailure.mock.calls[0]?.[0].message).toContain('EMAIL_OTP');
	});

	it('reports errors', () => {
		const error = serviceError('InvalidParameterException');
		service.reply({ error });
		const cbs = callbacks();
		newUser().sendMFASelectionAnswer('SMS_MFA', cbs);
		expect(cbs.onFailure.mock.calls).toEqual([[error]]);
	});
});

describe('README flows that pass `this` along', () => {
	it('use case 27: SELECT_MFA_TYPE → sendMFASelectionAnswer(this) → totpRequired → sendMFACode(this)', () => {
		service.reply(
			{ data: { ChallengeName: 'SELECT_MFA_TYPE', ChallengeParameters: {}, Session: 's1' } },
			{ data: { ChallengeName: 'SOFTWARE_TOKEN_MFA', ChallengeParameters: {}, Session: 's2' } },
			{ data: { AuthenticationResult: authResult() } },
		);
		const cognitoUser = newUser();
		cognitoUser.setAuthenticationFlowType('USER_PASSWORD_AUTH');
		const onSuccess = vi.fn();
		const onFailure = vi.fn();
		cognitoUser.authenticateUser(details(), {
			onSuccess,
			onFailure,
			selectMFAType(this: IAuthenticationCallback) {
				cognitoUser.sendMFASelectionAnswer('SOFTWARE_TOKEN_MFA', this);
			},
			totpRequired(this: IAuthenticationCallback) {
				cognitoUser.sendMFACode('123456', this, 'SOFTWARE_TOKEN_MFA');
			},
		});
		expect(onFailure).not.toHaveBeenCalled();
		expect(onSuccess).toHaveBeenCalledTimes(1);
		expect(service.sent.map((s) => s.params.ChallengeName ?? s.params.AuthFlow)).toEqual([
			'USER_PASSWORD_AUTH',
			'SELECT_MFA_TYPE',
			'SOFTWARE_TOKEN_MFA',
		]);
		expect(service.sent[2]?.params.Session).toBe('s2');
	});

	it('use case 27: MFA_SETUP → associateSoftwareToken(this) → verifySoftwareToken(this)', () => {
		service.reply(
			{ data: { ChallengeName: 'MFA_SETUP', ChallengeParameters: {}, Session: 's1' } },
			{ data: { SecretCode: 'TOTPSECRET', Session: 's2' } },
			{ data: { Status: 'SUCCESS', Session: 's3' } },
			{ data: { AuthenticationResult: authResult() } },
		);
		const cognitoUser = newUser();
		cognitoUser.setAuthenticationFlowType('USER_PASSWORD_AUTH');
		const onSuccess = vi.fn();
		const secrets: string[] = [];
		const callbacks = {
			onSuccess,
			onFailure: vi.fn(),
			mfaSetup(this: never) {
				cognitoUser.associateSoftwareToken(this);
			},
			associateSecretCode(this: never, secretCode: string) {
				secrets.push(secretCode);
				cognitoUser.verifySoftwareToken('123456', 'My TOTP device', this);
			},
		};
		cognitoUser.authenticateUser(details(), callbacks);
		expect(secrets).toEqual(['TOTPSECRET']);
		expect(onSuccess).toHaveBeenCalledTimes(1);
		expect(service.sent.map((s) => s.operation)).toEqual([
			'InitiateAuth',
			'AssociateSoftwareToken',
			'VerifySoftwareToken',
			'RespondToAuthChallenge',
		]);
		expect(service.sent.map((s) => s.params.Session)).toEqual([undefined, 's1', 's2', 's3']);
	});

	it('use case 23: completeNewPasswordChallenge without callbacks still signs in and throws nothing', () => {
		const cognitoUser = newUser();
		cognitoUser.Session = 'np';
		service.reply({ data: { AuthenticationResult: authResult() } });
		expect(() =>
			cognitoUser.completeNewPasswordChallenge('N3w$pass', { name: 'A' }, undefined as never),
		).not.toThrow();
		expect(cognitoUser.signInUserSession?.isValid()).toBe(true);
		expect(() =>
			cognitoUser.completeNewPasswordChallenge('', {}, undefined as never),
		).not.toThrow();
	});
});
