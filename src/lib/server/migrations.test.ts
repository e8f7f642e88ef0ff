import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	createPostgresDatabase,
	openPostgresDatabase,
	testDatabase,
	testDatabaseKind
} from '$lib/testing/test-databases';
import { openSqlite, type Db } from './database';
import { latestMigration, migrate, migrations, type Migration } from './migrations';

interface Column {
	table: string;
	name: string;
	type: string;
	notnull: number | boolean;
	dflt_value: string | null;
}
type Shape = Map<string, Column[]>;

/** Every column of every table, as the database reports them. */
async function columnsOf<DB>(db: Kysely<DB>): Promise<Column[]> {
	if (testDatabaseKind() === 'postgres') {
		const columns = await sql<Column>`
			SELECT table_name AS table, column_name AS name, data_type AS type,
				is_nullable = 'NO' AS notnull, column_default AS dflt_value
			FROM information_schema.columns WHERE table_schema = current_schema()
			ORDER BY table_name, ordinal_position`.execute(db);
		return columns.rows;
	}
	const columns = await sql<Column>`
		SELECT m.name AS "table", c.name, c.type, c."notnull", c.dflt_value
		FROM sqlite_master m JOIN pragma_table_info(m.name) c
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
		ORDER BY m.name, c.cid`.execute(db);
	return columns.rows;
}

async function shapeOf(db: Kysely<unknown>): Promise<Shape> {
	const shape: Shape = new Map();
	for (const column of await columnsOf(db)) {
		shape.set(column.table, [...(shape.get(column.table) ?? []), column]);
	}
	return shape;
}

/** The whole schema, tables and indexes, to tell whether anything changed. */
async function schemaOf<DB>(db: Kysely<DB>): Promise<unknown[]> {
	if (testDatabaseKind() === 'postgres') {
		const indexes = await sql`
			SELECT indexname, indexdef FROM pg_indexes
			WHERE schemaname = current_schema() ORDER BY indexname`.execute(db);
		return [...(await columnsOf(db)), ...indexes.rows];
	}
	return (await sql`SELECT sql FROM sqlite_master ORDER BY name`.execute(db)).rows;
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
	const db = (await testDatabase({ migrated: false })) as unknown as Kysely<unknown>;
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
			id: latestMigration() + 1,
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
		const db = await testDatabase({ migrated: false });
		const version = await migrate(db);
		const before = await schemaOf(db);
		const applied = await db.selectFrom('migrations').selectAll().execute();
		await sql`UPDATE counters SET value = 41 WHERE name = 'server_version'`.execute(db);

		expect(await migrate(db)).toBe(version);
		expect(await schemaOf(db)).toEqual(before);
		expect(await db.selectFrom('migrations').selectAll().execute()).toEqual(applied);
		const counter = await db.selectFrom('counters').select('value').executeTakeFirstOrThrow();
		expect(Number(counter.value)).toBe(41);
	});
});

/** The real migrations, each counting how often it ran. */
function counted() {
	const runs = new Map<number, number>();
	const list = migrations.map((m): Migration => ({
		...m,
		async up(db) {
			runs.set(m.id, (runs.get(m.id) ?? 0) + 1);
			await m.up(db);
		}
	}));
	return { list, runs };
}

async function expectMigratedOnce(db: Db, runs: Map<number, number>) {
	expect(Object.fromEntries(runs)).toEqual(Object.fromEntries(migrations.map((m) => [m.id, 1])));
	const applied = await db.selectFrom('migrations').select('id').orderBy('id').execute();
	expect(applied.map((r) => Number(r.id))).toEqual(migrations.map((m) => m.id));
	const counter = await db.selectFrom('counters').select('value').execute();
	expect(counter.map((c) => Number(c.value))).toEqual([0]);
}

describe('migration 8, members an admin holds', () => {
	it('holds for each admin the members she registered before, and for nobody else', async () => {
		const db = await testDatabase({ migrated: false });
		await migrate(
			db,
			migrations.filter((m) => m.id < 8)
		);
		const now = new Date().toISOString();
		const account = (id: string, role: string) => ({
			id,
			username: id,
			password_hash: 'x',
			role,
			display_name: id,
			created_at: now,
			updated_at: now
		});
		await db
			.insertInto('accounts')
			.values([account('admin', 'district_admin'), account('worker', 'station_worker')])
			.execute();
		let n = 0;
		const member = (id: string, registeredBy: string | null, deleted = 0) => ({
			id,
			version: 1,
			deleted,
			data: JSON.stringify({ id, registeredBy }),
			phone: `1390000000${++n}`,
			name: id,
			district: 'dongcheng',
			home_station_id: null,
			status: 'active',
			registered_month: ''
		});
		await db
			.insertInto('volunteers')
			.values([
				member('mine', 'admin'),
				member('theirs', 'worker'),
				member('self', null),
				member('gone', 'admin', 1)
			])
			.execute();
		await migrate(db);
		const holds = await db
			.selectFrom('member_holds')
			.select(['account_id', 'volunteer_id'])
			.execute();
		expect(holds).toEqual([{ account_id: 'admin', volunteer_id: 'mine' }]);
	});
});

describe('migrations when several servers start at once', () => {
	it.runIf(testDatabaseKind() === 'postgres')(
		'apply each migration once on PostgreSQL, the others waiting for the first',
		async () => {
			const name = await createPostgresDatabase('template1');
			const servers = Array.from({ length: 6 }, () => openPostgresDatabase(name));
			const { list, runs } = counted();
			const versions = await Promise.all(servers.map((db) => migrate(db, list)));
			expect(versions).toEqual(servers.map(() => latestMigration()));
			await expectMigratedOnce(servers[0]!, runs);
		}
	);

	it.runIf(testDatabaseKind() === 'sqlite')(
		'hold SQLite’s write lock for the whole run, so a second server waits for it',
		async () => {
			const dir = mkdtempSync(join(tmpdir(), 'vs-migrate-'));
			const file = join(dir, 'server.sqlite');
			const first = openSqlite(file);
			const second = openSqlite(file);
			try {
				const { list, runs } = counted();
				let inside!: () => void;
				let resume!: () => void;
				const reached = new Promise<void>((r) => (inside = r));
				const gate = new Promise<void>((r) => (resume = r));
				const last = list[list.length - 1]!;
				list[list.length - 1] = {
					...last,
					async up(db) {
						inside();
						await gate;
						await last.up(db);
					}
				};
				// An upgrade: the first migrations ran at an earlier start, the last one is new.
				await migrate(first, list.slice(0, -1));
				const running = migrate(first, list);
				await reached;
				// Another process, midway through the first one's migrations, cannot start its own.
				const other = new Database(file, { timeout: 0 });
				expect(() => other.prepare('BEGIN IMMEDIATE').run()).toThrow(/locked|busy/i);
				other.close();
				resume();
				await running;
				await migrate(second, list);
				await expectMigratedOnce(second, runs);
			} finally {
				await first.destroy();
				await second.destroy();
				rmSync(dir, { recursive: true, force: true });
			}
		}
	);
});
