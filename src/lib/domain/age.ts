/**
 * Ages, as the law counts them: on the calendar of Beijing (Asia/Shanghai, UTC+8 all year), a
 * person turns 14 on her fourteenth birthday. PIPL art. 28 and 31 treat a child under 14 as one
 * whose data needs her guardian's consent; the volunteer service regulations (art. 15) let a minor
 * volunteer with her guardian's consent. So:
 *
 * - under 14: registers only at a station, with her guardian present (never by herself or at the
 *   kiosk);
 * - 14 to 17: registers with her guardian's name, phone and recorded consent;
 * - 18 and over: her own consent.
 *
 * A birth year alone cannot tell 13 from 14 in the year of the birthday, so whoever might be a
 * minor gives her birth date (self-registration and the kiosk always ask for it).
 */
export const SELF_CONSENT_AGE = 14;
export const ADULT_AGE = 18;

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The calendar date (`YYYY-MM-DD`) an instant falls on in Beijing. */
export function beijingDate(instant: string): string {
	return new Date(Date.parse(instant) + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole years from a birth date to a calendar date (both `YYYY-MM-DD`). */
export function ageOn(birthDate: string, onDate: string): number {
	const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
	const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
	const hadBirthday = m > bm || (m === bm && d >= bd);
	return y - by - (hadBirthday ? 0 : 1);
}

/** What is known of someone's age: her birth date, else her birth year, else nothing. */
export interface BirthFacts {
	birthDate: string | null;
	birthYear: number | null;
}

/**
 * The youngest and oldest she can be on a date, from what is known: exact with a birth date, a
 * year apart with a birth year only, null when nothing is known.
 */
export function ageRange(
	facts: BirthFacts,
	onDate: string
): { youngest: number; oldest: number } | null {
	if (facts.birthDate) {
		const age = ageOn(facts.birthDate, onDate);
		return { youngest: age, oldest: age };
	}
	if (facts.birthYear !== null) {
		const years = Number(onDate.slice(0, 4)) - facts.birthYear;
		return { youngest: years - 1, oldest: years };
	}
	return null;
}

export type AgeGroup = 'child' | 'minor' | 'adult';

/** Under 14, 14 to 17, or 18 and over, on a date. */
export function ageGroup(birthDate: string, onDate: string): AgeGroup {
	const age = ageOn(birthDate, onDate);
	return age < SELF_CONSENT_AGE ? 'child' : age < ADULT_AGE ? 'minor' : 'adult';
}

/** Whether a `YYYY-MM-DD` date exists on the calendar (no 31 April). */
export function isCalendarDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
