import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone } from './phone';

describe('normalizePhone', () => {
	it.each([
		['13800000001', '13800000001'],
		['138 0000 0001', '13800000001'],
		['138-0000-0001', '13800000001'],
		['(138) 0000-0001', '13800000001'],
		['+86 138 0000 0001', '13800000001'],
		['+8613800000001', '13800000001'],
		['0086 138-0000-0001', '13800000001'],
		['86 138 0000 0001', '13800000001'],
		[' 19912345678 ', '19912345678']
	])('reads %j as %s', (typed, stored) => {
		expect(normalizePhone(typed)).toBe(stored);
	});

	it.each([
		[''],
		['1380000000'],
		['138000000012'],
		['12800000001'],
		['23800000001'],
		['010-65120000'],
		['+1 415 555 0100'],
		['138O0000001'],
		['+86 +86 13800000001']
	])('refuses %j', (typed) => {
		expect(normalizePhone(typed)).toBeNull();
	});
});

describe('maskPhone', () => {
	it('hides the middle four digits in lists', () => {
		expect(maskPhone('13800000001')).toBe('138****0001');
	});
});
