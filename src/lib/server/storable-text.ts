/**
 * PostgreSQL's `text` cannot hold the NUL character (U+0000); SQLite stores it as it is. The
 * pipeline refuses a mutation with a NUL anywhere in its args (`nulPath` in the domain), so the
 * answer is the same on either database and on the device; this keeps NULs out of the server's own
 * bookkeeping (a refused mutation's name is stored as sent). Without it, on PostgreSQL such a
 * push would fail with a 500 on every retry, and hold up its device's queue for ever.
 */

/** Text the server keeps for the record only (such as a refused mutation's name), NULs replaced. */
export const storableText = (text: string) => text.replaceAll('\u0000', '\uFFFD');
