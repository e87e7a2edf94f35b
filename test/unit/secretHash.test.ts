// Client secrets (pitfall 12): a pool given `ClientSecret` adds the secret hash to every request
// the API requires it for, and the secret itself to RevokeToken. Each flow runs twice, with the
// same clock, randomness and replies, once without and once with the secret: the bodies must be
// the same but for the one appended value, computed here with node:crypto.
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import AuthenticationDetails from '../../src/AuthenticationDetails';
import AuthenticationHelper from '../../src/AuthenticationHelper';
import BigInteger from '../../src/BigInteger';
import CognitoAccessToken from '../../src/CognitoAccessToken';
import CognitoIdToken from '../../src/CognitoIdToken';
import CognitoRefreshToken from '../../src/CognitoRefreshToken';
import CognitoUser from '../../src/CognitoUser';
import CognitoUserPool from '../../src/CognitoUserPool';
import CognitoUserSession from '../../src/CognitoUserSession';
import { secretHash } from '../../src/utils/secretHash';
import {
	CLIENT_ID,
	POOL_NAME,
	PREFIX,
	RecordingStorage,
	SrpServer,
	authResult,
	fakeService,
	jwt,
	userAccount,
} from './CognitoUser.kit';
import type { FakeService, Handler } from './CognitoUser.kit';

const SECRET = '1example23456789secret0abcdefghijklmnopqrstuvwxyz012';
const USER_ID = 'b1d4-uuid-alice';
const hash = (name: string): string =>
	createHmac('sha256', SECRET)
		.update(name + CLIENT_ID)
		.digest('base64');

type Json = Record<string, unknown>;
/** Where a request carries the proof, and for which username. */
type Proof =
	{ top: string } | { auth: string } | { challenge: string } | { revoke: true } | { none: true };

let service: FakeService;
beforeEach(() => {
	service = fakeService();
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(new Date('2024-03-05T06:07:08Z'));
	vi.spyOn(AuthenticationHelper.prototype, 'generateRandomSmallA').mockImplementation(
		() => new BigInteger('1234567890abcdef'.repeat(8), 16),
	);
	vi.spyOn(AuthenticationHelper.prototype, 'generateRandomString').mockReturnValue('device-pw');
});
afterEach(() => {
	vi.useRealTimers();
	vi.restoreAllMocks();
});

interface Run {
	pool: CognitoUserPool;
	user: CognitoUser;
	storage: RecordingStorage;
}

/** Runs `drive` against a fresh pool (with or without the secret) and returns what was sent. */
function capture(
	secret: string | undefined,
	handler: Handler,
	drive: (run: Run) => void,
	setup: (run: Run) => void = () => undefined,
): Array<{ operation: string; body: string }> {
	const storage = new RecordingStorage();
	const pool = new CognitoUserPool({
		UserPoolId: `us-east-1_${POOL_NAME}`,
		ClientId: CLIENT_ID,
		Storage: storage,
		...(secret === undefined ? {} : { ClientSecret: secret }),
	});
	const user = new CognitoUser({ Username: 'alice', Pool: pool, Storage: storage });
	const run = { pool, user, storage };
	setup(run);
	service.sent.length = 0;
	service.fallback = handler;
	drive(run);
	return service.sent.map(({ operation, body }) => ({ operation, body }));
}

/** The body without the secret, with the proof the API asks for appended where it belongs. */
function withProof(body: string, proof: Proof): string {
	const b = JSON.parse(body) as Json;
	if ('top' in proof) return JSON.stringify({ ...b, SecretHash: hash(proof.top) });
	if ('revoke' in proof) return JSON.stringify({ ...b, ClientSecret: SECRET });
	if ('auth' in proof) {
		const params = { ...(b.AuthParameters as Json), SECRET_HASH: hash(proof.auth) };
		return JSON.stringify({ ...b, AuthParameters: params });
	}
	if ('challenge' in proof) {
		const responses = { ...(b.ChallengeResponses as Json), SECRET_HASH: hash(proof.challenge) };
		return JSON.stringify({ ...b, ChallengeResponses: responses });
	}
	return body;
}

/** Runs the flow both ways and checks each request against the expected proofs. */
function expectProofs(
	handler: Handler,
	drive: (run: Run) => void,
	expected: Array<[operation: string, proof: Proof]>,
	setup?: (run: Run) => void,
): Array<{ operation: string; body: string }> {
	const plain = capture(undefined, handler, drive, setup);
	const secret = capture(SECRET, handler, drive, setup);
	expect(plain.map((s) => s.operation)).toEqual(expected.map(([operation]) => operation));
	expect(secret.map((s) => s.operation)).toEqual(expected.map(([operation]) => operation));
	for (const sent of plain) expect(sent.body).not.toMatch(/SECRET_HASH|SecretHash|ClientSecret/);
	expected.forEach(([, proof], i) => {
		expect(secret[i]?.body).toBe(withProof(plain[i]?.body as string, proof));
	});
	return plain;
}

const tokens = (): Json => ({ AuthenticationResult: authResult() });
const answer =
	(replies: Record<string, unknown>): Handler =>
	(operation, params) => {
		const key = `${operation}:${String(params.ChallengeName ?? params.AuthFlow ?? '')}`;
		const data = replies[key] ?? replies[operation];
		return data === undefined ? { error: new Error(`unexpected ${key}`) } : { data };
	};
const callbacks = () => ({
	onSuccess: vi.fn(),
	onFailure: vi.fn(),
	customChallenge: vi.fn(),
	mfaRequired: vi.fn(),
	totpRequired: vi.fn(),
	newPasswordRequired: vi.fn(),
	mfaSetup: vi.fn(),
	selectMFAType: vi.fn(),
});

describe('secretHash', () => {
	it('is Base64(HMAC-SHA256(secret, username ‖ clientId)), also for non-ASCII and long keys', () => {
		expect(secretHash(SECRET, 'alice', CLIENT_ID)).toBe(hash('alice'));
		const long = 'k'.repeat(100);
		expect(secretHash(long, 'zoë@例え.jp', 'cid')).toBe(
			createHmac('sha256', long)
				.update('zoë@例え.jp' + 'cid')
				.digest('base64'),
		);
	});

	it('the pool keeps the secret only when given one', () => {
		const without = new CognitoUserPool({ UserPoolId: 'us-east-1_P', ClientId: 'c' });
		expect(Object.prototype.hasOwnProperty.call(without, 'clientSecret')).toBe(false);
		const given = new CognitoUserPool({
			UserPoolId: 'us-east-1_P',
			ClientId: 'c',
			ClientSecret: 's',
		});
		expect(given.clientSecret).toBe('s');
	});
});

describe('top-level SecretHash', () => {
	it('SignUp', () => {
		const plain = expectProofs(
			answer({ SignUp: { UserConfirmed: false, UserSub: 'sub-1' } }),
			({ pool }) =>
				pool.signUp('alice', 'pw', [{ Name: 'email', Value: 'a@x.io' }], null, vi.fn(), {
					m: '1',
				}),
			[['SignUp', { top: 'alice' }]],
		);
		expect(plain[0]?.body).toBe(
			JSON.stringify({
				ClientId: CLIENT_ID,
				Username: 'alice',
				Password: 'pw',
				UserAttributes: [{ Name: 'email', Value: 'a@x.io' }],
				ValidationData: null,
				ClientMetadata: { m: '1' },
			}),
		);
	});

	it('ConfirmSignUp, ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword', () => {
		const delivery = { CodeDeliveryDetails: { DeliveryMedium: 'EMAIL' } };
		const plain = expectProofs(
			answer({
				ConfirmSignUp: {},
				ResendConfirmationCode: delivery,
				ForgotPassword: delivery,
				ConfirmForgotPassword: {},
			}),
			({ user }) => {
				user.confirmRegistration('123456', true, vi.fn(), { c: '1' });
				user.resendConfirmationCode(vi.fn(), { r: '1' });
				user.forgotPassword({ onSuccess: vi.fn(), onFailure: vi.fn() }, { f: '1' });
				user.confirmPassword('654321', 'New-pw1', { onSuccess: vi.fn(), onFailure: vi.fn() });
			},
			[
				['ConfirmSignUp', { top: 'alice' }],
				['ResendConfirmationCode', { top: 'alice' }],
				['ForgotPassword', { top: 'alice' }],
				['ConfirmForgotPassword', { top: 'alice' }],
			],
		);
		expect(plain.map((s) => s.body)).toEqual([
			JSON.stringify({
				ClientId: CLIENT_ID,
				ConfirmationCode: '123456',
				Username: 'alice',
				ForceAliasCreation: true,
				ClientMetadata: { c: '1' },
			}),
			JSON.stringify({ ClientId: CLIENT_ID, Username: 'alice', ClientMetadata: { r: '1' } }),
			JSON.stringify({ ClientId: CLIENT_ID, Username: 'alice', ClientMetadata: { f: '1' } }),
			JSON.stringify({
				ClientId: CLIENT_ID,
				Username: 'alice',
				ConfirmationCode: '654321',
				Password: 'New-pw1',
			}),
		]);
	});

	it('comes after UserContextData, which the original puts last', () => {
		vi.stubGlobal('AmazonCognitoAdvancedSecurityData', { getData: () => 'enc' });
		try {
			const secret = capture(SECRET, answer({ ForgotPassword: {} }), ({ user }) =>
				user.forgotPassword({ onSuccess: vi.fn(), onFailure: vi.fn() }),
			);
			expect(Object.keys(JSON.parse(secret[0]?.body as string) as Json)).toEqual([
				'ClientId',
				'Username',
				'UserContextData',
				'SecretHash',
			]);
		} finally {
			vi.unstubAllGlobals();
		}
	});
});

describe('AuthParameters.SECRET_HASH and ChallengeResponses.SECRET_HASH', () => {
	it('USER_PASSWORD_AUTH', () => {
		const plain = expectProofs(
			answer({ 'InitiateAuth:USER_PASSWORD_AUTH': tokens() }),
			({ user }) => {
				user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
				user.authenticateUser(
					new AuthenticationDetails({ Username: 'alice', Password: 'pw' }),
					callbacks(),
				);
			},
			[['InitiateAuth', { auth: 'alice' }]],
		);
		expect(plain[0]?.body).toBe(
			JSON.stringify({
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: CLIENT_ID,
				AuthParameters: { USERNAME: 'alice', PASSWORD: 'pw' },
				ClientMetadata: {},
			}),
		);
	});

	it('USER_SRP_AUTH: the PASSWORD_VERIFIER leg hashes USER_ID_FOR_SRP, not the alias', () => {
		const server = new SrpServer(userAccount(POOL_NAME, USER_ID, 'pw'));
		const cbs = callbacks();
		expectProofs(
			answer({
				'InitiateAuth:USER_SRP_AUTH': {
					ChallengeName: 'PASSWORD_VERIFIER',
					ChallengeParameters: server.challenge({ USER_ID_FOR_SRP: USER_ID }),
					Session: 's1',
				},
				'RespondToAuthChallenge:PASSWORD_VERIFIER': tokens(),
			}),
			({ user }) =>
				user.authenticateUser(
					new AuthenticationDetails({ Username: 'alice', Password: 'pw' }),
					cbs,
				),
			[
				['InitiateAuth', { auth: 'alice' }],
				['RespondToAuthChallenge', { challenge: USER_ID }],
			],
		);
		expect(cbs.onSuccess).toHaveBeenCalledTimes(2);
	});

	it('CUSTOM_AUTH through initiateAuth and sendCustomChallengeAnswer', () => {
		expectProofs(
			answer({
				'InitiateAuth:CUSTOM_AUTH': { ChallengeName: 'CUSTOM_CHALLENGE', Session: 's1' },
				'RespondToAuthChallenge:CUSTOM_CHALLENGE': tokens(),
			}),
			({ user }) => {
				user.initiateAuth(
					new AuthenticationDetails({ Username: 'alice', AuthParameters: { X: '1' } }),
					callbacks(),
				);
				user.sendCustomChallengeAnswer('42', callbacks(), { a: '1' });
			},
			[
				['InitiateAuth', { auth: 'alice' }],
				['RespondToAuthChallenge', { challenge: 'alice' }],
			],
		);
	});

	it('NEW_PASSWORD_REQUIRED, SELECT_MFA_TYPE, SMS_MFA and SOFTWARE_TOKEN_MFA answers', () => {
		expectProofs(
			answer({
				'RespondToAuthChallenge:NEW_PASSWORD_REQUIRED': { ChallengeName: 'SELECT_MFA_TYPE' },
				'RespondToAuthChallenge:SELECT_MFA_TYPE': { ChallengeName: 'SMS_MFA', Session: 's3' },
				'RespondToAuthChallenge:SMS_MFA': tokens(),
				'RespondToAuthChallenge:SOFTWARE_TOKEN_MFA': tokens(),
			}),
			({ user }) => {
				user.Session = 's1';
				user.completeNewPasswordChallenge('New-pw1', { name: 'Al' }, callbacks());
				user.sendMFASelectionAnswer('SMS_MFA', callbacks());
				user.sendMFACode('123456', callbacks());
				user.sendMFACode('654321', callbacks(), 'SOFTWARE_TOKEN_MFA');
			},
			[
				['RespondToAuthChallenge', { challenge: 'alice' }],
				['RespondToAuthChallenge', { challenge: 'alice' }],
				['RespondToAuthChallenge', { challenge: 'alice' }],
				['RespondToAuthChallenge', { challenge: 'alice' }],
			],
		);
	});

	it('MFA_SETUP after VerifySoftwareToken (which takes no hash)', () => {
		expectProofs(
			answer({
				VerifySoftwareToken: { Status: 'SUCCESS', Session: 's2' },
				'RespondToAuthChallenge:MFA_SETUP': tokens(),
			}),
			({ user }) => {
				user.Session = 's1';
				user.verifySoftwareToken('123456', 'phone', { onSuccess: vi.fn(), onFailure: vi.fn() });
			},
			[
				['VerifySoftwareToken', { none: true }],
				['RespondToAuthChallenge', { challenge: 'alice' }],
			],
		);
	});

	it('device SRP: DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER', () => {
		const device = new SrpServer(userAccount('group-1', 'us-east-1_dev-1', 'device-pw'));
		const cbs = callbacks();
		expectProofs(
			answer({
				'RespondToAuthChallenge:DEVICE_SRP_AUTH': {
					ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
					ChallengeParameters: device.challenge(),
					Session: 's2',
				},
				'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER': tokens(),
			}),
			({ user }) => user.getDeviceResponse(cbs),
			[
				['RespondToAuthChallenge', { challenge: USER_ID }],
				['RespondToAuthChallenge', { challenge: USER_ID }],
			],
			({ user }) => {
				user.username = USER_ID;
				user.deviceKey = 'us-east-1_dev-1';
				user.deviceGroupKey = 'group-1';
				user.randomPassword = 'device-pw';
				user.Session = 's1';
			},
		);
		expect(cbs.onSuccess).toHaveBeenCalledTimes(2);
	});

	it('REFRESH_TOKEN_AUTH hashes the access token username claim, not an alias in LastAuthUser', () => {
		const aliasLogin = ({ storage }: Run) => {
			storage.setItem(`${PREFIX}.LastAuthUser`, 'al@example.com');
			storage.setItem(
				`${PREFIX}.al@example.com.accessToken`,
				jwt({ token_use: 'access', username: USER_ID }),
			);
		};
		expectProofs(
			answer({ 'InitiateAuth:REFRESH_TOKEN_AUTH': tokens() }),
			({ user }) => user.refreshSession(new CognitoRefreshToken({ RefreshToken: 'rt-1' }), vi.fn()),
			[['InitiateAuth', { auth: USER_ID }]],
			aliasLogin,
		);
		// The session in memory is preferred to the stored one.
		expectProofs(
			answer({ 'InitiateAuth:REFRESH_TOKEN_AUTH': tokens() }),
			({ user }) => {
				const result = { ...authResult(), AccessToken: jwt({ username: 'in-memory' }) };
				user.signInUserSession = new CognitoUserSession({
					IdToken: new CognitoIdToken(result),
					AccessToken: new CognitoAccessToken(result),
				});
				user.refreshSession(new CognitoRefreshToken({ RefreshToken: 'rt-1' }), vi.fn());
			},
			[['InitiateAuth', { auth: 'in-memory' }]],
			aliasLogin,
		);
	});

	it('REFRESH_TOKEN_AUTH without a readable claim hashes the stored LastAuthUser, the username refreshSession adopts', () => {
		const plain = expectProofs(
			answer({ 'InitiateAuth:REFRESH_TOKEN_AUTH': tokens() }),
			({ user }) => user.refreshSession(new CognitoRefreshToken({ RefreshToken: 'rt-1' }), vi.fn()),
			[['InitiateAuth', { auth: USER_ID }]],
			({ storage }) => storage.setItem(`${PREFIX}.LastAuthUser`, USER_ID),
		);
		expect(plain[0]?.body).toBe(
			JSON.stringify({
				ClientId: CLIENT_ID,
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				AuthParameters: { REFRESH_TOKEN: 'rt-1', DEVICE_KEY: null },
			}),
		);
	});
});

describe('RevokeToken carries ClientSecret', () => {
	const signIn = ({ user }: Run): void => {
		const result = authResult({ originJti: 'jti-1' });
		user.setSignInUserSession(
			new CognitoUserSession({
				IdToken: new CognitoIdToken(result),
				AccessToken: new CognitoAccessToken(result),
				RefreshToken: new CognitoRefreshToken(result),
			}),
		);
	};

	it('signOut(callback) and signOut()', () => {
		const plain = expectProofs(
			answer({ RevokeToken: {} }),
			({ user }) => {
				const cb = vi.fn();
				user.signOut(cb);
				expect(cb.mock.calls).toEqual([[undefined]]);
				signIn({ user } as Run);
				user.signOut();
			},
			[
				['RevokeToken', { revoke: true }],
				['RevokeToken', { revoke: true }],
			],
			signIn,
		);
		expect(plain[0]?.body).toBe(JSON.stringify({ Token: 'refresh-t', ClientId: CLIENT_ID }));
	});
});
