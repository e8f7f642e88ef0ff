/**
 * Orders machine text (ISO times, calendar days, ids) by UTF-16 code unit: the same order on the
 * server and on every device, whatever its language. Not `localeCompare`, which applies the
 * user's language rules and in a Chinese browser is some ten times slower (Chromium, sorting
 * 5,000 ISO times: 14 ms against 1.2 ms). People's and places' names keep a collator.
 */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

let pinyin: Intl.Collator | undefined;

/**
 * Orders names (people, stations, teams, organizations, streets) by pinyin, as a Chinese reader
 * expects, whichever language the app shows. One collator, made on first use: making one is the
 * slow part of `localeCompare`.
 */
export const compareNames = (a: string, b: string): number =>
	(pinyin ??= new Intl.Collator('zh-u-co-pinyin')).compare(a, b);
