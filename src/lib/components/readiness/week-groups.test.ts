import { afterEach, describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import type { WeekSlot } from '$lib/domain/reference';
import { dayRuns, weekGroups } from './week-groups';
import { weekText } from './week-text';

describe('weekGroups', () => {
	it('puts together the days that share the same parts of the day, Monday first', () => {
		const weekly: WeekSlot[] = [
			'sat_morning',
			'mon_evening',
			'sat_afternoon',
			'tue_evening',
			'sun_morning',
			'sun_afternoon'
		];
		expect(weekGroups(weekly)).toEqual([
			{ days: ['mon', 'tue'], parts: ['evening'] },
			{ days: ['sat', 'sun'], parts: ['morning', 'afternoon'] }
		]);
	});

	it('keeps a day with more parts apart from the days with fewer', () => {
		expect(weekGroups(['mon_evening', 'mon_night', 'tue_evening'])).toEqual([
			{ days: ['mon'], parts: ['evening', 'night'] },
			{ days: ['tue'], parts: ['evening'] }
		]);
	});

	it('says nothing for an empty week', () => {
		expect(weekGroups([])).toEqual([]);
	});
});

describe('dayRuns', () => {
	it('splits days into runs of days in a row, without wrapping from Sunday to Monday', () => {
		expect(dayRuns(['sun', 'mon', 'tue', 'wed', 'fri'])).toEqual([
			['mon', 'tue', 'wed'],
			['fri'],
			['sun']
		]);
	});
});

describe('weekText', () => {
	const weekly: WeekSlot[] = [
		...(['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => `${d}_evening` as const),
		'sat_morning',
		'sun_morning'
	];
	afterEach(() => overwriteGetLocale(() => 'en'));

	it('says a working week of evenings and a weekend in one line, in Chinese', () => {
		overwriteGetLocale(() => 'zh');
		expect(weekText(weekly)).toBe('周一至周五 晚上；周六、周日 上午');
	});

	it('and in English', () => {
		overwriteGetLocale(() => 'en');
		expect(weekText(weekly)).toBe('Monday to Friday: Evening; Saturday, Sunday: Morning');
	});

	it('is empty when no time is ticked', () => {
		expect(weekText([])).toBe('');
	});
});
