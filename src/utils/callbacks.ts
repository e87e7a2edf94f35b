// The one layer through which the library calls application code: how an outcome reaches the
// application's callback (node style or a callbacks object), how a step of a flow that may throw
// or call back more than once is reduced to exactly one continuation, and what happens when the
// application's own callback throws.

import type { IResultCallbacks } from '../types';

/** Turns anything thrown into an `Error`, so that callbacks always receive one. */
export function toError(thrown: unknown): Error {
	return thrown instanceof Error ? thrown : new Error(String(thrown));
}

/** Where one operation reports: exactly one of the two is called, once. */
export interface Outcome<T> {
	// Function-valued properties, not methods: outcomes are passed around as loose functions.
	fail: (err: Error) => void;
	succeed: (value: T) => void;
}

type AnyFunction = (...args: never[]) => unknown;

type MemberArgs<C, K extends keyof C> =
	NonNullable<C[K]> extends (...args: infer A) => unknown ? A : never;

/**
 * Calls `callbacks[name](...args)`. A member the application did not supply becomes an
 * `onFailure` with an explanation, where the original threw a TypeError inside its promise
 * chain and never called back; with no `onFailure` either there is nobody left to tell.
 */
export function callMember<C extends object, K extends keyof C & string>(
	callbacks: C,
	name: K,
	...args: MemberArgs<C, K>
): void {
	// The README's own use case 23 calls completeNewPasswordChallenge without callbacks.
	if (callbacks == null) return;
	const member = callbacks[name] as unknown;
	if (typeof member === 'function') {
		(member as AnyFunction).apply(callbacks, args as unknown as never[]);
		return;
	}
	const onFailure = (callbacks as { onFailure?: unknown }).onFailure;
	if (name !== 'onFailure' && typeof onFailure === 'function') {
		onFailure.call(
			callbacks,
			new Error(`The ${name} callback is required to continue, but it was not supplied.`),
		);
	}
}

/**
 * Any Node-style callback, whatever its declared parameter types. The public signatures
 * promise the result type of a success (see `ResultCallback`); on failure the library calls
 * with `(err, null)`, as the original did.
 */
export type LooseNodeCallback = (...args: never[]) => unknown;

/** Calls a Node-style callback if the application passed one. */
export function callNode(callback: LooseNodeCallback | undefined, ...args: unknown[]): void {
	if (typeof callback === 'function') (callback as (...a: unknown[]) => unknown)(...args);
}

/** An outcome reported to a Node-style callback: `(err, null)` or `(null, value)`. */
export function nodeOutcome<T>(callback: LooseNodeCallback | undefined): Outcome<T> {
	return {
		fail: (err) => callNode(callback, err, null),
		succeed: (value) => callNode(callback, null, value),
	};
}

/** An outcome reported to `callbacks.onSuccess` / `callbacks.onFailure`. */
export function objectOutcome<T>(callbacks: IResultCallbacks<T>): Outcome<T> {
	return {
		fail: (err) => callMember(callbacks, 'onFailure', err),
		succeed: (value) => callMember(callbacks, 'onSuccess', value),
	};
}

/** A step that reports through a node callback, possibly synchronously, possibly by throwing. */
export type Step<T> = (done: (err: Error | null | undefined, value?: T | null) => void) => void;

/**
 * Runs `step` and hands its first result to `next`, exactly once.
 *
 * A throw from the step (the SRP helper throws 'B cannot be zero.') becomes an error result,
 * and repeated callbacks (the original helpers call back again after an error) are dropped.
 * When the step calls back synchronously, `next` runs only after the step has returned and
 * outside the `try`, so an exception thrown by the application's own callback further down the
 * flow propagates to its caller instead of being caught here and delivered as a failure.
 * Nothing is deferred: a synchronous step keeps the whole flow synchronous.
 */
export function runStep<T>(
	step: Step<T>,
	next: (err: Error | null, value: T | null | undefined) => void,
): void {
	let settled = false;
	let running = true;
	let parked: [Error | null, T | null | undefined] | undefined;
	const done = (err: Error | null | undefined, value?: T | null): void => {
		if (settled) return;
		settled = true;
		if (running) parked = [err ?? null, value];
		else next(err ?? null, value);
	};
	try {
		step(done);
	} catch (thrown) {
		if (!settled) {
			settled = true;
			parked = [toError(thrown), undefined];
		}
	}
	running = false;
	if (parked) next(parked[0], parked[1]);
}

/** Runs library work that may throw; a throw becomes `outcome.fail`, a result is returned. */
export function attempt<R>(work: () => R, fail: (err: Error) => void): { value: R } | undefined {
	try {
		return { value: work() };
	} catch (thrown) {
		fail(toError(thrown));
		return undefined;
	}
}

/**
 * Rethrows `thrown` from a fresh task, where it surfaces as an uncaught error with its own
 * stack (as an exception thrown from a timer callback does). Used for exceptions thrown by the
 * application's own callbacks: caught where they were, they would reject a promise nobody
 * handles, or come back to the same callback as a library failure (the original's
 * "callback fires twice").
 */
export function rethrowLater(thrown: unknown): void {
	setTimeout(() => {
		throw thrown;
	}, 0);
}

/**
 * Runs an application callback from inside a promise handler or a network callback; if it
 * throws, the exception is rethrown from a fresh task (see `rethrowLater`).
 */
export function outsidePromise(callback: () => void): void {
	try {
		callback();
	} catch (thrown) {
		rethrowLater(thrown);
	}
}
