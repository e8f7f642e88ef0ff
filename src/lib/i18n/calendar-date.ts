/** A calendar date (`YYYY-MM-DD`: a birth date, the day a level was awarded) in the user's language. */
import { localeTag } from './locale';

export function formatDay(day: string): string {
	return new Intl.DateTimeFormat(localeTag(), {
		timeZone: 'UTC',
		year: 'numeric',
		month: 'long',
		day: 'numeric'
	}).format(new Date(`${day}T00:00:00Z`));
}
