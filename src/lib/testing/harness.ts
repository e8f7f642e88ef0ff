/**
 * Test wiring: a real server database (SQLite in memory, or a fresh PostgreSQL database in the
 * `postgres` vitest project) and devices with their own fake-indexeddb databases, joined by a
 * `fetch` that calls the real sync handlers.
 */
import { openLocalDb, type LocalDb } from '$lib/client/data/db';
import type { Fetch } from '$lib/client/data/sync';
import { tableNames, type Rows, type TableName } from '$lib/domain/schemas';
import { pullRequestSchema, pushRequestSchema } from '$lib/domain/sync';
import { systemActor } from '$lib/server/authorization';
import type { Db } from '$lib/server/database';
import { decodeRow } from '$lib/server/record-store';
import { MutationGapError, pull, push } from '$lib/server/sync';
import { testDatabase } from './test-databases';

/** A fresh, migrated server database on the database this vitest project tests. */
export function testServer(): Promise<Db> {
	return testDatabase();
}

/** Every live record of every table. */
export type LiveRecords = { [T in TableName]: Rows[T][] };

/** Every live record of every table, read straight from the server's SQL. */
export async function readLiveRecords(db: Db): Promise<LiveRecords> {
	const loaded = {} as Record<TableName, unknown[]>;
	for (const table of tableNames) {
		const rows = await db
			.selectFrom(table as TableName)
			.select(['data', 'version'])
			.where('deleted', '=', 0)
			.execute();
		loaded[table] = rows.map((r) => decodeRow(table, r));
	}
	return loaded as LiveRecords;
}

/** A fetch that reaches the real push and pull handlers, as the HTTP endpoints do. */
export function serverFetch(db: Db): Fetch {
	return async (url, init) => {
		const body: unknown = JSON.parse(String(init.body));
		if (url.endsWith('/api/sync/push')) {
			try {
				return Response.json(await push(db, pushRequestSchema.parse(body), systemActor));
			} catch (error) {
				if (error instanceof MutationGapError) {
					return Response.json({ code: 'mutation_gap' }, { status: 409 });
				}
				throw error;
			}
		}
		if (url.endsWith('/api/sync/pull')) {
			return Response.json(await pull(db, pullRequestSchema.parse(body), systemActor));
		}
		return new Response('not found', { status: 404 });
	};
}

let devices = 0;
export function testDevice(): LocalDb {
	return openLocalDb(`test-device-${++devices}-${crypto.randomUUID()}`);
}
