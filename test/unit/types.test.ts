// Code written against the original's index.d.ts must keep compiling: `npm test` type-checks
// this file, and the runtime part exercises the same calls.
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import Client from '../../src/Client';
import {
	AuthenticationDetails,
	CognitoAccessToken,
	CognitoIdToken,
	CognitoUser,
	CognitoUserAttribute,
	CognitoUserPool,
	CognitoUserSession,
	CookieStorage,
} from '../../src/index';
import type {
	ClientMetadata,
	IAuthenticationCallback,
	ICognitoStorage,
	ICognitoUserPoolData,
	ISignUpResult,
	NodeCallback,
} from '../../src/index';
import { MemoryStorage } from '../../src/StorageHelper';

describe('public types accept code written for the original typings', () => {
	it('accepts a hand-written storage, cookie storage and the in-memory store', () => {
		const custom: ICognitoStorage = {
			setItem(_key: string, _value: string): void {},
			getItem(_key: string): string | null {
				return null;
			},
			removeItem(_key: string): void {},
			clear(): void {},
		};
		const stores: ICognitoStorage[] = [
			custom,
			new CookieStorage({ domain: 'x' }),
			MemoryStorage,
			new MemoryStorage(),
		];
		const data: ICognitoUserPoolData = {
			UserPoolId: 'us-east-1_X',
			ClientId: 'c',
			Storage: stores[0],
		};
		expect(new CognitoUserPool(data).storage).toBe(custom);
	});

	it('accepts a typed signUp callback and a refresh-callback wrapper', () => {
		const wrap = (target: NodeCallback.Any): NodeCallback.Any => target;
		const pool = new CognitoUserPool({ UserPoolId: 'us-east-1_X', ClientId: 'c' }, wrap);
		vi.spyOn(Client.prototype, 'request').mockImplementation((_op, _params, cb) =>
			cb(null, { UserSub: 's' }),
		);
		const seen: Array<ISignUpResult | undefined> = [];
		const callback: NodeCallback<Error, ISignUpResult> = (_err?: Error, result?: ISignUpResult) => {
			seen.push(result);
		};
		const metadata: ClientMetadata = { k: 'v' };
		pool.signUp(
			'u',
			'p',
			[new CognitoUserAttribute({ Name: 'email', Value: 'e' })],
			[],
			callback,
			metadata,
		);
		expect(seen[0]?.userSub).toBe('s');
		expect(seen[0]?.user).toBeInstanceOf(CognitoUser);
		vi.restoreAllMocks();
	});

	it('keeps the original shapes of the value classes', () => {
		const session = new CognitoUserSession({
			IdToken: new CognitoIdToken({ IdToken: '' }),
			AccessToken: new CognitoAccessToken({ AccessToken: '' }),
			ClockDrift: 0,
		});
		expectTypeOf(session.getAccessToken().getExpiration()).toEqualTypeOf<number>();
		expectTypeOf(session.isValid()).toEqualTypeOf<boolean>();
		expectTypeOf(
			new AuthenticationDetails({ Username: 'u', Password: 'p' }).getUsername(),
		).toEqualTypeOf<string>();
		const callbacks: IAuthenticationCallback = {
			onSuccess: (s: CognitoUserSession) => expect(s).toBe(session),
			onFailure: (err: Error) => expect(err).toBeUndefined(),
			mfaRequired: (_name, params) =>
				expectTypeOf(params).toEqualTypeOf<{ [key: string]: string }>(),
		};
		callbacks.onSuccess(session);
		expect(session.isValid()).toBe(false);
	});
});
