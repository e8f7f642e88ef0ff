/**
 * Push and pull, the server's half of "Sync: the rules".
 *
 * Push is exactly-once per device: each mutation runs in its own transaction that also moves the
 * device's last mutation id, so a replayed mutation is skipped and a refused one still advances the
 * id (one bad mutation never blocks the queue). Refusals are stored, so an answer lost on the way
 * back comes again with the next push or pull.
 */
import { sql } from 'kysely';
import { MutationError, type Mutation } from '$lib/domain/mutation';
import { mutationByName, type MutationName } from '$lib/domain/mutations';
import type { TableName } from '$lib/domain/schemas';
import { tableNames } from '$lib/domain/schemas';
import type {
	Change,
	MutationResult,
	PullRequest,
	PullResponse,
	PushRequest,
	PushResponse
} from '$lib/domain/sync';
import { authorizeMutation } from '$lib/domain/authorization';
import {
	loadReadContext,
	type Filter,
	mayRead,
	pullScope,
	type Actor,
	type PullScope,
	type ReadCandidate
} from './authorization';
import type { Db } from './database';
import { decodeRow, headVersion, locksRowsOnRead, SqlRecordStore } from './record-store';
import { nulPath, storableText } from './storable-text';

/** A push whose first new mutation does not follow the last one applied. */
export class MutationGapError extends Error {
	constructor(readonly expected: number) {
		super(`mutation_gap: expected ${expected}`);
	}
}

async function lastMutationId(db: Db, clientId: string): Promise<number> {
	const row = await db
		.selectFrom('clients')
		.select('last_mutation_id')
		.where('client_id', '=', clientId)
		.executeTakeFirst();
	return row ? Number(row.last_mutation_id) : 0;
}

/**
 * Every write takes the version counter; on PostgreSQL take it first, so all writers queue in one
 * order (a rule that locked a shift and then waited for the counter could otherwise deadlock with
 * one that wrote first and then wanted the shift). SQLite already runs one writer at a time.
 */
async function lockVersionCounter(trx: Db) {
	if (!locksRowsOnRead(trx)) return;
	await trx
		.selectFrom('counters')
		.select('value')
		.where('name', '=', 'server_version')
		.forUpdate()
		.execute();
}

async function claimClient(db: Db, clientId: string, at: string) {
	await db
		.insertInto('clients')
		.values({ client_id: clientId, last_mutation_id: 0, updated_at: at })
		.onConflict((oc) => oc.column('client_id').doUpdateSet({ updated_at: at }))
		.execute();
}

async function advance(db: Db, clientId: string, mutationId: number, at: string) {
	await db
		.insertInto('clients')
		.values({ client_id: clientId, last_mutation_id: mutationId, updated_at: at })
		.onConflict((oc) =>
			oc.column('client_id').doUpdateSet({ last_mutation_id: mutationId, updated_at: at })
		)
		.execute();
}

function parseResult(row: {
	mutation_id: number | string;
	status: string;
	code: string | null;
	path: string | null;
	detail: string | null;
}): MutationResult {
	return {
		id: Number(row.mutation_id),
		status: row.status === 'refused' ? 'refused' : 'applied',
		...(row.code ? { code: row.code } : {}),
		...(row.path ? { path: JSON.parse(row.path) as (string | number)[] } : {}),
		...(row.detail ? { detail: JSON.parse(row.detail) as Record<string, string> } : {})
	};
}

async function storedResults(db: Db, clientId: string, after: number, through: number) {
	const rows = await db
		.selectFrom('mutation_results')
		.selectAll()
		.where('client_id', '=', clientId)
		.where('mutation_id', '>', after)
		.where('mutation_id', '<=', through)
		.orderBy('mutation_id')
		.execute();
	return rows.map(parseResult);
}

function refusal(id: number, error: unknown): MutationResult {
	if (error instanceof MutationError) {
		return { id, status: 'refused', code: error.code, path: error.path, detail: error.detail };
	}
	if (
		error instanceof Error &&
		/UNIQUE constraint|unique constraint|duplicate key/i.test(error.message)
	) {
		return { id, status: 'refused', code: 'conflict', path: [] };
	}
	throw error;
}

type Invalid = { code: string; path: (string | number)[] };

type Checked =
	| { ok: true; name: MutationName; args: unknown; mutation: Mutation }
	| { ok: false; invalid: Invalid };

function validate(name: string, args: unknown): Checked {
	const mutation = mutationByName(name);
	if (!mutation) return { ok: false, invalid: { code: 'unknown_mutation', path: ['name'] } };
	const parsed = mutation.args.safeParse(args);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return {
			ok: false,
			invalid: { code: 'invalid', path: ['args', ...(issue?.path ?? []).map(pathKey)] }
		};
	}
	const nul = nulPath(parsed.data);
	if (nul) return { ok: false, invalid: { code: 'invalid', path: ['args', ...nul] } };
	return { ok: true, name: name as MutationName, args: parsed.data, mutation };
}

const pathKey = (key: PropertyKey): string | number =>
	typeof key === 'number' ? key : String(key);

export async function push(
	db: Db,
	request: PushRequest,
	actor: Actor,
	now: () => string = () => new Date().toISOString()
): Promise<PushResponse> {
	const { clientId } = request;
	const results: MutationResult[] = [];
	for (const mutation of request.mutations) {
		const outcome = await db.transaction().execute(async (trx) => {
			// Touch the device's row first: on PostgreSQL this holds it until commit, so two pushes
			// from one device (a retry racing the original) apply each mutation once.
			await claimClient(trx, clientId, now());
			await lockVersionCounter(trx);
			const last = await lastMutationId(trx, clientId);
			if (mutation.id <= last) return 'skipped' as const;
			if (mutation.id !== last + 1) throw new MutationGapError(last + 1);
			const checked = validate(mutation.name, mutation.args);
			let result: MutationResult = { id: mutation.id, status: 'applied' };
			if (checked.ok) {
				const store = new SqlRecordStore(trx);
				// Judged on the records as this transaction reads them, which are the ones it changes.
				const forbidden = await authorizeMutation(actor, checked.name, checked.args, store);
				if (forbidden) {
					result = { id: mutation.id, status: 'refused', code: forbidden, path: [] };
				} else {
					// A savepoint lets a refused mutation undo its partial writes yet still advance the id.
					await sql`SAVEPOINT apply_mutation`.execute(trx);
					try {
						await checked.mutation.apply(store, checked.args, {
							authority: 'server',
							actorId: actor.accountId
						});
						await sql`RELEASE SAVEPOINT apply_mutation`.execute(trx);
					} catch (error) {
						await sql`ROLLBACK TO SAVEPOINT apply_mutation`.execute(trx);
						result = refusal(mutation.id, error);
					}
				}
			} else {
				result = { id: mutation.id, status: 'refused', ...checked.invalid };
			}
			if (result.status === 'refused') {
				await trx
					.insertInto('mutation_results')
					.values({
						client_id: clientId,
						mutation_id: mutation.id,
						name: storableText(mutation.name),
						status: 'refused',
						code: result.code ?? null,
						path: JSON.stringify(result.path ?? []),
						detail: result.detail ? JSON.stringify(result.detail) : null,
						at: now()
					})
					.execute();
			}
			await advance(trx, clientId, mutation.id, now());
			return result;
		});
		if (outcome === 'skipped') {
			const [stored] = await storedResults(db, clientId, mutation.id - 1, mutation.id);
			results.push(stored ?? { id: mutation.id, status: 'applied' });
		} else {
			results.push(outcome);
		}
	}
	return { lastMutationId: await lastMutationId(db, clientId), results };
}

export const DEFAULT_PULL_LIMIT = 1000;

/** The changed rows of one table in the actor's scope, oldest first, at most `limit`. */
async function changedRows<T extends TableName>(
	trx: Db,
	table: T,
	scope: PullScope,
	after: number,
	head: number,
	limit: number
) {
	const filter = scope[table];
	if (filter === 'none') return [];
	let query = trx
		.selectFrom(table as TableName)
		.select(['id', 'version', 'deleted', 'data'])
		.where('version', '>', after)
		.where('version', '<=', head);
	// The filter was written for this one table; the query is typed for any of them.
	if (filter !== 'all') query = query.where(filter as Filter<TableName>);
	return query.orderBy('version').limit(limit).execute();
}

/**
 * Every change since the cursor that the actor may see, oldest first, in pages.
 *
 * The device's last mutation id is read first, then the head version, then only rows up to that
 * head: every version up to the head is committed (versions come from one locked counter row),
 * so nothing below the cursor handed back can appear later, and the effects of every mutation the
 * answer acknowledges are at or below the head. This holds at any isolation level, so the same
 * code is right on PostgreSQL, where each statement may see newer commits than the one before.
 *
 * Rows outside the actor's scope are left out by the queries, so a page holds the first `limit`
 * rows in scope and the cursor stops at the last of them: rows left out never stall paging, and
 * no row in scope is passed over. The per-row check that follows only ever removes rows (drafts
 * from a volunteer's page); the cursor may pass those, as they are not hers to receive.
 */
export async function pull(db: Db, request: PullRequest, actor: Actor): Promise<PullResponse> {
	const limit = request.limit ?? DEFAULT_PULL_LIMIT;
	const scope = pullScope(actor);
	return db.transaction().execute(async (trx) => {
		const last = await lastMutationId(trx, request.clientId);
		const head = await headVersion(trx);
		const candidates: Change[] = [];
		let more = false;
		for (const table of tableNames) {
			const rows = await changedRows(trx, table, scope, request.cursor, head, limit + 1);
			if (rows.length > limit) more = true;
			for (const row of rows.slice(0, limit)) {
				const deleted = Number(row.deleted) === 1;
				candidates.push({
					table,
					id: row.id,
					version: Number(row.version),
					deleted,
					row: deleted ? null : decodeRow(table, row)
				});
			}
		}
		candidates.sort((a, b) => a.version - b.version);
		const page = candidates.slice(0, limit);
		const hasMore = more || candidates.length > limit;
		const cursor = hasMore ? (page[page.length - 1]?.version ?? request.cursor) : head;
		const readable = page as (Change & ReadCandidate)[];
		const context = await loadReadContext(trx, actor, readable);
		return {
			changes: readable.filter(
				(c) => c.deleted || (c.row !== null && mayRead(actor, c.table, c.row, context))
			),
			cursor,
			hasMore,
			lastMutationId: last,
			results: await storedResults(trx, request.clientId, request.resultsAfter ?? last, last),
			headVersion: head
		};
	});
}
