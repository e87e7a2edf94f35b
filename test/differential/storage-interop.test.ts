// Storage interop with the original: a session and a remembered device stored by one library
// are picked up by the other (getCurrentUser + getSession, refresh with DEVICE_KEY, and a device
// SRP login that a server verifies against the verifier the other library registered).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SrpServer, authResult, deviceAccount, userAccount } from '../unit/CognitoUser.kit';
import type { SrpAccount } from '../unit/CognitoUser.kit';
import { LoggingStorage, orig, ours, signIn } from './cognitoUserHarness';
import type { Lib, LibUser } from './cognitoUserHarness';
import { restoreOracle, speedUpOracle } from './oracleModPow';

const POOL_ID = 'eu-west-1_Interop1';
const CLIENT_ID = 'interopclient';
const PREFIX = `CognitoIdentityServiceProvider.${CLIENT_ID}`;
const ALIAS = 'carol@example.com';
const USER_ID = 'c0ffee-carol';
const PASSWORD = 'S3cret!pass';

/** A fetch-level fake Cognito that checks both SRP proofs for real. */
class InteropServer {
	account: SrpAccount = userAccount('Interop1', USER_ID, PASSWORD);
	devices = new Map<string, SrpAccount>();
	verified: string[] = [];
	refreshDeviceKeys: unknown[] = [];
	private userServer?: SrpServer;
	private deviceServer?: SrpServer;
	private userA = '';
	private deviceA = '';
	private deviceCount = 0;

	install(): void {
		vi.stubGlobal(
			'fetch',
			async (_url: string, init: { headers: Record<string, string>; body: string }) => {
				const action = String(init.headers['X-Amz-Target']).split('.').pop() as string;
				const { status, body } = this.answer(
					action,
					JSON.parse(init.body) as Record<string, never>,
				);
				return new Response(JSON.stringify(body), { status });
			},
		);
	}

	private answer(
		action: string,
		req: Record<string, Record<string, string>>,
	): { status: number; body: unknown } {
		const ok = (body: unknown) => ({ status: 200, body });
		const denied = {
			status: 400,
			body: { __type: 'NotAuthorizedException', message: 'Incorrect proof.' },
		};
		const responses = req.ChallengeResponses ?? {};
		const challenge = req.ChallengeName as unknown as string | undefined;
		if (action === 'InitiateAuth' && req.AuthParameters?.SRP_A) {
			this.userA = req.AuthParameters.SRP_A;
			this.userServer = new SrpServer(this.account);
			return ok({
				ChallengeName: 'PASSWORD_VERIFIER',
				ChallengeParameters: this.userServer.challenge({
					USER_ID_FOR_SRP: USER_ID,
					USERNAME: USER_ID,
				}),
				Session: 's1',
			});
		}
		if (action === 'InitiateAuth') {
			this.refreshDeviceKeys.push(req.AuthParameters?.DEVICE_KEY ?? 'absent');
			return ok({ AuthenticationResult: authResult({ tag: 'refreshed' }) });
		}
		if (challenge === 'PASSWORD_VERIFIER') {
			if (!this.userServer?.verify(this.userA, responses)) return denied;
			this.verified.push('user');
			if (responses.DEVICE_KEY && this.devices.has(responses.DEVICE_KEY)) {
				return ok({ ChallengeName: 'DEVICE_SRP_AUTH', Session: 's2', ChallengeParameters: {} });
			}
			this.deviceCount += 1;
			return ok({
				AuthenticationResult: {
					...authResult({ tag: 'login' }),
					NewDeviceMetadata: {
						DeviceKey: `eu-west-1_device-${this.deviceCount}`,
						DeviceGroupKey: 'group-7',
					},
				},
			});
		}
		if (action === 'ConfirmDevice') {
			const config = req.DeviceSecretVerifierConfig as unknown as {
				Salt: string;
				PasswordVerifier: string;
			};
			const key = req.DeviceKey as unknown as string;
			this.devices.set(key, deviceAccount('group-7', key, config));
			return ok({ UserConfirmationNecessary: false });
		}
		if (challenge === 'DEVICE_SRP_AUTH') {
			const device = this.devices.get(responses.DEVICE_KEY ?? '');
			if (!device)
				return {
					status: 400,
					body: { __type: 'ResourceNotFoundException', message: 'Device does not exist.' },
				};
			this.deviceA = responses.SRP_A ?? '';
			this.deviceServer = new SrpServer(device);
			return ok({
				ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
				ChallengeParameters: this.deviceServer.challenge(),
				Session: 's3',
			});
		}
		if (challenge === 'DEVICE_PASSWORD_VERIFIER') {
			if (!this.deviceServer?.verify(this.deviceA, responses)) return denied;
			this.verified.push('device');
			return ok({ AuthenticationResult: authResult({ tag: 'device-login' }) });
		}
		return { status: 400, body: { __type: 'InvalidParameterException', message: action } };
	}
}

let server: InteropServer;
let storage: LoggingStorage;

beforeEach(() => {
	speedUpOracle();
	server = new InteropServer();
	server.install();
	storage = new LoggingStorage();
});

afterEach(() => {
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
	restoreOracle();
});

const pool = (lib: Lib) =>
	new lib.CognitoUserPool({ UserPoolId: POOL_ID, ClientId: CLIENT_ID, Storage: storage });

function login(lib: Lib, user: LibUser): Promise<unknown[]> {
	return new Promise((resolve, reject) => {
		user.authenticateUser(new lib.AuthenticationDetails({ Username: ALIAS, Password: PASSWORD }), {
			onSuccess: (...args: unknown[]) => resolve(args),
			onFailure: reject,
		});
	});
}

function getSession(user: LibUser): { err: unknown; session: LibUser | null; sync: boolean } {
	let outcome: { err: unknown; session: LibUser | null } | undefined;
	user.getSession((err: unknown, session: LibUser | null) => {
		outcome = { err, session };
	});
	return { ...(outcome ?? { err: undefined, session: null }), sync: outcome !== undefined };
}

function refresh(user: LibUser, lib: Lib): Promise<unknown> {
	const token = user.getSignInUserSession().getRefreshToken().getToken();
	return new Promise((resolve) =>
		user.refreshSession(new lib.CognitoRefreshToken({ RefreshToken: token }), (err: unknown) =>
			resolve(err),
		),
	);
}

describe.each([
	[orig, ours],
	[ours, orig],
])('storage written by one library, read by the other (%#)', (writer, reader) => {
	it(`${writer.name} → ${reader.name}: current user, session, device login and refresh`, async () => {
		const first = new writer.CognitoUser({ Username: ALIAS, Pool: pool(writer), Storage: storage });
		await login(writer, first);
		expect(server.verified).toEqual(['user']);
		expect(server.devices.size).toBe(1);
		const stored = { ...storage.data };
		expect(stored[`${PREFIX}.LastAuthUser`]).toBe(USER_ID);
		expect(stored[`${PREFIX}.${USER_ID}.deviceKey`]).toBe('eu-west-1_device-1');

		// The reader finds the user and adopts the stored session synchronously.
		const current = pool(reader).getCurrentUser() as LibUser;
		expect(current.getUsername()).toBe(USER_ID);
		const { err, session, sync } = getSession(current);
		expect(sync).toBe(true);
		expect(err).toBeNull();
		expect(session?.getIdToken().getJwtToken()).toBe(stored[`${PREFIX}.${USER_ID}.idToken`]);
		expect(session?.getAccessToken().getJwtToken()).toBe(
			stored[`${PREFIX}.${USER_ID}.accessToken`],
		);
		expect(session?.getRefreshToken().getToken()).toBe(stored[`${PREFIX}.${USER_ID}.refreshToken`]);
		expect(session?.getClockDrift()).toBe(Number(stored[`${PREFIX}.${USER_ID}.clockDrift`]));

		// A refresh sends the device the writer remembered.
		expect(await refresh(current, reader)).toBeNull();
		expect(server.refreshDeviceKeys).toEqual(['eu-west-1_device-1']);

		// A fresh login of the reader proves the writer's device secret: no new device.
		const again = new reader.CognitoUser({ Username: ALIAS, Pool: pool(reader), Storage: storage });
		await login(reader, again);
		expect(server.verified).toEqual(['user', 'user', 'device']);
		expect(server.devices.size).toBe(1);
		expect(again.getSignInUserSession().getIdToken().payload.tag).toBe('device-login');

		// And the writer reads the reader's session back.
		const back = pool(writer).getCurrentUser() as LibUser;
		const result = getSession(back);
		expect(result.sync).toBe(true);
		expect(result.session?.getIdToken().getJwtToken()).toBe(
			again.getSignInUserSession().getIdToken().getJwtToken(),
		);
	});

	it(`${writer.name} signs out, ${reader.name} finds no session but keeps the device`, () => {
		const user = new writer.CognitoUser({
			Username: USER_ID,
			Pool: pool(writer),
			Storage: storage,
		});
		signIn(writer, user);
		user.cacheTokens();
		storage.setItem(`${PREFIX}.${USER_ID}.deviceKey`, 'dk');
		user.signOut();
		expect(pool(reader).getCurrentUser()).toBeNull();
		const reading = new reader.CognitoUser({
			Username: USER_ID,
			Pool: pool(reader),
			Storage: storage,
		});
		expect(getSession(reading).err).toBeInstanceOf(Error);
		reading.getCachedDeviceKeyAndPassword();
		expect(reading.deviceKey).toBe('dk');
	});
});
