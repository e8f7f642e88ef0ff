/**
 * Server-side sessions. The token (32 random bytes, base64url) lives only in the device's HttpOnly
 * cookie; the database keeps its SHA-256, so a leaked copy of the database signs nobody in.
 *
 * A session ends at whichever comes first: `idle` since it was last used, `max` since sign-in,
 * revocation (sign-out, a new sign-in on the same browser, the account disabled), or the account
 * being disabled. The defaults are long because a station tablet may stay offline for weeks and
 * must still be able to sync when it comes back.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './database';
import { forgetAccount, forgetSession } from './session-cache';

export interface SessionPolicy {
	idleMs: number;
	maxMs: number;
}

const DAY = 86_400_000;
export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 30 * DAY, maxMs: 90 * DAY };

/** last_seen_at moves at most this often, so a busy device does not write on every request. */
export const TOUCH_INTERVAL_MS = 60_000;

/** The policy from SESSION_IDLE_DAYS and SESSION_MAX_DAYS (positive numbers), else the defaults. */
export function sessionPolicyFrom(env: Record<string, string | undefined>): SessionPolicy {
	const days = (value: string | undefined, fallback: number) => {
		const n = Number(value);
		return value && Number.isFinite(n) && n > 0 ? n * DAY : fallback;
	};
	const maxMs = days(env.SESSION_MAX_DAYS, DEFAULT_SESSION_POLICY.maxMs);
	return {
		idleMs: Math.min(days(env.SESSION_IDLE_DAYS, DEFAULT_SESSION_POLICY.idleMs), maxMs),
		maxMs
	};
}

const TOKEN_BYTES = 32;
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export const newSessionToken = () => randomBytes(TOKEN_BYTES).toString('base64url');

export const hashSessionToken = (token: string) =>
	createHash('sha256').update(token).digest('base64url');

export interface SessionOptions {
	policy?: SessionPolicy;
	now?: Date;
}

export interface NewSession {
	token: string;
	expiresAt: string;
}

export async function createSession(
	db: Db,
	accountId: string,
	{ policy = DEFAULT_SESSION_POLICY, now = new Date() }: SessionOptions = {}
): Promise<NewSession> {
	const token = newSessionToken();
	const at = now.toISOString();
	const expiresAt = new Date(now.getTime() + policy.maxMs).toISOString();
	await db
		.insertInto('sessions')
		.values({
			token_hash: hashSessionToken(token),
			account_id: accountId,
			created_at: at,
			last_seen_at: at,
			expires_at: expiresAt,
			revoked_at: null
		})
		.execute();
	return { token, expiresAt };
}

/**
 * The account id of a live session for this token, or null. `accountId`, when given, must be the
 * session's (the cookie is named after the account the device says it speaks for).
 */
export async function validateSession(
	db: Db,
	token: string,
	accountId: string | null,
	options: SessionOptions = {}
): Promise<string | null> {
	return (await checkSession(db, token, accountId, options))?.accountId ?? null;
}

/** `validateSession` with the session's absolute expiry (ms since the epoch). */
export async function checkSession(
	db: Db,
	token: string,
	accountId: string | null,
	{ policy = DEFAULT_SESSION_POLICY, now = new Date() }: SessionOptions = {}
): Promise<{ accountId: string; expiresAt: number } | null> {
	if (!TOKEN_FORMAT.test(token)) return null;
	const tokenHash = hashSessionToken(token);
	const row = await db
		.selectFrom('sessions')
		.innerJoin('accounts', 'accounts.id', 'sessions.account_id')
		.select([
			'sessions.account_id',
			'sessions.last_seen_at',
			'sessions.expires_at',
			'sessions.revoked_at',
			'accounts.disabled'
		])
		.where('sessions.token_hash', '=', tokenHash)
		.executeTakeFirst();
	if (!row || row.revoked_at !== null || Number(row.disabled) !== 0) return null;
	if (accountId !== null && row.account_id !== accountId) return null;
	const t = now.getTime();
	const lastSeen = Date.parse(row.last_seen_at);
	const expiresAt = Date.parse(row.expires_at);
	if (t >= expiresAt || t - lastSeen >= policy.idleMs) return null;
	if (t - lastSeen >= TOUCH_INTERVAL_MS) {
		await db
			.updateTable('sessions')
			.set({ last_seen_at: now.toISOString() })
			.where('token_hash', '=', tokenHash)
			.execute();
	}
	return { accountId: row.account_id, expiresAt: Math.min(expiresAt, lastSeen + policy.idleMs) };
}

/** Ends one session; the answer is the same whether it was live, ended or never existed. */
export async function revokeSession(
	db: Db,
	token: string,
	accountId: string | null,
	now = new Date()
): Promise<void> {
	if (!TOKEN_FORMAT.test(token)) return;
	forgetSession(hashSessionToken(token));
	let query = db
		.updateTable('sessions')
		.set({ revoked_at: now.toISOString() })
		.where('token_hash', '=', hashSessionToken(token))
		.where('revoked_at', 'is', null);
	if (accountId !== null) query = query.where('account_id', '=', accountId);
	await query.execute();
	// Again once written: a request checked meanwhile may have remembered it as live.
	forgetSession(hashSessionToken(token));
}

/** Ends every session of an account, on every device. */
export async function revokeAccountSessions(db: Db, accountId: string, now = new Date()) {
	forgetAccount(accountId);
	await db
		.updateTable('sessions')
		.set({ revoked_at: now.toISOString() })
		.where('account_id', '=', accountId)
		.where('revoked_at', 'is', null)
		.execute();
	forgetAccount(accountId);
}

/**
 * Deletes an account's sessions that can never work again, so the table grows with the devices in
 * use rather than with every sign-in ever made.
 */
export async function pruneSessions(
	db: Db,
	accountId: string,
	{ policy = DEFAULT_SESSION_POLICY, now = new Date() }: SessionOptions = {}
) {
	const idleSince = new Date(now.getTime() - policy.idleMs).toISOString();
	await db
		.deleteFrom('sessions')
		.where('account_id', '=', accountId)
		.where((eb) =>
			eb.or([
				eb('revoked_at', 'is not', null),
				eb('expires_at', '<=', now.toISOString()),
				eb('last_seen_at', '<=', idleSince)
			])
		)
		.execute();
}
