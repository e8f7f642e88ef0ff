/** How federation figures read on screen and in their CSV files, in the user's language. */
import type { FigureKey, FigurePeriod } from '$lib/domain/figures';
import { m } from '$lib/paraglide/messages';
import { dateTimeFormat, formatNumber } from './locale';

const names: Record<FigureKey, () => string> = {
	stations: m.figures_key_stations,
	newVolunteers: m.figures_key_newVolunteers,
	registeredVolunteers: m.figures_key_registeredVolunteers,
	activeVolunteers: m.figures_key_activeVolunteers,
	projects: m.figures_key_projects,
	activities: m.figures_key_activities,
	serviceVisits: m.figures_key_serviceVisits,
	verifiedHours: m.figures_key_verifiedHours,
	emergencyTurnouts: m.figures_key_emergencyTurnouts,
	pairings: m.figures_key_pairings
};

const explanations: Record<FigureKey, () => string> = {
	stations: m.figures_explain_stations,
	newVolunteers: m.figures_explain_newVolunteers,
	registeredVolunteers: m.figures_explain_registeredVolunteers,
	activeVolunteers: m.figures_explain_activeVolunteers,
	projects: m.figures_explain_projects,
	activities: m.figures_explain_activities,
	serviceVisits: m.figures_explain_serviceVisits,
	verifiedHours: m.figures_explain_verifiedHours,
	emergencyTurnouts: m.figures_explain_emergencyTurnouts,
	pairings: m.figures_explain_pairings
};

export const figureName = (key: FigureKey) => names[key]();
export const figureExplanation = (key: FigureKey) => explanations[key]();

/** A count or, for hours, a number to one decimal place, grouped the user's way. */
export function formatFigure(key: FigureKey, value: number): string {
	return formatNumber(value, key === 'verifiedHours' ? 1 : 0);
}

const utcNoon = (year: number, month: number) => new Date(Date.UTC(year, month - 1, 15, 12));

const yearFormat = dateTimeFormat({ year: 'numeric', timeZone: 'UTC' });
const monthFormat = dateTimeFormat({ year: 'numeric', month: 'long', timeZone: 'UTC' });
const shortMonthFormat = dateTimeFormat({ month: 'short', timeZone: 'UTC' });
const shortMonthYearFormat = dateTimeFormat({ year: 'numeric', month: 'short', timeZone: 'UTC' });
const instantFormat = dateTimeFormat({
	timeZone: 'Asia/Shanghai',
	year: 'numeric',
	month: 'short',
	day: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	hour12: false
});

/** "2026年11月" / "November 2026" for a month; "2026年" / "2026" for a year. */
export function periodName(period: FigurePeriod): string {
	const [year, month] = period.split('-').map(Number) as [number, number | undefined];
	if (month === undefined) return yearFormat().format(utcNoon(year, 1));
	return monthFormat().format(utcNoon(year, month));
}

/** A month of a trend, short: "11月" / "Nov", with the year where it turns ("2026年1月" / "Jan 2026"). */
export function monthName(month: string, withYear = false): string {
	const [year, number] = month.split('-').map(Number) as [number, number];
	return (withYear ? shortMonthYearFormat : shortMonthFormat)().format(utcNoon(year, number));
}

/** An instant in Beijing time with its date: "2026/11/30 10:05" / "30 Nov 2026, 10:05". */
export function formatInstant(iso: string): string {
	return instantFormat().format(new Date(iso));
}

/** An instant in Beijing time for a CSV cell that Excel reads as a date: `2026-11-30 10:05`. */
export function csvInstant(iso: string): string {
	return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
