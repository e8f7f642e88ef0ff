/**
 * Names for emergency readiness and call-outs in the user's language: days of the week, parts of
 * the day with their hours, emergency roles, how urgent a call-out is, and a time window.
 */
import { m } from '$lib/paraglide/messages';
import {
	dayPartStarts,
	dayParts,
	type CalloutUrgency,
	type DayPart,
	type EmergencyRole,
	type Weekday
} from '$lib/domain/reference';
import { formatDateTime, formatTime, getLocale } from './locale';

const weekdayNames: Record<Weekday, () => string> = {
	mon: m.readiness_day_mon,
	tue: m.readiness_day_tue,
	wed: m.readiness_day_wed,
	thu: m.readiness_day_thu,
	fri: m.readiness_day_fri,
	sat: m.readiness_day_sat,
	sun: m.readiness_day_sun
};

export const weekdayName = (day: Weekday): string => weekdayNames[day]();

const dayPartNames: Record<DayPart, () => string> = {
	morning: m.readiness_part_morning,
	afternoon: m.readiness_part_afternoon,
	evening: m.readiness_part_evening,
	night: m.readiness_part_night
};

export const dayPartName = (part: DayPart): string => dayPartNames[part]();

/** The hours a part of the day covers, e.g. "18点–22点"; night's run on to the next morning. */
export function dayPartHours(part: DayPart): string {
	const next = dayParts[dayParts.indexOf(part) + 1] ?? 'morning';
	return m.readiness_hours({ from: dayPartStarts[part], to: dayPartStarts[next] });
}

const roleNames: Record<EmergencyRole, () => string> = {
	duty: m.readiness_role_duty,
	publicity: m.readiness_role_publicity,
	patrol: m.readiness_role_patrol,
	hazard_check: m.readiness_role_hazard_check,
	first_aid: m.readiness_role_first_aid,
	logistics: m.readiness_role_logistics,
	care_visits: m.readiness_role_care_visits,
	search: m.readiness_role_search
};

export const emergencyRoleName = (role: EmergencyRole): string => roleNames[role]?.() ?? role;

const urgencyNames: Record<CalloutUrgency, () => string> = {
	normal: m.mycallout_urgency_normal,
	urgent: m.mycallout_urgency_urgent,
	critical: m.mycallout_urgency_critical
};

export const calloutUrgencyName = (urgency: CalloutUrgency): string =>
	urgencyNames[urgency]?.() ?? urgency;

/** Items of a list joined the way the language does: 、 in Chinese, commas in English. */
export function listOf(items: readonly string[]): string {
	return items.join(getLocale() === 'zh' ? '、' : ', ');
}

/** A time window in Beijing time; the end without its date when on the same day. */
export function formatWindow(from: string, to: string): string {
	const sameDay =
		new Date(Date.parse(from) + 8 * 3_600_000).toISOString().slice(0, 10) ===
		new Date(Date.parse(to) + 8 * 3_600_000).toISOString().slice(0, 10);
	return m.readiness_window({
		from: formatDateTime(from),
		to: sameDay ? formatTime(to) : formatDateTime(to)
	});
}
