/**
 * What a typed text may hold. Names and other free text are stored NFC-normalised (so the same
 * name typed on two keyboards is the same string) and refused when they hold characters that
 * hide or disguise what is shown: control characters, bidirectional overrides that reorder the
 * text around them, lone surrogates (broken UTF-16), or nothing visible at all.
 */

const isControl = (cp: number, multiline: boolean) =>
	(cp <= 0x1f && !(multiline && (cp === 0x0a || cp === 0x09))) || (cp >= 0x7f && cp <= 0x9f);

/** Bidirectional embeddings, overrides and isolates, and the line and paragraph separators. */
const isBidiOrSeparator = (cp: number) =>
	(cp >= 0x202a && cp <= 0x202e) ||
	(cp >= 0x2066 && cp <= 0x2069) ||
	cp === 0x2028 ||
	cp === 0x2029;

/** Half of a surrogate pair; iterating by code point leaves one only where the pair is broken. */
const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff;

/**
 * Characters that draw nothing: zero-width spaces and joiners, direction marks, word joiner and
 * invisible operators, the byte-order mark, soft hyphen, the combining grapheme joiner, Hangul
 * fillers, blank Braille, and white space.
 */
const drawsNothing = (cp: number) =>
	[0xad, 0x34f, 0x115f, 0x1160, 0x180e, 0x3164, 0x2800, 0xfeff, 0xffa0].includes(cp) ||
	(cp >= 0x200b && cp <= 0x200f) ||
	(cp >= 0x2060 && cp <= 0x2064) ||
	/\s/u.test(String.fromCodePoint(cp));

/** Whether a text holds characters it must not (see above). */
export function hasHiddenCharacters(value: string, multiline = false): boolean {
	let visible = false;
	for (const char of value) {
		const cp = char.codePointAt(0)!;
		if (isControl(cp, multiline) || isBidiOrSeparator(cp) || isSurrogate(cp)) return true;
		if (!drawsNothing(cp)) visible = true;
	}
	return value.length > 0 && !visible;
}

/**
 * The path to the first string inside `value` that holds a NUL character, or null. No form can
 * type one, and PostgreSQL cannot store one in text: args that carry one anywhere are refused.
 */
export function nulPath(
	value: unknown,
	path: (string | number)[] = []
): (string | number)[] | null {
	if (typeof value === 'string') return value.includes('\u0000') ? path : null;
	if (Array.isArray(value)) {
		for (const [i, item] of value.entries()) {
			const found = nulPath(item, [...path, i]);
			if (found) return found;
		}
		return null;
	}
	if (typeof value === 'object' && value !== null) {
		for (const [key, item] of Object.entries(value)) {
			const found = nulPath(item, [...path, key]);
			if (found) return found;
		}
	}
	return null;
}
