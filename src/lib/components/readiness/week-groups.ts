/**
 * A member's weekly grid said briefly: the days that share the same parts of the day go together
 * ("Monday to Friday evenings; Saturday and Sunday mornings and afternoons"), and days in a row
 * become a run, so a summary stays one line for the usual patterns.
 */
import {
	dayParts,
	weekdays,
	type DayPart,
	type Weekday,
	type WeekSlot
} from '$lib/domain/reference';

/** Days that share the same parts of the day, Monday first. */
export interface WeekGroup {
	days: Weekday[];
	parts: DayPart[];
}

/** The ticked cells grouped by the parts of the day they share, in the order of their first day. */
export function weekGroups(weekly: readonly WeekSlot[]): WeekGroup[] {
	const groups: WeekGroup[] = [];
	for (const day of weekdays) {
		const parts = dayParts.filter((part) => weekly.includes(`${day}_${part}`));
		if (parts.length === 0) continue;
		const same = groups.find((g) => g.parts.join() === parts.join());
		if (same) same.days.push(day);
		else groups.push({ days: [day], parts });
	}
	return groups;
}

/** Days split into runs of consecutive days (Monday to Sunday; the week does not wrap). */
export function dayRuns(days: readonly Weekday[]): Weekday[][] {
	const runs: Weekday[][] = [];
	let previous = -2;
	for (const day of [...days].sort((a, b) => weekdays.indexOf(a) - weekdays.indexOf(b))) {
		const index = weekdays.indexOf(day);
		const run = runs.at(-1);
		if (run && index === previous + 1) run.push(day);
		else runs.push([day]);
		previous = index;
	}
	return runs;
}
