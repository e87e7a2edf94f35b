// The original's last behaviours that apps (and their tests) can observe: which helper and
// which of the user's own methods a flow goes through, and what a reply left empty by a test
// double leads to.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import AuthenticationHelper from '../../src/AuthenticationHelper';
import CognitoUser from '../../src/CognitoUser';
import type { IAuthenticationCallback } from '../../src/types';
import {
	RecordingStorage,
	authCallbacks,
	authResult,
	fakeService,
	stubPool,
} from './CognitoUser.kit';
import type { FakeService } from './CognitoUser.kit';

let service: FakeService;
let storage: RecordingStorage;
let user: CognitoUser;

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

const callbacks = authCallbacks;

const newPasswordReply = {
	ChallengeName: 'NEW_PASSWORD_REQUIRED',
	Session: 'np',
	ChallengeParameters: {
		userAttributes: JSON.stringify({ email: 'a@example.com' }),
		requiredAttributes: JSON.stringify(['custom:name', 'custom:phone']),
	},
};

describe('NEW_PASSWORD_REQUIRED takes the prefix from the AuthenticationHelper', () => {
	it('authenticateUserInternal strips the prefix the helper names', () => {
		const prefix = vi
			.spyOn(AuthenticationHelper.prototype, 'getNewPasswordRequiredChallengeUserAttributePrefix')
			.mockReturnValue('custom:');
		const cbs = callbacks();
		user.authenticateUserInternal(newPasswordReply, new AuthenticationHelper('Pool'), cbs);
		expect(prefix).toHaveBeenCalledTimes(1);
		expect(cbs.newPasswordRequired.mock.calls).toEqual([
			[{ email: 'a@example.com' }, ['name', 'phone']],
		]);
		expect(user.Session).toBe('np');
	});

	it('asks a helper for the pool when the flow has none (USER_PASSWORD_AUTH)', () => {
		const prefix = vi
			.spyOn(AuthenticationHelper.prototype, 'getNewPasswordRequiredChallengeUserAttributePrefix')
			.mockReturnValue('custom:');
		const cbs = callbacks();
		user.authenticateUserInternal(newPasswordReply, null, cbs);
		expect(prefix).toHaveBeenCalledTimes(1);
		expect(cbs.newPasswordRequired.mock.calls[0]?.[1]).toEqual(['name', 'phone']);
	});

	it('completeNewPasswordChallenge prefixes with the helper, which goes on with the reply', () => {
		vi.spyOn(
			AuthenticationHelper.prototype,
			'getNewPasswordRequiredChallengeUserAttributePrefix',
		).mockReturnValue('attr.');
		const internal = vi.spyOn(CognitoUser.prototype, 'authenticateUserInternal');
		service.reply({ data: { AuthenticationResult: authResult() } });
		const cbs = callbacks();
		user.completeNewPasswordChallenge('N3w$pass', { name: 'Alice' }, cbs);
		expect(service.sent[0]?.params.ChallengeResponses).toEqual({
			'attr.name': 'Alice',
			NEW_PASSWORD: 'N3w$pass',
			USERNAME: 'alice',
		});
		expect(internal.mock.calls[0]?.[1]).toBeInstanceOf(AuthenticationHelper);
		expect(cbs.onSuccess).toHaveBeenCalledTimes(1);
	});
});

describe('getDeviceResponse', () => {
	it("goes through the user's getCognitoUserSession and cacheTokens, once each", () => {
		user.deviceKey = 'dev-1';
		user.deviceGroupKey = 'group-1';
		user.randomPassword = 'secret';
		vi.spyOn(AuthenticationHelper.prototype, 'getPasswordAuthenticationKey').mockImplementation(
			(_u, _p, _b, _s, done) => done(null, new Uint8Array(16)),
		);
		const tokens = authResult();
		service.reply(
			{
				data: {
					ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
					ChallengeParameters: { SRP_B: '02', SALT: 'ab', SECRET_BLOCK: 'c2VjcmV0' },
					Session: 's2',
				},
			},
			{ data: { AuthenticationResult: tokens } },
		);
		const build = vi.spyOn(CognitoUser.prototype, 'getCognitoUserSession');
		const cache = vi.spyOn(CognitoUser.prototype, 'cacheTokens');
		const cbs = callbacks();
		user.getDeviceResponse(cbs);
		expect(build.mock.calls).toEqual([[tokens]]);
		expect(cache).toHaveBeenCalledTimes(1);
		expect(cbs.onSuccess.mock.calls).toEqual([[build.mock.results[0]?.value]]);
		expect(user.signInUserSession).toBe(build.mock.results[0]?.value);
	});
});

describe('sendCustomChallengeAnswer', () => {
	it('hands authenticateUserInternal a helper for the pool, which a new device needs', () => {
		const internal = vi.spyOn(CognitoUser.prototype, 'authenticateUserInternal');
		const generate = vi.spyOn(AuthenticationHelper.prototype, 'generateHashDevice');
		service.reply(
			{
				data: {
					AuthenticationResult: {
						...authResult(),
						NewDeviceMetadata: { DeviceKey: 'dev-9', DeviceGroupKey: 'group-9' },
					},
				},
			},
			{ data: {} },
		);
		const cbs = callbacks();
		user.sendCustomChallengeAnswer('42', cbs);
		const helper = internal.mock.calls[0]?.[1];
		expect(helper).toBeInstanceOf(AuthenticationHelper);
		expect((helper as AuthenticationHelper).poolName).toBe('TestPool');
		// The helper handed on is the one that hashes the new device.
		expect(generate.mock.contexts[0]).toBe(helper);
		expect(service.sent.map((s) => s.operation)).toEqual([
			'RespondToAuthChallenge',
			'ConfirmDevice',
		]);
		expect(cbs.onSuccess).toHaveBeenCalledTimes(1);
	});
});

describe('replies a test double leaves empty', () => {
	it('associateSoftwareToken on {} calls associateSecretCode(undefined)', () => {
		user.signInUserSession = user.getCognitoUserSession(authResult());
		service.reply({ data: {} });
		const cbs = { associateSecretCode: vi.fn(), onFailure: vi.fn() };
		user.associateSoftwareToken(cbs);
		expect(cbs.associateSecretCode.mock.calls).toEqual([[undefined]]);
		expect(cbs.onFailure).not.toHaveBeenCalled();
	});

	it('verifySoftwareToken whose two replies are {} calls onSuccess', () => {
		user.Session = 'setup';
		service.reply({ data: {} }, { data: {} });
		const cbs = { onSuccess: vi.fn(), onFailure: vi.fn() };
		user.verifySoftwareToken('123456', 'phone', cbs);
		expect(service.sent.map((s) => s.params.ChallengeName ?? s.operation)).toEqual([
			'VerifySoftwareToken',
			'MFA_SETUP',
		]);
		expect(cbs.onSuccess.mock.calls).toEqual([[user.signInUserSession]]);
		expect(cbs.onFailure).not.toHaveBeenCalled();
	});

	it('keeps a clear error where a missing field would throw: UserAttributes', () => {
		user.signInUserSession = user.getCognitoUserSession(authResult());
		service.reply({ data: {} });
		const cb = vi.fn();
		user.getUserAttributes(cb);
		expect(cb.mock.calls[0]?.[0]).toMatchObject({
			code: 'InvalidResponseException',
			message: 'The GetUser reply lacks UserAttributes.',
		});
	});
});

describe('the helpers these answers create', () => {
	it.each([
		[
			'sendCustomChallengeAnswer',
			(u: CognitoUser, cbs: IAuthenticationCallback) => u.sendCustomChallengeAnswer('42', cbs),
		],
		[
			'completeNewPasswordChallenge',
			(u: CognitoUser, cbs: IAuthenticationCallback) =>
				u.completeNewPasswordChallenge('N3w$pass', {}, cbs),
		],
	])('%s fails once, sending nothing, when no helper can be created', (_name, answer) => {
		vi.spyOn(AuthenticationHelper.prototype, 'generateRandomSmallA').mockImplementation(() => {
			throw new Error('Native crypto module could not be used to get secure random number.');
		});
		const cbs = callbacks();
		answer(user, cbs);
		expect(cbs.onFailure.mock.calls.map(([e]) => (e as Error).message)).toEqual([
			'Native crypto module could not be used to get secure random number.',
		]);
		expect(service.sent).toEqual([]);
	});
});
