/**
 * Released migrations are never edited: a server that ran one must end with the same tables as a
 * new server that runs it now. `released-schema.json` holds, after each released migration, the
 * SQL of every table and index as SQLite keeps it; replaying the migrations must give exactly
 * that. A new migration adds its entry (the failure prints it); an edit to a released one fails.
 */
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import released from './released-schema.json';
import { openSqlite } from './database';
import { migrations } from './migrations';

type Snapshot = Record<string, { name: string; schema: Record<string, string> }>;

async function schemaOf(db: Kysely<unknown>): Promise<Record<string, string>> {
	const rows = await sql<{ name: string; sql: string | null }>`
		SELECT name, sql FROM sqlite_master
		WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL ORDER BY name`.execute(db);
	return Object.fromEntries(rows.rows.map((r) => [r.name, (r.sql ?? '').replace(/\s+/g, ' ')]));
}

describe('released migrations', () => {
	it('give the schema they gave when released, each of them', async () => {
		const db = openSqlite(':memory:') as unknown as Kysely<unknown>;
		const now: Snapshot = {};
		for (const migration of migrations) {
			await db.transaction().execute((trx) => migration.up(trx));
			now[String(migration.id)] = { name: migration.name, schema: await schemaOf(db) };
		}
		const snapshot = released as Snapshot;
		for (const [id, entry] of Object.entries(snapshot)) {
			expect(now[id], `migration ${id} was released and must stay as it was`).toEqual(entry);
		}
		const unreleased = Object.keys(now).filter((id) => !(id in snapshot));
		expect(
			unreleased,
			`add these to src/lib/server/released-schema.json when they ship:\n${JSON.stringify(
				Object.fromEntries(unreleased.map((id) => [id, now[id]])),
				null,
				'\t'
			)}`
		).toEqual([]);
	});
});
