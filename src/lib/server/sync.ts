/**
 * Push and pull, the server's half of "Sync: the rules".
 *
 * Push is exactly-once per device: a push runs in one transaction that also moves the device's
 * last mutation id, each mutation inside its own savepoint, so a replayed mutation is skipped and
 * a refused one has its partial writes undone yet still advances the id (one bad mutation never
 * blocks the queue). Refusals are stored, so an answer lost on the way back comes again with the
 * next push or pull. One transaction per push rather than per mutation: a tablet back online
 * sends its whole queue at once, and the commit (the disk flush) is paid once.
 */
import { sql, type Transaction } from 'kysely';
import { nowIso } from '$lib/domain/clock';
import { executeMutation } from '$lib/domain/pipeline';
import type { TableName } from '$lib/domain/schemas';
import { tablesOfSchema } from '$lib/domain/sync';
import type {
	Change,
	MutationResult,
	PullRequest,
	PullResponse,
	PushRequest,
	PushResponse
} from '$lib/domain/sync';
import {
	loadFacts,
	mayReceive,
	pullScope,
	type Actor,
	type Filter,
	type PullScope,
	type ReadCandidate
} from './authorization';
import type { Db, Schema } from './database';
import { afterApplied } from './erasure';
import { holdRegistered } from './member-holds';
import {
	headVersion,
	reused,
	SqlRecordStore,
	storedRow,
	writeTransaction,
	type PendingVersions
} from './record-store';
import { storableText } from './storable-text';

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

/** A device id that another account already uses: answered 403, nothing read or written. */
export class ClientNotYoursError extends Error {
	constructor() {
		super('client_not_yours');
	}
}

/**
 * Makes sure the device's row exists and belongs to this account: the first account to use a
 * `clientId` holds it, so another account that learns the id can neither read the device's stored
 * refusals nor push mutation ids under it (after which the real device's mutations with those ids
 * would be skipped as replays: lost). The system actor (demo data, tests) binds nothing.
 */
async function claimClient(db: Db, clientId: string, accountId: string | null, at: string) {
	await db
		.insertInto('clients')
		.values({
			client_id: clientId,
			last_mutation_id: 0,
			updated_at: at,
			account_id: accountId,
			last_sync_at: at
		})
		.onConflict((oc) =>
			oc.column('client_id').doUpdateSet({
				updated_at: at,
				last_sync_at: at,
				account_id: sql<string | null>`COALESCE(clients.account_id, excluded.account_id)`
			})
		)
		.execute();
	if (accountId === null) return;
	const row = await db
		.selectFrom('clients')
		.select('account_id')
		.where('client_id', '=', clientId)
		.executeTakeFirst();
	if (row?.account_id !== accountId) throw new ClientNotYoursError();
}

/**
 * The pull's half of `claimClient`: binds a device id seen for the first time (or from before ids
 * were bound) to this account, and refuses another account's, without writing on every pull.
 */
async function ownClient(db: Db, clientId: string, accountId: string | null) {
	if (accountId === null) return;
	const row = await db
		.selectFrom('clients')
		.select(['account_id', 'last_sync_at'])
		.where('client_id', '=', clientId)
		.executeTakeFirst();
	const at = nowIso();
	if (row?.account_id === accountId) {
		await noteSync(db, clientId, row.last_sync_at, at);
		return;
	}
	if (row && row.account_id !== null) throw new ClientNotYoursError();
	await claimClient(db, clientId, accountId, at);
}

/**
 * Keeps when the device last synced, for its station's freshness (`figures.ts`): written at most
 * once a minute, so a device pulling often does not write on every pull.
 */
async function noteSync(db: Db, clientId: string, last: string | null, at: string) {
	if (last !== null && Date.parse(at) - Date.parse(last) < 60_000) return;
	await db
		.updateTable('clients')
		.set({ last_sync_at: at })
		.where('client_id', '=', clientId)
		.execute();
}

async function advance(db: Db, clientId: string, mutationId: number, at: string) {
	await reused(db, 'advance', [mutationId, at, clientId], () =>
		db
			.updateTable('clients')
			.set({ last_mutation_id: mutationId, updated_at: at })
			.where('client_id', '=', clientId)
			.compile()
	);
}

/** The savepoint each pushed mutation runs in: set, released, or rolled back to. */
const savepoint = (trx: Db, statement: string) =>
	reused(trx, statement, [], () => sql.raw(statement).compile(trx));

function parseResult(row: {
	mutation_id: number | string;
	status: string;
	code: string | null;
	path: string | null;
	detail: string | null;
}): MutationResult {
	const id = Number(row.mutation_id);
	if (row.status !== 'refused') return { id, status: 'applied' };
	return {
		id,
		status: 'refused',
		code: row.code ?? 'refused',
		path: row.path ? (JSON.parse(row.path) as (string | number)[]) : [],
		detail: row.detail ? (JSON.parse(row.detail) as Record<string, string>) : {}
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

const isUniqueViolation = (error: unknown) =>
	error instanceof Error &&
	/UNIQUE constraint|unique constraint|duplicate key/i.test(error.message);

/**
 * Runs one pushed mutation through the domain's pipeline inside the push's transaction. A
 * savepoint lets a refused mutation undo its partial writes yet still advance the device's id.
 * A race the rules could not see (two registrations of one phone committing side by side on
 * PostgreSQL) ends in a unique index, and is refused as `conflict`.
 */
async function applyPushed(
	trx: Transaction<Schema>,
	mutation: PushRequest['mutations'][number],
	actor: Actor,
	now: string,
	versions: PendingVersions
): Promise<MutationResult> {
	await savepoint(trx, 'SAVEPOINT apply_mutation');
	const mark = versions.mark();
	const undo = async () => {
		await savepoint(trx, 'ROLLBACK TO SAVEPOINT apply_mutation');
		versions.undoTo(mark);
	};
	try {
		const store = new SqlRecordStore(trx, versions);
		const done = await executeMutation(store, mutation.name, mutation.args, {
			authority: 'server',
			actor,
			now
		});
		if (done.ok) {
			// What the mutation changes outside the synced records (an erasure's account).
			await afterApplied(trx, done.name, done.args);
			// An admin's device holds the members she registers (`reachesDevice`).
			await holdRegistered(trx, actor, done.name, done.args, now);
			await savepoint(trx, 'RELEASE SAVEPOINT apply_mutation');
			return { id: mutation.id, status: 'applied' };
		}
		await undo();
		return { id: mutation.id, status: 'refused', ...done.refusal };
	} catch (error) {
		await undo();
		if (!isUniqueViolation(error)) throw error;
		return { id: mutation.id, status: 'refused', code: 'conflict', path: [], detail: {} };
	}
}

export async function push(
	db: Db,
	request: PushRequest,
	actor: Actor,
	now: () => string = nowIso
): Promise<PushResponse> {
	const { clientId } = request;
	const { results, last, gap } = await writeTransaction(db, async (trx, versions) => {
		// Touch the device's row first: on PostgreSQL this holds it until commit, so two pushes
		// from one device (a retry racing the original) apply each mutation once.
		await claimClient(trx, clientId, actor.accountId, now());
		let last = await lastMutationId(trx, clientId);
		let gap: number | null = null;
		const outcomes: (MutationResult | 'skipped')[] = [];
		for (const mutation of request.mutations) {
			if (mutation.id <= last) {
				outcomes.push('skipped');
				continue;
			}
			// The mutations before this one stay applied; the device is told where to resume.
			if (mutation.id !== last + 1) {
				gap = last + 1;
				break;
			}
			const result = await applyPushed(trx, mutation, actor, now(), versions);
			if (result.status === 'refused') await storeRefusal(trx, clientId, mutation, result, now());
			// Moved with each mutation, not once at the end: the row always names the last one
			// applied, and each move can be observed in commit order.
			await advance(trx, clientId, mutation.id, now());
			outcomes.push(result);
			last = mutation.id;
		}
		// Replays are answered as the first time, stored refusals included, in one read.
		const skipped = request.mutations.filter((m, i) => outcomes[i] === 'skipped');
		const stored = new Map<number, MutationResult>();
		if (skipped.length > 0) {
			const ids = skipped.map((m) => m.id);
			const from = Math.min(...ids) - 1;
			const through = Math.max(...ids);
			for (const r of await storedResults(trx, clientId, from, through)) stored.set(r.id, r);
		}
		const results = outcomes.map((outcome, i): MutationResult => {
			if (outcome !== 'skipped') return outcome;
			const id = request.mutations[i]!.id;
			return stored.get(id) ?? { id, status: 'applied' };
		});
		return { results, last, gap };
	});
	if (gap !== null) throw new MutationGapError(gap);
	return { lastMutationId: last, results };
}

async function storeRefusal(
	trx: Db,
	clientId: string,
	mutation: PushRequest['mutations'][number],
	result: MutationResult,
	at: string
) {
	await trx
		.insertInto('mutation_results')
		.values({
			client_id: clientId,
			mutation_id: mutation.id,
			name: storableText(mutation.name),
			status: 'refused',
			code: result.code ?? null,
			path: JSON.stringify(result.path ?? []),
			detail:
				result.detail && Object.keys(result.detail).length > 0
					? JSON.stringify(result.detail)
					: null,
			at
		})
		.execute();
}

export const DEFAULT_PULL_LIMIT = 1000;

/**
 * Which of `tables` hold a row changed after `after` up to `head`, asked in one statement (an
 * index probe per table): a device that syncs every half minute mostly finds one table changed,
 * or none, and is then spared a query for each of the others. None when nothing changed at all.
 */
async function changedTables(
	trx: Db,
	tables: TableName[],
	after: number,
	head: number
): Promise<TableName[]> {
	if (after >= head || tables.length === 0) return [];
	const probes = tables.map(
		(table) =>
			sql`SELECT ${sql.lit(table)} AS name WHERE EXISTS (SELECT 1 FROM ${sql.table(table)} WHERE version > ${after} AND version <= ${head})`
	);
	const { rows } = await sql<{ name: TableName }>`${sql.join(probes, sql` UNION ALL `)}`.execute(
		trx
	);
	const changed = new Set(rows.map((r) => r.name));
	return tables.filter((t) => changed.has(t));
}

/**
 * The changed rows of `tables` in the actor's scope, oldest first across them all, at most
 * `limit`: one statement, each table's rows read in version order off its index and merged, so a
 * first download reads the page it sends rather than a page from every table.
 */
async function changedRows(
	trx: Db,
	tables: TableName[],
	scope: PullScope,
	after: number,
	head: number,
	limit: number
) {
	const arms = tables.flatMap((table) => {
		const filter = scope[table];
		if (filter === 'none') return [];
		let arm = trx
			.selectFrom(table as TableName)
			.select([sql.lit(table).as('source'), 'id', 'version', 'deleted', 'data'])
			.where('version', '>', after)
			.where('version', '<=', head);
		// The filter was written for this one table; the query is typed for any of them.
		if (filter !== 'all') arm = arm.where(filter as Filter<TableName>);
		return [arm];
	});
	const [first, ...rest] = arms;
	if (!first) return [];
	const merged = rest.reduce((query, arm) => query.unionAll(arm), first);
	const rows = await merged.orderBy('version').limit(limit).execute();
	return rows as ((typeof rows)[number] & { source: TableName })[];
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
		await ownClient(trx, request.clientId, actor.accountId);
		const last = await lastMutationId(trx, request.clientId);
		const head = await headVersion(trx);
		// A device one protocol version behind is not sent tables it does not know.
		const tables = tablesOfSchema(request.schemaVersion).filter((t) => scope[t] !== 'none');
		const changed = await changedTables(trx, tables, request.cursor, head);
		const rows = await changedRows(trx, changed, scope, request.cursor, head, limit + 1);
		const hasMore = rows.length > limit;
		const page = rows.slice(0, limit).map((row): Change => {
			const version = Number(row.version);
			const deleted = Number(row.deleted) === 1;
			return {
				table: row.source,
				id: row.id,
				version,
				deleted,
				row: deleted ? null : storedRow(row.source, { data: row.data, version })
			};
		});
		const cursor = hasMore ? (page[page.length - 1]?.version ?? request.cursor) : head;
		const readable = page as (Change & ReadCandidate)[];
		const facts = await loadFacts(trx, actor, readable);
		return {
			changes: readable.filter((c) => c.deleted || mayReceive(actor, c, facts)),
			cursor,
			hasMore,
			lastMutationId: last,
			results: await storedResults(trx, request.clientId, request.resultsAfter ?? last, last),
			headVersion: head
		};
	});
}
