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

	it('names every weekday and month in English', () => {
		const names = (date: Date, part: 'weekday' | 'month'): string =>
			date.toLocaleString('en-US', { [part]: 'short', timeZone: 'UTC' });
		for (let month = 0; month < 12; month++) {
			for (let day = 1; day <= 7; day++) {
				const date = new Date(Date.UTC(2027, month, day, 12, 0, 0));
				vi.useFakeTimers({ now: date });
				expect(new DateHelper().getNowString()).toBe(
					`${names(date, 'weekday')} ${names(date, 'month')} ${day} 12:00:00 UTC 2027`,
				);
			}
		}
	});
});
