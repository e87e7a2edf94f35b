// The sign-in state machine (src/user/signIn.ts), driven through the public methods: every
// challenge reaches its row's callback with the original's arguments, and each request's reply
// adopts (or, where the original does not, keeps) the challenge Session.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CognitoUser from '../../src/CognitoUser';
import {
	RecordingStorage,
	authCallbacks,
	authResult,
	fakeService,
	stubPool,
} from './CognitoUser.kit';
import type { FakeService } from './CognitoUser.kit';

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
	user.Session = 'before';
});

afterEach(() => {
	vi.restoreAllMocks();
});

const callbacks = authCallbacks;

type Member = keyof ReturnType<typeof callbacks>;
const params = { CODE_DELIVERY_DESTINATION: '+1***' };

describe('one row per challenge', () => {
	it.each<[string, Member, unknown[]]>([
		['SMS_MFA', 'mfaRequired', ['SMS_MFA', params]],
		['SOFTWARE_TOKEN_MFA', 'totpRequired', ['SOFTWARE_TOKEN_MFA', params]],
		['SELECT_MFA_TYPE', 'selectMFAType', ['SELECT_MFA_TYPE', params]],
		['MFA_SETUP', 'mfaSetup', ['MFA_SETUP', params]],
		['CUSTOM_CHALLENGE', 'customChallenge', [params]],
	])('%s → %s, after adopting the reply Session', (name, member, args) => {
		const cbs = callbacks();
		user.authenticateUserInternal(
			{ ChallengeName: name, ChallengeParameters: params, Session: 'after' },
			null,
			cbs,
		);
		const called = Object.entries(cbs).filter(([, fn]) => fn.mock.calls.length);
		expect(called.map(([k]) => k)).toEqual([member]);
		expect(cbs[member].mock.calls).toEqual([args]);
		expect(user.Session).toBe('after');
	});

	it('DEVICE_SRP_AUTH → getDeviceResponse with the same callbacks', () => {
		const device = vi.spyOn(CognitoUser.prototype, 'getDeviceResponse').mockReturnValue();
		const cbs = callbacks();
		user.authenticateUserInternal(
			{ ChallengeName: 'DEVICE_SRP_AUTH', Session: 'after' },
			null,
			cbs,
		);
		expect(device.mock.calls).toEqual([[cbs]]);
		expect(user.Session).toBe('after');
	});

	it('tokens end the sign-in and record the challenge name', () => {
		const cbs = callbacks();
		user.authenticateUserInternal(
			{ ChallengeName: 'PASSWORD_VERIFIER', AuthenticationResult: authResult() },
			null,
			cbs,
		);
		expect(cbs.onSuccess.mock.calls).toEqual([[user.signInUserSession]]);
		expect(user.challengeName).toBe('PASSWORD_VERIFIER');
	});
});

describe('what each request lets its reply do', () => {
	it('initiateAuth accepts only a custom challenge', () => {
		service.reply({ data: { ChallengeName: 'SMS_MFA', ChallengeParameters: params } });
		const cbs = callbacks();
		user.initiateAuth(
			{
				getAuthParameters: () => ({}),
				getValidationData: () => ({}),
				getClientMetadata: () => ({}),
			} as never,
			cbs,
		);
		expect(cbs.mfaRequired).not.toHaveBeenCalled();
		expect(cbs.onFailure.mock.calls[0]?.[0].code).toBe('InvalidResponseException');
		expect(user.Session).toBe('before');
	});

	it('sendMFACode hands DEVICE_SRP_AUTH on without adopting its Session (the original quirk)', () => {
		const device = vi.spyOn(CognitoUser.prototype, 'getDeviceResponse').mockReturnValue();
		service.reply({ data: { ChallengeName: 'DEVICE_SRP_AUTH', Session: 'after' } });
		const cbs = callbacks();
		user.sendMFACode('123456', cbs);
		expect(device).toHaveBeenCalledTimes(1);
		expect(user.Session).toBe('before');
	});

	it('sendMFACode does not hand other challenges to callbacks', () => {
		service.reply({ data: { ChallengeName: 'SMS_MFA', ChallengeParameters: params } });
		const cbs = callbacks();
		user.sendMFACode('123456', cbs);
		expect(cbs.mfaRequired).not.toHaveBeenCalled();
		expect(cbs.onFailure).toHaveBeenCalledTimes(1);
	});

	it.each<[string, Member]>([
		['SMS_MFA', 'mfaRequired'],
		['SOFTWARE_TOKEN_MFA', 'totpRequired'],
	])('sendMFASelectionAnswer(%s) → %s with the challenge the reply names', (answer, member) => {
		service.reply({
			data: { ChallengeName: answer, ChallengeParameters: params, Session: 'after' },
		});
		const cbs = callbacks();
		user.sendMFASelectionAnswer(answer, cbs);
		expect(cbs[member].mock.calls).toEqual([[answer, params]]);
		expect(user.Session).toBe('after');
	});
});
