/**
 * Sessions this server process checked a moment ago, so a device that syncs in a loop does not
 * cost a database query per request.
 *
 * A checked session is trusted for at most `SESSION_CACHE_MS` (and never past its own expiry).
 * Signing out, a new sign-in on the same browser and disabling an account forget the entries at
 * once in the process that does them, so there the change holds from the next request. Another
 * process on the same database keeps trusting what it checked until its entry runs out: a revoked
 * session or a disabled account may still be served there for up to `SESSION_CACHE_MS`.
 */
import type { AccountRow } from './accounts';

export const SESSION_CACHE_MS = 5_000;

/** Most entries kept; past it the oldest goes (a city of devices needs no more than recent ones). */
const MOST = 20_000;

interface Entry {
	account: AccountRow;
	until: number;
}

/** By the session token's hash. */
const entries = new Map<string, Entry>();

/** The account of a session checked within the last few seconds, if any. */
export function recentlyChecked(
	tokenHash: string,
	accountId: string,
	now = Date.now()
): AccountRow | undefined {
	const entry = entries.get(tokenHash);
	if (!entry) return undefined;
	if (now < entry.until && entry.account.id === accountId) return entry.account;
	if (now >= entry.until) entries.delete(tokenHash);
	return undefined;
}

/** Remembers a session just checked against the database; `expiresAt` bounds how long. */
export function rememberChecked(
	tokenHash: string,
	account: AccountRow,
	expiresAt: number,
	now = Date.now()
) {
	if (entries.size >= MOST) {
		const oldest = entries.keys().next().value;
		if (oldest !== undefined) entries.delete(oldest);
	}
	entries.set(tokenHash, {
		account,
		until: Math.min(now + SESSION_CACHE_MS, expiresAt)
	});
}

/** Forgets one session (signed out or replaced). */
export function forgetSession(tokenHash: string) {
	entries.delete(tokenHash);
}

/** Forgets every session of an account (disabled, or all its sessions revoked). */
export function forgetAccount(accountId: string) {
	for (const [key, entry] of entries) if (entry.account.id === accountId) entries.delete(key);
}
