import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openSqlite } from './database';
import { migrate, migrations, type Migration } from './migrations';

interface Column {
	name: string;
	type: string;
	notnull: number;
	dflt_value: string | null;
}
type Shape = Map<string, Column[]>;

/** Every table's columns, as SQLite reports them. */
async function shapeOf(db: Kysely<unknown>): Promise<Shape> {
	const tables = await sql<{ name: string }>`
		SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(db);
	const shape: Shape = new Map();
	for (const { name } of tables.rows) {
		const columns = await sql<Column>`SELECT * FROM pragma_table_info(${name})`.execute(db);
		shape.set(name, columns.rows);
	}
	return shape;
}

/**
 * What a migration did that an older device or server build could not live with: a table or
 * column gone (a rename is a drop plus an add), a column's type changed, or a new NOT NULL
 * column without a default (every insert that does not know it would fail).
 */
function destructiveChanges(before: Shape, after: Shape): string[] {
	const problems: string[] = [];
	for (const [table, columns] of before) {
		const now = after.get(table);
		if (!now) {
			problems.push(`table ${table} dropped`);
			continue;
		}
		for (const column of columns) {
			const kept = now.find((c) => c.name === column.name);
			if (!kept) problems.push(`column ${table}.${column.name} dropped or renamed`);
			else if (kept.type !== column.type) problems.push(`column ${table}.${column.name} retyped`);
		}
		for (const added of now.filter((c) => !columns.some((old) => old.name === c.name))) {
			if (added.notnull && added.dflt_value === null) {
				problems.push(`column ${table}.${added.name} added NOT NULL without a default`);
			}
		}
	}
	return problems;
}

/** Applies migrations one by one, as `migrate` does, and reports each one's destructive changes. */
async function replay(list: Migration[]) {
	const db = openSqlite(':memory:') as unknown as Kysely<unknown>;
	const report: Record<string, string[]> = {};
	for (const migration of list) {
		const before = await shapeOf(db);
		await db.transaction().execute((trx) => migration.up(trx));
		report[`${migration.id} ${migration.name}`] = destructiveChanges(
			before,
			await shapeOf(db)
		).sort();
	}
	return report;
}

describe('migrations', () => {
	// Numbers are handed out ahead to work going on side by side, so one may be missing until
	// that work lands: they only ever grow.
	it('are numbered in rising order, each number once', () => {
		const ids = migrations.map((m) => m.id);
		expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
		expect(ids[0]).toBe(1);
	});

	it('only ever add: no drop, rename, retype or NOT NULL column without a default', async () => {
		const report = await replay(migrations);
		expect(Object.entries(report).filter(([, problems]) => problems.length > 0)).toEqual([]);
	});

	it('would be caught if a later one dropped, renamed or added a required column', async () => {
		const later: Migration = {
			id: migrations.length + 1,
			name: 'a destructive example',
			async up(db) {
				await db.schema.alterTable('shifts').dropColumn('station_id').execute();
				await db.schema.alterTable('volunteers').renameColumn('name', 'full_name').execute();
				await db.schema
					.alterTable('projects')
					.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
					.execute();
				// SQLite's way to add a required column: rebuild the table.
				await db.schema
					.createTable('demo_next')
					.addColumn('id', 'integer', (c) => c.primaryKey())
					.addColumn('loaded_at', 'text', (c) => c.notNull())
					.addColumn('owner', 'text', (c) => c.notNull())
					.execute();
				await db.schema.dropTable('demo').execute();
				await db.schema.alterTable('demo_next').renameTo('demo').execute();
				await db.schema.dropTable('counters').execute();
			}
		};
		const report = await replay([...migrations, later]);
		expect(report[`${later.id} ${later.name}`]).toEqual(
			[
				'column volunteers.name dropped or renamed',
				'column volunteers.full_name added NOT NULL without a default',
				'column shifts.station_id dropped or renamed',
				'column demo.owner added NOT NULL without a default',
				'table counters dropped'
			].sort()
		);
	});

	it('run a second time as a no-op', async () => {
		const db = openSqlite(':memory:');
		const version = await migrate(db);
		const schema = () =>
			sql<{ sql: string }>`SELECT sql FROM sqlite_master ORDER BY name`.execute(db);
		const before = (await schema()).rows;
		const applied = await db.selectFrom('migrations').selectAll().execute();
		await sql`UPDATE counters SET value = 41 WHERE name = 'server_version'`.execute(db);

		expect(await migrate(db)).toBe(version);
		expect((await schema()).rows).toEqual(before);
		expect(await db.selectFrom('migrations').selectAll().execute()).toEqual(applied);
		const counter = await db.selectFrom('counters').select('value').executeTakeFirstOrThrow();
		expect(Number(counter.value)).toBe(41);
	});
});
