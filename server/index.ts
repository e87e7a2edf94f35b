import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	type ChallengeRequest,
	type CreateResult,
	type CustomAuthHooks,
	type DefineResult,
	ONE_TIME_CODE_TRIGGERS,
} from './customAuth';
import { ServiceError } from './errors';
import { type BeforeAction, type HttpPolicy, createRequestHandler, dispatch } from './http';
import type { Outbox, OutboxKind, OutboxMessage } from './outbox';
import { EphemeralPool } from './ephemeral';
import { Service } from './service';
import { SrpWorkers } from './srpWorkers';
import { StoredState, own } from './state';
import { type TokenLifetimes, TokenSigner } from './tokens';
import { totpAt } from './totp';
import type { Json } from './validate';

export type {
	BeforeAction,
	ChallengeRequest,
	CreateResult,
	CustomAuthHooks,
	DefineResult,
	OutboxKind,
	OutboxMessage,
	TokenLifetimes,
};
export { ONE_TIME_CODE_TRIGGERS, ServiceError, totpAt };

export interface LocalPoolOptions {
	/** 0 picks a free port. Default 0 (the CLI defaults to 9229). */
	port?: number;
	/** Default 127.0.0.1: nothing outside this machine can reach the pool unless asked. */
	host?: string;
	/** Region prefix of pool ids and device keys. Default us-east-1. */
	region?: string;
	/**
	 * Pools, users and refresh tokens are loaded from and kept in this JSON file (and
	 * `<file>.journal`, both mode 0600); every change is on disk before the reply reporting it.
	 */
	stateFile?: string;
	/** Token lifetimes in seconds for every client, overriding the clients' own settings. */
	tokenLifetimes?: TokenLifetimes;
	/** Stand-ins for the Define/Create/Verify auth challenge Lambda triggers. */
	customAuth?: CustomAuthHooks;
	/** The clock, in epoch milliseconds. Default Date.now. */
	now?: () => number;
	/**
	 * Origins of pages (say, a test app on another port) that may read and clear the outbox over
	 * HTTP; no other page may, and none may call admin actions.
	 */
	trustedOrigins?: string[];
	/** Called before every action; throw a ServiceError to inject a fault. */
	beforeAction?: BeforeAction;
	/** Where internal errors are reported. Default console.error. */
	log?: (message: string) => void;
}

export interface LocalPool {
	/** e.g. http://127.0.0.1:53127 — use it as `endpoint` in the pool data. */
	url: string;
	port: number;
	outbox: Outbox;
	/** Calls an action directly through the same pipeline as HTTP; rejects with ServiceError. */
	call(action: string, body: Json): Promise<Json>;
	createUserPool(input?: Json): Promise<{ Id: string; Name: string } & Json>;
	createUserPoolClient(userPoolId: string, input?: Json): Promise<{ ClientId: string } & Json>;
	/** A confirmed user with a permanent password (AdminCreateUser + AdminSetUserPassword). */
	createUser(
		userPoolId: string,
		username: string,
		password: string,
		attributes?: Record<string, string>,
	): Promise<void>;
	/** Lets a page of this origin read and clear the outbox too (see `trustedOrigins`). */
	trustOrigin(origin: string): void;
	/** Moves the server clock forward (codes, sessions, tokens and TOTP all follow it). */
	advanceTime(ms: number): void;
	setClockOffset(ms: number): void;
	now(): number;
	/** The pool's JSON Web Key Set (each pool signs with its own key). */
	jwks(userPoolId: string): Promise<{ keys: Json[] }>;
	close(): Promise<void>;
}

export async function startLocalPool(options: LocalPoolOptions = {}): Promise<LocalPool> {
	const host = options.host ?? '127.0.0.1';
	let url = '';
	const log = options.log ?? ((m: string) => console.error(m));
	const signer = new TokenSigner(() => url);
	const svc = new Service(StoredState.open(options.stateFile), signer, {
		region: options.region ?? 'us-east-1',
		stateFile: options.stateFile,
		tokenLifetimes: options.tokenLifetimes ?? {},
		customAuth: options.customAuth ?? {},
		now: options.now,
		log,
	});
	svc.ephemerals = new EphemeralPool();
	svc.srpWorkers = new SrpWorkers();
	const pipeline = { beforeAction: options.beforeAction, log };
	const policy: HttpPolicy = { trustedOrigins: new Set(options.trustedOrigins ?? []) };
	const handler = createRequestHandler(
		svc,
		pipeline,
		async (route, query) => {
			const wellKnown =
				/^GET \/([\w-]+_[A-Za-z0-9]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(
					route,
				);
			if (wellKnown) {
				const poolId = wellKnown[1] ?? '';
				if (!own(svc.state.pools, poolId)) return undefined;
				if (wellKnown[2] === 'jwks.json') return { status: 200, body: await signer.jwks(poolId) };
				const issuer = signer.issuer(poolId);
				return {
					status: 200,
					body: {
						issuer,
						jwks_uri: `${issuer}/.well-known/jwks.json`,
						id_token_signing_alg_values_supported: ['RS256'],
						subject_types_supported: ['public'],
						response_types_supported: ['code', 'token'],
						scopes_supported: ['openid', 'email', 'phone', 'profile'],
					},
				};
			}
			if (route === 'GET /_local/outbox') {
				const filter = {
					poolId: query.get('pool') ?? undefined,
					username: query.get('username') ?? undefined,
					kind: query.get('kind') ?? undefined,
				};
				return { status: 200, body: { messages: svc.outbox.list(filter) } };
			}
			if (route === 'DELETE /_local/outbox') {
				svc.outbox.clear();
				return { status: 200, body: {} };
			}
			if (route === 'GET /_local/health') return { status: 200, body: { ok: true } };
			return undefined;
		},
		policy,
	);
	const server: Server = createServer((req, res) => void handler(req, res));
	server.keepAliveTimeout = 5000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	const urlHost =
		host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
	url = `http://${urlHost}:${port}`;
	// A wildcard bind is a request to be reached by other names; otherwise only this machine's.
	if (host !== '0.0.0.0' && host !== '::') {
		policy.hosts = new Set(
			['127.0.0.1', 'localhost', '[::1]', urlHost.toLowerCase()].map((name) => `${name}:${port}`),
		);
	}

	const call = (action: string, body: Json) => dispatch(svc, action, body, pipeline);
	return {
		url,
		port,
		outbox: svc.outbox,
		call,
		async createUserPool(input = {}) {
			const out = await call('CreateUserPool', { PoolName: 'local', ...input });
			return out.UserPool as { Id: string; Name: string } & Json;
		},
		async createUserPoolClient(userPoolId, input = {}) {
			const out = await call('CreateUserPoolClient', {
				UserPoolId: userPoolId,
				ClientName: 'local',
				...input,
			});
			return out.UserPoolClient as { ClientId: string } & Json;
		},
		async createUser(userPoolId, username, password, attributes = {}) {
			await call('AdminCreateUser', {
				UserPoolId: userPoolId,
				Username: username,
				MessageAction: 'SUPPRESS',
				UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
			});
			await call('AdminSetUserPassword', {
				UserPoolId: userPoolId,
				Username: username,
				Password: password,
				Permanent: true,
			});
		},
		trustOrigin(origin) {
			policy.trustedOrigins.add(new URL(origin).origin);
		},
		advanceTime(ms) {
			svc.clockOffsetMs += ms;
		},
		setClockOffset(ms) {
			svc.clockOffsetMs = ms;
		},
		now: () => svc.now(),
		jwks: (userPoolId) => signer.jwks(userPoolId) as Promise<{ keys: Json[] }>,
		close: () =>
			new Promise<void>((resolve, reject) => {
				svc.flush();
				void svc.ephemerals?.close();
				void svc.srpWorkers?.close();
				server.closeAllConnections();
				server.close((e) => (e ? reject(e) : resolve()));
			}),
	};
}
