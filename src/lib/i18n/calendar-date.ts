/** A calendar date (`YYYY-MM-DD`: a birth date, the day a level was awarded) in the user's language. */
import { dateTimeFormat } from './locale';

const dayFormat = dateTimeFormat({
	timeZone: 'UTC',
	year: 'numeric',
	month: 'long',
	day: 'numeric'
});

export function formatDay(day: string): string {
	return dayFormat().format(new Date(`${day}T00:00:00Z`));
}
