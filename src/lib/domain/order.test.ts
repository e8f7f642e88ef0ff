import { describe, expect, it } from 'vitest';
import { compareNames, compareText } from './order';

describe('compareText', () => {
	it('orders ISO times, calendar days and ids as written', () => {
		const times = [
			'2026-12-01T09:00:00.000Z',
			'2026-11-30T23:59:59.999Z',
			'2026-12-01T08:59:00.000Z'
		];
		expect([...times].sort(compareText)).toEqual([
			'2026-11-30T23:59:59.999Z',
			'2026-12-01T08:59:00.000Z',
			'2026-12-01T09:00:00.000Z'
		]);
		expect(['2026-12-10', '2026-12-09', '2026-02-28'].sort(compareText)).toEqual([
			'2026-02-28',
			'2026-12-09',
			'2026-12-10'
		]);
		expect(compareText('a0', 'a0')).toBe(0);
	});

	it('is code-unit order, the same in every language: capitals before small letters, "" first', () => {
		expect(['b', 'B', 'a', 'A', '9', ''].sort(compareText)).toEqual(['', '9', 'A', 'B', 'a', 'b']);
		expect(compareText('a', 'b')).toBe(-1);
		expect(compareText('b', 'a')).toBe(1);
	});
});

describe('compareNames', () => {
	it('orders Chinese names by pinyin, whatever the code points say', () => {
		// 王 wáng, 李 lǐ, 张 zhāng, 陈 chén, 艾 ài: code-point order would put 张 before 李 and 王.
		expect(['王秀英', '李桂兰', '张淑芬', '陈玉珍', '艾丽'].sort(compareNames)).toEqual([
			'艾丽',
			'陈玉珍',
			'李桂兰',
			'王秀英',
			'张淑芬'
		]);
		expect(compareNames('西总布', '西总布')).toBe(0);
	});
});
