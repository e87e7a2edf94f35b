// One refresh per pool, user and refresh token at a time. Applications call getSession from
// many places at once (every API call of a page load); the original sent one REFRESH_TOKEN_AUTH
// per call, and with refresh-token rotation all but one of them could fail.

import { toError } from './callbacks';

/** Told the shared result of a refresh. */
export type RefreshWaiter<S> = (err: Error | null, session: S | null) => void;

interface Flight<S> {
	waiters: RefreshWaiter<S>[];
}

const flights = new WeakMap<object, Map<string, Flight<unknown>>>();

/**
 * Joins the refresh in flight for `pool` and `key`, or starts one with `start`. Every waiter is
 * told the outcome exactly once, in the order it joined. `start` must call `finish` once; it
 * may do so synchronously (a mocked client), and the waiters are then told before this returns.
 *
 * If a waiter throws, the others are still told and the first exception is rethrown at the end,
 * so that an application's error surfaces where it would have without the sharing.
 */
export function shareRefresh<S>(
	pool: object,
	key: string,
	waiter: RefreshWaiter<S>,
	start: (finish: (err: Error | null, session: S | null) => void) => void,
): void {
	let perPool = flights.get(pool);
	if (!perPool) {
		perPool = new Map();
		flights.set(pool, perPool);
	}
	const inFlight = perPool.get(key) as Flight<S> | undefined;
	if (inFlight) {
		inFlight.waiters.push(waiter);
		return;
	}
	const flight: Flight<S> = { waiters: [waiter] };
	const table = perPool;
	table.set(key, flight as Flight<unknown>);
	let finished = false;
	const finish = (err: Error | null, session: S | null): void => {
		if (finished) return;
		finished = true;
		// Removed before anyone is told, so a waiter that refreshes again starts afresh.
		if (table.get(key) === flight) table.delete(key);
		let failure: { error: unknown } | undefined;
		for (const told of flight.waiters) {
			try {
				told(err, session);
			} catch (thrown) {
				failure ??= { error: thrown };
			}
		}
		if (failure) throw failure.error;
	};
	try {
		start(finish);
	} catch (thrown) {
		// Once finished, the throw came from a waiter: it belongs to the caller, not to us.
		if (finished) throw thrown;
		finish(toError(thrown), null);
	}
}
