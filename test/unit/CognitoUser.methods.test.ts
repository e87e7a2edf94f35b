// Every single-request method: the exact action and body (key order included), the callback on
// success, on a service error, and without a valid session.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CognitoAccessToken from '../../src/CognitoAccessToken';
import CognitoIdToken from '../../src/CognitoIdToken';
import CognitoRefreshToken from '../../src/CognitoRefreshToken';
import CognitoUser from '../../src/CognitoUser';
import CognitoUserAttribute from '../../src/CognitoUserAttribute';
import CognitoUserSession from '../../src/CognitoUserSession';
import {
	CLIENT_ID,
	PREFIX,
	RecordingStorage,
	authResult,
	fakeService,
	serviceError,
	settle,
	stubPool,
} from './CognitoUser.kit';
import type { FakeService, StubPool } from './CognitoUser.kit';

const CONTEXT = { EncodedData: 'ctx-data' };

let service: FakeService;
let pool: StubPool;
let storage: RecordingStorage;
let user: CognitoUser;
let access: string;

function sessionFrom(result: ReturnType<typeof authResult>): CognitoUserSession {
	return new CognitoUserSession({
		IdToken: new CognitoIdToken(result),
		AccessToken: new CognitoAccessToken(result),
		RefreshToken: new CognitoRefreshToken(result),
	});
}

function signIn(): void {
	const result = authResult();
	access = result.AccessToken;
	user.signInUserSession = sessionFrom(result);
}

beforeEach(() => {
	service = fakeService();
	storage = new RecordingStorage();
	pool = stubPool({ storage, getUserContextData: () => CONTEXT });
	user = new CognitoUser({ Username: 'alice', Pool: pool as never, Storage: storage });
});

afterEach(() => {
	vi.restoreAllMocks();
});

type Kind = 'node' | 'object';

interface Case {
	method: string;
	action: string;
	kind: Kind;
	/** null: the method has no "not authenticated" guard. */
	guarded: boolean;
	invoke(user: CognitoUser, callback: never): void;
	body(): Record<string, unknown>;
	response?: unknown;
	/** Arguments after `null` (node) or of onSuccess (object). */
	success(response: unknown): unknown[];
}

const SUCCESS = (): unknown[] => ['SUCCESS'];
const ECHO = (response: unknown): unknown[] => [response];

const cases: Case[] = [
	{
		method: 'confirmRegistration',
		action: 'ConfirmSignUp',
		kind: 'node',
		guarded: false,
		invoke: (u, cb) => u.confirmRegistration('123456', true, cb, { m: '1' }),
		body: () => ({
			ClientId: CLIENT_ID,
			ConfirmationCode: '123456',
			Username: 'alice',
			ForceAliasCreation: true,
			ClientMetadata: { m: '1' },
			UserContextData: CONTEXT,
		}),
		success: SUCCESS,
	},
	{
		method: 'resendConfirmationCode',
		action: 'ResendConfirmationCode',
		kind: 'node',
		guarded: false,
		invoke: (u, cb) => u.resendConfirmationCode(cb, { m: '2' }),
		body: () => ({ ClientId: CLIENT_ID, Username: 'alice', ClientMetadata: { m: '2' } }),
		response: {
			CodeDeliveryDetails: { DeliveryMedium: 'EMAIL', Destination: 'a***', AttributeName: 'email' },
		},
		success: ECHO,
	},
	{
		method: 'forgotPassword',
		action: 'ForgotPassword',
		kind: 'object',
		guarded: false,
		invoke: (u, cb) => u.forgotPassword(cb, { m: '3' }),
		body: () => ({
			ClientId: CLIENT_ID,
			Username: 'alice',
			ClientMetadata: { m: '3' },
			UserContextData: CONTEXT,
		}),
		response: { CodeDeliveryDetails: { DeliveryMedium: 'SMS' } },
		success: ECHO,
	},
	{
		method: 'confirmPassword',
		action: 'ConfirmForgotPassword',
		kind: 'object',
		guarded: false,
		invoke: (u, cb) => u.confirmPassword('654321', 'N3w!pass', cb, { m: '4' }),
		body: () => ({
			ClientId: CLIENT_ID,
			Username: 'alice',
			ConfirmationCode: '654321',
			Password: 'N3w!pass',
			ClientMetadata: { m: '4' },
			UserContextData: CONTEXT,
		}),
		success: SUCCESS,
	},
	{
		method: 'changePassword',
		action: 'ChangePassword',
		kind: 'node',
		guarded: true,
		invoke: (u, cb) => u.changePassword('old', 'new', cb, { m: '5' }),
		body: () => ({
			PreviousPassword: 'old',
			ProposedPassword: 'new',
			AccessToken: access,
			ClientMetadata: { m: '5' },
		}),
		success: SUCCESS,
	},
	{
		method: 'enableMFA',
		action: 'SetUserSettings',
		kind: 'node',
		guarded: true,
		invoke: (u, cb) => u.enableMFA(cb),
		body: () => ({
			MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }],
			AccessToken: access,
		}),
		success: SUCCESS,
	},
	{
		method: 'disableMFA',
		action: 'SetUserSettings',
		kind: 'node',
		guarded: true,
		invoke: (u, cb) => u.disableMFA(cb),
		body: () => ({ MFAOptions: [], AccessToken: access }),
		success: SUCCESS,
	},
	{
		method: 'setUserMfaPreference',
		action: 'SetUserMFAPreference',
		kind: 'node',
		guarded: true,
		invoke: (u, cb) => u.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, cb),
		body: () => ({
			SMSMfaSettings: null,
			SoftwareTokenMfaSettings: { PreferredMfa: true, Enabled: true },
			AccessToken: access,
		}),
		success: SUCCESS,
	},
	{
		method: 'getMFAOptions',
		action: 'GetUser',
		kind: 'node',
		guarded: true,
		invoke: (u, cb) => u.getMFAOptions(cb),
		body: () => ({ AccessToken: access }),
		response: { MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] },
		success: (r) => [(r as { MFAOptions: unknown }).MFAOptions],
	},
	{
		method: 'deleteUser',
		action: 'DeleteUser',
		kind: 'node',
		guarded: true,
		invoke: (u, cb) => u.deleteUser(cb, { m: '6' }),
		body: () => ({ AccessToken: access, ClientMetadata: { m: '6' } }),
		success: SUCCESS,
	},
	{
		method: 'getAttributeVerificationCode',
		action: 'GetUserAttributeVerificationCode',
		kind: 'object',
		guarded: true,
		invoke: (u, cb) => u.getAttributeVerificationCode('email', cb, { m: '7' }),
		body: () => ({ AttributeName: 'email', AccessToken: access, ClientMetadata: { m: '7' } }),
		response: { CodeDeliveryDetails: { DeliveryMedium: 'EMAIL' } },
		success: SUCCESS,
	},
	{
		method: 'verifyAttribute',
		action: 'VerifyUserAttribute',
		kind: 'object',
		guarded: true,
		invoke: (u, cb) => u.verifyAttribute('email', '111', cb),
		body: () => ({ AttributeName: 'email', Code: '111', AccessToken: access }),
		success: SUCCESS,
	},
	{
		method: 'getDevice',
		action: 'GetDevice',
		kind: 'object',
		guarded: true,
		invoke: (u, cb) => {
			u.deviceKey = 'dev-1';
			u.getDevice(cb);
		},
		body: () => ({ AccessToken: access, DeviceKey: 'dev-1' }),
		response: { Device: { DeviceKey: 'dev-1' } },
		success: ECHO,
	},
	{
		method: 'forgetSpecificDevice',
		action: 'ForgetDevice',
		kind: 'object',
		guarded: true,
		invoke: (u, cb) => u.forgetSpecificDevice('dev-9', cb),
		body: () => ({ AccessToken: access, DeviceKey: 'dev-9' }),
		success: SUCCESS,
	},
	{
		method: 'forgetDevice',
		action: 'ForgetDevice',
		kind: 'object',
		guarded: true,
		invoke: (u, cb) => {
			u.deviceKey = 'dev-2';
			u.forgetDevice(cb);
		},
		body: () => ({ AccessToken: access, DeviceKey: 'dev-2' }),
		success: SUCCESS,
	},
	{
		method: 'setDeviceStatusRemembered',
		action: 'UpdateDeviceStatus',
		kind: 'object',
		guarded: true,
		invoke: (u, cb) => {
			u.deviceKey = 'dev-3';
			u.setDeviceStatusRemembered(cb);
		},
		body: () => ({ AccessToken: access, DeviceKey: 'dev-3', DeviceRememberedStatus: 'remembered' }),
		success: SUCCESS,
	},
	{
		method: 'setDeviceStatusNotRemembered',
		action: 'UpdateDeviceStatus',
		kind: 'object',
		guarded: true,
		invoke: (u, cb) => {
			u.deviceKey = 'dev-3';
			u.setDeviceStatusNotRemembered(cb);
		},
		body: () => ({
			AccessToken: access,
			DeviceKey: 'dev-3',
			DeviceRememberedStatus: 'not_remembered',
		}),
		success: SUCCESS,
	},
	{
		method: 'listDevices (first page)',
		action: 'ListDevices',
		kind: 'object',
		guarded: true,
		invoke: (u, cb) => u.listDevices(10, null, cb),
		body: () => ({ AccessToken: access, Limit: 10 }),
		response: { Devices: [], PaginationToken: 'next' },
		success: ECHO,
	},
	{
		method: 'listDevices (next page)',
		action: 'ListDevices',
		kind: 'object',
		guarded: true,
		invoke: (u, cb) => u.listDevices(5, 'next', cb),
		body: () => ({ AccessToken: access, Limit: 5, PaginationToken: 'next' }),
		response: { Devices: [{ DeviceKey: 'd' }] },
		success: ECHO,
	},
	{
		method: 'globalSignOut',
		action: 'GlobalSignOut',
		kind: 'object',
		guarded: true,
		invoke: (u, cb) => u.globalSignOut(cb),
		body: () => ({ AccessToken: access }),
		success: SUCCESS,
	},
	{
		method: 'associateSoftwareToken (signed in)',
		action: 'AssociateSoftwareToken',
		kind: 'object',
		guarded: false,
		invoke: (u, cb) => {
			const callbacks = cb as unknown as { onSuccess: never; onFailure: never };
			u.associateSoftwareToken({
				associateSecretCode: callbacks.onSuccess,
				onFailure: callbacks.onFailure,
			});
		},
		body: () => ({ AccessToken: access }),
		response: { SecretCode: 'SECRET' },
		success: () => ['SECRET'],
	},
	{
		method: 'verifySoftwareToken (signed in)',
		action: 'VerifySoftwareToken',
		kind: 'object',
		guarded: false,
		invoke: (u, cb) => u.verifySoftwareToken('123456', 'phone', cb),
		body: () => ({ AccessToken: access, UserCode: '123456', FriendlyDeviceName: 'phone' }),
		response: { Status: 'SUCCESS' },
		success: ECHO,
	},
];

function callbackFor(kind: Kind): {
	arg: never;
	succeeded: () => unknown[][];
	failed: () => unknown[][];
	all: () => number;
} {
	if (kind === 'node') {
		const cb = vi.fn();
		return {
			arg: cb as never,
			succeeded: () => cb.mock.calls.filter((c) => c[0] === null).map((c) => c.slice(1)),
			failed: () => cb.mock.calls.filter((c) => c[0] !== null),
			all: () => cb.mock.calls.length,
		};
	}
	const onSuccess = vi.fn();
	const onFailure = vi.fn();
	return {
		arg: { onSuccess, onFailure } as never,
		succeeded: () => onSuccess.mock.calls,
		failed: () => onFailure.mock.calls,
		all: () => onSuccess.mock.calls.length + onFailure.mock.calls.length,
	};
}

describe.each(cases)('$method', (c) => {
	it(`sends ${c.action} with the exact body and reports success`, async () => {
		signIn();
		const response = c.response ?? {};
		service.reply({ data: response });
		const cb = callbackFor(c.kind);
		const returned = c.invoke(user, cb.arg) as unknown;
		await settle();
		expect(returned).toBeUndefined();
		expect(service.sent.map((s) => s.operation)).toEqual([c.action]);
		expect(service.sent[0]?.body).toBe(JSON.stringify(c.body()));
		expect(cb.succeeded()).toEqual([c.success(response)]);
		expect(cb.all()).toBe(1);
	});

	it('reports a service error once', () => {
		signIn();
		const error = serviceError('InternalErrorException', 'boom');
		service.reply({ error });
		const cb = callbackFor(c.kind);
		c.invoke(user, cb.arg);
		expect(cb.failed()).toHaveLength(1);
		expect(cb.failed()[0]?.[0]).toBe(error);
		if (c.kind === 'node') expect(cb.failed()[0]?.[1]).toBeNull();
		expect(cb.all()).toBe(1);
	});

	if (c.guarded) {
		it('fails synchronously without a valid session, sending nothing', () => {
			const cb = callbackFor(c.kind);
			c.invoke(user, cb.arg);
			expect(service.sent).toEqual([]);
			expect(cb.failed()).toHaveLength(1);
			expect((cb.failed()[0]?.[0] as Error).message).toBe('User is not authenticated');
			if (c.kind === 'node') expect(cb.failed()[0]?.[1]).toBeNull();

			// An expired session counts as none.
			const expired = authResult({ iat: 1000, exp: 2000 });
			user.signInUserSession = new CognitoUserSession({
				IdToken: new CognitoIdToken(expired),
				AccessToken: new CognitoAccessToken(expired),
				ClockDrift: 0,
			});
			const again = callbackFor(c.kind);
			c.invoke(user, again.arg);
			expect(service.sent).toEqual([]);
			expect((again.failed()[0]?.[0] as Error).message).toBe('User is not authenticated');
		});
	}
});

describe('method specifics', () => {
	it('forgotPassword calls inputVerificationCode instead of onSuccess when given', () => {
		const data = { CodeDeliveryDetails: { DeliveryMedium: 'SMS' } };
		service.reply({ data });
		const cbs = { onSuccess: vi.fn(), onFailure: vi.fn(), inputVerificationCode: vi.fn() };
		user.forgotPassword(cbs);
		expect(cbs.inputVerificationCode).toHaveBeenCalledWith(data);
		expect(cbs.onSuccess).not.toHaveBeenCalled();
	});

	it('getAttributeVerificationCode calls inputVerificationCode with the data when given', () => {
		signIn();
		const data = { CodeDeliveryDetails: { DeliveryMedium: 'EMAIL' } };
		service.reply({ data });
		const cbs = { onSuccess: vi.fn(), onFailure: vi.fn(), inputVerificationCode: vi.fn() };
		user.getAttributeVerificationCode('email', cbs);
		expect(cbs.inputVerificationCode).toHaveBeenCalledWith(data);
		expect(cbs.onSuccess).not.toHaveBeenCalled();
	});

	it('omits UserContextData when the pool has none', () => {
		pool.getUserContextData = () => undefined;
		service.reply({ data: {} });
		user.confirmRegistration('1', false, vi.fn());
		expect(service.sent[0]?.body).toBe(
			JSON.stringify({
				ClientId: CLIENT_ID,
				ConfirmationCode: '1',
				Username: 'alice',
				ForceAliasCreation: false,
			}),
		);
	});

	it('getUserAttributes maps the attributes to CognitoUserAttribute', () => {
		signIn();
		service.reply({
			data: {
				UserAttributes: [
					{ Name: 'email', Value: 'a@x' },
					{ Name: 'sub', Value: 's-1' },
				],
			},
		});
		const cb = vi.fn();
		user.getUserAttributes(cb);
		expect(service.sent[0]?.body).toBe(JSON.stringify({ AccessToken: access }));
		const [err, attributes] = cb.mock.calls[0] as [null, CognitoUserAttribute[]];
		expect(err).toBeNull();
		expect(attributes.map((a) => a instanceof CognitoUserAttribute)).toEqual([true, true]);
		expect(attributes.map((a) => a.toJSON())).toEqual([
			{ Name: 'email', Value: 'a@x' },
			{ Name: 'sub', Value: 's-1' },
		]);
	});

	it('getUserAttributes reports a malformed reply as a failure instead of throwing', () => {
		signIn();
		service.reply({ data: { UserAttributes: 'nope' } });
		const cb = vi.fn();
		user.getUserAttributes(cb);
		expect(cb).toHaveBeenCalledTimes(1);
		expect(cb.mock.calls[0]?.[0]).toBeInstanceOf(Error);
	});

	it('deleteUser clears the cached tokens and user data but keeps device keys', () => {
		signIn();
		user.cacheTokens();
		storage.setItem(`${PREFIX}.alice.userData`, '{}');
		storage.setItem(`${PREFIX}.alice.deviceKey`, 'dev');
		service.reply({ data: {} });
		const cb = vi.fn();
		user.deleteUser(cb);
		expect(cb).toHaveBeenCalledWith(null, 'SUCCESS');
		expect([...storage.data.keys()]).toEqual([`${PREFIX}.alice.deviceKey`]);
	});

	it('globalSignOut clears storage but leaves signInUserSession in memory', () => {
		signIn();
		user.cacheTokens();
		const session = user.signInUserSession;
		service.reply({ data: {} });
		user.globalSignOut({ onSuccess: vi.fn(), onFailure: vi.fn() });
		expect(storage.data.size).toBe(0);
		expect(user.signInUserSession).toBe(session);
	});

	it('forgetDevice drops the device keys from memory and storage', () => {
		signIn();
		user.deviceKey = 'dev';
		user.deviceGroupKey = 'grp';
		user.randomPassword = 'pw';
		user.cacheDeviceKeyAndPassword();
		service.reply({ data: {} });
		const cbs = { onSuccess: vi.fn(), onFailure: vi.fn() };
		user.forgetDevice(cbs);
		expect(cbs.onSuccess).toHaveBeenCalledWith('SUCCESS');
		expect(user.deviceKey).toBeNull();
		expect(user.deviceGroupKey).toBeNull();
		expect(user.randomPassword).toBeNull();
		expect(storage.data.size).toBe(0);
		expect(storage.writes().slice(-3)).toEqual([
			`remove ${PREFIX}.alice.deviceKey`,
			`remove ${PREFIX}.alice.randomPasswordKey`,
			`remove ${PREFIX}.alice.deviceGroupKey`,
		]);
	});

	it('updateAttributes refreshes the user data and calls back (null, SUCCESS, result)', async () => {
		signIn();
		const attrs = [
			new CognitoUserAttribute({ Name: 'email', Value: 'b@x' }),
			{ Name: 'x', Value: 'y' },
		];
		const result = { CodeDeliveryDetailsList: [{ AttributeName: 'email' }] };
		const userData = { Username: 'alice', UserAttributes: [] };
		service.reply({ data: result }, { data: userData });
		const cb = vi.fn();
		user.updateAttributes(attrs, cb, { m: '8' });
		await settle();
		expect(service.sent.map((s) => s.operation)).toEqual(['UpdateUserAttributes', 'GetUser']);
		expect(service.sent[0]?.body).toBe(
			JSON.stringify({
				AccessToken: access,
				UserAttributes: [
					{ Name: 'email', Value: 'b@x' },
					{ Name: 'x', Value: 'y' },
				],
				ClientMetadata: { m: '8' },
			}),
		);
		expect(cb.mock.calls).toEqual([[null, 'SUCCESS', result]]);
		expect(storage.data.get(`${PREFIX}.alice.userData`)).toBe(JSON.stringify(userData));
	});

	it('updateAttributes ignores a failure of the user-data refresh, as the original does', async () => {
		signIn();
		service.reply({ data: {} }, { error: serviceError('InternalErrorException') });
		const cb = vi.fn();
		user.updateAttributes([], cb);
		await settle();
		expect(cb.mock.calls).toEqual([[null, 'SUCCESS', {}]]);
	});

	it('updateAttributes: errors and the guard', () => {
		const cb = vi.fn();
		user.updateAttributes([], cb);
		expect(cb.mock.calls[0]?.[0].message).toBe('User is not authenticated');
		signIn();
		const error = serviceError('InvalidParameterException');
		service.reply({ error });
		const cb2 = vi.fn();
		user.updateAttributes([], cb2);
		expect(cb2.mock.calls).toEqual([[error, null]]);
	});

	it('deleteAttributes sends the names then calls back (null, SUCCESS) after GetUser', async () => {
		signIn();
		service.reply({ data: {} }, { data: { Username: 'alice' } });
		const cb = vi.fn();
		user.deleteAttributes(['nickname'], cb);
		await settle();
		expect(service.sent[0]?.body).toBe(
			JSON.stringify({ UserAttributeNames: ['nickname'], AccessToken: access }),
		);
		expect(cb.mock.calls).toEqual([[null, 'SUCCESS']]);
		const error = serviceError('InvalidParameterException');
		service.reply({ error });
		const cb2 = vi.fn();
		user.deleteAttributes(['x'], cb2);
		expect(cb2.mock.calls).toEqual([[error, null]]);
		user.signInUserSession = null;
		const cb3 = vi.fn();
		user.deleteAttributes(['x'], cb3);
		expect(cb3.mock.calls[0]?.[0].message).toBe('User is not authenticated');
	});

	it('associateSoftwareToken before sign-in uses and updates the challenge Session', () => {
		user.Session = 'mfa-setup-session';
		service.reply({ data: { SecretCode: 'ABC', Session: 'next-session' } });
		const cbs = { associateSecretCode: vi.fn(), onFailure: vi.fn() };
		user.associateSoftwareToken(cbs);
		expect(service.sent[0]?.body).toBe(JSON.stringify({ Session: 'mfa-setup-session' }));
		expect(cbs.associateSecretCode).toHaveBeenCalledWith('ABC');
		expect(user.Session).toBe('next-session');
		const error = serviceError('NotAuthorizedException');
		service.reply({ error });
		user.associateSoftwareToken(cbs);
		expect(cbs.onFailure).toHaveBeenCalledWith(error);
	});

	it('verifySoftwareToken during MFA_SETUP completes the sign-in', () => {
		user.Session = 's1';
		const tokens = authResult();
		service.reply(
			{ data: { Status: 'SUCCESS', Session: 's2' } },
			{ data: { AuthenticationResult: tokens } },
		);
		const cbs = { onSuccess: vi.fn(), onFailure: vi.fn() };
		user.verifySoftwareToken('123456', 'My phone', cbs);
		expect(service.sent.map((s) => s.body)).toEqual([
			JSON.stringify({ Session: 's1', UserCode: '123456', FriendlyDeviceName: 'My phone' }),
			JSON.stringify({
				ChallengeName: 'MFA_SETUP',
				ClientId: CLIENT_ID,
				ChallengeResponses: { USERNAME: 'alice' },
				Session: 's2',
				UserContextData: CONTEXT,
			}),
		]);
		expect(service.sent[1]?.operation).toBe('RespondToAuthChallenge');
		const session = cbs.onSuccess.mock.calls[0]?.[0] as CognitoUserSession;
		expect(session.getIdToken().getJwtToken()).toBe(tokens.IdToken);
		expect(user.signInUserSession).toBe(session);
		expect(storage.data.get(`${PREFIX}.alice.accessToken`)).toBe(tokens.AccessToken);
		expect(cbs.onFailure).not.toHaveBeenCalled();
	});

	it('verifySoftwareToken during MFA_SETUP reports either leg failing', () => {
		const error = serviceError('CodeMismatchException');
		service.reply({ error });
		const cbs = { onSuccess: vi.fn(), onFailure: vi.fn() };
		user.verifySoftwareToken('1', 'p', cbs);
		expect(cbs.onFailure).toHaveBeenCalledWith(error);
		const error2 = serviceError('NotAuthorizedException');
		service.reply({ data: { Session: 'x' } }, { error: error2 });
		const cbs2 = { onSuccess: vi.fn(), onFailure: vi.fn() };
		user.verifySoftwareToken('1', 'p', cbs2);
		expect(cbs2.onFailure.mock.calls).toEqual([[error2]]);
		expect(cbs2.onSuccess).not.toHaveBeenCalled();
	});
});

describe('with the real Client over a stubbed fetch', () => {
	it("an exception thrown by the app's callback is not delivered back as a failure", async () => {
		vi.restoreAllMocks(); // the real Client.prototype.request
		signIn();
		vi.stubGlobal('fetch', async () => new Response('{}', { status: 200 }));
		vi.useFakeTimers({ toFake: ['setTimeout'] });
		try {
			const cb = vi.fn(() => {
				throw new Error('app bug');
			});
			user.changePassword('a', 'b', cb);
			// Not vi.waitFor: with fake timers it would run the rethrow itself.
			for (let i = 0; i < 50 && cb.mock.calls.length === 0; i++) await settle();
			expect(() => vi.runOnlyPendingTimers()).toThrow('app bug');
			expect(cb.mock.calls).toEqual([[null, 'SUCCESS']]);
		} finally {
			vi.useRealTimers();
			vi.unstubAllGlobals();
		}
	});
});
