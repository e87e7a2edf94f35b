// Every network method of CognitoUser and CognitoUserPool against a loopback server that
// injects one fault per cell. Each cell checks: exactly one callback, an Error with code, name
// and message, nothing uncaught, and storage unchanged (or changed only as documented).
import { afterAll, describe, expect, it } from 'vitest';
import {
	AuthenticationDetails,
	CognitoAccessToken,
	CognitoIdToken,
	CognitoRefreshToken,
	CognitoUser,
	CognitoUserPool,
	CognitoUserSession,
} from '../../src/index';
import {
	FAULTS,
	type Fault,
	INJECTED_MESSAGE,
	type Received,
	startFaultServer,
} from './helpers/faultServer';
import { ProcessWatch, Recorder, sleep } from './helpers/recorder';
import { CountingStorage } from './helpers/storage';
import { tokensFor } from './helpers/tokens';

const POOL_ID = 'us-east-1_Faults';
const CLIENT_ID = 'faultclient';
const PREFIX = `CognitoIdentityServiceProvider.${CLIENT_ID}`;
const USER = 'alice';
/** How long to keep listening after the first callback, to catch a second one. */
const AFTER_FIRST_MS = 60;
/** Upper bound on waiting for the first callback (retrying methods back off for ~6.5 s). */
const FIRST_BOUND_MS = 25_000;
const HANG_TIMEOUT_MS = 200;

interface Ctx {
	pool: CognitoUserPool;
	user: CognitoUser;
	storage: CountingStorage;
	rec: Recorder;
}

type StorageRule = 'unchanged' | 'tokensCleared' | 'tokensWritten';

interface Row {
	name: string;
	setup?: (ctx: Ctx) => void;
	run: (ctx: Ctx) => void;
	target: (r: Received) => boolean;
	/** What a 200 reply without the required fields must give. */
	missing: 'error' | 'success';
	newDevice?: boolean;
	/** Retries transient faults (refresh, RevokeToken). */
	retrying?: boolean;
	/** How storage may change when the method fails with `fault`. */
	storageOnError?: (fault: Fault) => StorageRule;
}

const act =
	(action: string) =>
	(r: Received): boolean =>
		r.action === action;
const challenge =
	(name: string) =>
	(r: Received): boolean =>
		r.action === 'RespondToAuthChallenge' && r.body.ChallengeName === name;

const TOKEN_KEYS = ['idToken', 'accessToken', 'refreshToken', 'clockDrift'].map(
	(k) => `${PREFIX}.${USER}.${k}`,
);
const LAST_USER_KEY = `${PREFIX}.LastAuthUser`;
const USER_DATA_KEY = `${PREFIX}.${USER}.userData`;
const DEVICE_KEYS = ['deviceKey', 'randomPasswordKey', 'deviceGroupKey'].map(
	(k) => `${PREFIX}.${USER}.${k}`,
);

function signIn({ user }: Ctx): void {
	const t = tokensFor(USER);
	user.setSignInUserSession(
		new CognitoUserSession({
			IdToken: new CognitoIdToken({ IdToken: t.IdToken }),
			AccessToken: new CognitoAccessToken({ AccessToken: t.AccessToken }),
			RefreshToken: new CognitoRefreshToken({ RefreshToken: t.RefreshToken }),
		}),
	);
	user.storage.setItem(USER_DATA_KEY, JSON.stringify({ Username: USER, UserAttributes: [] }));
}

function rememberDevice({ user, storage }: Ctx): void {
	storage.setItem(`${PREFIX}.${USER}.deviceKey`, 'us-east-1_dev');
	storage.setItem(`${PREFIX}.${USER}.randomPasswordKey`, 'device-secret');
	storage.setItem(`${PREFIX}.${USER}.deviceGroupKey`, 'grp');
	user.deviceKey = 'us-east-1_dev';
}

function expiredSession({ storage }: Ctx): void {
	const t = tokensFor(USER, -60);
	storage.setItem(`${PREFIX}.${USER}.idToken`, t.IdToken);
	storage.setItem(`${PREFIX}.${USER}.accessToken`, t.AccessToken);
	storage.setItem(`${PREFIX}.${USER}.refreshToken`, t.RefreshToken);
	storage.setItem(`${PREFIX}.${USER}.clockDrift`, '0');
	storage.setItem(LAST_USER_KEY, USER);
	storage.setItem(USER_DATA_KEY, '{"Username":"alice"}');
	storage.setItem(`${PREFIX}.${USER}.deviceKey`, 'us-east-1_dev');
}

const details = (): AuthenticationDetails =>
	new AuthenticationDetails({ Username: USER, Password: 'Passw0rd!' });

const refreshClears = (fault: Fault): StorageRule =>
	fault === 'json400' ? 'tokensCleared' : 'unchanged';

const ROWS: Row[] = [
	{
		name: 'pool.signUp',
		run: ({ pool, rec }) => pool.signUp(USER, 'Passw0rd!', [], null, rec.node()),
		target: act('SignUp'),
		missing: 'success',
	},
	{
		name: 'confirmRegistration',
		run: ({ user, rec }) => user.confirmRegistration('123456', false, rec.node()),
		target: act('ConfirmSignUp'),
		missing: 'success',
	},
	{
		name: 'resendConfirmationCode',
		run: ({ user, rec }) => user.resendConfirmationCode(rec.node()),
		target: act('ResendConfirmationCode'),
		missing: 'success',
	},
	{
		name: 'authenticateUser SRP: InitiateAuth',
		run: ({ user, rec }) => user.authenticateUser(details(), rec.object()),
		target: act('InitiateAuth'),
		missing: 'error',
	},
	{
		name: 'authenticateUser SRP: PASSWORD_VERIFIER',
		run: ({ user, rec }) => user.authenticateUser(details(), rec.object()),
		target: challenge('PASSWORD_VERIFIER'),
		missing: 'error',
	},
	{
		name: 'authenticateUser USER_PASSWORD_AUTH',
		run: ({ user, rec }) => {
			user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
			user.authenticateUser(details(), rec.object());
		},
		target: act('InitiateAuth'),
		missing: 'error',
	},
	{
		name: 'initiateAuth (CUSTOM_AUTH)',
		run: ({ user, rec }) =>
			user.initiateAuth(
				new AuthenticationDetails({ Username: USER, AuthParameters: {} }),
				rec.object(),
			),
		target: act('InitiateAuth'),
		missing: 'error',
	},
	{
		name: 'sendCustomChallengeAnswer',
		setup: ({ user }) => (user.Session = 'session-custom'),
		run: ({ user, rec }) => user.sendCustomChallengeAnswer('4', rec.object()),
		target: challenge('CUSTOM_CHALLENGE'),
		missing: 'error',
	},
	{
		name: 'sendMFACode',
		setup: ({ user }) => (user.Session = 'session-mfa'),
		run: ({ user, rec }) => user.sendMFACode('123456', rec.object()),
		target: challenge('SMS_MFA'),
		missing: 'error',
	},
	{
		name: 'sendMFASelectionAnswer',
		setup: ({ user }) => (user.Session = 'session-select'),
		run: ({ user, rec }) => user.sendMFASelectionAnswer('SMS_MFA', rec.object()),
		target: challenge('SELECT_MFA_TYPE'),
		missing: 'success',
	},
	{
		name: 'completeNewPasswordChallenge',
		setup: ({ user }) => (user.Session = 'session-newpw'),
		run: ({ user, rec }) => user.completeNewPasswordChallenge('NewPassw0rd!', {}, rec.object()),
		target: challenge('NEW_PASSWORD_REQUIRED'),
		missing: 'error',
	},
	{
		name: 'device: ConfirmDevice',
		newDevice: true,
		run: ({ user, rec }) => user.authenticateUser(details(), rec.object()),
		target: act('ConfirmDevice'),
		missing: 'success',
		// As in the original, the tokens are cached before ConfirmDevice: a complete session.
		storageOnError: () => 'tokensWritten',
	},
	{
		name: 'device: DEVICE_SRP_AUTH',
		setup: rememberDevice,
		run: ({ user, rec }) => user.authenticateUser(details(), rec.object()),
		target: challenge('DEVICE_SRP_AUTH'),
		missing: 'error',
	},
	{
		name: 'device: DEVICE_PASSWORD_VERIFIER',
		setup: rememberDevice,
		run: ({ user, rec }) => user.authenticateUser(details(), rec.object()),
		target: challenge('DEVICE_PASSWORD_VERIFIER'),
		missing: 'error',
	},
	{
		name: 'forgotPassword',
		run: ({ user, rec }) => user.forgotPassword(rec.object()),
		target: act('ForgotPassword'),
		missing: 'success',
	},
	{
		name: 'confirmPassword',
		run: ({ user, rec }) => user.confirmPassword('123456', 'NewPassw0rd!', rec.object()),
		target: act('ConfirmForgotPassword'),
		missing: 'success',
	},
	{
		name: 'changePassword',
		setup: signIn,
		run: ({ user, rec }) => user.changePassword('Passw0rd!', 'NewPassw0rd!', rec.node()),
		target: act('ChangePassword'),
		missing: 'success',
	},
	{
		name: 'getUserAttributes',
		setup: signIn,
		run: ({ user, rec }) => user.getUserAttributes(rec.node()),
		target: act('GetUser'),
		missing: 'error',
	},
	{
		name: 'updateAttributes',
		setup: signIn,
		run: ({ user, rec }) =>
			user.updateAttributes([{ Name: 'email', Value: 'new@example.com' }], rec.node()),
		target: act('UpdateUserAttributes'),
		missing: 'success',
	},
	{
		name: 'deleteAttributes',
		setup: signIn,
		run: ({ user, rec }) => user.deleteAttributes(['nickname'], rec.node()),
		target: act('DeleteUserAttributes'),
		missing: 'success',
	},
	{
		name: 'getAttributeVerificationCode',
		setup: signIn,
		run: ({ user, rec }) => user.getAttributeVerificationCode('email', rec.object()),
		target: act('GetUserAttributeVerificationCode'),
		missing: 'success',
	},
	{
		name: 'verifyAttribute',
		setup: signIn,
		run: ({ user, rec }) => user.verifyAttribute('email', '123456', rec.object()),
		target: act('VerifyUserAttribute'),
		missing: 'success',
	},
	{
		name: 'deleteUser',
		setup: signIn,
		run: ({ user, rec }) => user.deleteUser(rec.node()),
		target: act('DeleteUser'),
		missing: 'success',
	},
	{
		name: 'enableMFA',
		setup: signIn,
		run: ({ user, rec }) => user.enableMFA(rec.node()),
		target: act('SetUserSettings'),
		missing: 'success',
	},
	{
		name: 'disableMFA',
		setup: signIn,
		run: ({ user, rec }) => user.disableMFA(rec.node()),
		target: act('SetUserSettings'),
		missing: 'success',
	},
	{
		name: 'getMFAOptions',
		setup: signIn,
		run: ({ user, rec }) => user.getMFAOptions(rec.node()),
		target: act('GetUser'),
		missing: 'success',
	},
	{
		name: 'setUserMfaPreference',
		setup: signIn,
		run: ({ user, rec }) =>
			user.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, rec.node()),
		target: act('SetUserMFAPreference'),
		missing: 'success',
	},
	{
		name: 'getUserData',
		setup: (ctx) => {
			signIn(ctx);
			ctx.storage.removeItem(USER_DATA_KEY);
		},
		run: ({ user, rec }) => user.getUserData(rec.node()),
		target: act('GetUser'),
		missing: 'success',
	},
	{
		name: 'associateSoftwareToken',
		setup: signIn,
		run: ({ user, rec }) => user.associateSoftwareToken(rec.object()),
		target: act('AssociateSoftwareToken'),
		// As the original: associateSecretCode(undefined), which apps' test doubles rely on.
		missing: 'success',
	},
	{
		name: 'verifySoftwareToken (signed in)',
		setup: signIn,
		run: ({ user, rec }) => user.verifySoftwareToken('123456', 'phone', rec.object()),
		target: act('VerifySoftwareToken'),
		missing: 'success',
	},
	{
		name: 'verifySoftwareToken (MFA_SETUP leg)',
		setup: ({ user }) => (user.Session = 'session-setup'),
		run: ({ user, rec }) => user.verifySoftwareToken('123456', 'phone', rec.object()),
		target: challenge('MFA_SETUP'),
		// As the original: the session it builds from whatever came, then onSuccess.
		missing: 'success',
	},
	{
		name: 'getDevice',
		setup: (ctx) => {
			signIn(ctx);
			rememberDevice(ctx);
		},
		run: ({ user, rec }) => user.getDevice(rec.object()),
		target: act('GetDevice'),
		missing: 'success',
	},
	{
		name: 'listDevices',
		setup: signIn,
		run: ({ user, rec }) => user.listDevices(10, null, rec.object()),
		target: act('ListDevices'),
		missing: 'success',
	},
	{
		name: 'setDeviceStatusRemembered',
		setup: (ctx) => {
			signIn(ctx);
			rememberDevice(ctx);
		},
		run: ({ user, rec }) => user.setDeviceStatusRemembered(rec.object()),
		target: act('UpdateDeviceStatus'),
		missing: 'success',
	},
	{
		name: 'setDeviceStatusNotRemembered',
		setup: (ctx) => {
			signIn(ctx);
			rememberDevice(ctx);
		},
		run: ({ user, rec }) => user.setDeviceStatusNotRemembered(rec.object()),
		target: act('UpdateDeviceStatus'),
		missing: 'success',
	},
	{
		name: 'forgetDevice',
		setup: (ctx) => {
			signIn(ctx);
			rememberDevice(ctx);
		},
		run: ({ user, rec }) => user.forgetDevice(rec.object()),
		target: act('ForgetDevice'),
		missing: 'success',
	},
	{
		name: 'forgetSpecificDevice',
		setup: signIn,
		run: ({ user, rec }) => user.forgetSpecificDevice('us-east-1_dev', rec.object()),
		target: act('ForgetDevice'),
		missing: 'success',
	},
	{
		name: 'globalSignOut',
		setup: signIn,
		run: ({ user, rec }) => user.globalSignOut(rec.object()),
		target: act('GlobalSignOut'),
		missing: 'success',
	},
	{
		name: 'signOut(cb) (RevokeToken)',
		setup: signIn,
		run: ({ user, rec }) => user.signOut(rec.optionalError()),
		target: act('RevokeToken'),
		missing: 'success',
		retrying: true,
		// signOut always signs out locally, whatever became of the revocation.
		storageOnError: () => 'tokensCleared',
	},
	{
		name: 'refreshSession',
		setup: expiredSession,
		run: ({ user, rec }) =>
			user.refreshSession(new CognitoRefreshToken({ RefreshToken: 'rt-1' }), rec.node()),
		target: act('InitiateAuth'),
		missing: 'error',
		retrying: true,
		storageOnError: refreshClears,
	},
	{
		name: 'getSession (expired)',
		setup: expiredSession,
		run: ({ user, rec }) => user.getSession(rec.node()),
		target: act('InitiateAuth'),
		missing: 'error',
		retrying: true,
		storageOnError: refreshClears,
	},
];

const EXPECTED_CODE: Record<Fault, string> = {
	refused: 'NetworkError',
	reset: 'NetworkError',
	html500: 'UnknownError',
	json400: 'NotAuthorizedException',
	empty400: 'UnknownError',
	badJson200: 'InvalidResponseException',
	missing200: 'InvalidResponseException',
	hang: 'RequestTimeoutException',
};
const RETRYABLE: ReadonlySet<Fault> = new Set(['reset', 'html500', 'hang']);
/** 1 try + 5 retries before the backoff would exceed 5 s. */
const ATTEMPTS_WHEN_RETRIED = 6;

function storageProblem(
	rule: StorageRule,
	before: Record<string, string>,
	after: Record<string, string>,
): string | undefined {
	const expected = { ...before };
	if (rule === 'tokensCleared') {
		for (const k of [...TOKEN_KEYS, LAST_USER_KEY, USER_DATA_KEY]) delete expected[k];
	}
	if (rule === 'tokensWritten') {
		for (const k of [...TOKEN_KEYS, LAST_USER_KEY]) {
			if (!after[k]) return `expected a complete session in storage, ${k} is missing`;
			expected[k] = after[k] as string;
		}
		for (const k of DEVICE_KEYS) {
			if (k in after) return `device key ${k} written although ConfirmDevice failed`;
		}
	}
	const a = JSON.stringify(
		Object.fromEntries(Object.entries(expected).sort(([x], [y]) => x.localeCompare(y))),
	);
	const b = JSON.stringify(after);
	return a === b ? undefined : `storage ${rule} expected:\n${a}\ngot:\n${b}`;
}

interface CellResult {
	problems: string[];
}

async function runCell(row: Row, fault: Fault | undefined, legIndex: number): Promise<CellResult> {
	const problems: string[] = [];
	const server = await startFaultServer({
		fault,
		target: row.target,
		refuseAfter: legIndex,
		newDevice: row.newDevice,
	});
	try {
		const storage = new CountingStorage();
		const pool = new CognitoUserPool({
			UserPoolId: POOL_ID,
			ClientId: CLIENT_ID,
			endpoint: server.url,
			Storage: storage,
			requestTimeout: fault === 'hang' ? HANG_TIMEOUT_MS : 10_000,
		});
		const user = new CognitoUser({ Username: USER, Pool: pool, Storage: storage });
		const ctx: Ctx = { pool, user, storage, rec: new Recorder() };
		row.setup?.(ctx);
		const before = storage.snapshot();
		try {
			row.run(ctx);
		} catch (thrown) {
			problems.push(`threw past the API: ${String(thrown)}`);
		}
		await ctx.rec.first(FIRST_BOUND_MS);
		await sleep(AFTER_FIRST_MS);
		const { calls } = ctx.rec;
		if (calls.length !== 1) {
			problems.push(`${calls.length} callbacks: ${calls.map((c) => c.kind).join(', ')}`);
			return { problems };
		}
		const expectSuccess =
			fault === undefined || (fault === 'missing200' && row.missing === 'success');
		const call = calls[0] as { kind: string; failed: boolean; args: unknown[] };
		if (expectSuccess) {
			if (call.failed) problems.push(`expected success, got ${String(ctx.rec.error())}`);
			return { problems };
		}
		if (!call.failed) {
			problems.push(`expected a failure, got ${call.kind}`);
			return { problems };
		}
		const err = ctx.rec.error() as Error & { code?: unknown };
		if (!(err instanceof Error)) problems.push(`not an Error: ${String(err)}`);
		if (typeof err?.name !== 'string' || !err.name) problems.push('no name');
		if (typeof err?.message !== 'string' || !err.message) problems.push('no message');
		if (err?.code !== EXPECTED_CODE[fault as Fault]) {
			problems.push(`code ${String(err?.code)}, expected ${EXPECTED_CODE[fault as Fault]}`);
		}
		if (fault === 'refused' && err?.message !== 'Network error') {
			problems.push(`message ${err?.message}`);
		}
		if (fault === 'json400' && err?.message !== INJECTED_MESSAGE) {
			problems.push(`message ${err?.message}`);
		}
		if (row.retrying && fault !== 'refused') {
			const want = RETRYABLE.has(fault as Fault) ? ATTEMPTS_WHEN_RETRIED : 1;
			if (server.targeted !== want) problems.push(`${server.targeted} attempts, expected ${want}`);
		}
		if (!row.retrying && fault !== 'refused' && server.targeted !== 1) {
			problems.push(`${server.targeted} requests hit the fault, expected 1`);
		}
		const rule = row.storageOnError?.(fault as Fault) ?? 'unchanged';
		const storageIssue = storageProblem(rule, before, storage.snapshot());
		if (storageIssue) problems.push(storageIssue);
		return { problems };
	} finally {
		await server.close();
	}
}

const table = new Map<string, Map<Fault, boolean>>();

describe('fault matrix: every network method × every fault', () => {
	for (const row of ROWS) {
		// Retrying rows spend ~6.5 s in backoff; they wait side by side.
		const test = row.retrying ? it.concurrent : it;
		test(row.name, async () => {
			const watch = new ProcessWatch().start();
			try {
				// The healthy run proves the method succeeds without the fault, and tells which
				// request the target is (for 'refused', the server stops listening just before it).
				const baseline = await startFaultServer({ newDevice: row.newDevice });
				const storage = new CountingStorage();
				const pool = new CognitoUserPool({
					UserPoolId: POOL_ID,
					ClientId: CLIENT_ID,
					endpoint: baseline.url,
					Storage: storage,
				});
				const ctx: Ctx = {
					pool,
					user: new CognitoUser({ Username: USER, Pool: pool, Storage: storage }),
					storage,
					rec: new Recorder(),
				};
				row.setup?.(ctx);
				row.run(ctx);
				await ctx.rec.first(FIRST_BOUND_MS);
				await sleep(AFTER_FIRST_MS);
				await baseline.close();
				expect(ctx.rec.calls.map((c) => c.failed)).toEqual([false]);
				const legIndex = baseline.received.findIndex(row.target);
				expect(legIndex, 'the target request is part of the healthy flow').toBeGreaterThanOrEqual(
					0,
				);

				const results = await Promise.all(FAULTS.map((fault) => runCell(row, fault, legIndex)));
				const cells = new Map<Fault, boolean>();
				const report: Record<string, string[]> = {};
				FAULTS.forEach((fault, i) => {
					const problems = results[i]?.problems ?? ['no result'];
					cells.set(fault, problems.length === 0);
					if (problems.length) report[fault] = problems;
				});
				await sleep(AFTER_FIRST_MS);
				table.set(row.name, cells);
				expect(report).toEqual({});
				expect(watch.problems).toEqual([]);
			} finally {
				watch.stop();
			}
		});
	}

	afterAll(() => {
		const width = Math.max(...ROWS.map((r) => r.name.length));
		const lines = [
			`Fault matrix: ${ROWS.length} methods × ${FAULTS.length} faults = ${ROWS.length * FAULTS.length} cells`,
			`${''.padEnd(width)} | ${FAULTS.map((f) => f.padEnd(10)).join(' ')}`,
		];
		for (const row of ROWS) {
			const cells = table.get(row.name);
			const marks = FAULTS.map((f) => {
				const ok = cells?.get(f);
				const mark = ok === undefined ? '-' : ok ? '✓' : '✗';
				const note = ok && f === 'missing200' && row.missing === 'success' ? '✓ (ok)' : mark;
				return note.padEnd(10);
			});
			lines.push(`${row.name.padEnd(width)} | ${marks.join(' ')}`);
		}
		lines.push('(ok) = nothing required is missing for this method: success is the right outcome');
		console.log(lines.join('\n'));
	});
});
