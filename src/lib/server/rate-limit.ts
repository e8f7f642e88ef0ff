/**
 * Attempt limits, kept in the database so that every server process shares them and a restart
 * forgets nothing.
 *
 * An attempt is counted *before* the costly check it guards (a password hash takes ~100 ms), in
 * one short transaction that reads the recent count and adds the attempt: requests sent side by
 * side are admitted one after another, and once a key holds `limit` attempts in its window every
 * further one is turned away without being checked. On PostgreSQL a transaction-scoped advisory
 * lock per key orders concurrent admissions across processes; SQLite runs one writer at a time.
 */
import { sql } from 'kysely';
import type { Db } from './database';
import { locksRowsOnRead } from './record-store';

/** One limit an attempt counts against: at most `limit` attempts per `windowMs` for this key. */
export interface Limit {
	/** What is counted (`sign_in_login`, `sign_in_address`, `register_address`). */
	kind: string;
	key: string;
	limit: number;
	windowMs: number;
}

export type Admission =
	| { ok: true; attemptId: string }
	| { ok: false; /** seconds until the key may try again */ retryAfter: number };

const MINUTE = 60_000;
/** The longest window any limit uses: older attempts are swept away. */
const LONGEST_WINDOW_MS = 60 * MINUTE;

/** Failed sign-ins of one login, from anywhere. */
export const signInPerLogin = (login: string): Limit => ({
	kind: 'sign_in_login',
	key: login,
	limit: 5,
	windowMs: 15 * MINUTE
});

/** Failed sign-ins from one address, whatever logins it tries. */
export const signInPerAddress = (address: string): Limit => ({
	kind: 'sign_in_address',
	key: address,
	limit: 30,
	windowMs: 15 * MINUTE
});

/**
 * Self-registrations from one address: each attempt that reaches the database counts, since a
 * "phone taken" answer tells whether a number is registered.
 */
export const registrationsPerAddress = (address: string): Limit => ({
	kind: 'register_address',
	key: address,
	limit: 20,
	windowMs: 60 * MINUTE
});

/**
 * Walk-in look-ups by full phone number, per staff account: each one tells whether a number
 * belongs to a volunteer, so a station gets enough for a busy event day, not for a sweep.
 */
export const memberLookupsPerAccount = (accountId: string): Limit => ({
	kind: 'member_lookup',
	key: accountId,
	limit: 30,
	windowMs: 10 * MINUTE
});

/**
 * Member searches, per staff account: an admin at her desk searches and pages all day, a search a
 * few seconds; a sweep of the city a page at a time is held back.
 */
export const memberSearchesPerAccount = (accountId: string): Limit => ({
	kind: 'member_search',
	key: accountId,
	limit: 200,
	windowMs: 10 * MINUTE
});

/**
 * Call-out matches on the server, per staff account: each reads every member a call-out reaches,
 * so a tablet redrawing its list is held back long before it could weigh on the database.
 */
export const calloutMatchesPerAccount = (accountId: string): Limit => ({
	kind: 'callout_match',
	key: accountId,
	limit: 60,
	windowMs: 10 * MINUTE
});

/** Claim codes tried for one member's phone, from anywhere: as strict as a login's sign-ins. */
export const claimPerPhone = (phone: string): Limit => ({
	kind: 'claim_phone',
	key: phone,
	limit: 5,
	windowMs: 15 * MINUTE
});

/** Claim codes tried from one address, whatever phones it names. */
export const claimPerAddress = (address: string): Limit => ({
	kind: 'claim_address',
	key: address,
	limit: 30,
	windowMs: 15 * MINUTE
});

/** The seconds until `limit` admits again, given the times of its attempts in the window. */
function waitFor(limit: Limit, times: number[], now: number): number {
	if (times.length < limit.limit) return 0;
	// The attempt that must leave the window for one more to fit.
	const leaving = times[times.length - limit.limit]!;
	return Math.max(1, Math.ceil((leaving + limit.windowMs - now) / 1000));
}

let admissions = 0;

/**
 * Counts one attempt against every limit, or turns it away (counting nothing) when any limit is
 * full. The attempt keeps counting for as long as its window lasts, unless `forget` or
 * `withdraw` removes it.
 */
export async function admit(db: Db, limits: Limit[], now = Date.now()): Promise<Admission> {
	const attemptId = crypto.randomUUID();
	const answer = await db.transaction().execute(async (trx): Promise<Admission> => {
		if (locksRowsOnRead(trx)) {
			// Sorted, so two admissions naming the same keys always lock them in the same order.
			const keys = limits.map((l) => `${l.kind}:${l.key}`).sort();
			for (const key of keys)
				await sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
		}
		let retryAfter = 0;
		for (const limit of limits) {
			const rows = await trx
				.selectFrom('attempts')
				.select('at_ms')
				.where('kind', '=', limit.kind)
				.where('key', '=', limit.key)
				.where('at_ms', '>', now - limit.windowMs)
				.orderBy('at_ms')
				.execute();
			retryAfter = Math.max(
				retryAfter,
				waitFor(
					limit,
					rows.map((r) => Number(r.at_ms)),
					now
				)
			);
		}
		if (retryAfter > 0) return { ok: false, retryAfter };
		if (limits.length > 0) {
			await trx
				.insertInto('attempts')
				.values(
					limits.map((l) => ({ attempt_id: attemptId, kind: l.kind, key: l.key, at_ms: now }))
				)
				.execute();
		}
		return { ok: true, attemptId };
	});
	if (++admissions % 200 === 0) await sweep(db, now);
	return answer;
}

/** Takes one admitted attempt back from every limit it counted against (it succeeded). */
export async function withdraw(db: Db, attemptId: string): Promise<void> {
	await db.deleteFrom('attempts').where('attempt_id', '=', attemptId).execute();
}

/** Forgets every attempt counted against one key (a login that signed in is forgiven). */
export async function forget(db: Db, kind: string, key: string): Promise<void> {
	await db.deleteFrom('attempts').where('kind', '=', kind).where('key', '=', key).execute();
}

/** Removes attempts that no window still counts, so the table follows recent traffic. */
export async function sweep(db: Db, now = Date.now()): Promise<void> {
	await db
		.deleteFrom('attempts')
		.where('at_ms', '<=', now - LONGEST_WINDOW_MS)
		.execute();
}

const checking = new Map<string, Promise<unknown>>();

/**
 * Runs `check` for one key after any check for the same key in this process has finished: the
 * few attempts a limit admits are checked one at a time, so a burst cannot make the server hash
 * many passwords of one login at once.
 */
export async function oneAtATime<T>(key: string, check: () => Promise<T>): Promise<T> {
	const before = checking.get(key) ?? Promise.resolve();
	const run = before.then(check, check);
	const settled = run.then(
		() => undefined,
		() => undefined
	);
	checking.set(key, settled);
	try {
		return await run;
	} finally {
		if (checking.get(key) === settled) checking.delete(key);
	}
}
