import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ACTIONS } from './actions';
import { checkMembers } from './constraints';
import { ServiceError, err } from './errors';
import type { Service } from './service';
import { own } from './state';
import { type Json, isObject } from './validate';

export const MAX_BODY_BYTES = 1024 * 1024;
const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
/** Requests refused by the policy: their answers carry no CORS headers, so no page reads them. */
const refused = new WeakSet<IncomingMessage>();

/** Runs before every action; may throw a ServiceError (the seam for fault injection). */
export type BeforeAction = (action: string, body: Json) => void | Promise<void>;

export interface PipelineOptions {
	beforeAction?: BeforeAction;
	log?: (message: string) => void;
}

/**
 * Who may talk to the pool over HTTP. Browser pages are clients of the user-pool actions only:
 * admin actions and `/_local/*` answer no other origin (except `trustedOrigins` for
 * `/_local/*`), and a Host header naming anything but this server is refused, so a page whose
 * domain is rebound to 127.0.0.1 cannot reach it either.
 */
export interface HttpPolicy {
	/** `host:port` values the Host header may carry; undefined accepts any (a wildcard bind). */
	hosts?: Set<string>;
	/** Origins of pages allowed to read and clear the outbox (a developer's own test page). */
	trustedOrigins: Set<string>;
}

/** The actions that configure or administer pools: never callable from another origin. */
export function isAdminAction(action: string): boolean {
	return (
		action.startsWith('Admin') ||
		action === 'ListUsers' ||
		/^(Create|Describe|Update|Delete|List)UserPool(Client)?s?$/.test(action) ||
		/^(Set|Get)UserPoolMfaConfig$/.test(action)
	);
}

/** The whole request pipeline for one action, shared by HTTP and the programmatic `call`. */
export async function dispatch(
	svc: Service,
	action: string,
	body: Json,
	opts: PipelineOptions,
): Promise<Json> {
	const handler = own(ACTIONS, action);
	if (!handler) throw err('UnknownOperationException', `Unknown operation ${action}`);
	await opts.beforeAction?.(action, body);
	checkMembers(body);
	try {
		return await handler(svc, body);
	} finally {
		// A request refused with an error may have changed the state first: saved before that reply too.
		svc.save();
	}
}

function corsHeaders(req: IncomingMessage): Record<string, string> {
	if (refused.has(req)) return {};
	const origin = req.headers.origin;
	const requested = req.headers['access-control-request-headers'];
	return {
		'Access-Control-Allow-Origin': origin ?? '*',
		...(origin ? { 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' } : {}),
		'Access-Control-Allow-Methods': 'POST, GET, DELETE, OPTIONS',
		'Access-Control-Allow-Headers':
			requested ??
			'Content-Type, X-Amz-Target, X-Amz-User-Agent, Cache-Control, Authorization, X-Amz-Date, X-Amz-Security-Token',
		'Access-Control-Expose-Headers': 'x-amzn-errortype, x-amzn-requestid, x-amzn-errormessage',
		'Access-Control-Max-Age': '600',
	};
}

function send(
	req: IncomingMessage,
	res: ServerResponse,
	status: number,
	body: unknown,
	extra: Record<string, string> = {},
) {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		...corsHeaders(req),
		'Content-Type': 'application/x-amz-json-1.1',
		'Content-Length': Buffer.byteLength(text).toString(),
		'x-amzn-requestid': randomUUID(),
		...extra,
	});
	res.end(text);
}

function sendError(
	req: IncomingMessage,
	res: ServerResponse,
	e: ServiceError,
	extra: Record<string, string> = {},
) {
	send(
		req,
		res,
		e.status,
		{ __type: e.type, message: e.message },
		{ 'x-amzn-errortype': `${e.type}:`, ...extra },
	);
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let tooBig = false;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) tooBig = true;
			if (!tooBig) chunks.push(chunk);
		});
		req.on('end', () => resolve(tooBig ? undefined : Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

export type GetRoute = (
	path: string,
	query: URLSearchParams,
) => Promise<{ status: number; body: unknown } | undefined>;

const forbidden = (message: string) => err('ForbiddenException', message, 403);

export function createRequestHandler(
	svc: Service,
	opts: PipelineOptions,
	getRoute: GetRoute,
	policy: HttpPolicy,
) {
	return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		try {
			const url = new URL(req.url ?? '/', 'http://local');
			const host = req.headers.host ?? '';
			const origin = req.headers.origin;
			const crossOrigin =
				origin !== undefined && !(policy.hosts?.has(origin.replace(/^http:\/\//, '')) ?? false);
			const local = url.pathname.startsWith('/_local/');
			const refuse = (message: string) => {
				refused.add(req);
				sendError(req, res, forbidden(message));
			};
			if (policy.hosts && !policy.hosts.has(host.toLowerCase())) {
				refuse(`Host ${host} is not this server`);
				return;
			}
			if (local && crossOrigin && !policy.trustedOrigins.has(origin ?? '')) {
				refuse('Cross-origin requests may not use /_local/');
				return;
			}
			if (req.method === 'OPTIONS') {
				res.writeHead(204, corsHeaders(req));
				res.end();
				return;
			}
			if (req.method === 'GET' || req.method === 'DELETE') {
				const route = await getRoute(`${req.method} ${url.pathname}`, url.searchParams);
				if (route) send(req, res, route.status, route.body);
				else
					sendError(
						req,
						res,
						err('ResourceNotFoundException', `No route for ${req.method} ${url.pathname}`, 404),
					);
				return;
			}
			if (req.method !== 'POST') {
				sendError(
					req,
					res,
					err('UnknownOperationException', `Method ${req.method} not allowed`, 405),
				);
				return;
			}
			const raw = await readBody(req);
			if (!raw) {
				sendError(
					req,
					res,
					err(
						'RequestEntityTooLargeException',
						`Request body exceeds ${MAX_BODY_BYTES} bytes`,
						413,
					),
					{
						Connection: 'close',
					},
				);
				return;
			}
			const target = String(req.headers['x-amz-target'] ?? '');
			if (!target.startsWith(TARGET_PREFIX)) {
				sendError(req, res, err('UnknownOperationException', ''));
				return;
			}
			const action = target.slice(TARGET_PREFIX.length);
			if (crossOrigin && isAdminAction(action)) {
				refuse(`Cross-origin requests may not call ${action}`);
				return;
			}
			let body: unknown;
			try {
				body = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
			} catch {
				sendError(
					req,
					res,
					err('SerializationException', 'Unable to parse the request body as JSON'),
				);
				return;
			}
			if (!isObject(body)) {
				sendError(req, res, err('SerializationException', 'Start of structure or map expected'));
				return;
			}
			const result = await dispatch(svc, action, body, opts);
			send(req, res, 200, result);
		} catch (e) {
			if (e instanceof ServiceError) {
				sendError(req, res, e);
				return;
			}
			// A bug must never take the server down; the client sees what the service sends for its own.
			opts.log?.(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
			if (!res.headersSent)
				sendError(req, res, err('InternalErrorException', 'An internal error occurred', 500));
			else res.destroy();
		}
	};
}
