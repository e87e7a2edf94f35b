// Runs the same CognitoUser scenario on the original (oracle) and on ours, over one stubbed
// global fetch, with randomness and the clock fixed, and records what each sends and stores.
import { createRequire } from 'node:module';
import { vi } from 'vitest';
import AuthenticationDetails from '../../src/AuthenticationDetails';
import AuthenticationHelper from '../../src/AuthenticationHelper';
import BigInteger from '../../src/BigInteger';
import CognitoAccessToken from '../../src/CognitoAccessToken';
import CognitoIdToken from '../../src/CognitoIdToken';
import CognitoRefreshToken from '../../src/CognitoRefreshToken';
import CognitoUser from '../../src/CognitoUser';
import CognitoUserAttribute from '../../src/CognitoUserAttribute';
import CognitoUserPool from '../../src/CognitoUserPool';
import CognitoUserSession from '../../src/CognitoUserSession';
import { OrigBigInteger, restoreOracle, speedUpOracle } from './oracleModPow';

const require = createRequire(import.meta.url);
const original = (name: string): unknown =>
	(require(`original-cognito/lib/${name}`) as { default: unknown }).default;

/** Constructors a scenario needs, typed loosely: the same code drives both libraries. */
export interface Lib {
	name: 'original' | 'ours';
	CognitoUser: new (data: object) => LibUser;
	CognitoUserPool: new (data: object) => LibPool;
	AuthenticationDetails: new (data: object) => unknown;
	CognitoUserSession: new (data: object) => unknown;
	CognitoIdToken: new (data: object) => unknown;
	CognitoAccessToken: new (data: object) => unknown;
	CognitoRefreshToken: new (data: object) => unknown;
	CognitoUserAttribute: new (data: object) => unknown;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one driver for two libraries
export type LibUser = Record<string, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one driver for two libraries
export type LibPool = Record<string, any>;

export const ours: Lib = {
	name: 'ours',
	CognitoUser: CognitoUser as never,
	CognitoUserPool: CognitoUserPool as never,
	AuthenticationDetails: AuthenticationDetails as never,
	CognitoUserSession: CognitoUserSession as never,
	CognitoIdToken: CognitoIdToken as never,
	CognitoAccessToken: CognitoAccessToken as never,
	CognitoRefreshToken: CognitoRefreshToken as never,
	CognitoUserAttribute: CognitoUserAttribute as never,
};

export const orig: Lib = {
	name: 'original',
	CognitoUser: original('CognitoUser') as never,
	CognitoUserPool: original('CognitoUserPool') as never,
	AuthenticationDetails: original('AuthenticationDetails') as never,
	CognitoUserSession: original('CognitoUserSession') as never,
	CognitoIdToken: original('CognitoIdToken') as never,
	CognitoAccessToken: original('CognitoAccessToken') as never,
	CognitoRefreshToken: original('CognitoRefreshToken') as never,
	CognitoUserAttribute: original('CognitoUserAttribute') as never,
};

const OrigHelper = original('AuthenticationHelper') as {
	prototype: { generateRandomSmallA(): unknown; generateRandomString(): string };
};

// Appendix A of the inventory: verified SRP vectors.
export const POOL_ID = 'us-east-1_QdbSdK39m';
export const CLIENT_ID = '2ll3nltl7ig0kn5u0r3lv5pqrm';
export const USERNAME = 'peculiarAmazonian';
export const PASSWORD = 'Very$ecur3';
export const SMALL_A =
	'57492d5cfb9907b7056a3fe145932f29b7dfdaffa55b7b1df9f7bf2ce8381afa192343ce91e9b17bea999bb76c6dcc5867e03ab9e7c9790b5774039445bb0d143407508b35e3c9720a53b04461b43aa616e2b7d97a8b39d5168575739c205e8e0b6b09ecfbfd4518ec70f0464cd6bd82ac5122c10ca19f93f2ddb83b322f8d6c';
export const SALT = '8a1b2c3d4e5f60718293a4b5c6d7e8f9';
export const SRP_B =
	'a41845c54c60096213ee0eca03d49ae2f25230fd4e0567c14221baafa2443b31facc8545c663be55f7db534fe0d44e083c1140dce86563dc4e514f7df26181d7f20f1fc0c0fca02a33750d50be883a37e777c58bdf0be4e11e437dbf7d8695c7202f9be9313e95667a93f5e2dd17c21a3c048f878e41a4a2112be455fedae67af70844560d019960b7b50df2370384dcdce2ffac7d4ae82a262b2f632f9b063c9ef9c7d70c8cf58b3c586771acf5119ec725285901b1e69d23eb95b7f055b11eccf80b331f8831609d6b929304f5c651289897e2f252fe604e3dece3647e1d3a923f4f765ab5197d8f80fdc4e74a2ab31fceac66069c914653bdd22614064d7364a93b8956bc9575905e37e0f0a21ecf398f4a4fae62ff96f5bd34d809b8df6b9f2c78efe4395bfc0c91510005235191873b8b06d9a06bcddbffa9dadf091292ee4f9c8a075121a9690b670572e474eb3e1eac18f4aa106488243379376c7ebd9f11aa7e75efc8824f9e7c02af092571bc4ff575580864ce258fc49fc21477b3';
export const SECRET_BLOCK = 'b3BhcXVlLXNlY3JldC1ibG9jay1mcm9tLWNvZ25pdG8=';
export const NOW = new Date('2019-01-01T06:06:09Z');
export const NOW_STRING = 'Tue Jan 1 06:06:09 UTC 2019';
export const SIGNATURE = 'Msz/9mSi7RVJolsOjOKIqWnoPhetczm0/idVncwC8Zk=';
export const RANDOM_PASSWORD = 'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBw==';

/** Fixes the clock (Date only; promises and timers stay real) and every random source. */
export function fixEnvironment(): void {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(NOW);
	speedUpOracle();
	vi.spyOn(AuthenticationHelper.prototype, 'generateRandomSmallA').mockImplementation(
		() => new BigInteger(SMALL_A, 16),
	);
	vi.spyOn(OrigHelper.prototype, 'generateRandomSmallA').mockImplementation(
		() => new OrigBigInteger(SMALL_A, 16),
	);
	vi.spyOn(AuthenticationHelper.prototype, 'generateRandomString').mockReturnValue(RANDOM_PASSWORD);
	vi.spyOn(OrigHelper.prototype, 'generateRandomString').mockReturnValue(RANDOM_PASSWORD);
	vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(<T>(array: T): T => {
		(array as unknown as Uint8Array).fill(0x5a);
		return array;
	});
}

export function restoreEnvironment(): void {
	vi.restoreAllMocks();
	vi.useRealTimers();
	restoreOracle();
}

// ------------------------------------------------------------------------------------------
// Tokens (relative to the fixed clock)

const b64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
export const jwt = (claims: object): string =>
	`${b64url({ alg: 'RS256', kid: 'k' })}.${b64url(claims)}.c2ln`;

export function tokens(tag: string, options: { originJti?: boolean; expired?: boolean } = {}) {
	const iat = Math.floor(NOW.getTime() / 1000) - (options.expired ? 7200 : 10);
	const exp = iat + 3600;
	const access: Record<string, unknown> = { sub: 'sub', token_use: 'access', iat, exp, tag };
	if (options.originJti) access.origin_jti = `jti-${tag}`;
	return {
		IdToken: jwt({ sub: 'sub', token_use: 'id', iat, exp, tag }),
		AccessToken: jwt(access),
		RefreshToken: `refresh-${tag}`,
		ExpiresIn: 3600,
		TokenType: 'Bearer',
	};
}

// ------------------------------------------------------------------------------------------
// Storage shared by a scenario's pool and user

export class LoggingStorage {
	data: Record<string, string> = {};
	log: string[] = [];

	setItem(key: string, value: unknown): void {
		this.log.push(`set ${key}=${String(value)}`);
		this.data[key] = String(value);
	}

	getItem(key: string): string | null {
		this.log.push(`get ${key}`);
		return Object.prototype.hasOwnProperty.call(this.data, key) ? (this.data[key] as string) : null;
	}

	removeItem(key: string): void {
		this.log.push(`remove ${key}`);
		delete this.data[key];
	}

	clear(): void {
		this.data = {};
	}
}

// ------------------------------------------------------------------------------------------
// The scripted service behind the stubbed fetch

export type ServiceReply = { status?: number; body: unknown };
export type Script = (
	action: string,
	body: Record<string, unknown>,
	index: number,
) => ServiceReply | undefined;

export interface Captured {
	url: string;
	init: string; // the keys of the fetch options, in order
	method: unknown;
	mode: unknown;
	headers: string; // JSON, so the header order counts
	body: string;
}

/** The default answers of the scripted service; `script` may override any. */
export function defaultReply(action: string, body: Record<string, unknown>): ServiceReply {
	const auth = body.AuthParameters as Record<string, unknown> | undefined;
	const challenge = body.ChallengeName;
	const srpChallenge = (extra: object) => ({
		body: {
			ChallengeParameters: { SALT: SALT, SECRET_BLOCK: SECRET_BLOCK, SRP_B: SRP_B, ...extra },
			Session: `session-after-${String(challenge ?? body.AuthFlow)}`,
		},
	});
	switch (action) {
		case 'InitiateAuth':
			if (body.AuthFlow === 'REFRESH_TOKEN_AUTH')
				return { body: { AuthenticationResult: tokens('refreshed') } };
			if (auth?.SRP_A) {
				const reply = srpChallenge({ USER_ID_FOR_SRP: USERNAME, USERNAME });
				return { body: { ChallengeName: 'PASSWORD_VERIFIER', ...reply.body } };
			}
			if (body.AuthFlow === 'CUSTOM_AUTH') {
				return {
					body: {
						ChallengeName: 'CUSTOM_CHALLENGE',
						ChallengeParameters: { q: '1' },
						Session: 'custom-1',
					},
				};
			}
			return { body: { AuthenticationResult: tokens('plain') } };
		case 'RespondToAuthChallenge':
			if (challenge === 'DEVICE_SRP_AUTH') {
				return { body: { ChallengeName: 'DEVICE_PASSWORD_VERIFIER', ...srpChallenge({}).body } };
			}
			if (challenge === 'SELECT_MFA_TYPE') {
				const answer = (body.ChallengeResponses as Record<string, unknown>).ANSWER;
				return {
					body: { ChallengeName: answer, ChallengeParameters: { p: '1' }, Session: 'mfa-2' },
				};
			}
			return { body: { AuthenticationResult: tokens(String(challenge)) } };
		case 'ConfirmDevice':
			return { body: { UserConfirmationNecessary: true } };
		case 'GetUser':
			return {
				body: {
					Username: USERNAME,
					UserAttributes: [{ Name: 'email', Value: 'p@example.com' }],
					MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }],
				},
			};
		case 'AssociateSoftwareToken':
			return { body: { SecretCode: 'SECRETCODE', Session: 'assoc-2' } };
		case 'VerifySoftwareToken':
			return { body: { Status: 'SUCCESS', Session: 'verify-2' } };
		case 'GetDevice':
			return { body: { Device: { DeviceKey: 'dk' } } };
		case 'ListDevices':
			return { body: { Devices: [] } };
		default:
			return { body: {} };
	}
}

/** Installs the fetch stub for one run; returns what was sent. */
export function stubFetch(script?: Script): Captured[] {
	const sent: Captured[] = [];
	const fetchStub = async (url: string, init: Record<string, unknown>) => {
		const headers = init.headers as Record<string, string>;
		const action = String(headers['X-Amz-Target']).split('.').pop() as string;
		const body = JSON.parse(String(init.body)) as Record<string, unknown>;
		const index = sent.length;
		sent.push({
			url,
			init: Object.keys(init).join(','),
			method: init.method,
			mode: init.mode,
			headers: JSON.stringify(headers),
			body: String(init.body),
		});
		const reply = script?.(action, body, index) ?? defaultReply(action, body);
		return new Response(JSON.stringify(reply.body), {
			status: reply.status ?? 200,
			headers: { 'Content-Type': 'application/x-amz-json-1.1' },
		});
	};
	vi.stubGlobal('fetch', fetchStub);
	return sent;
}

export function serviceFailure(code: string, message: string): ServiceReply {
	return { status: 400, body: { __type: `com.amazonaws.cognito#${code}`, message } };
}

// ------------------------------------------------------------------------------------------
// Running a scenario

/** How a scenario's final callback was called, comparable across the libraries. */
export function summarise(args: unknown[]): string {
	return JSON.stringify(
		args.map((value) => {
			if (value === undefined) return 'undefined';
			if (value instanceof Error)
				return `error ${(value as { code?: string }).code ?? value.name}: ${value.message}`;
			if (
				value &&
				typeof value === 'object' &&
				typeof (value as LibUser).getIdToken === 'function'
			) {
				return `session ${(value as LibUser).getIdToken().getJwtToken()}`;
			}
			return value;
		}),
	);
}

export interface Scenario {
	name: string;
	script?: Script;
	/** Prepares the user (signed in, challenge session, device keys …). */
	setup?: (lib: Lib, user: LibUser, storage: LoggingStorage) => void;
	/** Starts the operation; `done` ends it with the final callback's arguments. */
	run: (lib: Lib, user: LibUser, done: (label: string) => (...args: unknown[]) => void) => void;
	/** Extra requests expected after the final callback (getUserData's refresh, …). */
	settleTicks?: number;
	/**
	 * The original retries every refresh error about six times; ours (the Client) retries only
	 * transient ones. Then only the first attempt is compared.
	 */
	originalRetriesEverything?: boolean;
}

export interface Outcome {
	requests: Captured[];
	callback: string;
	storage: string[];
	/** The user's fields; undefined, null and absent are told apart. */
	user: Record<string, unknown>;
	signedIn: string | null;
}

export function signIn(
	lib: Lib,
	user: LibUser,
	tag = 'signed-in',
	options: { originJti?: boolean; expired?: boolean } = {},
) {
	const t = tokens(tag, options);
	user.signInUserSession = new lib.CognitoUserSession({
		IdToken: new lib.CognitoIdToken({ IdToken: t.IdToken }),
		AccessToken: new lib.CognitoAccessToken({ AccessToken: t.AccessToken }),
		RefreshToken: new lib.CognitoRefreshToken({ RefreshToken: t.RefreshToken }),
	});
	return t;
}

export async function runScenario(lib: Lib, scenario: Scenario): Promise<Outcome> {
	const requests = stubFetch(scenario.script);
	const storage = new LoggingStorage();
	const pool = new lib.CognitoUserPool({
		UserPoolId: POOL_ID,
		ClientId: CLIENT_ID,
		Storage: storage,
	});
	const user = new lib.CognitoUser({ Username: USERNAME, Pool: pool, Storage: storage });
	scenario.setup?.(lib, user, storage);
	const callback = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`${lib.name}: ${scenario.name} never called back`)),
			10_000,
		);
		scenario.run(lib, user, (label) => (...args: unknown[]) => {
			clearTimeout(timer);
			resolve(`${label} ${summarise(args)}`);
		});
	});
	for (let i = 0; i < (scenario.settleTicks ?? 3); i++) await new Promise((r) => setImmediate(r));
	vi.unstubAllGlobals();
	return {
		requests,
		callback,
		storage: storage.log,
		user: Object.fromEntries(
			[
				'username',
				'Session',
				'deviceKey',
				'deviceGroupKey',
				'randomPassword',
				'verifierDevices',
				'challengeName',
			].map((field) => [field, field in user ? String(user[field]) : '<absent>']),
		),
		signedIn: user.signInUserSession ? user.signInUserSession.getIdToken().getJwtToken() : null,
	};
}

/** The callbacks object of the authentication flows, each member ending the scenario. */
export function authCallbacks(done: (label: string) => (...args: unknown[]) => void) {
	return {
		onSuccess: done('onSuccess'),
		onFailure: done('onFailure'),
		newPasswordRequired: done('newPasswordRequired'),
		mfaRequired: done('mfaRequired'),
		totpRequired: done('totpRequired'),
		customChallenge: done('customChallenge'),
		mfaSetup: done('mfaSetup'),
		selectMFAType: done('selectMFAType'),
	};
}
