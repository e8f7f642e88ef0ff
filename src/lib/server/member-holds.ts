/**
 * The members an admin's device holds (`member_holds`, see `reachesDevice`): those she registered,
 * recorded when her registration is applied, and those she opens, recorded here before her record
 * is read. A hold is never dropped while the account lives, so a later change and a deletion reach
 * the device through the pull like any other row it holds.
 */
import type { Change } from '$lib/domain/sync';
import type { OpenedMember } from '$lib/domain/member-search';
import type { MutationName } from '$lib/domain/mutations';
import { keepsOnlyHeldMembers, mayRead } from '$lib/domain/permissions';
import type { TableName } from '$lib/domain/schemas';
import { loadFacts, mayReceive, type Actor, type ReadCandidate } from './authorization';
import type { Db } from './database';
import { decodeRow, headVersion } from './record-store';

/** Records that this account's device holds this member; holding her twice is holding her. */
export async function holdMember(db: Db, accountId: string, volunteerId: string, at: string) {
	await db
		.insertInto('member_holds')
		.values({ account_id: accountId, volunteer_id: volunteerId, held_at: at })
		.onConflict((oc) => oc.columns(['account_id', 'volunteer_id']).doNothing())
		.execute();
}

/**
 * An admin holds the members she registers: runs in the push's transaction, right after the
 * registration, so her device receives the new member with the next pull.
 */
export async function holdRegistered(
	trx: Db,
	actor: Actor,
	name: MutationName,
	args: unknown,
	at: string
): Promise<void> {
	if (name !== 'volunteer.register' || !keepsOnlyHeldMembers(actor) || !actor.accountId) return;
	await holdMember(trx, actor.accountId, (args as { id: string }).id, at);
}

export type OpenOutcome =
	{ ok: true; answer: OpenedMember } | { ok: false; status: 403 | 404; code: string };

/** The live rows of one table about one member, in id order. */
async function rowsOfMember(trx: Db, table: 'signups' | 'attendance' | 'roster', id: string) {
	return trx
		.selectFrom(table as 'signups')
		.select(['id', 'version', 'data'])
		.where('volunteer_id', '=', id)
		.where('deleted', '=', 0)
		.orderBy('id')
		.execute();
}

/**
 * Opens a member for an admin's device: refuses one she may not read (403, and nothing held),
 * records the hold, then reads her record and her sign-ups with their attendance and roster
 * entries, all in one transaction. The hold comes first: a change committed after the read has a
 * higher version than the answer's `headVersion`, and reaches the device through the pull, which
 * sees the hold from the commit on.
 */
export async function openMember(
	db: Db,
	actor: Actor,
	id: string,
	at: string
): Promise<OpenOutcome> {
	if (!keepsOnlyHeldMembers(actor) || actor.accountId === null) {
		return { ok: false, status: 403, code: 'forbidden' };
	}
	const accountId = actor.accountId;
	return db.transaction().execute(async (trx): Promise<OpenOutcome> => {
		const read = () =>
			trx
				.selectFrom('volunteers')
				.select(['id', 'version', 'data'])
				.where('id', '=', id)
				.where('deleted', '=', 0)
				.executeTakeFirst();
		const found = await read();
		if (!found) return { ok: false, status: 404, code: 'not_found' };
		const subject = { table: 'volunteers' as const, row: decodeRow('volunteers', found) };
		if (!mayRead(actor, subject, await loadFacts(trx, actor, [subject]))) {
			return { ok: false, status: 403, code: 'forbidden' };
		}
		await holdMember(trx, accountId, id, at);
		const head = await headVersion(trx);
		const member = await read();
		if (!member) return { ok: false, status: 404, code: 'not_found' };
		const tables = [
			['volunteers', [member]],
			['signups', await rowsOfMember(trx, 'signups', id)],
			['attendance', await rowsOfMember(trx, 'attendance', id)],
			['roster', await rowsOfMember(trx, 'roster', id)]
		] as const;
		const changes: (Change & ReadCandidate)[] = tables.flatMap(([table, rows]) =>
			rows.map((row) => ({
				table: table as TableName,
				id: row.id,
				version: Number(row.version),
				deleted: false,
				row: decodeRow(table, row)
			}))
		);
		// What reaches her device this way is what the pull would send her: the same rule.
		const facts = await loadFacts(trx, actor, changes);
		return {
			ok: true,
			answer: {
				changes: changes.filter((c) => mayReceive(actor, c, facts)),
				headVersion: head
			}
		};
	});
}
