import { describe, expect, it } from 'vitest';
import { hasHiddenCharacters } from './text';

describe('hasHiddenCharacters', () => {
	it.each([
		['李秀英'],
		['Zhu Yingxue'],
		['王 芳'],
		// A family emoji is joined by zero-width joiners: visible, so allowed.
		['👩‍👩‍👧'],
		["O'Neil-Smith"]
	])('lets the visible name %j through', (name) => {
		expect(hasHiddenCharacters(name)).toBe(false);
	});

	it.each([
		['zero-width spaces only', '\u200b\u200b'],
		['a Hangul filler only', '\u3164'],
		['a byte-order mark only', '\ufeff'],
		['a right-to-left override', '张\u202e三'],
		['a bidi isolate', '\u2066李\u2069'],
		['a NUL', '李\u0000娟'],
		['a line break in a one-line text', '李\n娟'],
		['a C1 control', '李\u0085娟'],
		['a lone high surrogate', '王\ud800'],
		['a lone low surrogate', '\udc00王']
	])('refuses %s', (_what, value) => {
		expect(hasHiddenCharacters(value)).toBe(true);
	});

	it('allows line breaks and tabs in a text that may run over several lines', () => {
		expect(hasHiddenCharacters('第一行\n\t第二行', true)).toBe(false);
		expect(hasHiddenCharacters('第一行\u0000', true)).toBe(true);
	});
});
