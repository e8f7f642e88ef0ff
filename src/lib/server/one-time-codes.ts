/**
 * One-time codes a person is handed on paper or told at the desk: a staff member's setup code
 * (her first password), and the code a station gives a member it registered so she can claim her
 * record with an account of her own.
 *
 * Eight characters from an alphabet without look-alikes (no 0/O, 1/I), shown as `ABCD-EFGH`, typed
 * in any case, with or without the dash: 40 bits, against 5 tries per 15 minutes for one phone or
 * login. The server keeps only a slow, salted hash (the password hash), so a copy of the database
 * does not give the codes away; each stops working after `ONE_TIME_CODE_DAYS` by the server's
 * clock, and once used.
 */
import { randomBytes } from 'node:crypto';
import { ONE_TIME_CODE_DAYS } from '$lib/domain/staff-accounts';
import type { Db } from './database';
import { hashPassword, verifyDummyPassword, verifyPassword } from './passwords';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const LENGTH = 8;
export const CODE_TTL_MS = ONE_TIME_CODE_DAYS * 86_400_000;

/** A new code, `ABCD-EFGH`. */
export function newCode(): string {
	const bytes = randomBytes(LENGTH);
	const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]!);
	return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** A code as typed (any case, spaces or dashes) in the one form that was hashed. */
export function normalizeCode(input: string): string {
	return input.toUpperCase().replace(/[\s-]/g, '');
}

export const hashCode = (code: string) => hashPassword(normalizeCode(code));

export const verifyCode = (input: string, hash: string) =>
	verifyPassword(normalizeCode(input), hash);

export const MEMBER_CLAIM = 'member_claim';

/**
 * Makes a new claim code for a member; any earlier one she was given stops working. Returns the
 * code (never stored) and when it expires.
 */
export async function issueClaimCode(
	db: Db,
	volunteerId: string,
	by: string,
	now = new Date()
): Promise<{ code: string; expiresAt: string }> {
	const code = newCode();
	const codeHash = await hashCode(code);
	const at = now.toISOString();
	const expiresAt = new Date(now.getTime() + CODE_TTL_MS).toISOString();
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('one_time_codes')
			.set({ used_at: at })
			.where('kind', '=', MEMBER_CLAIM)
			.where('subject_id', '=', volunteerId)
			.where('used_at', 'is', null)
			.execute();
		await trx
			.insertInto('one_time_codes')
			.values({
				id: crypto.randomUUID(),
				kind: MEMBER_CLAIM,
				subject_id: volunteerId,
				code_hash: codeHash,
				created_at: at,
				expires_at: expiresAt,
				used_at: null,
				created_by: by
			})
			.execute();
	});
	return { code, expiresAt };
}

export type CodeCheck =
	{ ok: true; codeId: string } | { ok: false; code: 'wrong_code' | 'code_expired' };

/**
 * Checks a typed claim code against the member's live one, in the time a real check takes even
 * when she has none (so the answer's speed tells nothing).
 */
export async function checkClaimCode(
	db: Db,
	volunteerId: string | null,
	typed: string,
	now = new Date()
): Promise<CodeCheck> {
	const row = volunteerId
		? await db
				.selectFrom('one_time_codes')
				.select(['id', 'code_hash', 'expires_at'])
				.where('kind', '=', MEMBER_CLAIM)
				.where('subject_id', '=', volunteerId)
				.where('used_at', 'is', null)
				.orderBy('created_at', 'desc')
				.executeTakeFirst()
		: undefined;
	if (!row) {
		await verifyDummyPassword(normalizeCode(typed));
		return { ok: false, code: 'wrong_code' };
	}
	if (!(await verifyCode(typed, row.code_hash))) return { ok: false, code: 'wrong_code' };
	if (Date.parse(row.expires_at) <= now.getTime()) return { ok: false, code: 'code_expired' };
	return { ok: true, codeId: row.id };
}
