// The local pool under bad input: malformed JSON, wrong types, huge bodies, forged, expired,
// revoked and other-pool tokens, replayed sessions, wrong proofs and random bodies. Each case
// gets the right error type, the server never answers 500 nor dies, and afterwards every user
// can still sign in on its remembered device, with nothing lost.
import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalPool, startLocalPool } from '../../server/index';
import {
	AuthenticationDetails,
	CognitoUser,
	CognitoUserPool,
	type CognitoUserSession,
} from '../../src/index';
import { MemoryStorage } from '../../src/StorageHelper';
import { type ApiResult, type Json, SrpClient, api, poolNameOf } from '../server/helpers';

const PASSWORD = 'Passw0rd!';
const USERS = ['fz-ann', 'fz-ben', 'fz-cat', 'fz-dan'];
const PUBLIC_ACTIONS = [
	'SignUp',
	'ConfirmSignUp',
	'ResendConfirmationCode',
	'ForgotPassword',
	'ConfirmForgotPassword',
	'InitiateAuth',
	'RespondToAuthChallenge',
	'ConfirmDevice',
	'GetDevice',
	'ListDevices',
	'UpdateDeviceStatus',
	'ForgetDevice',
	'ChangePassword',
	'GetUser',
	'UpdateUserAttributes',
	'DeleteUserAttributes',
	'GetUserAttributeVerificationCode',
	'VerifyUserAttribute',
	'DeleteUser',
	'GlobalSignOut',
	'RevokeToken',
	'SetUserMFAPreference',
	'SetUserSettings',
	'AssociateSoftwareToken',
	'VerifySoftwareToken',
];
const TOKEN_ACTIONS = [
	'GetUser',
	'ListDevices',
	'ChangePassword',
	'GlobalSignOut',
	'DeleteUserAttributes',
];

let lp: LocalPool;
let poolA = '';
let clientA = '';
let poolB = '';
let clientB = '';

interface Account {
	username: string;
	storage: MemoryStorage;
	session: CognitoUserSession;
}
const accounts = new Map<string, Account>();

function raw(
	action: string,
	body: string,
	headers: Record<string, string> = {},
): Promise<ApiResult> {
	return api(lp.url, action, body, headers);
}

function libraryPool(poolId: string, clientId: string, storage: MemoryStorage): CognitoUserPool {
	return new CognitoUserPool({
		UserPoolId: poolId,
		ClientId: clientId,
		endpoint: lp.url,
		Storage: storage,
	});
}

function login(
	poolId: string,
	clientId: string,
	username: string,
	storage: MemoryStorage,
): Promise<CognitoUserSession> {
	const user = new CognitoUser({
		Username: username,
		Pool: libraryPool(poolId, clientId, storage),
		Storage: storage,
	});
	return new Promise((resolve, reject) =>
		user.authenticateUser(new AuthenticationDetails({ Username: username, Password: PASSWORD }), {
			onSuccess: resolve,
			onFailure: reject,
		}),
	);
}

async function listDevices(accessToken: string): Promise<string[]> {
	const r = await api(lp.url, 'ListDevices', { AccessToken: accessToken, Limit: 60 });
	expect(r.status, JSON.stringify(r.body)).toBe(200);
	return ((r.body.Devices as Json[]) ?? []).map((d) => String(d.DeviceKey)).sort();
}

interface Snapshot {
	usersA: string[];
	usersB: string[];
	devices: Record<string, string[]>;
}

async function snapshot(): Promise<Snapshot> {
	const names = async (poolId: string) =>
		(((await lp.call('ListUsers', { UserPoolId: poolId })) as Json).Users as Json[])
			.map((u) => String(u.Username))
			.sort();
	const devices: Record<string, string[]> = {};
	for (const a of accounts.values()) {
		if (a.username === 'fz-bob') continue; // pool B: counted through ListUsers only
		// A fresh login through the remembered device proves the device secret still works.
		const deviceKey = a.storage.getItem(
			`CognitoIdentityServiceProvider.${clientA}.${a.username}.deviceKey`,
		);
		expect(deviceKey, a.username).toBeTruthy();
		a.session = await login(poolA, clientA, a.username, a.storage);
		devices[a.username] = await listDevices(a.session.getAccessToken().getJwtToken());
		expect(devices[a.username]).toContain(deviceKey);
	}
	return { usersA: await names(poolA), usersB: await names(poolB), devices };
}

interface Case {
	name: string;
	send: () => Promise<ApiResult>;
	type: string | string[];
	status?: number;
}

const b64url = (v: string | Buffer): string => Buffer.from(v).toString('base64url');
function decode(token: string): { header: Json; payload: Json; sig: string } {
	const [h, p, s] = token.split('.');
	return {
		header: JSON.parse(Buffer.from(h ?? '', 'base64url').toString()) as Json,
		payload: JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Json,
		sig: s ?? '',
	};
}

function forgedTokens(real: string, idToken: string): [string, string][] {
	const { header, payload, sig } = decode(real);
	const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const signed = (h: Json, p: Json): string => {
		const input = `${b64url(JSON.stringify(h))}.${b64url(JSON.stringify(p))}`;
		const s = createSign('RSA-SHA256').update(input).sign(other.privateKey);
		return `${input}.${b64url(s)}`;
	};
	const flipped = Buffer.from(sig, 'base64url');
	flipped[0] = (flipped[0] ?? 0) ^ 0xff;
	return [
		['garbage', 'garbage'],
		['three dots', 'a.b.c'],
		[
			'alg none',
			`${b64url(JSON.stringify({ ...header, alg: 'none' }))}.${b64url(JSON.stringify(payload))}.`,
		],
		[
			'payload changed',
			`${b64url(JSON.stringify(header))}.${b64url(JSON.stringify({ ...payload, username: 'fz-ben' }))}.${sig}`,
		],
		['signature flipped', `${real.split('.').slice(0, 2).join('.')}.${b64url(flipped)}`],
		['id token as access token', idToken],
		['signed by another key', signed(header, payload)],
		['random base64', b64url(randomBytes(300))],
	];
}

beforeAll(async () => {
	lp = await startLocalPool({ port: 0, log: () => undefined });
	const devices = {
		DeviceConfiguration: {
			ChallengeRequiredOnNewDevice: true,
			DeviceOnlyRememberedOnUserPrompt: false,
		},
	};
	const flows = {
		ExplicitAuthFlows: [
			'ALLOW_USER_SRP_AUTH',
			'ALLOW_USER_PASSWORD_AUTH',
			'ALLOW_REFRESH_TOKEN_AUTH',
		],
	};
	const a = await lp.createUserPool(devices);
	poolA = a.Id;
	clientA = (await lp.createUserPoolClient(poolA, flows)).ClientId;
	const b = await lp.createUserPool(devices);
	poolB = b.Id;
	clientB = (await lp.createUserPoolClient(poolB, flows)).ClientId;
	for (const u of [...USERS, 'fz-victim', 'fz-proofs']) await lp.createUser(poolA, u, PASSWORD);
	await lp.createUser(poolB, 'fz-bob', PASSWORD);
	for (const u of [...USERS, 'fz-victim']) {
		const storage = new MemoryStorage();
		const session = await login(poolA, clientA, u, storage);
		accounts.set(u, { username: u, storage, session });
	}
	const bobStorage = new MemoryStorage();
	accounts.set('fz-bob', {
		username: 'fz-bob',
		storage: bobStorage,
		session: await login(poolB, clientB, 'fz-bob', bobStorage),
	});
}, 60_000);

afterAll(async () => {
	await lp.close();
});

function account(name: string): Account {
	const a = accounts.get(name);
	if (!a) throw new Error(name);
	return a;
}
const access = (name: string): string => account(name).session.getAccessToken().getJwtToken();
const refresh = (name: string): string => account(name).session.getRefreshToken().getToken();

function buildCases(): Case[] {
	const cases: Case[] = [];
	const SER = 'SerializationException';
	const IPE = 'InvalidParameterException';
	const NAE = 'NotAuthorizedException';

	// Malformed JSON, generated.
	const broken = fc.sample(
		fc
			.string({ maxLength: 40 })
			.map((s) => `{${s}`)
			.filter((s) => {
				try {
					JSON.parse(s);
					return false;
				} catch {
					return true;
				}
			}),
		{ numRuns: 40, seed: 20261126 },
	);
	broken.forEach((body, i) => {
		const action = PUBLIC_ACTIONS[i % PUBLIC_ACTIONS.length] as string;
		cases.push({
			name: `malformed JSON → ${action}: ${JSON.stringify(body)}`,
			send: () => raw(action, body),
			type: SER,
		});
	});
	// Valid JSON that is not an object.
	for (const body of ['[]', '1', '"x"', 'true', 'null']) {
		for (const action of ['InitiateAuth', 'GetUser', 'SignUp', 'RespondToAuthChallenge']) {
			cases.push({
				name: `non-object ${body} → ${action}`,
				send: () => raw(action, body),
				type: SER,
			});
		}
	}
	// Wrong types.
	const wrong: [string, Json][] = [
		['InitiateAuth', { AuthFlow: 1, ClientId: clientA }],
		['InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: 5 }],
		['InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: clientA, AuthParameters: 'x' }],
		[
			'InitiateAuth',
			{
				AuthFlow: 'USER_SRP_AUTH',
				ClientId: clientA,
				AuthParameters: { USERNAME: 'fz-ann', SRP_A: 'zz' },
			},
		],
		[
			'InitiateAuth',
			{ AuthFlow: 'USER_SRP_AUTH', ClientId: clientA, AuthParameters: { USERNAME: 'fz-ann' } },
		],
		['InitiateAuth', { AuthFlow: 'NOT_A_FLOW', ClientId: clientA, AuthParameters: {} }],
		[
			'InitiateAuth',
			{
				AuthFlow: 'USER_SRP_AUTH',
				ClientId: clientA,
				AuthParameters: { USERNAME: 'fz-ann', SRP_A: '00' },
			},
		],
		[
			'RespondToAuthChallenge',
			{ ChallengeName: 'PASSWORD_VERIFIER', ClientId: clientA, ChallengeResponses: [] },
		],
		['RespondToAuthChallenge', { ChallengeName: 42, ClientId: clientA }],
		['SignUp', { ClientId: clientA, Username: 1, Password: PASSWORD }],
		['SignUp', { ClientId: clientA, Username: 'fz-x', Password: PASSWORD, UserAttributes: 'x' }],
		[
			'SignUp',
			{
				ClientId: clientA,
				Username: 'fz-x',
				Password: PASSWORD,
				UserAttributes: [{ Name: 1, Value: 'v' }],
			},
		],
		['SignUp', { ClientId: clientA, Password: PASSWORD }],
		['ConfirmSignUp', { ClientId: clientA, Username: 'fz-ann', ConfirmationCode: 123456 }],
		['ForgotPassword', { ClientId: clientA, Username: ['fz-ann'] }],
		['GetUser', { AccessToken: 42 }],
		['GetUser', { AccessToken: ['a'] }],
		['GetUser', {}],
		['RevokeToken', { Token: {}, ClientId: clientA }],
		['ListDevices', { AccessToken: { a: 1 }, Limit: 'ten' }],
	];
	for (const [action, body] of wrong) {
		cases.push({
			name: `wrong type ${action} ${JSON.stringify(body).slice(0, 80)}`,
			send: () => api(lp.url, action, body),
			type: IPE,
		});
	}
	// Huge bodies.
	const huge = JSON.stringify({
		ClientId: clientA,
		Username: 'x',
		Password: 'y'.repeat(1024 * 1024 + 10),
	});
	for (const action of ['SignUp', 'InitiateAuth', 'GetUser']) {
		cases.push({
			name: `over 1 MiB → ${action}`,
			send: () => raw(action, huge),
			type: 'RequestEntityTooLargeException',
			status: 413,
		});
	}
	cases.push({
		name: 'half a megabyte username',
		send: () =>
			api(lp.url, 'SignUp', {
				ClientId: clientA,
				Username: 'u'.repeat(500_000),
				Password: PASSWORD,
			}),
		type: IPE,
	});
	cases.push({
		name: 'deeply nested JSON',
		send: () => raw('SignUp', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`),
		type: [IPE, SER],
	});
	// Unknown operations, including names that exist on Object.prototype.
	for (const action of [
		'Foo',
		'',
		'AdminFoo',
		'__proto__',
		'constructor',
		'toString',
		'hasOwnProperty',
	]) {
		cases.push({
			name: `unknown operation '${action}'`,
			send: () => api(lp.url, action, {}),
			type: 'UnknownOperationException',
		});
	}
	// Forged tokens on every token action.
	for (const [label, token] of forgedTokens(
		access('fz-ann'),
		account('fz-ann').session.getIdToken().getJwtToken(),
	)) {
		for (const action of TOKEN_ACTIONS) {
			const body: Json = { AccessToken: token };
			if (action === 'ChangePassword')
				Object.assign(body, { PreviousPassword: PASSWORD, ProposedPassword: 'Other1!aa' });
			if (action === 'DeleteUserAttributes') body.UserAttributeNames = ['nickname'];
			cases.push({
				name: `forged token (${label}) → ${action}`,
				send: () => api(lp.url, action, body),
				type: NAE,
			});
		}
		cases.push({
			name: `forged refresh token (${label})`,
			send: () =>
				api(lp.url, 'InitiateAuth', {
					AuthFlow: 'REFRESH_TOKEN_AUTH',
					ClientId: clientA,
					AuthParameters: { REFRESH_TOKEN: token },
				}),
			type: NAE,
		});
	}
	// Revoked tokens: the victim signs out everywhere first.
	cases.push({
		name: 'victim GlobalSignOut (setup, succeeds)',
		send: () => api(lp.url, 'GlobalSignOut', { AccessToken: access('fz-victim') }),
		type: '',
		status: 200,
	});
	for (const action of TOKEN_ACTIONS) {
		const body: Json = { AccessToken: access('fz-victim') };
		if (action === 'ChangePassword')
			Object.assign(body, { PreviousPassword: PASSWORD, ProposedPassword: 'Other1!aa' });
		if (action === 'DeleteUserAttributes') body.UserAttributeNames = ['nickname'];
		cases.push({
			name: `revoked access token → ${action}`,
			send: () => api(lp.url, action, body),
			type: NAE,
		});
	}
	cases.push({
		name: 'revoked refresh token',
		send: () =>
			api(lp.url, 'InitiateAuth', {
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				ClientId: clientA,
				AuthParameters: { REFRESH_TOKEN: refresh('fz-victim') },
			}),
		type: NAE,
	});
	// Other pool's tokens and users.
	cases.push({
		name: "pool B's refresh token at pool A's client",
		send: () =>
			api(lp.url, 'InitiateAuth', {
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				ClientId: clientA,
				AuthParameters: { REFRESH_TOKEN: refresh('fz-bob') },
			}),
		type: NAE,
	});
	cases.push({
		name: "pool A's refresh token at pool B's client",
		send: () =>
			api(lp.url, 'InitiateAuth', {
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				ClientId: clientB,
				AuthParameters: { REFRESH_TOKEN: refresh('fz-ann') },
			}),
		type: NAE,
	});
	cases.push({
		name: "pool B's user through pool A's client",
		send: () =>
			api(lp.url, 'InitiateAuth', {
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: clientA,
				AuthParameters: { USERNAME: 'fz-bob', PASSWORD },
			}),
		type: NAE,
	});
	cases.push({
		name: "pool A's device key with pool B's token",
		send: () =>
			api(lp.url, 'GetDevice', {
				AccessToken: access('fz-bob'),
				DeviceKey: String(
					account('fz-ann').storage.getItem(
						`CognitoIdentityServiceProvider.${clientA}.fz-ann.deviceKey`,
					),
				),
			}),
		type: 'ResourceNotFoundException',
	});
	cases.push({
		name: "pool A's device key forgotten with pool B's token",
		send: () =>
			api(lp.url, 'ForgetDevice', {
				AccessToken: access('fz-bob'),
				DeviceKey: String(
					account('fz-ann').storage.getItem(
						`CognitoIdentityServiceProvider.${clientA}.fz-ann.deviceKey`,
					),
				),
			}),
		type: 'ResourceNotFoundException',
	});
	// Replayed and borrowed sessions.
	for (let i = 0; i < 4; i++) {
		cases.push({
			name: `replayed PASSWORD_VERIFIER #${i + 1}`,
			send: async () => {
				const srp = new SrpClient();
				const init = await api(lp.url, 'InitiateAuth', {
					AuthFlow: 'USER_SRP_AUTH',
					ClientId: clientA,
					AuthParameters: { USERNAME: 'fz-proofs', SRP_A: srp.A.toString(16) },
				});
				const params = init.body.ChallengeParameters as Json;
				const body = {
					ChallengeName: 'PASSWORD_VERIFIER',
					ClientId: clientA,
					Session: init.body.Session,
					ChallengeResponses: {
						USERNAME: 'fz-proofs',
						...srp.answer(poolNameOf(poolA), String(params.USER_ID_FOR_SRP), PASSWORD, params),
					},
				};
				const first = await api(lp.url, 'RespondToAuthChallenge', body);
				expect(first.status, JSON.stringify(first.body)).toBe(200);
				return api(lp.url, 'RespondToAuthChallenge', body);
			},
			type: NAE,
		});
	}
	cases.push({
		name: "another user's session",
		send: async () => {
			const srp = new SrpClient();
			const init = await api(lp.url, 'InitiateAuth', {
				AuthFlow: 'USER_SRP_AUTH',
				ClientId: clientA,
				AuthParameters: { USERNAME: 'fz-proofs', SRP_A: srp.A.toString(16) },
			});
			const params = init.body.ChallengeParameters as Json;
			return api(lp.url, 'RespondToAuthChallenge', {
				ChallengeName: 'PASSWORD_VERIFIER',
				ClientId: clientA,
				Session: init.body.Session,
				ChallengeResponses: {
					USERNAME: 'fz-ann',
					...srp.answer(poolNameOf(poolA), 'fz-ann', PASSWORD, params),
				},
			});
		},
		type: NAE,
	});
	// Wrong proofs, generated.
	const signatures = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 64 }), {
		numRuns: 30,
		seed: 7,
	});
	signatures.forEach((sig, i) => {
		cases.push({
			name: `wrong PASSWORD_CLAIM_SIGNATURE #${i + 1}`,
			send: async () => {
				const srp = new SrpClient();
				const init = await api(lp.url, 'InitiateAuth', {
					AuthFlow: 'USER_SRP_AUTH',
					ClientId: clientA,
					AuthParameters: { USERNAME: 'fz-proofs', SRP_A: srp.A.toString(16) },
				});
				const params = init.body.ChallengeParameters as Json;
				const answer = srp.answer(
					poolNameOf(poolA),
					String(params.USER_ID_FOR_SRP),
					i % 2 ? PASSWORD : 'WrongPassw0rd!',
					params,
				);
				if (i % 2) answer.PASSWORD_CLAIM_SIGNATURE = Buffer.from(sig).toString('base64');
				return api(lp.url, 'RespondToAuthChallenge', {
					ChallengeName: 'PASSWORD_VERIFIER',
					ClientId: clientA,
					Session: init.body.Session,
					ChallengeResponses: { USERNAME: 'fz-proofs', ...answer },
				});
			},
			type: NAE,
		});
	});
	// Random bodies on every public action.
	const random = fc.sample(
		fc.record({
			action: fc.constantFrom(...PUBLIC_ACTIONS),
			body: fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), {
				maxKeys: 6,
			}),
		}),
		{ numRuns: 100, seed: 99 },
	);
	random.forEach(({ action, body }, i) => {
		cases.push({
			name: `random body #${i + 1} → ${action}`,
			send: () => api(lp.url, action, body as Json),
			type: [
				IPE,
				NAE,
				'ResourceNotFoundException',
				SER,
				'UserNotFoundException',
				'CodeMismatchException',
			],
		});
	});
	return cases;
}

describe('server/ under bad input', () => {
	it('≥ 200 hostile cases: the right error type each, never a 500, and nothing lost', async () => {
		const before = await snapshot();
		const cases = buildCases();
		expect(cases.length).toBeGreaterThanOrEqual(200);
		const failures: string[] = [];
		for (const c of cases) {
			let r: ApiResult;
			try {
				r = await c.send();
			} catch (e) {
				failures.push(`${c.name}: request failed: ${String(e)}`);
				continue;
			}
			const types = Array.isArray(c.type) ? c.type : [c.type];
			const status = c.status ?? 400;
			const type = r.status === 200 ? '' : String(r.body.__type);
			if (r.status !== status || !types.includes(type)) {
				failures.push(
					`${c.name}: ${r.status} ${type} ${String(r.body.message ?? '').slice(0, 100)}`,
				);
			}
		}
		// Tokens issued before now expire: every user's old access token is refused.
		lp.advanceTime(2 * 3600 * 1000);
		for (const u of USERS) {
			const r = await api(lp.url, 'GetUser', { AccessToken: access(u) });
			if (
				r.status !== 400 ||
				r.body.__type !== 'NotAuthorizedException' ||
				r.body.message !== 'Access Token has expired'
			) {
				failures.push(
					`expired token of ${u}: ${r.status} ${String(r.body.__type)} ${String(r.body.message)}`,
				);
			}
		}
		expect(failures).toEqual([]);
		const health = await fetch(`${lp.url}/_local/health`);
		expect(health.status).toBe(200);
		expect(await health.json()).toEqual({ ok: true });
		const after = await snapshot();
		expect(after).toEqual(before);
		console.log(
			`server fuzz: ${cases.length + USERS.length} cases, ${USERS.length + 1} users re-verified`,
		);
	});
});
