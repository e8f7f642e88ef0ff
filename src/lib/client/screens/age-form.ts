/**
 * What a registration form asks of someone's age, from the birth date typed: nothing more for an
 * adult, a guardian from 14 to 17, and at the kiosk or on her own phone a refusal under 14. Judged
 * on the device's calendar to show the right fields at once; the rules run again where the change
 * is applied (the server decides).
 */
import { ageGroup, beijingDate, isCalendarDate, type AgeGroup } from '$lib/domain/age';

/** Her age group today, or null while the date typed is not a whole date. */
export function typedAgeGroup(birthDate: string, now = new Date().toISOString()): AgeGroup | null {
	if (!isCalendarDate(birthDate)) return null;
	const today = beijingDate(now);
	if (birthDate > today) return null;
	return ageGroup(birthDate, today);
}
