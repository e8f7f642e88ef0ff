/**
 * PostgreSQL's `text` cannot hold the NUL character (U+0000); SQLite stores it as it is. So that
 * a mutation gets the same answer on either database, the server refuses one that carries a NUL
 * in any of its text (no form can type one), and keeps NULs out of its own bookkeeping. Without
 * this, on PostgreSQL such a mutation would fail its push with a 500 on every retry, and hold up
 * its device's queue for ever.
 */

/** The path to the first string inside `value` that holds a NUL character, or null. */
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

/** Text the server keeps for the record only (such as a refused mutation's name), NULs replaced. */
export const storableText = (text: string) => text.replaceAll('\u0000', '\uFFFD');
