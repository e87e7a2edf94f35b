// How one promise call runs the callback API: the callback method does the work (one code path
// for both faces), the call's AbortSignal reaches every request it sends, and the promise
// settles exactly once.
import type Client from '../Client';
import type { Outcome } from '../utils/callbacks';
import { toError } from '../utils/callbacks';

/** Options every promise call takes. */
export interface CallOptions {
	/**
	 * Aborts the call: its requests are aborted in fetch and the promise rejects with an
	 * `AbortError`. A call aborted before the service answered leaves storage as it was.
	 */
	signal?: AbortSignal;
}

/** An object whose requests go through `client`: a CognitoUser or a CognitoUserPool. */
export interface ClientHolder {
	client: Client;
}

/** The client each holder had before any promise call gave it a view with a signal. */
const ownClients = new WeakMap<ClientHolder, Client>();

/** The error an aborted call rejects with: the signal's reason when it is one, else a new one. */
export function abortError(signal: AbortSignal): Error {
	const reason: unknown = signal.reason;
	if (reason instanceof Error && reason.name === 'AbortError') return reason;
	return new DOMException('The operation was aborted.', 'AbortError');
}

/** The holder's own client, without the signal of any promise call in flight. */
export function ownClient(holder: ClientHolder): Client {
	return ownClients.get(holder) ?? holder.client;
}

/**
 * Gives `holder` a view of its client whose requests carry `signal`, until the returned
 * function is called. While two calls on one object overlap, requests use the signal of the
 * call that started last.
 */
function withSignal(holder: ClientHolder, signal: AbortSignal): () => void {
	const own = ownClient(holder);
	ownClients.set(holder, own);
	const view = Object.create(own, { signal: { value: signal } }) as Client;
	holder.client = view;
	return () => {
		if (holder.client === view) {
			holder.client = own;
			ownClients.delete(holder);
		}
	};
}

/**
 * Runs `start` (which calls one callback-API method, reporting to the outcome) as a promise.
 * On abort the promise rejects at once; the signal stays on the requests until the callback
 * method has reported, so a flow interrupted between two requests sends no further request.
 */
export function run<T>(
	holder: ClientHolder,
	options: CallOptions | undefined,
	start: (outcome: Outcome<T>) => void,
): Promise<T> {
	const signal = options?.signal;
	return new Promise<T>((resolve, reject) => {
		if (signal?.aborted) return reject(abortError(signal));
		let settled = false;
		const onAbort = (): void => settle(() => reject(abortError(signal as AbortSignal)));
		const release = signal ? withSignal(holder, signal) : () => {};
		signal?.addEventListener('abort', onAbort, { once: true });
		function settle(deliver: () => void): void {
			if (settled) return;
			settled = true;
			signal?.removeEventListener('abort', onAbort);
			deliver();
		}
		let reported = false;
		const report = (deliver: () => void): void => {
			if (reported) return;
			reported = true;
			release();
			settle(deliver);
		};
		try {
			start({
				succeed: (value) => report(() => resolve(value)),
				fail: (err) => report(() => reject(err)),
			});
		} catch (thrown) {
			report(() => reject(toError(thrown)));
		}
	});
}

/** A node-style callback `(err, result)` reporting to `outcome`. */
export function nodeStyle<T>(outcome: Outcome<T>): (err: unknown, result?: T) => void {
	return (err, result) => {
		if (err) outcome.fail(toError(err));
		else outcome.succeed(result as T);
	};
}

/** `{ onSuccess, onFailure }` reporting to `outcome`. */
export function resultCallbacks<T>(outcome: Outcome<T>): {
	onSuccess(result: T): void;
	onFailure(err: Error): void;
} {
	return { onSuccess: outcome.succeed, onFailure: outcome.fail };
}
