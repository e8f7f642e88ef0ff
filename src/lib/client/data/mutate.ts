/**
 * Runs a mutation on the device: the records and the outbox entry are written in one read-write
 * transaction, so either both are saved or neither (a refused rule leaves no trace). Once this
 * resolves, the change survives closing the app and waits in the outbox until the server has it.
 *
 * Given the signed-in actor, the device first asks the same authorization rules as the server, on
 * what it holds: a forbidden action is refused at once instead of after the next sync.
 */
import { authorizeMutation, type Actor } from '$lib/domain/authorization';
import { MutationError, type Mutation } from '$lib/domain/mutation';
import { mutations, type ArgsOf, type MutationName } from '$lib/domain/mutations';
import { getMeta, isStorageFull, setMeta, tablesFor, type LocalDb, type OutboxEntry } from './db';
import { LocalStore } from './local-store';

export type MutationOutcome =
	| { ok: true; mutationId: number }
	| { ok: false; code: string; path: (string | number)[]; detail: Record<string, string> };

/** Applies a mutation's rule on the device's store. Throws MutationError when the rule refuses. */
export async function applyLocally(
	db: LocalDb,
	name: MutationName,
	args: unknown,
	actorId: string | null,
	actor?: Actor
): Promise<void> {
	// A queued entry may name a mutation this version no longer knows: refuse it, never crash.
	if (!Object.hasOwn(mutations, name)) throw new MutationError('unknown_mutation', ['name']);
	const mutation: Mutation = mutations[name];
	const parsed = mutation.args.safeParse(args);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new MutationError(
			issue?.message && /^[a-z_]+$/.test(issue.message) ? issue.message : 'invalid',
			(issue?.path ?? []).map((k) => (typeof k === 'number' ? k : String(k)))
		);
	}
	const store = new LocalStore(db);
	if (actor) {
		const forbidden = await authorizeMutation(actor, name, parsed.data, store);
		if (forbidden) throw new MutationError(forbidden);
	}
	await mutation.apply(store, parsed.data, { authority: 'client', actorId });
}

/**
 * Runs a mutation for `actor` (the signed-in account, whose id every write records); without one
 * the change is made with no account and no authorization check, as before accounts existed.
 */
export async function runMutation<N extends MutationName>(
	db: LocalDb,
	name: N,
	args: ArgsOf<N>,
	actor?: Actor
): Promise<MutationOutcome> {
	try {
		const mutationId = await db.transaction('rw', tablesFor(db), async () => {
			await applyLocally(db, name, args, actor?.accountId ?? null, actor);
			const id = await getMeta(db, 'nextMutationId', 1);
			const entry: OutboxEntry = { id, name, args, createdAt: new Date().toISOString() };
			await db.outbox.add(entry);
			await setMeta(db, 'nextMutationId', id + 1);
			return id;
		});
		return { ok: true, mutationId };
	} catch (error) {
		if (error instanceof MutationError) {
			return { ok: false, code: error.code, path: error.path, detail: error.detail };
		}
		// The transaction was rolled back: nothing of this change is kept, everything before it is.
		if (isStorageFull(error)) return { ok: false, code: 'storage_full', path: [], detail: {} };
		throw error;
	}
}

export { isStorageFull, tablesFor };
