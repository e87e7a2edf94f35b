import { afterEach, describe, expect, it, vi } from 'vitest';
import DateHelper from '../../src/DateHelper';

describe('DateHelper', () => {
	afterEach(() => vi.useRealTimers());

	it('formats without padding the day of the month', () => {
		vi.useFakeTimers({ now: Date.UTC(2019, 0, 1, 6, 6, 9) });
		expect(new DateHelper().getNowString()).toBe('Tue Jan 1 06:06:09 UTC 2019');
	});

	it('pads hours, minutes and seconds and uses UTC', () => {
		vi.useFakeTimers({ now: Date.UTC(2026, 10, 26, 23, 5, 0) });
		expect(new DateHelper().getNowString()).toBe('Thu Nov 26 23:05:00 UTC 2026');
	});
});
