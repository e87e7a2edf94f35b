// One refresh per pool, user and refresh token at a time (src/utils/refreshCoordinator.ts).
import { describe, expect, it, vi } from 'vitest';
import { shareRefresh } from '../../src/utils/refreshCoordinator';

describe('shareRefresh', () => {
	it('shares one start among waiters with the same pool and key', () => {
		const pool = {};
		const starts: Array<(err: Error | null, s: string | null) => void> = [];
		const a = vi.fn();
		const b = vi.fn();
		shareRefresh<string>(pool, 'k', a, (finish) => starts.push(finish));
		shareRefresh<string>(pool, 'k', b, (finish) => starts.push(finish));
		shareRefresh<string>({}, 'k', vi.fn(), (finish) => starts.push(finish));
		expect(starts).toHaveLength(2);
		starts[0]?.(null, 'session');
		starts[0]?.(null, 'again');
		expect(a.mock.calls).toEqual([[null, 'session']]);
		expect(b.mock.calls).toEqual([[null, 'session']]);
	});

	it('a start that throws fails every waiter; a waiter that throws is rethrown', () => {
		const pool = {};
		const waiter = vi.fn();
		shareRefresh<string>(pool, 'k', waiter, () => {
			throw new Error('no network');
		});
		expect(waiter.mock.calls[0]?.[0].message).toBe('no network');
		expect(() =>
			shareRefresh<string>(
				pool,
				'k',
				() => {
					throw new Error('app');
				},
				(finish) => finish(null, 's'),
			),
		).toThrow('app');
	});
});
