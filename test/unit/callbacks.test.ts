// The one layer through which the library calls application code (src/utils/callbacks.ts).
import { describe, expect, it, vi } from 'vitest';
import {
	attempt,
	callMember,
	nodeOutcome,
	objectOutcome,
	outsidePromise,
	rethrowLater,
	runStep,
	toError,
} from '../../src/utils/callbacks';

describe('callMember', () => {
	it('calls the member with the callbacks object as this', () => {
		const callbacks = {
			seen: [] as unknown[],
			onSuccess(this: { seen: unknown[] }, value: string) {
				this.seen.push(value);
			},
			onFailure: vi.fn(),
		};
		callMember(callbacks, 'onSuccess', 'x');
		expect(callbacks.seen).toEqual(['x']);
	});

	it('turns a missing member into onFailure, and tolerates no callbacks at all', () => {
		const onFailure = vi.fn();
		const callbacks: { onFailure: (e: Error) => void; mfaRequired?: (n: string) => void } = {
			onFailure,
		};
		callMember(callbacks, 'mfaRequired', 'SMS_MFA');
		expect(onFailure.mock.calls[0]?.[0].message).toBe(
			'The mfaRequired callback is required to continue, but it was not supplied.',
		);
		expect(() => callMember({} as { onFailure?: () => void }, 'onFailure')).not.toThrow();
		expect(() =>
			callMember(undefined as unknown as { onSuccess: () => void }, 'onSuccess'),
		).not.toThrow();
	});
});

describe('outcomes', () => {
	it('nodeOutcome reports (err, null) and (null, value), and ignores a missing callback', () => {
		const cb = vi.fn();
		const outcome = nodeOutcome<string>(cb);
		const error = new Error('e');
		outcome.fail(error);
		outcome.succeed('v');
		expect(cb.mock.calls).toEqual([
			[error, null],
			[null, 'v'],
		]);
		expect(() => nodeOutcome(undefined).succeed(1)).not.toThrow();
	});

	it('objectOutcome reports to onFailure / onSuccess', () => {
		const callbacks = { onSuccess: vi.fn(), onFailure: vi.fn() };
		const outcome = objectOutcome<number>(callbacks);
		outcome.succeed(3);
		outcome.fail(new Error('f'));
		expect(callbacks.onSuccess.mock.calls).toEqual([[3]]);
		expect(callbacks.onFailure).toHaveBeenCalledTimes(1);
	});
});

describe('runStep', () => {
	it('continues after a synchronous step has returned, outside its try', () => {
		const order: string[] = [];
		runStep<number>(
			(done) => {
				done(null, 1);
				order.push('step returned');
			},
			(_err, value) => order.push(`next ${value}`),
		);
		expect(order).toEqual(['step returned', 'next 1']);
	});

	it('an exception thrown by next is not caught and delivered as a failure', () => {
		const next = vi.fn(() => {
			throw new Error('app');
		});
		expect(() => runStep<number>((done) => done(null, 1), next)).toThrow('app');
		expect(next).toHaveBeenCalledTimes(1);
	});

	it('turns a throw into an error result and keeps only the first result', () => {
		const next = vi.fn();
		runStep(() => {
			throw 'plain string';
		}, next);
		expect(next.mock.calls[0]?.[0]).toEqual(new Error('plain string'));
		const next2 = vi.fn();
		runStep<number>((done) => {
			done(new Error('first'));
			done(null, 2);
			throw new Error('late');
		}, next2);
		expect(next2.mock.calls).toEqual([[new Error('first'), undefined]]);
	});

	it('supports a step that calls back later', () => {
		let later: ((err: null, value: number) => void) | undefined;
		const next = vi.fn();
		runStep<number>((done) => {
			later = done;
		}, next);
		expect(next).not.toHaveBeenCalled();
		later?.(null, 5);
		later?.(null, 6);
		expect(next.mock.calls).toEqual([[null, 5]]);
	});
});

describe('attempt, toError and outsidePromise', () => {
	it('returns the value or reports the throw', () => {
		const fail = vi.fn();
		expect(attempt(() => 4, fail)).toEqual({ value: 4 });
		expect(
			attempt(() => {
				throw new TypeError('t');
			}, fail),
		).toBeUndefined();
		expect(fail.mock.calls[0]?.[0]).toBeInstanceOf(TypeError);
		const error = new Error('same');
		expect(toError(error)).toBe(error);
	});

	it('rethrowLater throws from a fresh task, not at once', () => {
		vi.useFakeTimers();
		try {
			const error = new Error('app bug');
			expect(() => rethrowLater(error)).not.toThrow();
			expect(() => vi.runOnlyPendingTimers()).toThrow(error);
		} finally {
			vi.useRealTimers();
		}
	});

	it('outsidePromise rethrows from a fresh task', () => {
		vi.useFakeTimers();
		try {
			expect(() =>
				outsidePromise(() => {
					throw new Error('later');
				}),
			).not.toThrow();
			expect(() => vi.runOnlyPendingTimers()).toThrow('later');
		} finally {
			vi.useRealTimers();
		}
	});
});
