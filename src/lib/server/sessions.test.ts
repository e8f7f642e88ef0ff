import { beforeEach, describe, expect, it } from 'vitest';
import { testServer } from '$lib/testing/harness';
import { createAccount, disableAccount } from './accounts';
import type { Db } from './database';
import {
	createSession,
	DEFAULT_SESSION_POLICY,
	hashSessionToken,
	newSessionToken,
	pruneSessions,
	revokeAccountSessions,
	revokeSession,
	sessionPolicyFrom,
	validateSession
} from './sessions';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T08:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms);
const policy = { idleMs: 30 * DAY, maxMs: 90 * DAY };

let db: Db;
let accountId: string;

beforeEach(async () => {
	db = await testServer();
	accountId = (
		await createAccount(db, {
			role: 'station_worker',
			username: 'xizongbu',
			passwordHash: 'not used here',
			district: 'dongcheng',
			stationId: crypto.randomUUID()
		})
	).id;
});

const check = (token: string, ms: number, id: string | null = accountId) =>
	validateSession(db, token, id, { policy, now: at(ms) });

describe('session tokens', () => {
	it('are 32 random bytes in base64url (256 bits), never the same twice', () => {
		const tokens = Array.from({ length: 200 }, newSessionToken);
		for (const token of tokens) {
			expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
			expect(Buffer.from(token, 'base64url')).toHaveLength(32);
		}
		expect(new Set(tokens).size).toBe(tokens.length);
		// Every character of the alphabet turns up: the bytes are not from a narrow range.
		expect(new Set(tokens.join('')).size).toBeGreaterThan(60);
	});

	it('are stored only as their SHA-256', async () => {
		const { token } = await createSession(db, accountId, { policy, now: at(0) });
		const rows = await db.selectFrom('sessions').selectAll().execute();
		expect(rows).toHaveLength(1);
		expect(rows[0]!.token_hash).toBe(hashSessionToken(token));
		expect(rows[0]!.token_hash).toHaveLength(43);
		expect(JSON.stringify(rows)).not.toContain(token);
	});
});

describe('a session', () => {
	it('works for its own account only, and not for a token that was never issued', async () => {
		const { token } = await createSession(db, accountId, { policy, now: at(0) });
		expect(await check(token, 1000)).toBe(accountId);
		expect(await check(token, 1000, null)).toBe(accountId);
		expect(await check(token, 1000, crypto.randomUUID())).toBeNull();
		expect(await check(newSessionToken(), 1000)).toBeNull();
		expect(await check('not a token', 1000)).toBeNull();
	});

	it('ends after the idle time without use, but use keeps it alive', async () => {
		const idle = await createSession(db, accountId, { policy, now: at(0) });
		const used = await createSession(db, accountId, { policy, now: at(0) });
		expect(await check(used.token, 20 * DAY)).toBe(accountId);
		expect(await check(idle.token, 30 * DAY - 1)).toBe(accountId);
		expect(await check(idle.token, 60 * DAY)).toBeNull();
		// Last used on day 20, so it lives until day 50.
		expect(await check(used.token, 49 * DAY)).toBe(accountId);
		expect(await check(used.token, 49 * DAY + 30 * DAY)).toBeNull();
	});

	it('ends at the absolute expiry however busy it is', async () => {
		const { token, expiresAt } = await createSession(db, accountId, { policy, now: at(0) });
		expect(expiresAt).toBe(at(90 * DAY).toISOString());
		for (let day = 10; day < 90; day += 10) expect(await check(token, day * DAY)).toBe(accountId);
		expect(await check(token, 90 * DAY - 1)).toBe(accountId);
		expect(await check(token, 90 * DAY)).toBeNull();
	});

	it('writes last_seen_at at most once a minute', async () => {
		const { token } = await createSession(db, accountId, { policy, now: at(0) });
		const lastSeen = async () =>
			(await db.selectFrom('sessions').select('last_seen_at').executeTakeFirstOrThrow())
				.last_seen_at;
		await check(token, 30_000);
		expect(await lastSeen()).toBe(at(0).toISOString());
		await check(token, 60_000);
		expect(await lastSeen()).toBe(at(60_000).toISOString());
		await check(token, 90_000);
		expect(await lastSeen()).toBe(at(60_000).toISOString());
	});

	it('ends when revoked, and revoking again is harmless', async () => {
		const kept = await createSession(db, accountId, { policy, now: at(0) });
		const { token } = await createSession(db, accountId, { policy, now: at(0) });
		await revokeSession(db, token, accountId, at(1000));
		await revokeSession(db, token, accountId, at(2000));
		expect(await check(token, 3000)).toBeNull();
		expect(await check(kept.token, 3000)).toBe(accountId);
	});

	it('is not revoked by someone naming another account', async () => {
		const { token } = await createSession(db, accountId, { policy, now: at(0) });
		await revokeSession(db, token, crypto.randomUUID(), at(1000));
		expect(await check(token, 2000)).toBe(accountId);
	});

	it('ends everywhere when all of the account’s sessions are revoked', async () => {
		const tokens = await Promise.all(
			[0, 1, 2].map(() => createSession(db, accountId, { policy, now: at(0) }))
		);
		await revokeAccountSessions(db, accountId, at(1000));
		for (const { token } of tokens) expect(await check(token, 2000)).toBeNull();
	});

	it('stops working at once when its account is disabled', async () => {
		const { token } = await createSession(db, accountId, { policy, now: at(0) });
		expect(await check(token, 1000)).toBe(accountId);
		await disableAccount(db, accountId, at(2000));
		expect(await check(token, 3000)).toBeNull();
		const row = await db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
		expect(row.revoked_at).toBe(at(2000).toISOString());
	});

	it('stops working when the account is disabled, even if its sessions were not revoked', async () => {
		const { token } = await createSession(db, accountId, { policy, now: at(0) });
		await db.updateTable('accounts').set({ disabled: 1 }).where('id', '=', accountId).execute();
		expect(await check(token, 1000)).toBeNull();
	});
});

describe('pruneSessions', () => {
	it('deletes only the sessions that can never work again', async () => {
		const live = await createSession(db, accountId, { policy, now: at(40 * DAY) });
		const revoked = await createSession(db, accountId, { policy, now: at(40 * DAY) });
		await revokeSession(db, revoked.token, accountId, at(40 * DAY));
		await createSession(db, accountId, { policy, now: at(0) }); // idle since day 0
		await pruneSessions(db, accountId, { policy, now: at(41 * DAY) });
		const left = await db.selectFrom('sessions').select('token_hash').execute();
		expect(left.map((r) => r.token_hash)).toEqual([hashSessionToken(live.token)]);
	});
});

describe('sessionPolicyFrom', () => {
	it('reads days from the environment, with offline-friendly defaults', () => {
		expect(sessionPolicyFrom({})).toEqual(DEFAULT_SESSION_POLICY);
		expect(DEFAULT_SESSION_POLICY).toEqual({ idleMs: 30 * DAY, maxMs: 90 * DAY });
		expect(sessionPolicyFrom({ SESSION_IDLE_DAYS: '7', SESSION_MAX_DAYS: '14' })).toEqual({
			idleMs: 7 * DAY,
			maxMs: 14 * DAY
		});
		// Nonsense falls back; idle never outlives the absolute limit.
		expect(sessionPolicyFrom({ SESSION_IDLE_DAYS: 'soon', SESSION_MAX_DAYS: '-1' })).toEqual(
			DEFAULT_SESSION_POLICY
		);
		expect(sessionPolicyFrom({ SESSION_MAX_DAYS: '10' })).toEqual({
			idleMs: 10 * DAY,
			maxMs: 10 * DAY
		});
	});
});
