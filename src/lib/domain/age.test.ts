import { describe, expect, it } from 'vitest';
import { ageGroup, ageOn, ageRange, beijingDate, isCalendarDate } from './age';

describe('ages on the Beijing calendar', () => {
	it('turns a year older on the birthday, not the day before', () => {
		expect(ageOn('2012-03-01', '2026-02-28')).toBe(13);
		expect(ageOn('2012-03-01', '2026-03-01')).toBe(14);
		expect(ageOn('2008-12-31', '2026-12-30')).toBe(17);
		expect(ageOn('2008-12-31', '2026-12-31')).toBe(18);
	});

	it('counts a 29 February birthday from 1 March in other years', () => {
		expect(ageOn('2012-02-29', '2026-02-28')).toBe(13);
		expect(ageOn('2012-02-29', '2026-03-01')).toBe(14);
	});

	it('takes the date an instant falls on in Beijing, not in UTC', () => {
		// 23:30 UTC on 28 February is 07:30 on 1 March in Beijing.
		expect(beijingDate('2026-02-28T23:30:00.000Z')).toBe('2026-03-01');
		expect(beijingDate('2026-02-28T15:59:59.999Z')).toBe('2026-02-28');
	});

	it('sorts people into under 14, 14 to 17, and adults', () => {
		expect(ageGroup('2014-06-01', '2026-03-01')).toBe('child');
		expect(ageGroup('2012-03-01', '2026-03-01')).toBe('minor');
		expect(ageGroup('2008-03-02', '2026-03-01')).toBe('minor');
		expect(ageGroup('2008-03-01', '2026-03-01')).toBe('adult');
	});

	it('gives an exact age from a birth date and a year’s doubt from a birth year', () => {
		expect(ageRange({ birthDate: '2008-05-01', birthYear: 2008 }, '2026-03-01')).toEqual({
			youngest: 17,
			oldest: 17
		});
		expect(ageRange({ birthDate: null, birthYear: 2008 }, '2026-03-01')).toEqual({
			youngest: 17,
			oldest: 18
		});
		expect(ageRange({ birthDate: null, birthYear: null }, '2026-03-01')).toBeNull();
	});

	it('knows which dates exist', () => {
		for (const good of ['2026-02-28', '2024-02-29', '1950-12-31']) {
			expect(isCalendarDate(good), good).toBe(true);
		}
		for (const bad of ['2026-02-29', '2026-04-31', '2026-13-01', '2026-1-1', '20260101', '']) {
			expect(isCalendarDate(bad), bad).toBe(false);
		}
	});
});
