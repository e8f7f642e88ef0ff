/**
 * The database from before accounts (`volunteer-stations`, one per device) may still hold changes
 * made offline and never sent. They are handed to the first staff account that signs in: her new
 * database gets them as its own first outbox entries (renumbered from 1, since it is a new client
 * to the server), and the old database is deleted. Changes the server already applied (at or
 * below `ackedThrough`) are not sent again; refusals the user has not dealt with come along.
 */
import { Dexie } from 'dexie';
import {
	DEFAULT_DB_NAME,
	getMeta,
	openLocalDb,
	setMeta,
	type OutboxEntry,
	type Refusal
} from '$lib/client/data/db';
import { localDbName } from './device';

/** Where the refusals carried over from the old database are numbered from. */
export const LEGACY_REFUSAL_IDS = 1_000_000_000;

export type LegacyOutcome =
	| { kind: 'none' }
	/** The old database was handed over (`adopted` changes, `refusals` refused ones) and deleted. */
	| { kind: 'adopted'; adopted: number; refusals: number }
	/** The account's database already has changes of its own: the old one is left alone. */
	| { kind: 'kept'; waiting: number };

export async function adoptLegacyOutbox(accountId: string): Promise<LegacyOutcome> {
	if (!(await Dexie.exists(DEFAULT_DB_NAME))) return { kind: 'none' };
	const old = openLocalDb(DEFAULT_DB_NAME);
	let pending: OutboxEntry[];
	let refused: Refusal[];
	try {
		const acked = await getMeta(old, 'ackedThrough', 0);
		pending = await old.outbox.where('id').above(acked).sortBy('id');
		refused = await old.refusals.toArray();
	} finally {
		old.close();
	}
	if (pending.length > 0 || refused.length > 0) {
		const target = openLocalDb(localDbName(accountId));
		try {
			const handed = await target.transaction(
				'rw',
				target.outbox,
				target.refusals,
				target.meta,
				async () => {
					const own = await target.outbox.count();
					if (own > 0) return own;
					await target.outbox.bulkAdd(pending.map((entry, i) => ({ ...entry, id: i + 1 })));
					await setMeta(target, 'nextMutationId', pending.length + 1);
					// Far above any id the account's own mutations will reach, so the two never meet.
					await target.refusals.bulkAdd(
						refused.map((r, i) => ({ ...r, mutationId: LEGACY_REFUSAL_IDS + i }))
					);
					return 0;
				}
			);
			if (handed > 0) return { kind: 'kept', waiting: pending.length };
		} finally {
			target.close();
		}
	}
	await Dexie.delete(DEFAULT_DB_NAME);
	return { kind: 'adopted', adopted: pending.length, refusals: refused.length };
}
