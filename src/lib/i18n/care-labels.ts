/**
 * Words for one-to-one pairing (结对帮扶) in the user's language: the kinds of pairing, how long a
 * visit took, a visit's day and the hours it credits.
 */
import { m } from '$lib/paraglide/messages';
import type { CarePairingKind } from '$lib/domain/reference';
import { formatDate, formatNumber } from './locale';

const kindNames: Record<CarePairingKind, () => string> = {
	caring_mother: m.care_kind_caring_mother,
	elderly_companion: m.care_kind_elderly_companion,
	other: m.care_kind_other
};

export const carePairingKindName = (kind: CarePairingKind): string => kindNames[kind]();

/** "1 h 30 min", "45 min", "2 h". */
export function visitLength(minutes: number): string {
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	if (hours === 0) return m.care_minutes({ minutes: rest });
	if (rest === 0) return m.care_hours({ hours });
	return m.care_hours_minutes({ hours, minutes: rest });
}

/** A calendar day (`YYYY-MM-DD`, a Beijing day) as the rest of the app shows dates. */
export const formatDay = (day: string): string => formatDate(`${day}T12:00:00+08:00`);

/** Hours credited, as "1.5 h" / "1.5 小时". */
export const formatHours = (hours: number): string =>
	m.me_hours_value({ hours: formatNumber(hours, 2) });
