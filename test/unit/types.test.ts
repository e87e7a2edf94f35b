// Code written against the original's index.d.ts must keep compiling: `npm test` type-checks
// this file, and the runtime part checks that the library really calls and fills what these
// types describe. (test/package/typings.test.ts does the same against the packed package.)
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
import { MapStorage } from '../helpers/mapStorage';
import { jwt } from './CognitoUser.kit';

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
		expect(session.isValid()).toBe(false);
	});

	it('reaches IAuthenticationCallback handlers typed as the original declared them', () => {
		const id = jwt({ 'cognito:username': 'u', exp: 4102444800, iat: 1 });
		const access = jwt({ username: 'u', exp: 4102444800, iat: 1 });
		vi.spyOn(Client.prototype, 'request').mockImplementation((operation, _params, cb) =>
			operation === 'InitiateAuth'
				? cb(null, {
						ChallengeName: 'SMS_MFA',
						ChallengeParameters: { CODE_DELIVERY_DESTINATION: '+***1' },
						Session: 'mfa-session',
					})
				: cb(null, { AuthenticationResult: { IdToken: id, AccessToken: access } }),
		);
		const pool = new CognitoUserPool({
			UserPoolId: 'us-east-1_X',
			ClientId: 'c',
			Storage: new MapStorage(),
		});
		const user = new CognitoUser({ Username: 'u', Pool: pool });
		user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
		const seen: string[] = [];
		const callbacks: IAuthenticationCallback = {
			onSuccess: (s: CognitoUserSession) => {
				seen.push(`onSuccess ${s.getIdToken().payload['cognito:username']}`);
			},
			onFailure: (err: Error) => seen.push(`onFailure ${err.message}`),
			mfaRequired: (name, params) => {
				expectTypeOf(params).toEqualTypeOf<{ [key: string]: string }>();
				seen.push(`mfaRequired ${name} ${params.CODE_DELIVERY_DESTINATION}`);
				user.sendMFACode('123456', callbacks);
			},
		};
		user.authenticateUser(new AuthenticationDetails({ Username: 'u', Password: 'p' }), callbacks);
		expect(seen).toEqual(['mfaRequired SMS_MFA +***1', 'onSuccess u']);
		expect(user.getSignInUserSession()?.isValid()).toBe(true);
	});
});
