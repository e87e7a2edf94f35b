import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { type LocalPool, startLocalPool } from '../../server/index';
import {
	G,
	K,
	N,
	claimSignature,
	computeU,
	computeX,
	hkdf,
	modPow,
	padBytes,
} from '../../server/srp';
import {
	type ApiResult,
	type Json,
	cognitoCall as ok,
	cognitoRequest as api,
} from '../helpers/localPool';

// The server tests' short names for the shared request helpers.
export { type ApiResult, type Json, api, ok };

export function expectError(r: ApiResult, type: string, message?: string | RegExp): void {
	expect(r.body.__type, JSON.stringify(r.body)).toBe(type);
	expect(r.status).toBe(type === 'InternalErrorException' ? 500 : 400);
	expect(r.headers.get('x-amzn-errortype')?.split(':')[0]).toBe(type);
	expect(r.headers.get('x-amzn-requestid')).toBeTruthy();
	if (message instanceof RegExp) expect(String(r.body.message)).toMatch(message);
	else if (message !== undefined) expect(r.body.message).toBe(message);
}

export function jwtPayload(token: string): Json {
	return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Json;
}

export const PASSWORD = 'Passw0rd!';

export interface Setup {
	lp: LocalPool;
	url: string;
	poolId: string;
	clientId: string;
}

export async function setup(pool: Json = {}, client: Json = {}, lp?: LocalPool): Promise<Setup> {
	const local = lp ?? (await startLocalPool({ port: 0, log: () => undefined }));
	const p = await local.createUserPool({ AutoVerifiedAttributes: ['email'], ...pool });
	const c = await local.createUserPoolClient(p.Id, {
		ExplicitAuthFlows: [
			'ALLOW_USER_SRP_AUTH',
			'ALLOW_USER_PASSWORD_AUTH',
			'ALLOW_CUSTOM_AUTH',
			'ALLOW_REFRESH_TOKEN_AUTH',
		],
		...client,
	});
	return { lp: local, url: local.url, poolId: p.Id, clientId: c.ClientId };
}

export function lastCode(lp: LocalPool, poolId: string, username: string, kind: string): string {
	const m = lp.outbox.last({ poolId, username, kind });
	if (!m) throw new Error(`no ${kind} message for ${username}`);
	return m.code;
}

export function timestamp(date = new Date()): string {
	const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
	const months = [
		'Jan',
		'Feb',
		'Mar',
		'Apr',
		'May',
		'Jun',
		'Jul',
		'Aug',
		'Sep',
		'Oct',
		'Nov',
		'Dec',
	];
	const two = (n: number) => n.toString().padStart(2, '0');
	return `${days[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${date.getUTCDate()} ${two(date.getUTCHours())}:${two(
		date.getUTCMinutes(),
	)}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}

/** The client half of SRP, for tests that drive the wire by hand. */
export class SrpClient {
	readonly a = BigInt('0x' + randomBytes(128).toString('hex'));
	readonly A = modPow(G, this.a);

	/** PASSWORD_CLAIM_* responses for a PASSWORD_VERIFIER-style challenge. */
	answer(
		poolName: string,
		userId: string,
		password: string,
		params: Json,
		ts = timestamp(),
	): Record<string, string> {
		const B = BigInt('0x' + String(params.SRP_B));
		const salt = BigInt('0x' + String(params.SALT));
		const u = computeU(this.A, B);
		const x = computeX(poolName, userId, password, salt);
		const base = (((B - K * modPow(G, x)) % N) + N) % N;
		const S = modPow(base, this.a + u * x);
		const key = hkdf(padBytes(S), padBytes(u));
		const block = String(params.SECRET_BLOCK);
		return {
			PASSWORD_CLAIM_SECRET_BLOCK: block,
			TIMESTAMP: ts,
			PASSWORD_CLAIM_SIGNATURE: claimSignature(key, poolName, userId, block, ts).toString('base64'),
		};
	}
}

export const poolNameOf = (poolId: string): string => poolId.split('_')[1] ?? '';

/** A full USER_SRP_AUTH sign-in over HTTP; returns the final response body. */
export async function srpLogin(
	s: Setup,
	username: string,
	password: string,
	extra: Json = {},
): Promise<ApiResult> {
	const srp = new SrpClient();
	const init = await api(s.url, 'InitiateAuth', {
		AuthFlow: 'USER_SRP_AUTH',
		ClientId: s.clientId,
		AuthParameters: { USERNAME: username, SRP_A: srp.A.toString(16), ...extra },
	});
	if (init.status !== 200) return init;
	const params = init.body.ChallengeParameters as Json;
	const userId = String(params.USER_ID_FOR_SRP);
	return api(s.url, 'RespondToAuthChallenge', {
		ChallengeName: 'PASSWORD_VERIFIER',
		ClientId: s.clientId,
		Session: init.body.Session,
		ChallengeResponses: {
			USERNAME: userId,
			...srp.answer(poolNameOf(s.poolId), userId, password, params),
			...extra,
		},
	});
}

/** Signs up and confirms a user through the public API, with the code from the outbox. */
export async function signUpConfirmed(
	s: Setup,
	username: string,
	attrs: Record<string, string> = {},
): Promise<void> {
	await ok(s.url, 'SignUp', {
		ClientId: s.clientId,
		Username: username,
		Password: PASSWORD,
		UserAttributes: Object.entries({ email: `${username}@example.com`, ...attrs }).map(
			([Name, Value]) => ({
				Name,
				Value,
			}),
		),
	});
	await ok(s.url, 'ConfirmSignUp', {
		ClientId: s.clientId,
		Username: username,
		ConfirmationCode: lastCode(s.lp, s.poolId, username, 'confirmation'),
	});
}

export async function tokensFor(s: Setup, username: string): Promise<Json> {
	const r = await srpLogin(s, username, PASSWORD);
	expect(r.status, JSON.stringify(r.body)).toBe(200);
	return r.body.AuthenticationResult as Json;
}
