/**
 * Member search on the device: by any part of a name, by pinyin or its initials (朱颖雪: "zhuyingxue",
 * "yingxue", "zyx", "yx", "zhuyx"), by the start of a phone number or its last digits (手机尾号),
 * sorted by pinyin (`compareNames`), a page at a time.
 *
 * The index is built in memory from the rows a screen reads, once per change of the members table:
 * a station's few thousand members are a few milliseconds of work per keystroke, with no search
 * keys stored in the device database (nothing derived travels to the server or needs a
 * migration). Pinyin comes in as a function, so this module loads no dictionary itself; the caches
 * below outlive one build, so a rebuild after a change only does the new names.
 */
import type { DistrictCode } from '$lib/domain/reference';
import type { Volunteer, VolunteerStatus } from '$lib/domain/schemas';
import { compareNames } from '$lib/domain/order';

/** The readings of one character, most likely first (the surname reading for a name's first). */
export type CharReadings = (char: string, isFirst: boolean) => readonly string[];

/** What a search result shows and links to: a light copy of the member's row. */
export interface MemberEntry {
	id: string;
	name: string;
	/** In full: lists mask it when they show it. */
	phone: string;
	status: VolunteerStatus;
	district: DistrictCode;
	community: string;
	homeStationId: string | null;
}

export interface MemberQuery {
	/** Any part of a name, pinyin or its initials, or phone digits (first or last). */
	query: string;
	status?: VolunteerStatus | '';
	/** How many to return (the page grows by `MEMBER_PAGE` at a time). */
	limit: number;
}

export interface MemberResults {
	items: MemberEntry[];
	/** How many match in all. */
	total: number;
}

export const MEMBER_PAGE = 50;

/** How many of a phone's last digits are searched by (手机尾号). */
const TAIL = 4;

/** Most readings kept per character, and spellings per name: polyphones, not a dictionary dump. */
const READINGS_PER_CHAR = 2;
const SPELLINGS_PER_NAME = 8;

const letters = /^[a-z]+$/;

/** The digits of a phone query (spaces, dashes and a +86 prefix dropped); null when not one. */
export function phoneDigits(query: string): string | null {
	let digits = query.replace(/[\s\-().]/g, '');
	if (digits.startsWith('+86')) digits = digits.slice(3);
	return /^\d+$/.test(digits) ? digits : null;
}

/** A query as the keys are written: lower case, no spaces or syllable marks, ü as v. */
export function normalizeQuery(query: string): string {
	return query
		.toLowerCase()
		.replace(/[\s'’·]/g, '')
		.replace(/ü/g, 'v');
}

/** Whether a UTF-16 code unit starts a CJK ideograph (the common and extension A blocks). */
const isHan = (code: number) =>
	(code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);

/** A character's usable readings, lower case with ü as v, at most READINGS_PER_CHAR. */
const usableCache = new WeakMap<CharReadings, Map<string, readonly string[]>>();

function usableReadings(readings: CharReadings, char: string, isFirst: boolean): readonly string[] {
	let cache = usableCache.get(readings);
	if (!cache) usableCache.set(readings, (cache = new Map()));
	const key = isFirst ? `^${char}` : char;
	let usable = cache.get(key);
	if (!usable) {
		usable = readings(char, isFirst)
			.map((r) => r.toLowerCase().replace(/ü/g, 'v'))
			.filter((r) => letters.test(r))
			.slice(0, READINGS_PER_CHAR);
		cache.set(key, usable);
	}
	return usable;
}

/**
 * The pinyin keys of a name: for each reading of it (a polyphone has two) and each syllable it
 * may be searched from, the full pinyin, the initials, and the full first syllable followed by
 * the initials ("zhuyx"). Characters that are not Chinese are left to the name match.
 */
export function pinyinKeys(name: string, readings: CharReadings): string[] {
	let spellings: string[][] = [[]];
	let first = true;
	for (let i = 0; i < name.length; i++) {
		if (!isHan(name.charCodeAt(i))) continue;
		const options = usableReadings(readings, name[i]!, first);
		first = false;
		if (options.length === 0) continue;
		if (options.length === 1) {
			for (const spelling of spellings) spelling.push(options[0]!);
		} else {
			spellings = spellings
				.flatMap((spelling) => options.map((option) => [...spelling, option]))
				.slice(0, SPELLINGS_PER_NAME);
		}
	}
	const keys: string[] = [];
	for (const syllables of spellings) {
		for (let from = 0; from < syllables.length; from++) {
			let full = '';
			let initials = '';
			for (let k = from; k < syllables.length; k++) {
				full += syllables[k];
				initials += syllables[k]![0];
			}
			keys.push(full, initials, syllables[from] + initials.slice(1));
		}
	}
	return [...new Set(keys)];
}

/** The keys as one text, each after a separator: a prefix of any key is `includes(SEP + q)`. */
const SEP = '\u0001';

interface Indexed {
	entry: MemberEntry;
	nameKey: string;
	/** Every pinyin key, each after SEP. */
	pinyinText: string;
}

/** Every name seen so far in pinyin order, and each one's place in it. */
let sortedNames: string[] = [];
let rankOf = new Map<string, number>();

/** Adds names not seen before to the order: a sort of the new ones and a merge, not a resort. */
function rankNames(names: Iterable<string>): Map<string, number> {
	const fresh = [...new Set(names)].filter((n) => !rankOf.has(n));
	if (fresh.length === 0) return rankOf;
	const compare = compareNames;
	fresh.sort(compare);
	const merged: string[] = [];
	let i = 0;
	let j = 0;
	while (i < sortedNames.length || j < fresh.length) {
		if (j >= fresh.length || (i < sortedNames.length && compare(sortedNames[i]!, fresh[j]!) <= 0)) {
			merged.push(sortedNames[i++]!);
		} else {
			merged.push(fresh[j++]!);
		}
	}
	sortedNames = merged;
	rankOf = new Map(merged.map((name, rank) => [name, rank]));
	return rankOf;
}

/** Keys per name and reader: a name's keys are worked out once per page load. */
const keysCache = new WeakMap<CharReadings, Map<string, string>>();

function pinyinTextOf(name: string, readings: CharReadings): string {
	let cache = keysCache.get(readings);
	if (!cache) keysCache.set(readings, (cache = new Map()));
	let text = cache.get(name);
	if (text === undefined) {
		const keys = pinyinKeys(name, readings);
		cache.set(name, (text = keys.length > 0 ? SEP + keys.join(SEP) : ''));
	}
	return text;
}

export class MemberIndex {
	readonly #sorted: readonly Indexed[];

	/** Sorts the rows by name in pinyin order (then phone) and works out their keys. */
	constructor(rows: readonly Volunteer[], readings: CharReadings) {
		const ranks = rankNames(rows.map((r) => r.name));
		this.#sorted = rows
			.map((row) => ({
				entry: {
					id: row.id,
					name: row.name,
					phone: row.phone,
					status: row.status,
					district: row.district,
					community: row.community,
					homeStationId: row.homeStationId
				},
				nameKey: row.name.toLowerCase().replace(/\s/g, ''),
				pinyinText: pinyinTextOf(row.name, readings)
			}))
			.sort(
				(a, b) =>
					ranks.get(a.entry.name)! - ranks.get(b.entry.name)! ||
					(a.entry.phone < b.entry.phone ? -1 : a.entry.phone > b.entry.phone ? 1 : 0)
			);
	}

	get size(): number {
		return this.#sorted.length;
	}

	/**
	 * The last search's query and every member it matched. Typing only ever adds characters, and
	 * every test below matches fewer members for a longer query, so the next keystroke need only
	 * look at these.
	 */
	#last: { kind: string; query: string; matches: readonly Indexed[] } | null = null;

	search({ query, status = '', limit }: MemberQuery): MemberResults {
		const test = this.#test(query);
		const kind = `${test?.kind ?? 'all'}:${status}`;
		const last = this.#last;
		const narrowing = test && last && last.kind === kind && test.query.startsWith(last.query);
		const matches = (narrowing ? last.matches : this.#sorted).filter(
			(member) => (!status || member.entry.status === status) && (!test || test.matches(member))
		);
		if (test) this.#last = { kind, query: test.query, matches };
		return { items: matches.slice(0, limit).map((m) => m.entry), total: matches.length };
	}

	/**
	 * The test for a query, null when it is empty (everyone matches). Digits match the start of a
	 * phone number, or, up to four of them, the start of its last four digits (手机尾号: typing
	 * 0, 00, 000, 0001 narrows to the numbers ending in 0001). Other text matches any part of the
	 * name, or, in Latin letters, the start of any pinyin key.
	 */
	#test(query: string) {
		const trimmed = query.trim();
		if (!trimmed) return null;
		const digits = phoneDigits(trimmed);
		if (digits) {
			const tail = digits.length <= TAIL;
			return {
				kind: 'phone',
				query: digits,
				matches: ({ entry }: Indexed) =>
					entry.phone.startsWith(digits) ||
					(tail && entry.phone.startsWith(digits, entry.phone.length - TAIL))
			};
		}
		const q = normalizeQuery(trimmed);
		if (!q) return null;
		const key = letters.test(q) ? SEP + q : null;
		return {
			kind: 'text',
			query: q,
			matches: ({ nameKey, pinyinText }: Indexed) =>
				nameKey.includes(q) || (key !== null && pinyinText.includes(key))
		};
	}
}
