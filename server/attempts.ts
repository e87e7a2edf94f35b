import { err, notAuthorized } from './errors';

interface Tally {
	count: number;
	last: number;
}

/**
 * Failures per key (a user, a user's code), on the pool's clock so tests can move past a
 * lockout with `advanceTime`. A key quiet for `windowMs` starts from zero again, and the
 * table is capped so that guessed names cannot grow it without bound.
 */
export class Attempts {
	private readonly tallies = new Map<string, Tally>();

	constructor(
		private readonly now: () => number,
		private readonly windowMs: number,
		private readonly cap = 10_000,
	) {}

	failures(key: string): Tally | undefined {
		const tally = this.tallies.get(key);
		if (tally && this.now() - tally.last > this.windowMs) {
			this.tallies.delete(key);
			return undefined;
		}
		return tally;
	}

	/** Counts one more failure; returns the new count. */
	fail(key: string): number {
		const tally = this.failures(key) ?? { count: 0, last: 0 };
		tally.count += 1;
		tally.last = this.now();
		this.tallies.delete(key);
		this.tallies.set(key, tally);
		if (this.tallies.size > this.cap) {
			const oldest = this.tallies.keys().next().value;
			if (oldest !== undefined) this.tallies.delete(oldest);
		}
		return tally.count;
	}

	clear(key: string): void {
		this.tallies.delete(key);
	}
}

/** Failed sign-ins (or MFA codes) before a user is locked out, as the service counts them. */
export const FREE_SIGN_IN_FAILURES = 5;
const MAX_LOCKOUT_MS = 15 * 60_000;

/** The service's answer to a locked-out user, right password or not. */
export const lockedOut = () => notAuthorized('Password attempts exceeded');

/**
 * The service's sign-in lockout: after 5 failures a user is locked out for 2^(n−5) seconds
 * after the n-th, growing to 15 minutes. Counted per user, across sessions and clients.
 */
export class SignInLockout {
	private readonly attempts: Attempts;

	constructor(private readonly now: () => number) {
		// Failures are forgotten once a full lockout has passed without another one.
		this.attempts = new Attempts(now, 2 * MAX_LOCKOUT_MS);
	}

	/** Throws "Password attempts exceeded" while `key` is locked out. */
	check(key: string): void {
		const tally = this.attempts.failures(key);
		if (!tally || tally.count < FREE_SIGN_IN_FAILURES) return;
		const lockMs = Math.min(2 ** (tally.count - FREE_SIGN_IN_FAILURES) * 1000, MAX_LOCKOUT_MS);
		if (this.now() < tally.last + lockMs) throw lockedOut();
	}

	fail(key: string): void {
		this.attempts.fail(key);
	}

	succeed(key: string): void {
		this.attempts.clear(key);
	}
}

/** Wrong tries a confirmation, reset or verification code allows before it is spent. */
export const FREE_CODE_FAILURES = 5;

export const attemptLimit = () =>
	err('LimitExceededException', 'Attempt limit exceeded, please try after some time.');
