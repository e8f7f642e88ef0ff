/**
 * The device's half of sync: push the outbox in order, pull changes since the cursor, rebase.
 *
 * Guarantees: an outbox entry leaves the device's queue only after a pull shows the server has
 * applied it (or refused it, in which case the refusal is kept for the user); pending entries are
 * replayed on top of every pull, so the screen shows server truth plus what is still waiting.
 */
import type { OpenedMember } from '$lib/domain/member-search';
import { factsOf, keepsOnlyHeldMembers, mayRead, type Actor } from '$lib/domain/permissions';
import { recordSchemas, type TableName, type Transfer } from '$lib/domain/schemas';
import {
	MAX_PUSH_MUTATIONS,
	pullResponseSchema,
	pushResponseSchema,
	SCHEMA_VERSION,
	type Change,
	type MutationResult,
	type PullResponse
} from '$lib/domain/sync';
import {
	baseKey,
	clientId,
	getMeta,
	setMeta,
	syncedTables,
	tablesFor,
	type LocalDb,
	type Refusal
} from './db';

/** Stay well under the server's 512 KB body limit. */
const MAX_PUSH_BYTES = 256 * 1024;
/**
 * Rows asked for in a pull's first page, and in each page after it. A sync that finds little
 * waits for no more than the first; a first download, written page by page while the next one
 * comes, spends less on each page's transaction and request in pages of 5,000 (a station of
 * 31,793 records: about 1.85 times raw IndexedDB puts in pages of 1,000, 1.6 in pages of 2,000,
 * 1.5 in pages of 5,000), and the small first page starts the writing sooner.
 */
export const PULL_FIRST_PAGE = 1000;
export const PULL_PAGE = 5000;

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** A sync request the server answered with an error the device must act on. */
export class SyncHttpError extends Error {
	constructor(
		readonly status: number,
		readonly code: string
	) {
		super(`sync ${status} ${code}`);
	}
}

async function post(fetcher: Fetch, url: string, body: unknown): Promise<unknown> {
	const response = await fetcher(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	if (!response.ok) {
		let code = 'http_error';
		try {
			code = ((await response.json()) as { code?: string }).code ?? code;
		} catch {
			// not JSON: keep the generic code
		}
		throw new SyncHttpError(response.status, code);
	}
	return response.json();
}

async function recordRefusals(db: LocalDb, results: MutationResult[]) {
	const refused = results.filter((r) => r.status === 'refused');
	if (refused.length === 0) return;
	await db.transaction('rw', db.outbox, db.refusals, async () => {
		for (const result of refused) {
			const entry = await db.outbox.get(result.id);
			if (!entry || (await db.refusals.get(result.id))) continue;
			const refusal: Refusal = {
				mutationId: result.id,
				name: entry.name,
				args: entry.args,
				code: result.code ?? 'refused',
				path: result.path ?? [],
				detail: result.detail ?? {},
				at: new Date().toISOString()
			};
			await db.refusals.put(refusal);
		}
	});
}

/** Splits the outbox into batches the server takes: by count and by size. */
function batches<T>(entries: T[]): T[][] {
	const out: T[][] = [];
	let current: T[] = [];
	let bytes = 0;
	for (const entry of entries) {
		const size = JSON.stringify(entry).length;
		if (
			current.length > 0 &&
			(current.length >= MAX_PUSH_MUTATIONS || bytes + size > MAX_PUSH_BYTES)
		) {
			out.push(current);
			current = [];
			bytes = 0;
		}
		current.push(entry);
		bytes += size;
	}
	if (current.length > 0) out.push(current);
	return out;
}

/** Sends every queued mutation the server has not acknowledged. Returns how many were sent. */
export async function pushOutbox(db: LocalDb, fetcher: Fetch, base = ''): Promise<number> {
	const id = await clientId(db);
	const acked = await getMeta(db, 'ackedThrough', 0);
	const entries = await db.outbox.where('id').above(acked).toArray();
	let sent = 0;
	const queue = batches(entries);
	while (queue.length > 0) {
		const batch = queue.shift()!;
		let raw: unknown;
		try {
			raw = await post(fetcher, `${base}/api/sync/push`, {
				clientId: id,
				schemaVersion: SCHEMA_VERSION,
				mutations: batch.map((e) => ({ id: e.id, name: e.name, args: e.args }))
			});
		} catch (error) {
			// Too large for the server after all: send it in halves, in the same order.
			if (error instanceof SyncHttpError && error.status === 413 && batch.length > 1) {
				const half = Math.ceil(batch.length / 2);
				queue.unshift(batch.slice(0, half), batch.slice(half));
				continue;
			}
			throw error;
		}
		const response = pushResponseSchema.parse(raw);
		await recordRefusals(db, response.results);
		await setMeta(db, 'ackedThrough', Math.max(acked, response.lastMutationId));
		sent += batch.length;
	}
	return sent;
}

type Replay = (typeof import('./mutate'))['replayLocally'];

/**
 * The rebase replays pending mutations, so it needs every mutation's rules (the registry and its
 * schemas). Loaded only when the outbox holds something: a device with nothing queued, such as a
 * first visit, never downloads them.
 */
let replay: Replay | undefined;

async function loadReplay(): Promise<Replay> {
	replay ??= (await import('./mutate')).replayLocally;
	return replay;
}

/** The outbox filled (another tab) after the rules were found not to be needed: load, start over. */
class ReplayNotLoaded extends Error {}

/** A page's transaction found the cursor elsewhere than where the page follows on from. */
class PageOutOfTurn extends Error {}

/**
 * Applies one pulled page in one transaction: put the server's copies back over local edits,
 * write the changes, drop what the server has acknowledged (on the last page only, when the
 * device holds everything up to the cursor) and replay what is still pending.
 *
 * `after`: the cursor the page follows on from. The transaction then checks that the device's
 * cursor is there, and writes nothing if it is not (the page before it was not written).
 */
export async function applyPull(db: LocalDb, page: PullResponse, after?: number): Promise<void> {
	await writeServerChanges(db, page.changes.map(checkChange), { page, after });
}

/**
 * Writes a member an admin opened (`POST /api/members/:id/open`) exactly as a pull page is
 * written, pending changes replayed on top, except that the cursor stays where it is and a row
 * the device already holds in a newer version (a pull came in between) keeps that version.
 */
export async function applyOpened(db: LocalDb, opened: OpenedMember): Promise<void> {
	await writeServerChanges(db, opened.changes.map(checkChange), { keepNewer: true });
}

interface WriteOptions {
	/** The pull page these changes came in: its cursor and acknowledgements are kept too. */
	page?: PullResponse;
	/** The cursor `page` follows on from: written only if the device's cursor is there. */
	after?: number;
	/** Leave a row alone where the device holds a newer version of it. */
	keepNewer?: boolean;
}

async function writeServerChanges(
	db: LocalDb,
	changes: (Change & { table: TableName })[],
	options: WriteOptions
): Promise<void> {
	// Loaded before the transaction: awaiting anything but Dexie inside it would end it. (A page
	// written while the one before it commits skips the count, which would wait for that commit:
	// its pull loaded them at its start if anything was queued, and the fallback below covers
	// anything queued since.)
	if (!replay && options.after === undefined && (await db.outbox.count()) > 0) await loadReplay();
	try {
		await writeOnce(db, changes, options);
	} catch (error) {
		if (!(error instanceof ReplayNotLoaded)) throw error;
		// Nothing of the aborted transaction was kept: do it again, with the rules at hand.
		await loadReplay();
		await writeOnce(db, changes, options);
	}
}

async function writeOnce(
	db: LocalDb,
	changes: (Change & { table: TableName })[],
	{ page, after, keepNewer = false }: WriteOptions
): Promise<void> {
	await db.transaction('rw', [...tablesFor(db), db.refusals], async () => {
		let fresh = changes;
		if (keepNewer) {
			await restoreBase(db, new Set());
			fresh = await notOlder(db, changes);
			await writeByTable(db, fresh);
		} else {
			// The page's rows first, before anything is read: the requests are made (and their
			// rows copied) at once, while the transaction may still wait for the one before it.
			// The server's copies put back over local edits are then only those of other records:
			// the page's own rows replace theirs, as they would have after them.
			const writing = writeByTable(db, fresh);
			if (after !== undefined && (await getMeta(db, 'cursor', 0)) !== after) {
				writing.catch(() => {}); // undone with the transaction
				throw new PageOutOfTurn();
			}
			await writing;
			await restoreBase(db, new Set(fresh.map((c) => baseKey(c.table, c.id))));
		}
		await dropMembersWhoLeft(db, fresh);
		if (page && !page.hasMore) {
			await db.outbox.where('id').belowOrEqual(page.lastMutationId).delete();
			await setMeta(
				db,
				'ackedThrough',
				Math.max(await getMeta(db, 'ackedThrough', 0), page.lastMutationId)
			);
		}
		const pending = await db.outbox.orderBy('id').toArray();
		if (pending.length > 0) {
			const apply = replay;
			if (!apply) throw new ReplayNotLoaded();
			// One the rules refuse now is left to the server; its refusal will reach the user.
			for (const entry of pending) await apply(db, entry);
		}
		if (page) await setMeta(db, 'cursor', page.cursor);
	});
}

/**
 * One bulk write per table: a page of a thousand rows is a few requests to IndexedDB instead of a
 * thousand, which is most of a first download's time. The requests are all made before the
 * returned promise is first awaited.
 */
function writeByTable(db: LocalDb, changes: (Change & { table: TableName })[]): Promise<unknown> {
	const requests: Promise<unknown>[] = [];
	for (const [table, { put, remove }] of byTable(changes)) {
		if (remove.length > 0) requests.push(db.table(table).bulkDelete(remove));
		if (put.length > 0) requests.push(db.table(table).bulkPut(put));
	}
	return Promise.all(requests);
}

/**
 * Puts the server's copies back over local edits (the rebase replays those edits afterwards),
 * except of the records in `skip`, and empties the base.
 */
async function restoreBase(db: LocalDb, skip: Set<string>): Promise<void> {
	for (const saved of await db.base.toArray()) {
		if (skip.has(saved.key)) continue;
		if (saved.row) await db.table(saved.table).put(saved.row);
		else await db.table(saved.table).delete(saved.id);
	}
	await db.base.clear();
}

/** The changes whose rows the device holds in no newer version (inside a transaction). */
async function notOlder(db: LocalDb, changes: (Change & { table: TableName })[]) {
	const kept: (Change & { table: TableName })[] = [];
	for (const change of changes) {
		const local = (await db.table(change.table).get(change.id)) as { version?: number } | undefined;
		if (!local || (local.version ?? 0) <= change.version) kept.push(change);
	}
	return kept;
}

/**
 * A device an admin used before her device kept only the members she holds received every member
 * of her scope, and would keep them, never updated, since the pull no longer sends them. Once, with
 * nothing waiting to be sent, it lets go of the members she did not register herself (the server
 * holds those for her) with their sign-ups, attendance and roster entries.
 */
export async function forgetMembersNotHeld(db: LocalDb): Promise<void> {
	const actor = await getMeta<Actor | null>(db, 'actor', null);
	if (!actor || !keepsOnlyHeldMembers(actor)) return;
	if (await getMeta(db, 'keepsHeldMembersOnly', false)) return;
	await db.transaction('rw', [...tablesFor(db)], async () => {
		if ((await db.outbox.count()) > 0) return;
		const all = await db.volunteers.toArray();
		const kept = new Set(all.filter((v) => v.registeredBy === actor.accountId).map((v) => v.id));
		await db.volunteers.bulkDelete(all.filter((v) => !kept.has(v.id)).map((v) => v.id));
		for (const table of [db.signups, db.attendance, db.roster] as const) {
			await (table as typeof db.signups)
				.filter((row) => !kept.has(row.volunteerId))
				.delete();
		}
		await setMeta(db, 'keepsHeldMembersOnly', true);
	});
}

/** A page's changes per table, the latest of each record winning: rows to put, ids to delete. */
function byTable(changes: (Change & { table: TableName })[]) {
	const latest = new Map<TableName, Map<string, Change>>();
	for (const change of changes) {
		let ofTable = latest.get(change.table);
		if (!ofTable) latest.set(change.table, (ofTable = new Map()));
		ofTable.delete(change.id);
		ofTable.set(change.id, change);
	}
	return [...latest].map(([table, ofTable]) => {
		const put: Record<string, unknown>[] = [];
		const remove: string[] = [];
		for (const change of ofTable.values()) {
			if (change.deleted || !change.row) remove.push(change.id);
			else put.push(change.row);
		}
		return [table, { put, remove }] as const;
	});
}

/**
 * A member who moved to another station leaves her old station's care, but the server never sends
 * her record there again (it is out of that device's scope now), so the device would keep it.
 * The accepted transfer does reach the old station: on it, the device drops her record when the
 * account it belongs to may no longer read it. Her history there (sign-ups) stays.
 */
async function dropMembersWhoLeft(db: LocalDb, changes: (Change & { table: TableName })[]) {
	const actor = await getMeta<Actor | null>(db, 'actor', null);
	if (!actor) return;
	for (const change of changes) {
		if (change.table !== 'transfers' || !change.row) continue;
		const transfer = change.row as unknown as Transfer;
		if (transfer.status !== 'accepted') continue;
		const member = await db.volunteers.get(transfer.volunteerId);
		if (!member || member.homeStationId === transfer.toStationId) continue;
		const moved = { ...member, homeStationId: transfer.toStationId };
		const facts = factsOf({ stations: [await db.stations.get(transfer.toStationId)] });
		if (!mayRead(actor, { table: 'volunteers', row: moved }, facts)) {
			await db.volunteers.delete(member.id);
		}
	}
}

/** Never trust the network's shape: every pulled row is checked against its table's schema. */
function checkChange(change: Change): Change & { table: TableName } {
	if (!(syncedTables as readonly string[]).includes(change.table)) {
		throw new Error(`pull: unknown table ${change.table}`);
	}
	const table = change.table as TableName;
	if (change.deleted || !change.row) return { ...change, table, row: null };
	return {
		...change,
		table,
		row: recordSchemas[table].parse(change.row) as Record<string, unknown>
	};
}

export interface PullProgress {
	cursor: number;
	headVersion: number;
	changes: number;
}

/** Pulls every page since the device's cursor. */
export async function pullChanges(
	db: LocalDb,
	fetcher: Fetch,
	base = '',
	onPage?: (progress: PullProgress) => void
): Promise<number> {
	const id = await clientId(db);
	// Moves only with the last page, so every page of this pull asks with the same value.
	const resultsAfter = await getMeta(db, 'ackedThrough', 0);
	const ask = (cursor: number, limit = PULL_PAGE) => {
		const answer = post(fetcher, `${base}/api/sync/pull`, {
			clientId: id,
			schemaVersion: SCHEMA_VERSION,
			cursor,
			limit,
			resultsAfter
		});
		// Not awaited if writing the page before it fails; its own failure is then of no interest.
		answer.catch(() => {});
		return answer;
	};
	// The rebase's rules, if anything is queued: its pages skip asking (see writeServerChanges).
	if (!replay && (await db.outbox.count()) > 0) await loadReplay();
	const start = await getMeta(db, 'cursor', 0);
	let total = 0;
	let next = ask(start, PULL_FIRST_PAGE);
	/** The page before, still being written, and the progress it reports once written. */
	let before: { written: Promise<void>; progress: PullProgress } | undefined;
	for (;;) {
		const page = pullResponseSchema.parse(await next);
		// The next page is asked for before this one is written: the server reads and sends it
		// while the device writes, instead of each waiting for the other. Its rows follow this
		// page's cursor, which is written with this page; if writing fails, it is never used.
		if (page.hasMore) next = ask(page.cursor);
		if (page.results.some((r) => r.status === 'refused')) {
			await before?.written;
			await recordRefusals(db, page.results);
		}
		// Checked and handed to IndexedDB while the page before commits; its transaction starts
		// once that one has ended, and writes only if it moved the cursor to where this page
		// follows on from. If the page before was written some other way (its rules loaded and
		// tried again), this one is written again after it.
		const previous = before?.written ?? Promise.resolve();
		const from = before?.progress.cursor ?? start;
		const written = applyPull(db, page, from).catch(async (error: unknown) => {
			if (!(error instanceof PageOutOfTurn)) throw error;
			await previous;
			await applyPull(db, page, from);
		});
		// Awaited below, or left when the page before failed (and with it this one).
		written.catch(() => {});
		await previous;
		if (before) onPage?.(before.progress);
		total += page.changes.length;
		const progress = { cursor: page.cursor, headVersion: page.headVersion, changes: total };
		if (!page.hasMore) {
			await written;
			onPage?.(progress);
			return total;
		}
		before = { written, progress };
	}
}

/** One full round: push, then pull (which also brings what others changed meanwhile). */
export async function syncOnce(
	db: LocalDb,
	fetcher: Fetch,
	base = '',
	onPage?: (p: PullProgress) => void
) {
	const pushed = await pushOutbox(db, fetcher, base);
	await forgetMembersNotHeld(db);
	const pulled = await pullChanges(db, fetcher, base, onPage);
	return { pushed, pulled };
}
