import { describe, expect, it } from 'vitest';
import { noReadiness, type Volunteer } from '$lib/domain/schemas';
import { MemberIndex, normalizeQuery, phoneDigits, pinyinKeys } from './member-index';
import { loadCharReadings } from './pinyin';

const readings = await loadCharReadings();

const people: Partial<Volunteer>[] = [
	{ name: '朱颖雪', phone: '13800000001' },
	{ name: '王秀英', phone: '13911112345', status: 'pending' },
	{ name: '单丽华', phone: '13722225678' },
	{ name: '曾雪梅', phone: '13633330001', status: 'inactive' },
	{ name: '阿丽', phone: '13544449999' },
	{ name: '张丽', phone: '13155556666' },
	{ name: 'Anna Li', phone: '18600007777' }
];

/** A member's row as the device stores it; only name, phone and status matter here. */
function row(fields: Partial<Volunteer>): Volunteer {
	const at = '2026-03-01T01:00:00.000Z';
	return {
		id: crypto.randomUUID(),
		createdAt: at,
		updatedAt: at,
		version: 1,
		updatedBy: null,
		name: '李秀英',
		phone: '13900000001',
		gender: null,
		birthYear: null,
		birthDate: null,
		guardian: null,
		district: 'dongcheng',
		community: '西总布',
		skills: [],
		languages: ['zh'],
		availability: '',
		emergencyResponder: false,
		readiness: noReadiness(),
		consentAt: at,
		consentVersion: '1',
		status: 'active',
		homeStationId: null,
		source: 'staff',
		registeredBy: null,
		consentWithdrawnAt: null,
		erasureRequestedAt: null,
		...fields
	};
}

const indexOf = (rows: Partial<Volunteer>[]) => new MemberIndex(rows.map(row), readings);

const names = (index: MemberIndex, query: string, limit = 50) =>
	index.search({ query, limit }).items.map((m) => m.name);

describe('member search', () => {
	const index = indexOf(people);

	it('finds by the last four digits of a phone, and by its first digits', () => {
		expect(names(index, '0001')).toEqual(['曾雪梅', '朱颖雪']);
		// Typed in order, the last four narrow as they come.
		expect(names(index, '56')).toEqual(['单丽华']);
		expect(names(index, '5678')).toEqual(['单丽华']);
		expect(names(index, '139')).toEqual(['王秀英']);
		expect(names(index, '139-1111-2345')).toEqual(['王秀英']);
	});

	it('finds by pinyin initials, from the surname or from the given name', () => {
		expect(names(index, 'zyx')).toEqual(['朱颖雪']);
		expect(names(index, 'yx')).toEqual(['朱颖雪']);
		expect(names(index, 'wxy')).toEqual(['王秀英']);
		// 单 and 曾 as surnames: shàn and zēng, not dān and céng.
		expect(names(index, 'slh')).toEqual(['单丽华']);
		expect(names(index, 'zxm')).toEqual(['曾雪梅']);
	});

	it('finds by full pinyin, with or without spaces, and by pinyin then initials', () => {
		expect(names(index, 'zhuyingxue')).toEqual(['朱颖雪']);
		expect(names(index, 'Zhu Ying')).toEqual(['朱颖雪']);
		expect(names(index, 'yingxue')).toEqual(['朱颖雪']);
		expect(names(index, 'zhuyx')).toEqual(['朱颖雪']);
		expect(names(index, 'xue')).toEqual(['曾雪梅', '朱颖雪']);
	});

	it('finds by any part of a name, in Chinese or not', () => {
		expect(names(index, '丽')).toEqual(['阿丽', '单丽华', '张丽']);
		expect(names(index, '颖雪')).toEqual(['朱颖雪']);
		expect(names(index, 'anna l')).toEqual(['Anna Li']);
	});

	// The collation reads each character one way (曾 céng, 单 dān), where search accepts both.
	it('sorts by pinyin, as the pinyin collation orders names', () => {
		const all = names(index, '');
		const collator = new Intl.Collator('zh-u-co-pinyin');
		expect(all).toEqual([...all].sort(collator.compare));
		expect(all.filter((n) => /\p{Script=Han}/u.test(n))).toEqual([
			'阿丽',
			'曾雪梅',
			'单丽华',
			'王秀英',
			'张丽',
			'朱颖雪'
		]);
	});

	it('filters by status', () => {
		expect(
			index.search({ query: '', status: 'pending', limit: 50 }).items.map((m) => m.name)
		).toEqual(['王秀英']);
		expect(index.search({ query: 'x', status: 'inactive', limit: 50 }).total).toBe(1);
	});

	it('pages: the first `limit` in order, with the total of all that match', () => {
		const many = indexOf(
			Array.from({ length: 120 }, (_, i) => ({
				name: `李${'明华芳'[i % 3]}${i}`,
				phone: `1380000${String(i).padStart(4, '0')}`
			}))
		);
		const first = many.search({ query: 'l', limit: 50 });
		const more = many.search({ query: 'l', limit: 100 });
		expect(first.total).toBe(120);
		expect(first.items).toHaveLength(50);
		expect(more.items.slice(0, 50)).toEqual(first.items);
		expect(more.items).toHaveLength(100);
		expect(many.search({ query: 'l', limit: 200 }).items).toHaveLength(120);
	});

	it('answers a keystroke at station scale in a few milliseconds', () => {
		const big = indexOf(
			Array.from({ length: 5000 }, (_, i) => ({
				name: `${'王李张刘陈杨'[i % 6]}${'秀英华玉兰芳'[(i * 7) % 6]}${'丽敏静红'[(i * 3) % 4]}`,
				phone: `139${String(i).padStart(8, '0')}`
			}))
		);
		const started = performance.now();
		for (const query of ['w', 'wx', 'wxy', '0042', '王', '王秀']) big.search({ query, limit: 50 });
		expect((performance.now() - started) / 6).toBeLessThan(25);
	});

	it('narrows keystroke by keystroke to what a fresh search finds', () => {
		const typed = indexOf(people);
		const fresh = (query: string) => names(indexOf(people), query);
		for (const text of ['zhuyx', '1390000', '0001', '丽华', 'anna li']) {
			for (let n = 1; n <= text.length; n++) {
				const query = text.slice(0, n);
				expect(names(typed, query), query).toEqual(fresh(query));
			}
		}
		// Deleting and typing something else starts again from everyone.
		expect(names(typed, 'w')).toEqual(fresh('w'));
	});
});

describe('search keys', () => {
	it('reads a polyphone both ways, within a bound', () => {
		const keys = pinyinKeys('乐乐乐乐乐乐', readings);
		expect(keys.length).toBeLessThanOrEqual(8 * 6 * 3);
		expect(pinyinKeys('李乐', readings)).toEqual(
			expect.arrayContaining(['lile', 'liyue', 'll', 'ly'])
		);
	});

	it('normalises what is typed', () => {
		expect(normalizeQuery(" Lü Xiao'hong ")).toBe('lvxiaohong');
		expect(phoneDigits('+86 138-0000-0001')).toBe('13800000001');
		expect(phoneDigits('138a')).toBeNull();
	});
});
