/**
 * Pinyin for member search, from `pinyin-pro`. Its dictionary is about half a megabyte, so it is
 * imported here on demand: only screens that search members load it, never the first route.
 */
import type { CharReadings } from './member-index';

let loading: Promise<CharReadings> | undefined;

/**
 * The readings of a character, cached: names share few characters, so a station's members need a
 * few thousand lookups, not one per name. A name's first character reads as a surname (单 shàn,
 * 曾 zēng), then its other common reading.
 */
export function loadCharReadings(): Promise<CharReadings> {
	loading ??= import('pinyin-pro').then(({ pinyin }) => {
		const cache = new Map<string, readonly string[]>();
		return (char, isFirst) => {
			const key = isFirst ? `^${char}` : char;
			let readings = cache.get(key);
			if (!readings) {
				const all = pinyin(char, { toneType: 'none', type: 'array', multiple: true });
				const first = isFirst
					? pinyin(char, { toneType: 'none', mode: 'surname' })
					: pinyin(char, { toneType: 'none' });
				readings = [...new Set([first, ...all])];
				cache.set(key, readings);
			}
			return readings;
		};
	});
	return loading;
}
