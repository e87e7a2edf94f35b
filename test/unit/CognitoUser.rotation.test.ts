// Rotating refresh tokens: a pool with RefreshTokenRotation refreshes through
// GetTokensFromRefreshToken; the rotated token is stored before any callback runs, reuse clears
// the session and is never retried, refreshes stay single-flight, and the stored refresh token
// is re-read just before a refresh. Also GetUserAuthFactors and the MFA preference's 4th argument.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CognitoRefreshToken from '../../src/CognitoRefreshToken';
import CognitoUser from '../../src/CognitoUser';
import CognitoUserPool from '../../src/CognitoUserPool';
import type CognitoUserSession from '../../src/CognitoUserSession';
import {
	CLIENT_ID,
	POOL_NAME,
	PREFIX,
	RecordingStorage,
	authResult,
	fakeService,
	nowSec,
	serviceError,
	stubPool,
} from './CognitoUser.kit';
import type { FakeService, StubPool } from './CognitoUser.kit';

let service: FakeService;
let pool: StubPool & { refreshTokenRotation?: boolean; clientSecret?: string; clientId?: string };
let storage: RecordingStorage;

beforeEach(() => {
	service = fakeService();
	storage = new RecordingStorage();
	pool = { ...stubPool({ storage }), refreshTokenRotation: true };
});

afterEach(() => {
	vi.restoreAllMocks();
	vi.unstubAllGlobals();
});

const newUser = (username = 'alice'): CognitoUser =>
	new CognitoUser({ Username: username, Pool: pool as never, Storage: storage });

const expired = (tag = 'old') => authResult({ iat: nowSec() - 7200, exp: nowSec() - 3600, tag });

/** A stored session for `username`, with LastAuthUser, as a sign-in leaves it. */
function store(username: string, result: ReturnType<typeof authResult>): void {
	const p = `${PREFIX}.${username}`;
	storage.setItem(`${p}.idToken`, result.IdToken);
	storage.setItem(`${p}.accessToken`, result.AccessToken);
	if (result.RefreshToken) storage.setItem(`${p}.refreshToken`, result.RefreshToken);
	storage.setItem(`${p}.clockDrift`, '0');
	storage.setItem(`${PREFIX}.LastAuthUser`, username);
}

const token = (value: string) => new CognitoRefreshToken({ RefreshToken: value });

describe('refreshSession with RefreshTokenRotation', () => {
	it('sends GetTokensFromRefreshToken (with retry on transient errors), without DeviceKey when none is stored', () => {
		store('alice', expired());
		service.reply({ data: { AuthenticationResult: authResult({ tag: 'new', refresh: 'r-2' }) } });
		const cb = vi.fn();
		newUser().refreshSession(token('refresh-old'), cb);
		expect(service.sent.map((s) => [s.operation, s.body, s.retry])).toEqual([
			[
				'GetTokensFromRefreshToken',
				JSON.stringify({ RefreshToken: 'refresh-old', ClientId: CLIENT_ID }),
				true,
			],
		]);
		expect(cb.mock.calls[0]?.[0]).toBeNull();
	});

	it('sends the raw ClientSecret, the stored DeviceKey and ClientMetadata, and no UserContextData', () => {
		store('alice', expired());
		storage.setItem(`${PREFIX}.alice.deviceKey`, 'us-east-1_dev');
		Object.assign(pool, { clientId: CLIENT_ID, clientSecret: 'raw-secret' });
		pool.getUserContextData = () => ({ EncodedData: 'ctx' });
		service.reply({ data: { AuthenticationResult: authResult() } });
		newUser().refreshSession(token('refresh-old'), vi.fn(), { m: '1' });
		expect(service.sent[0]?.body).toBe(
			JSON.stringify({
				RefreshToken: 'refresh-old',
				ClientId: CLIENT_ID,
				ClientSecret: 'raw-secret',
				DeviceKey: 'us-east-1_dev',
				ClientMetadata: { m: '1' },
			}),
		);
	});

	it('the rotated refresh token is in storage, and in the session, when the callback runs', () => {
		store('alice', expired());
		const fresh = authResult({ tag: 'new', refresh: 'refresh-rotated' });
		service.reply({ data: { AuthenticationResult: fresh } });
		const seen: Array<string | null> = [];
		const cb = vi.fn((_err: unknown, _session: CognitoUserSession | null) => {
			seen.push(storage.getItem(`${PREFIX}.alice.refreshToken`));
		});
		const user = newUser();
		user.refreshSession(token('refresh-old'), cb);
		expect(seen).toEqual(['refresh-rotated']);
		const session = cb.mock.calls[0]?.[1] as CognitoUserSession | undefined;
		expect(session?.getRefreshToken().getToken()).toBe('refresh-rotated');
		expect(storage.data.get(`${PREFIX}.alice.idToken`)).toBe(fresh.IdToken);
		expect(user.getSignInUserSession()).toBe(session);
	});

	it('without a RefreshToken in the reply the old one is kept', () => {
		store('alice', expired());
		service.reply({ data: { AuthenticationResult: authResult({ tag: 'new', refresh: null }) } });
		const cb = vi.fn();
		newUser().refreshSession(token('refresh-old'), cb);
		const session = cb.mock.calls[0]?.[1] as CognitoUserSession;
		expect(session.getRefreshToken().getToken()).toBe('refresh-old');
		expect(storage.data.get(`${PREFIX}.alice.refreshToken`)).toBe('refresh-old');
	});

	it('re-reads the stored refresh token just before refreshing: another tab rotated it', () => {
		store('alice', expired());
		storage.setItem(`${PREFIX}.alice.refreshToken`, 'refresh-from-tab-2');
		service.reply({ data: { AuthenticationResult: authResult({ refresh: 'r-3' }) } });
		newUser().refreshSession(token('refresh-spent-by-tab-2'), vi.fn());
		expect(service.sent[0]?.params.RefreshToken).toBe('refresh-from-tab-2');
	});

	it('getSession refreshes an expired stored session through the same path', () => {
		store('alice', expired());
		service.reply({ data: { AuthenticationResult: authResult({ tag: 'got', refresh: 'r-9' }) } });
		const cb = vi.fn();
		newUser().getSession(cb);
		expect(service.sent.map((s) => s.operation)).toEqual(['GetTokensFromRefreshToken']);
		expect(cb.mock.calls[0]?.[0]).toBeNull();
		expect(storage.data.get(`${PREFIX}.alice.refreshToken`)).toBe('r-9');
	});

	it.each(['RefreshTokenReuseException', 'NotAuthorizedException'])(
		'%s clears the cached session (not the device) and reports the error once',
		(code) => {
			store('alice', expired());
			storage.setItem(`${PREFIX}.alice.deviceKey`, 'dk');
			const error = serviceError(code);
			service.reply({ error });
			const cb = vi.fn();
			newUser().refreshSession(token('refresh-old'), cb);
			expect(cb.mock.calls).toEqual([[error, null]]);
			for (const key of ['idToken', 'accessToken', 'refreshToken', 'clockDrift']) {
				expect(storage.data.has(`${PREFIX}.alice.${key}`)).toBe(false);
			}
			expect(storage.data.has(`${PREFIX}.LastAuthUser`)).toBe(false);
			expect(storage.data.get(`${PREFIX}.alice.deviceKey`)).toBe('dk');
		},
	);

	it('other errors leave storage alone', () => {
		store('alice', expired());
		service.reply({ error: serviceError('InvalidParameterException') });
		newUser().refreshSession(token('refresh-old'), vi.fn());
		expect(storage.data.get(`${PREFIX}.alice.refreshToken`)).toBe('refresh-old');
	});

	it('single flight: concurrent refreshes send one request, all told, the rotated token stored once', () => {
		store('alice', expired());
		service.hold = true;
		service.reply({
			data: { AuthenticationResult: authResult({ tag: 'one', refresh: 'r-once' }) },
		});
		const calls: string[] = [];
		const told = (label: string) => (err: Error | null, session: CognitoUserSession | null) =>
			calls.push(`${label} ${String(err)} ${session?.getRefreshToken().getToken()}`);
		const first = newUser();
		first.getSession(told('a'));
		first.refreshSession(token('refresh-old'), told('b'));
		newUser().getSession(told('c'));
		expect(service.sent).toHaveLength(1);
		service.flush();
		expect(calls).toEqual(['a null r-once', 'b null r-once', 'c null r-once']);
		const rotations = storage.writes().filter((w) => w === `set ${PREFIX}.alice.refreshToken`);
		expect(rotations).toHaveLength(2); // the one from store(), and the rotation
	});

	it('a reply without AuthenticationResult fails instead of storing empty tokens', () => {
		store('alice', expired());
		service.reply({ data: {} });
		const cb = vi.fn();
		newUser().refreshSession(token('refresh-old'), cb);
		expect(cb.mock.calls[0]?.[0].code).toBe('InvalidResponseException');
		expect(storage.data.get(`${PREFIX}.alice.refreshToken`)).toBe('refresh-old');
	});

	it('without the option, REFRESH_TOKEN_AUTH as before and no extra storage read', () => {
		pool.refreshTokenRotation = undefined;
		store('alice', expired());
		storage.ops.length = 0;
		service.reply({ data: { AuthenticationResult: authResult() } });
		newUser().refreshSession(token('refresh-old'), vi.fn());
		expect(service.sent[0]?.params.AuthFlow).toBe('REFRESH_TOKEN_AUTH');
		expect(storage.ops.filter((op) => op[0] === 'get' && op[1].endsWith('.refreshToken'))).toEqual(
			[],
		);
	});
});

describe('RefreshTokenReuseException through the real Client', () => {
	it('is sent once, never retried, and clears the session', async () => {
		vi.restoreAllMocks(); // the real Client.request / requestWithRetry
		const fetchSpy = vi.fn(() =>
			Promise.resolve(
				new Response(
					JSON.stringify({
						__type: 'com.amazonaws.cognito#RefreshTokenReuseException',
						message: 'reused',
					}),
					{ status: 400 },
				),
			),
		);
		vi.stubGlobal('fetch', fetchSpy);
		const realPool = new CognitoUserPool({
			UserPoolId: `us-east-1_${POOL_NAME}`,
			ClientId: CLIENT_ID,
			Storage: storage,
			RefreshTokenRotation: true,
		});
		store('alice', expired());
		const user = new CognitoUser({ Username: 'alice', Pool: realPool, Storage: storage });
		const err = await new Promise<Error & { code?: string }>((resolve) =>
			user.refreshSession(token('refresh-old'), (e) => resolve(e as Error)),
		);
		expect(err.code).toBe('RefreshTokenReuseException');
		expect(err.name).toBe('RefreshTokenReuseException');
		expect(fetchSpy).toHaveBeenCalledTimes(1);
		const init = (fetchSpy.mock.calls[0] as unknown as [string, RequestInit])[1];
		expect((init.headers as Record<string, string>)['X-Amz-Target']).toBe(
			'AWSCognitoIdentityProviderService.GetTokensFromRefreshToken',
		);
		expect(storage.data.has(`${PREFIX}.alice.refreshToken`)).toBe(false);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(fetchSpy).toHaveBeenCalledTimes(1);
	});

	it('an unknown __type still arrives as code and name', async () => {
		vi.restoreAllMocks();
		vi.stubGlobal('fetch', () =>
			Promise.resolve(
				new Response(JSON.stringify({ __type: 'FutureNewException', message: 'new' }), {
					status: 400,
				}),
			),
		);
		const realPool = new CognitoUserPool({
			UserPoolId: `us-east-1_${POOL_NAME}`,
			ClientId: CLIENT_ID,
			Storage: storage,
		});
		const user = new CognitoUser({ Username: 'alice', Pool: realPool, Storage: storage });
		const err = await new Promise<Error & { code?: string }>((resolve) =>
			user.confirmRegistration('1', false, (e) => resolve(e as Error)),
		);
		expect([err.code, err.name, err.message]).toEqual([
			'FutureNewException',
			'FutureNewException',
			'new',
		]);
	});
});

describe('MFA preferences and auth factors', () => {
	function signedIn(): CognitoUser {
		const user = newUser();
		user.setSignInUserSession(
			new CognitoUser({ Username: 'x', Pool: pool as never }).getCognitoUserSession(authResult()),
		);
		return user;
	}

	it("setUserMfaPreference's 3-argument form sends the original's body", () => {
		const user = signedIn();
		service.reply({ data: {} });
		const cb = vi.fn();
		user.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, cb);
		expect(service.sent[0]?.body).toBe(
			JSON.stringify({
				SMSMfaSettings: null,
				SoftwareTokenMfaSettings: { PreferredMfa: true, Enabled: true },
				AccessToken: user.getSignInUserSession()?.getAccessToken().getJwtToken(),
			}),
		);
		expect(cb.mock.calls).toEqual([[null, 'SUCCESS']]);
	});

	it('the 4th argument adds EmailMfaSettings and WebAuthnMfaSettings, each only when given', () => {
		const user = signedIn();
		const access = user.getSignInUserSession()?.getAccessToken().getJwtToken();
		service.reply({ data: {} }, { data: {} });
		const email = { PreferredMfa: true, Enabled: true };
		user.setUserMfaPreference(null, null, vi.fn(), { email, webAuthn: { Enabled: true } });
		user.setUserMfaPreference(null, null, vi.fn(), { email });
		expect(service.sent.map((s) => s.body)).toEqual([
			JSON.stringify({
				SMSMfaSettings: null,
				SoftwareTokenMfaSettings: null,
				EmailMfaSettings: email,
				WebAuthnMfaSettings: { Enabled: true },
				AccessToken: access,
			}),
			JSON.stringify({
				SMSMfaSettings: null,
				SoftwareTokenMfaSettings: null,
				EmailMfaSettings: email,
				AccessToken: access,
			}),
		]);
	});

	it('getUserAuthFactors sends GetUserAuthFactors {AccessToken} and calls back with the reply', () => {
		const user = signedIn();
		const reply = {
			Username: 'alice',
			PreferredMfaSetting: 'EMAIL_OTP',
			UserMFASettingList: ['EMAIL_OTP', 'SOFTWARE_TOKEN_MFA'],
			ConfiguredUserAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SOFTWARE_TOKEN'],
		};
		service.reply({ data: reply });
		const cb = vi.fn();
		user.getUserAuthFactors(cb);
		expect(service.sent.map((s) => [s.operation, s.body])).toEqual([
			[
				'GetUserAuthFactors',
				JSON.stringify({
					AccessToken: user.getSignInUserSession()?.getAccessToken().getJwtToken(),
				}),
			],
		]);
		expect(cb.mock.calls).toEqual([[null, reply]]);
	});

	it('getUserAuthFactors without a valid session fails once, sending nothing', () => {
		const cb = vi.fn();
		newUser().getUserAuthFactors(cb);
		expect(cb.mock.calls).toEqual([[new Error('User is not authenticated'), null]]);
		expect(service.sent).toEqual([]);
	});

	it('getUserAuthFactors reports a service error once', () => {
		const user = signedIn();
		const error = serviceError('OperationNotEnabledException');
		service.reply({ error });
		const cb = vi.fn();
		user.getUserAuthFactors(cb);
		expect(cb.mock.calls).toEqual([[error, null]]);
	});

	it('getUserData passes EMAIL_OTP through in the MFA lists', async () => {
		const user = signedIn();
		const data = {
			Username: 'alice',
			UserAttributes: [],
			MFAOptions: [],
			PreferredMfaSetting: 'EMAIL_OTP',
			UserMFASettingList: ['EMAIL_OTP'],
		};
		service.reply({ data });
		const result = await new Promise((resolve) => user.getUserData((_e, d) => resolve(d)));
		expect(result).toEqual(data);
	});
});
