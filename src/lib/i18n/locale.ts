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

/**
 * A formatter built once for each language and then reused. Building an Intl formatter costs
 * some 100–350 µs (more in Chinese), using one a few µs, and a list formats a time or a number on
 * every row. Kept per language, as a test may switch it without the reload a user's switch makes.
 */
export function perLanguage<F>(make: (tag: string) => F): () => F {
	const made = new Map<string, F>();
	return () => {
		const tag = localeTag();
		let formatter = made.get(tag);
		if (formatter === undefined) {
			formatter = make(tag);
			made.set(tag, formatter);
		}
		return formatter;
	};
}

/** A date and time formatter with these options, kept per language. */
export const dateTimeFormat = (options: Intl.DateTimeFormatOptions) =>
	perLanguage((tag) => new Intl.DateTimeFormat(tag, options));

const beijing = 'Asia/Shanghai';

const dateAndTimeFormat = dateTimeFormat({
	timeZone: beijing,
	month: 'short',
	day: 'numeric',
	weekday: 'short',
	hour: '2-digit',
	minute: '2-digit',
	hour12: false
});
const timeFormat = dateTimeFormat({
	timeZone: beijing,
	hour: '2-digit',
	minute: '2-digit',
	hour12: false
});
const dateFormat = dateTimeFormat({
	timeZone: beijing,
	year: 'numeric',
	month: 'short',
	day: 'numeric',
	weekday: 'short'
});

/** Instants are stored in UTC and shown in Beijing time. */
export function formatDateTime(iso: string): string {
	return dateAndTimeFormat().format(new Date(iso));
}

export function formatTime(iso: string): string {
	return timeFormat().format(new Date(iso));
}

export function formatDate(iso: string): string {
	return dateFormat().format(new Date(iso));
}

const numberFormats = [0, 1, 2].map((digits) =>
	perLanguage((tag) => new Intl.NumberFormat(tag, { maximumFractionDigits: digits }))
);

/** A number grouped the user's way, with at most 0, 1 or 2 decimal places (hours: "1.5"). */
export function formatNumber(value: number, maximumFractionDigits: 0 | 1 | 2 = 0): string {
	return numberFormats[maximumFractionDigits]!().format(value);
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
