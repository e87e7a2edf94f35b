// Callbacks annotated the way applications annotated them against the original's index.d.ts
// (whose parameters were mostly `any`) must compile under `strict` (strictFunctionTypes
// included): `npm test` type-checks this file. The `@ts-expect-error` lines show that the
// callback types still check something: an annotation no call could satisfy is refused.
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import Client from '../../src/Client';
import {
	AuthenticationDetails,
	CognitoRefreshToken,
	CognitoUser,
	CognitoUserAttribute,
	CognitoUserPool,
	CognitoUserSession,
} from '../../src/index';
import type {
	ICognitoError,
	ISignUpResult,
	NodeCallback,
	UpdateAttributesNodeCallback,
	UserData,
} from '../../src/index';

interface AwsStyleError extends Error {
	code: string;
	retryable?: boolean;
}

let pool: CognitoUserPool;
let user: CognitoUser;
const refresh = new CognitoRefreshToken({ RefreshToken: 'r' });

beforeEach(() => {
	// A pool per test: a refresh left in flight by one test is not joined by the next.
	pool = new CognitoUserPool({ UserPoolId: 'us-east-1_Types', ClientId: 'c' });
	user = new CognitoUser({ Username: 'alice', Pool: pool });
});

afterEach(() => {
	vi.restoreAllMocks();
});

/** Compiles every call (the point of this file) without sending anything. */
function typeCheckOnly(calls: () => void): void {
	vi.spyOn(Client.prototype, 'request').mockImplementation(() => undefined);
	vi.spyOn(Client.prototype, 'requestWithRetry').mockImplementation(() => undefined);
	calls();
}

describe('old-style callbacks annotated as apps annotate them', () => {
	it('node-style callbacks accept narrower, wider and optional annotations', () => {
		typeCheckOnly(() => {
			user.refreshSession(refresh, (err, session: CognitoUserSession) => [err, session]);
			user.refreshSession(refresh, (err?: Error, result?: unknown) => [err, result]);
			user.refreshSession(refresh, (err: Error | null, session: CognitoUserSession | null) => [
				err,
				session,
			]);
			user.refreshSession(refresh, (err: AwsStyleError) => err);
			user.confirmRegistration('123', true, (err, result: string) => [err, result]);
			user.confirmRegistration('123', true, (err: Error | undefined, result?: string) => [
				err,
				result,
			]);
			user.getUserAttributes((err, attributes: CognitoUserAttribute[]) => [err, attributes]);
			user.updateAttributes(
				[],
				(err, result: string, details: { CodeDeliveryDetailsList?: [] }) => [err, result, details],
			);
			user.getSession((err: Error, session: null) => [err, session]);
			user.getSession((err: null, session: CognitoUserSession) => [err, session]);
			user.signOut(() => undefined);
			user.signOut((err: Error) => err);
			const typed: NodeCallback<Error, ISignUpResult> = (err, result) => [err, result];
			pool.signUp('u', 'p', [], [], typed);
			const declared: UpdateAttributesNodeCallback<Error, string, unknown> = (
				err,
				result,
				details,
			) => [err, result, details];
			user.updateAttributes([], declared);
			const loose: NodeCallback<Error | undefined, CognitoUserSession> = (err, session) => [
				err,
				session,
			];
			user.refreshSession(refresh, loose);
			pool.signUp('u', 'p', [], [], (err, result: ISignUpResult) => [err, result]);
			// @ts-expect-error a session is never a number
			user.refreshSession(refresh, (err, session: number) => [err, session]);
		});
		expect(Client.prototype.requestWithRetry).toHaveBeenCalled();
	});

	it('an unannotated callback gets the real types', () => {
		type Callback = (...args: never[]) => unknown;
		type ArgsOf<F> = F extends (...args: infer A) => unknown ? A : never;
		type Args<M extends keyof CognitoUser, N extends number> = ArgsOf<
			Extract<ArgsOf<CognitoUser[M]>[N], Callback>
		>;
		type Err = ICognitoError | null | undefined;
		expectTypeOf<Args<'refreshSession', 1>>().toEqualTypeOf<[Err, CognitoUserSession]>();
		expectTypeOf<Args<'getUserData', 0>>().toEqualTypeOf<[Err, UserData]>();
		expectTypeOf<Args<'getSession', 0>>().toEqualTypeOf<
			[Error | null, CognitoUserSession | null]
		>();
		expect(user.getSession.length).toBe(2);
	});

	it('callback objects accept the original shapes', () => {
		typeCheckOnly(() => {
			user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: 'p' }), {
				onSuccess: (session: CognitoUserSession) => session,
				onFailure: (err: AwsStyleError) => err,
				newPasswordRequired: (userAttributes: Record<string, string>, required: string[]) => [
					userAttributes,
					required,
				],
				mfaRequired: (name, params: { CODE_DELIVERY_DESTINATION: string }) => [name, params],
				customChallenge: (params: { [key: string]: string }) => params,
			});
			user.getDevice({ onSuccess: (success: string) => success, onFailure: (err: Error) => err });
			user.getDevice({ onSuccess: (data) => data.Device.DeviceKey, onFailure: (err) => err });
			user.getAttributeVerificationCode('email', {
				onSuccess: (success: string) => success,
				onFailure: (err: Error) => err,
				inputVerificationCode: (data: string) => data,
			});
			user.verifySoftwareToken('123456', 'phone', {
				onSuccess: (session: CognitoUserSession) => session,
				onFailure: (err: Error) => err,
			});
			user.listDevices(10, null, { onSuccess: (data: unknown) => data, onFailure: (e) => e });
			user.confirmPassword('1', 'p', { onSuccess: (s: string) => s, onFailure: (e) => e });
			// @ts-expect-error a device record is neither a string nor a number
			user.getDevice({ onSuccess: (n: number) => n, onFailure: (e: Error) => e });
		});
		expect(Client.prototype.request).toHaveBeenCalled();
	});
});
