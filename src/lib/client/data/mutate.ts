/**
 * The device's adapter around the domain's pipeline (`$lib/domain/pipeline`): a mutation's records
 * and its outbox entry are written in one read-write transaction, so either both are saved or
 * neither (a refused rule leaves no trace). Once this resolves, the change survives closing the app
 * and waits in the outbox until the server has it.
 *
 * Given the signed-in actor, the pipeline first asks the same authorization rules as the server,
 * on what the device holds: a forbidden action is refused at once instead of after the next sync.
 * The outbox entry keeps the actor, so replaying it after a pull judges it as her again.
 */
import { nowIso } from '$lib/domain/clock';
import type { ArgsOf, MutationName } from '$lib/domain/mutations';
import type { Actor } from '$lib/domain/permissions';
import { executeMutation, type Refusal } from '$lib/domain/pipeline';
import { getMeta, isStorageFull, setMeta, tablesFor, type LocalDb, type OutboxEntry } from './db';
import { LocalStore } from './local-store';

export type MutationOutcome = { ok: true; mutationId: number } | ({ ok: false } & Refusal);

/** Thrown out of a Dexie transaction to roll back what a refused mutation wrote. */
class Refused extends Error {
	constructor(readonly refusal: Refusal) {
		super(refusal.code);
	}
}

/**
 * Applies a mutation on the device's store, inside the caller's transaction; throws `Refused`
 * (rolling that transaction back) when the pipeline refuses it.
 */
async function applyLocally(
	db: LocalDb,
	name: string,
	args: unknown,
	actor: Actor | null,
	now: string
): Promise<void> {
	const done = await executeMutation(new LocalStore(db), name, args, {
		authority: 'client',
		actor,
		now
	});
	if (!done.ok) throw new Refused(done.refusal);
}

/**
 * Replays a queued entry on top of the server's state (the rebase), as the account that made it.
 * Returns false when its rule refuses it now: the server will decide it, and its refusal will
 * reach the user. Runs inside the rebase's transaction.
 */
export async function replayLocally(db: LocalDb, entry: OutboxEntry): Promise<boolean> {
	try {
		await applyLocally(db, entry.name, entry.args, entry.actor ?? null, nowIso());
		return true;
	} catch (error) {
		if (error instanceof Refused) return false;
		throw error;
	}
}

/**
 * Runs a mutation for `actor` (the signed-in account, whose id every write records); without one
 * the change is made with no account and no authorization check, as before accounts existed.
 * `now` is the instant time rules are judged at: the device's clock.
 */
export async function runMutation<N extends MutationName>(
	db: LocalDb,
	name: N,
	args: ArgsOf<N>,
	actor?: Actor,
	now: string = nowIso()
): Promise<MutationOutcome> {
	try {
		const mutationId = await db.transaction('rw', tablesFor(db), async () => {
			await applyLocally(db, name, args, actor ?? null, now);
			const id = await getMeta(db, 'nextMutationId', 1);
			const entry: OutboxEntry = {
				id,
				name,
				args,
				createdAt: nowIso(),
				...(actor ? { actor } : {})
			};
			await db.outbox.add(entry);
			await setMeta(db, 'nextMutationId', id + 1);
			return id;
		});
		return { ok: true, mutationId };
	} catch (error) {
		if (error instanceof Refused) return { ok: false, ...error.refusal };
		// The transaction was rolled back: nothing of this change is kept, everything before it is.
		if (isStorageFull(error)) return { ok: false, code: 'storage_full', path: [], detail: {} };
		throw error;
	}
}

export { isStorageFull, tablesFor };
