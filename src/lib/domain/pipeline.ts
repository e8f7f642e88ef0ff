/**
 * A mutation's whole life, run the same way wherever it runs: look the name up, parse the args
 * with its schema, authorize the actor, apply it, and turn any failure into one refusal shape
 * `{code, path, detail}`. The device's runner, its replay after a pull, the server's push and the
 * registration endpoint are adapters around `executeMutation`: they bring a store and a
 * transaction, and decide what to do with the answer. So the same input gets the same refusal on
 * both sides, field path included.
 *
 * Guarantees: a refusal's `path` is relative to the args (`['phone']`); its `detail` never names a
 * record the actor may not read; nothing but a `MutationError` or a failed parse becomes a refusal
 * (a storage failure is thrown on, so the caller's transaction rolls back and nothing is lost).
 */
import type * as z from 'zod/mini';
import { authorizeMutation } from './authorization';
import { MutationError, type Mutation, type MutationStore } from './mutation';
import { mutationByName, type MutationName } from './mutations';
import { mayReadThrough, type Actor, type Subject } from './permissions';
import { nulPath } from './text';

export type RefusalPath = (string | number)[];

/** Why a mutation (or a form, or a request) was not taken: a code for the UI, the field, details. */
export interface Refusal {
	code: string;
	path: RefusalPath;
	detail: Record<string, string>;
}

/** Our schemas' messages are codes (`required`, `invalid_phone`); zod's own texts are not. */
const isCode = (message: string | undefined): message is string =>
	message !== undefined && /^[a-z][a-z_]*$/.test(message);

const pathOf = (path: readonly PropertyKey[]): RefusalPath =>
	path.map((key) => (typeof key === 'number' ? key : String(key)));

/** The one translation of a zod issue into a refusal: its code, and the field it is about. */
export function refusalOfIssue(issue: z.core.$ZodIssue | undefined): Refusal {
	if (!issue) return { code: 'invalid', path: [], detail: {} };
	if (issue.code === 'unrecognized_keys') {
		// An unexpected field is named by the issue's keys, not its path.
		return {
			code: 'unknown_field',
			path: [...pathOf(issue.path), ...issue.keys.slice(0, 1)],
			detail: {}
		};
	}
	return {
		code: isCode(issue.message) ? issue.message : 'invalid',
		path: pathOf(issue.path),
		detail: {}
	};
}

/** Every issue of a failed parse as refusals, for forms that mark each field. */
export function refusalsOfIssues(issues: readonly z.core.$ZodIssue[]): Refusal[] {
	return issues.map(refusalOfIssue);
}

export interface PipelineContext {
	authority: 'client' | 'server';
	/**
	 * Who the mutation is made for. The rules authorize her, and her account is recorded on every
	 * write. Null only for the system (demo data, tests) and for a device's queue from before
	 * accounts: nothing is authorized, nobody is recorded.
	 */
	actor: Actor | null;
	/** The instant rules about time are judged at (see `MutationContext.now`). */
	now: string;
}

export type Executed =
	{ ok: true; name: MutationName; args: unknown } | { ok: false; refusal: Refusal };

const refused = (code: string, path: RefusalPath = [], detail = {}): Executed => ({
	ok: false,
	refusal: { code, path, detail }
});

/**
 * Runs one mutation on `store`. Returns the parsed args when it was applied, or the refusal.
 * The caller owns the transaction: on a refusal it must undo whatever the mutation wrote before
 * it was refused (Dexie: throw out of the transaction; SQL: roll back to a savepoint).
 */
export async function executeMutation(
	store: MutationStore,
	name: string,
	rawArgs: unknown,
	ctx: PipelineContext
): Promise<Executed> {
	const mutation: Mutation | undefined = mutationByName(name);
	if (!mutation) return refused('unknown_mutation', ['name']);
	const parsed = mutation.args.safeParse(rawArgs);
	if (!parsed.success) {
		const { code, path, detail } = refusalOfIssue(parsed.error.issues[0]);
		return refused(code, path, detail);
	}
	// Any string the schema let through (a version tag, a free field) must still be storable.
	const nul = nulPath(parsed.data);
	if (nul) return refused('invalid_characters', nul);
	const known = name as MutationName;
	const { actor } = ctx;
	if (actor) {
		const forbidden = await authorizeMutation(actor, known, parsed.data, store);
		if (forbidden) return refused(forbidden);
	}
	try {
		await mutation.apply(store, parsed.data, {
			authority: ctx.authority,
			actorId: actor?.accountId ?? null,
			now: ctx.now
		});
	} catch (error) {
		if (!(error instanceof MutationError)) throw error;
		return refused(error.code, error.path, await visibleDetail(store, actor, error));
	}
	return { ok: true, name: known, args: parsed.data };
}

/** The refusal's detail, or none when it describes a record the actor may not read. */
async function visibleDetail(
	store: MutationStore,
	actor: Actor | null,
	error: MutationError
): Promise<Record<string, string>> {
	if (!error.subject || !actor) return error.detail;
	const row = await store.get(error.subject.table, error.subject.id);
	if (!row) return {};
	const subject = { table: error.subject.table, row } as Subject;
	return (await mayReadThrough(actor, subject, store)) ? error.detail : {};
}
