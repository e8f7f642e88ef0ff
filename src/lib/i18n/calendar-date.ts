/** A calendar date (`YYYY-MM-DD`: a birth date, the day a level was awarded) in the user's language. */
import { perLanguage } from './locale';

const dayFormat = perLanguage(
	(tag) =>
		new Intl.DateTimeFormat(tag, {
			timeZone: 'UTC',
			year: 'numeric',
			month: 'long',
			day: 'numeric'
		})
);

export function formatDay(day: string): string {
	return dayFormat().format(new Date(`${day}T00:00:00Z`));
}
