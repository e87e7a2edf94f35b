import { getAmplifyUserAgent } from './UserAgent';
import type { IClientFetchOptions } from './types';
import { fetchWithFallback } from './utils/fetch';
import { outsidePromise, toError } from './utils/callbacks';
import type { FetchInit, FetchResponseLike } from './utils/fetch';

/** A JSON object as the service returns it. */
export type CognitoResponse = { [key: string]: unknown };

/** Callback of `request`: `(error)` on failure, `(null, data)` on success. */
export type ClientCallback<T = CognitoResponse> = (
	err: CognitoError | Error | null,
	data?: T,
) => void;

/** Options the original client did not have. */
export interface ClientOptions {
	/**
	 * Milliseconds after which an unanswered request fails with `RequestTimeoutException` and
	 * is aborted. Absent or `0` means no timeout, as in the original.
	 */
	timeout?: number;
}

/**
 * The error the client builds from a service's error response, a failed connection
 * (`NetworkError`), a timeout (`RequestTimeoutException`), a response that is not JSON
 * (`InvalidResponseException`) or a request that cannot be serialised
 * (`SerializationException`). It is an `Error`, so `instanceof Error` and `message` work as
 * before; `code` is the error type and `statusCode` the HTTP status when there was a response.
 *
 * Not every failure is one: when fetch fails with anything but a `TypeError` (a polyfill's or
 * a stub's own error, say), that error reaches the callback as it is, or as a plain `Error`
 * carrying its text if it was not an `Error`; such an error has no `code`.
 */
export class CognitoError extends Error {
	/** The service's error type, e.g. `NotAuthorizedException`, or `NetworkError`. */
	code: string;
	/** The HTTP status of the response; absent when no response arrived. */
	statusCode?: number;

	/**
	 * @param message - the service's message, or a description of the failure.
	 * @param code - the error type; also the `name` unless one is given.
	 * @param name - `Error` for network failures, as the original reported them.
	 * @param statusCode - the HTTP status, when a response arrived.
	 */
	constructor(message: string, code: string, name?: string, statusCode?: number) {
		super(message);
		this.code = code;
		this.name = name ?? code;
		if (statusCode !== undefined) this.statusCode = statusCode;
	}
}

/** The single factory for the errors the client reports. */
export function createCognitoError(
	message: string,
	code: string,
	name?: string,
	statusCode?: number,
): CognitoError {
	return new CognitoError(message, code, name, statusCode);
}

/** Codes that may succeed when the same request is simply sent again. */
const TRANSIENT_CODES = new Set([
	'NetworkError',
	'RequestTimeoutException',
	'TooManyRequestsException',
	'ThrottlingException',
	'InternalErrorException',
	'ServiceUnavailable',
	'ServiceUnavailableException',
]);

const MAX_RETRY_DELAY_MS = 5000;

/**
 * Whether sending the request again can change the outcome: connection failures, timeouts,
 * throttling and server faults. Client errors such as NotAuthorizedException never change,
 * and retrying them only delays the application (the original retried them for ~6 s).
 */
export function isRetryableError(err: unknown): boolean {
	if (!err || typeof err !== 'object') return false;
	const { code, statusCode, nonRetryable } = err as {
		code?: unknown;
		statusCode?: unknown;
		nonRetryable?: unknown;
	};
	if (nonRetryable) return false;
	if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
	return typeof statusCode === 'number' && (statusCode >= 500 || statusCode === 429);
}

/**
 * Calls an application callback. An exception it throws is the application's own bug: it
 * surfaces as an uncaught error from a fresh task, instead of coming back as a second, failed
 * callback as it did in the original.
 */
function deliver<T>(callback: ClientCallback<T>, err: CognitoError | Error | null, data?: T): void {
	outsidePromise(() => {
		if (err) callback(err);
		else callback(null, data);
	});
}

function serviceError(data: unknown, response: FetchResponseLike): CognitoError {
	const status = response.status;
	const body = (data && typeof data === 'object' ? data : {}) as {
		__type?: unknown;
		code?: unknown;
		message?: unknown;
		Message?: unknown;
	};
	const type = body.__type || body.code;
	if (typeof type === 'string') {
		const code = type.split('#').pop() as string;
		// 'null' keeps the original's message for a body without one; a message that is not a
		// string (never sent by the service) is shown as JSON rather than '[object Object]'.
		const message = body.message || body.Message || null;
		const text = typeof message === 'string' ? message : JSON.stringify(message);
		return createCognitoError(text, code, code, status);
	}
	const header = response.headers?.get?.('x-amzn-errortype');
	if (header) {
		const code = header.split(':')[0] as string;
		return createCognitoError(String(status), code, code, status);
	}
	return createCognitoError(
		`Request failed with status ${status} and no error details`,
		'UnknownError',
		'UnknownError',
		status,
	);
}

/** Talks to the Cognito user-pool JSON API over fetch. */
export default class Client {
	/** The service URL every request is posted to. */
	endpoint: string;
	/** Extra fetch options; only `credentials` is forwarded. */
	fetchOptions: IClientFetchOptions;
	/** Request timeout in milliseconds; `undefined` means none. */
	timeout: number | undefined;
	/**
	 * @internal A signal every request passes to fetch. Never set on a pool's own client: the
	 * promise entry gives one call a view of the client that carries the call's signal, so the
	 * callback API's requests are exactly as before.
	 */
	declare signal?: AbortSignal;

	/**
	 * @param region - AWS region, used when no endpoint is given.
	 * @param endpoint - overrides `https://cognito-idp.<region>.amazonaws.com/`.
	 * @param fetchOptions - only `credentials` is forwarded to fetch.
	 * @param options - `timeout` in milliseconds (not in the original).
	 */
	constructor(
		region?: string,
		endpoint?: string,
		fetchOptions?: IClientFetchOptions,
		options?: ClientOptions,
	) {
		this.endpoint = endpoint || `https://cognito-idp.${region}.amazonaws.com/`;
		const { credentials } = fetchOptions || {};
		this.fetchOptions = credentials ? { credentials } : {};
		const timeout = options?.timeout;
		this.timeout = typeof timeout === 'number' && timeout > 0 ? timeout : undefined;
	}

	/**
	 * Like `request`, as a Promise. Used by `getUserData`; rejects with a `CognitoError`.
	 */
	promisifyRequest<T = CognitoResponse>(operation: string, params: object): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.request<T>(operation, params, (err, data) => {
				if (err) {
					const { message, code, name, statusCode } = err as CognitoError;
					reject(createCognitoError(message, code, name, statusCode));
				} else {
					resolve(data as T);
				}
			});
		});
	}

	/**
	 * `request` with retries for transient failures (network, timeout, throttling, 5xx), with
	 * jittered exponential backoff: retry n waits 2^n·100 ms plus up to 100 ms, and retrying
	 * stops once that wait would exceed 5 s. Other errors are reported at once. Calls go
	 * through `this.request`, so a spy on `Client.prototype.request` sees each attempt.
	 */
	requestWithRetry<T = CognitoResponse>(
		operation: string,
		params: object,
		callback: ClientCallback<T>,
	): void {
		const attempt = (n: number): void => {
			let answered = false;
			this.request<T>(operation, params, (err, data) => {
				if (answered) return;
				answered = true;
				if (!err) return deliver(callback, null, data);
				if (!isRetryableError(err)) return deliver(callback, err);
				const delay = 2 ** n * 100 + Math.random() * 100;
				if (delay > MAX_RETRY_DELAY_MS) return deliver(callback, err);
				setTimeout(() => attempt(n + 1), delay);
			});
		};
		attempt(1);
	}

	/**
	 * Posts one API call. The callback fires exactly once: `(error)` or `(null, data)`.
	 * @param operation - the action, e.g. `InitiateAuth`.
	 * @param params - the JSON request body.
	 */
	request<T = CognitoResponse>(
		operation: string,
		params: object,
		callback: ClientCallback<T>,
	): void {
		const headers = {
			'Content-Type': 'application/x-amz-json-1.1',
			'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
			'X-Amz-User-Agent': getAmplifyUserAgent(),
			'Cache-Control': 'no-store',
		};
		let body: string;
		try {
			body = JSON.stringify(params);
		} catch (unserialisable) {
			// A BigInt or a cycle in the parameters: the original threw at the caller; report it
			// through the callback instead, asynchronously like every other outcome.
			const reason =
				unserialisable instanceof Error ? unserialisable.message : String(unserialisable);
			const err = createCognitoError(
				`The ${operation} request cannot be serialised: ${reason}`,
				'SerializationException',
			);
			void Promise.resolve().then(() => deliver(callback, err));
			return;
		}
		const init: FetchInit = {
			...this.fetchOptions,
			headers,
			method: 'POST',
			mode: 'cors',
			body,
		};

		let settled = false;
		let timer: ReturnType<typeof setTimeout> | undefined;
		const finish = (err: CognitoError | Error | null, data?: T): void => {
			if (settled) return;
			settled = true;
			if (timer !== undefined) clearTimeout(timer);
			deliver(callback, err, data);
		};

		const { signal } = this;
		if (signal !== undefined) init.signal = signal;
		if (this.timeout !== undefined && typeof AbortController === 'function') {
			const controller = new AbortController();
			init.signal = controller.signal;
			// The caller's signal still reaches fetch, through the timeout's controller.
			if (signal !== undefined) {
				if (signal.aborted) controller.abort(signal.reason);
				else
					signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
			}
			const ms = this.timeout;
			timer = setTimeout(() => {
				finish(
					createCognitoError(
						`${operation} request timed out after ${ms} ms`,
						'RequestTimeoutException',
					),
				);
				controller.abort();
			}, ms);
		}

		let sent: Promise<FetchResponseLike>;
		try {
			sent = fetchWithFallback(this.endpoint, init);
		} catch (thrown) {
			// A fetch that throws synchronously (a broken stub or polyfill) is treated as a
			// rejection, so nothing escapes the API.
			sent = Promise.reject(toError(thrown));
		}

		sent
			.then(
				(response) =>
					Promise.resolve()
						.then(() => response.json())
						.then(
							(data) => {
								if (response.ok) finish(null, data as T);
								else finish(serviceError(data, response));
							},
							(bodyError: unknown) => {
								if (!response.ok) {
									finish(serviceError(undefined, response));
									return;
								}
								// A body cut off by a reset connection rejects with a TypeError ('terminated'),
								// unlike unparsable JSON (SyntaxError): it is a network failure, worth a retry.
								if (bodyError instanceof TypeError) {
									finish(createCognitoError('Network error', 'NetworkError', 'Error'));
									return;
								}
								finish(
									createCognitoError(
										`The response to ${operation} is not valid JSON (status ${response.status})`,
										'InvalidResponseException',
										'InvalidResponseException',
										response.status,
									),
								);
							},
						),
				(err: unknown) => {
					if (err instanceof TypeError) {
						finish(createCognitoError('Network error', 'NetworkError', 'Error'));
					} else {
						finish(toError(err));
					}
				},
			)
			// Only a defect of this module could get here; the caller still hears back once.
			.catch((err: unknown) => finish(toError(err)));
	}
}
