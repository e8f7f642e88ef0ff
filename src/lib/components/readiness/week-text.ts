/** A member's weekly grid said in one line of the user's language. */
import type { Weekday, WeekSlot } from '$lib/domain/reference';
import { dayPartName, listOf, weekdayName } from '$lib/i18n/readiness-labels';
import { getLocale } from '$lib/i18n/locale';
import { m } from '$lib/paraglide/messages';
import { dayRuns, weekGroups } from './week-groups';

/** Days in a row said as a run ("周一至周五"), others listed. */
function daysText(days: readonly Weekday[]): string {
	return listOf(
		dayRuns(days).map((run) =>
			run.length >= 3
				? m.readiness_day_run({ from: weekdayName(run[0]!), to: weekdayName(run.at(-1)!) })
				: listOf(run.map(weekdayName))
		)
	);
}

/** A member's week in one line: "周一至周五 晚上；周六、周日 上午、下午". Empty when none. */
export function weekText(weekly: readonly WeekSlot[]): string {
	return weekGroups(weekly)
		.map((g) =>
			m.readiness_week_group({ days: daysText(g.days), parts: listOf(g.parts.map(dayPartName)) })
		)
		.join(getLocale() === 'zh' ? '；' : '; ');
}
