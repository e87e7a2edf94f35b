import { createRequire } from 'node:module';
import { totpAt } from '../../server/totp';
import type { Json } from './helpers';
import { MapStorage as TestStorage } from '../helpers/mapStorage';

export { TestStorage };

/** The original amazon-cognito-identity-js 6.3.21, used only as an oracle. */
const load = createRequire(import.meta.url);

export const Original = load('original-cognito') as {
	CognitoUserPool: new (data: Json) => object;
	CognitoUser: new (data: Json) => object;
	AuthenticationDetails: new (data: Json) => object;
	CognitoUserAttribute: new (data: Json) => object;
	CognitoUserSession: new (data: Json) => object;
	CognitoAccessToken: new (data: Json) => object;
	CognitoIdToken: new (data: Json) => object;
	CognitoRefreshToken: new (data: Json) => object;
};

/** Placeholders for a callbacks object and for a Node-style callback among the arguments. */
export const CBS = Symbol('callbacks');
export const NODE = Symbol('node callback');

export interface Outcome {
	event: string;
	args: unknown[];
}

const EVENTS = [
	'onSuccess',
	'onFailure',
	'newPasswordRequired',
	'mfaRequired',
	'totpRequired',
	'customChallenge',
	'mfaSetup',
	'selectMFAType',
	'associateSecretCode',
	'inputVerificationCode',
];

/** Calls a method of an original-client object and resolves with the first callback it fires. */
export function run(obj: object, method: string, ...args: unknown[]): Promise<Outcome> {
	return new Promise((resolve) => {
		const fn = (obj as Record<string, unknown>)[method];
		if (typeof fn !== 'function') throw new Error(`no method ${method}`);
		const callbacks = Object.fromEntries(
			EVENTS.map((e) => [e, (...a: unknown[]) => resolve({ event: e, args: a })]),
		);
		const node = (e: unknown, ...rest: unknown[]) =>
			resolve(e ? { event: 'error', args: [e] } : { event: 'ok', args: rest });
		const real = args.map((a) => (a === CBS ? callbacks : a === NODE ? node : a));
		(fn as (...a: unknown[]) => unknown).apply(obj, real);
	});
}

export async function expectEvent(p: Promise<Outcome>, event: string): Promise<unknown[]> {
	const out = await p;
	if (out.event !== event) {
		const detail =
			out.args[0] instanceof Error
				? `${out.args[0].name}: ${out.args[0].message}`
				: JSON.stringify(out.args);
		throw new Error(`expected ${event}, got ${out.event} (${detail})`);
	}
	return out.args;
}

export async function expectFailure(
	p: Promise<Outcome>,
): Promise<{ code: string; message: string }> {
	const out = await p;
	if (out.event !== 'onFailure' && out.event !== 'error')
		throw new Error(`expected a failure, got ${out.event}`);
	const e = out.args[0] as { code?: string; message?: string };
	return { code: String(e.code), message: String(e.message) };
}

export function getProp<T>(obj: object, ...path: string[]): T {
	let cur: unknown = obj;
	for (const p of path) {
		const next = (cur as Record<string, unknown>)[p];
		cur = typeof next === 'function' ? (next as () => unknown).call(cur) : next;
	}
	return cur as T;
}

// The server's one RFC 6238 implementation; test/server/totp.test.ts checks it against the RFC's vectors.
/** The code an authenticator app shows at `timeMs`. */
export const totp = (secret: string, timeMs = Date.now()): string => totpAt(secret, timeMs);
