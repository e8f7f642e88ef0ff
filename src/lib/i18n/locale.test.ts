import { afterEach, describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { formatDate, formatDateTime, formatNumber, formatTime, perLanguage } from './locale';

describe('formatters kept per language', () => {
	afterEach(() => overwriteGetLocale(() => 'en'));

	it('builds one formatter per language and reuses it', () => {
		let built = 0;
		const format = perLanguage((tag) => {
			built += 1;
			return new Intl.NumberFormat(tag);
		});
		overwriteGetLocale(() => 'en');
		expect(format()).toBe(format());
		overwriteGetLocale(() => 'zh');
		expect(format().resolvedOptions().locale).toBe('zh-CN');
		expect(format()).toBe(format());
		overwriteGetLocale(() => 'en');
		expect(format().resolvedOptions().locale).toBe('en-GB');
		expect(built).toBe(2);
	});

	it('shows an instant in Beijing time in the language of the moment', () => {
		const iso = '2026-12-01T01:05:00.000Z';
		overwriteGetLocale(() => 'zh');
		expect(formatDateTime(iso)).toBe('12月1日周二 09:05');
		expect(formatDate(iso)).toBe('2026年12月1日周二');
		expect(formatTime(iso)).toBe('09:05');
		overwriteGetLocale(() => 'en');
		expect(formatDateTime(iso)).toBe('Tue 1 Dec, 09:05');
		expect(formatDate(iso)).toBe('Tue, 1 Dec 2026');
		expect(formatTime(iso)).toBe('09:05');
	});

	it('rounds a number to the places asked for and groups it', () => {
		overwriteGetLocale(() => 'en');
		expect(formatNumber(12345.678)).toBe('12,346');
		expect(formatNumber(1.25, 1)).toBe('1.3');
		expect(formatNumber(1.255, 2)).toBe('1.26');
		expect(formatNumber(2, 2)).toBe('2');
		overwriteGetLocale(() => 'zh');
		expect(formatNumber(12345.5, 1)).toBe('12,345.5');
	});
});
