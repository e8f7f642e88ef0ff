/**
 * The user's language: the remembered choice (cookie), else the browser's language: Chinese for a
 * Chinese browser, English for any other.
 */
import {
	defineCustomClientStrategy,
	getLocale,
	setLocale,
	type Locale
} from '$lib/paraglide/runtime';

defineCustomClientStrategy('custom-browser', {
	getLocale: () => {
		const preferred = typeof navigator === 'undefined' ? [] : navigator.languages;
		return preferred.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
	},
	setLocale: () => {}
});

export { getLocale };

/** Switches language and remembers the choice (the page reloads into it). */
export function switchLocale(locale: Locale) {
	void setLocale(locale);
}

/** The BCP 47 tag for formatting dates and numbers in the user's language. */
export function localeTag(): string {
	return getLocale() === 'zh' ? 'zh-CN' : 'en-GB';
}

const beijing = 'Asia/Shanghai';

/** Instants are stored in UTC and shown in Beijing time. */
export function formatDateTime(iso: string): string {
	return new Intl.DateTimeFormat(localeTag(), {
		timeZone: beijing,
		month: 'short',
		day: 'numeric',
		weekday: 'short',
		hour: '2-digit',
		minute: '2-digit',
		hour12: false
	}).format(new Date(iso));
}

export function formatTime(iso: string): string {
	return new Intl.DateTimeFormat(localeTag(), {
		timeZone: beijing,
		hour: '2-digit',
		minute: '2-digit',
		hour12: false
	}).format(new Date(iso));
}

export function formatDate(iso: string): string {
	return new Intl.DateTimeFormat(localeTag(), {
		timeZone: beijing,
		year: 'numeric',
		month: 'short',
		day: 'numeric',
		weekday: 'short'
	}).format(new Date(iso));
}

/** `YYYY-MM-DDTHH:mm` in Beijing time, for <input type="datetime-local">. */
export function toBeijingInput(iso: string): string {
	const shifted = new Date(Date.parse(iso) + 8 * 3_600_000);
	return shifted.toISOString().slice(0, 16);
}

/** The UTC instant of a `YYYY-MM-DDTHH:mm` typed in Beijing time; null when not a time. */
export function fromBeijingInput(value: string): string | null {
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
	const ms = Date.parse(`${value}:00+08:00`);
	return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
