/**
 * Where a dashboard is: its scope and period in the address (`/figures?period=2026-11&district=…`),
 * so every view can be linked, reloaded and opened offline from the kept copy.
 */
import { resolve } from '$app/paths';
import {
	currentMonth,
	figurePeriodSchema,
	figureScopeSchema,
	figuresSearch,
	type FigurePeriod,
	type FigureScope,
	type FiguresAnswer
} from '$lib/domain/figures';
import { districtName } from '$lib/i18n/labels';
import { m } from '$lib/paraglide/messages';

export function figuresHref(scope: FigureScope, period: FigurePeriod): string {
	return `${resolve('/figures')}?${figuresSearch(scope, period)}`;
}

export function reportHref(district: string, month: FigurePeriod): string {
	return `${resolve('/figures/report')}?${new URLSearchParams({ district, period: month })}`;
}

/** The period asked for, else this month (Beijing's). */
export function periodFrom(params: URLSearchParams, now: Date): FigurePeriod {
	const parsed = figurePeriodSchema.safeParse(params.get('period'));
	return parsed.success ? parsed.data : currentMonth(now);
}

/** The unit asked for, else the account's own scope. */
export function scopeFrom(params: URLSearchParams, own: FigureScope | null): FigureScope | null {
	const station = params.get('station');
	const district = params.get('district');
	const street = params.get('street');
	const asked = station
		? { level: 'station', stationId: station }
		: district && street
			? { level: 'street', district, street }
			: district
				? { level: 'district', district }
				: null;
	if (!asked) return own;
	const parsed = figureScopeSchema.safeParse(asked);
	return parsed.success ? parsed.data : own;
}

/** A month to report on for a period: the month itself, or the year's last month so far. */
export function reportMonth(period: FigurePeriod, now: Date): FigurePeriod {
	if (period.length === 7) return period;
	const thisMonth = currentMonth(now);
	return thisMonth.startsWith(period) ? thisMonth : `${period}-12`;
}

const rank = { city: 0, district: 1, street: 2, station: 3 } as const;

/** The way down from the account's own scope to the one shown, for the trail of links. */
export function trailOf(
	answer: FiguresAnswer,
	own: FigureScope
): { label: string; scope: FigureScope }[] {
	const { scope } = answer;
	const station = scope.level === 'station' ? answer.stations[0] : undefined;
	const district =
		scope.level === 'district' || scope.level === 'street' ? scope.district : station?.district;
	const street = scope.level === 'street' ? scope.street : station?.street;
	const steps: { label: string; scope: FigureScope }[] = [
		{ label: m.figures_city(), scope: { level: 'city' } }
	];
	if (district)
		steps.push({ label: districtName(district), scope: { level: 'district', district } });
	if (district && street)
		steps.push({ label: street, scope: { level: 'street', district, street } });
	if (scope.level === 'station') steps.push({ label: answer.scopeName ?? '', scope });
	return steps.filter((step) => rank[step.scope.level] >= rank[own.level]);
}
