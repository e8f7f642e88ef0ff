/**
 * Writes are stamped with their versions at the end of their transaction (`writeTransaction`), so
 * on PostgreSQL the version counter is held for one statement, not a whole push: writers of
 * different records run side by side, versions still commit in order, and a deadlock between two
 * writers is undone by the database and run again.
 */
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '$lib/domain/sync';
import { tableNames, type TableName } from '$lib/domain/schemas';
import { at, phoneNo, registration, station } from '$lib/testing/fixtures';
import { testServer } from '$lib/testing/harness';
import { testDatabaseKind } from '$lib/testing/test-databases';
import { systemActor } from './authorization';
import type { Db } from './database';
import { headVersion, SqlRecordStore, writeTransaction } from './record-store';
import { pull, push } from './sync';

const onPostgres = testDatabaseKind() === 'postgres';

const head = (db: Db) => db.transaction().execute(headVersion);

async function versionOf(db: Db, id: string): Promise<number> {
	const row = await db
		.selectFrom('stations')
		.select('version')
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
	return Number(row.version);
}

/** Rows of every table still carrying the placeholder version: none may ever be committed. */
async function unstamped(db: Db): Promise<number> {
	let count = 0;
	for (const table of tableNames) {
		const rows = await db
			.selectFrom(table as TableName)
			.select('id')
			.where('version', '=', 0)
			.execute();
		count += rows.length;
	}
	return count;
}

/** A promise with its resolve, to make two transactions meet at a known point. */
function gate() {
	let open = () => {};
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { open, opened };
}

async function stations(db: Db, n: number) {
	const rows = Array.from({ length: n }, (_, i) => station({ name: `测试服务站${i + 1}` }));
	await db.transaction().execute(async (trx) => {
		for (const row of rows) await new SqlRecordStore(trx).put('stations', row);
	});
	return rows;
}

describe('versions stamped at the end of a write transaction', () => {
	it('gives each row the version of its last write, as if each write had taken one', async () => {
		const db = await testServer();
		const [a, b] = await stations(db, 2);
		const before = await head(db);
		await writeTransaction(db, async (trx, versions) => {
			const store = new SqlRecordStore(trx, versions);
			await store.put('stations', { ...a!, name: '第一次' });
			await store.put('stations', { ...b!, name: '第二次' });
			await store.put('stations', { ...a!, name: '第三次' });
		});
		expect(await head(db)).toBe(before + 3);
		expect(await versionOf(db, b!.id)).toBe(before + 2);
		expect(await versionOf(db, a!.id)).toBe(before + 3);
		expect(await unstamped(db)).toBe(0);
	});

	it('stamps more rows than one statement takes', async () => {
		const db = await testServer();
		const before = await head(db);
		const rows = Array.from({ length: 1001 }, () => station());
		await writeTransaction(db, async (trx, versions) => {
			const store = new SqlRecordStore(trx, versions);
			for (const row of rows) await store.put('stations', row);
		});
		expect(await head(db)).toBe(before + rows.length);
		expect(await versionOf(db, rows[1000]!.id)).toBe(before + 1001);
		expect(await unstamped(db)).toBe(0);
	});

	it('stamps no write of a mutation refused halfway, and every write of the others', async () => {
		const db = await testServer();
		const clientId = crypto.randomUUID();
		const before = await head(db);
		const answer = await push(
			db,
			{
				clientId,
				schemaVersion: SCHEMA_VERSION,
				mutations: [
					{ id: 1, name: 'volunteer.register', args: registration({ phone: phoneNo(1) }) },
					{ id: 2, name: 'volunteer.register', args: registration({ phone: phoneNo(1) }) },
					{ id: 3, name: 'volunteer.register', args: registration({ phone: phoneNo(3) }) }
				]
			},
			systemActor,
			() => at()
		);
		expect(answer.results.map((r) => r.status)).toEqual(['applied', 'refused', 'applied']);
		expect(await unstamped(db)).toBe(0);
		const pulled = await pull(
			db,
			{ clientId, schemaVersion: SCHEMA_VERSION, cursor: before },
			systemActor
		);
		expect(pulled.changes.filter((c) => c.table === 'volunteers')).toHaveLength(2);
		expect(pulled.cursor).toBe(await head(db));
	});

	it.skipIf(!onPostgres)(
		'lets a writer commit while another is still open, and a pull never passes the open one',
		async () => {
			const db = await testServer();
			const [slow, quick] = await stations(db, 2);
			const before = await head(db);
			const wrote = gate();
			const finish = gate();
			const slowDone = writeTransaction(db, async (trx, versions) => {
				await new SqlRecordStore(trx, versions).put('stations', { ...slow!, name: '慢的' });
				wrote.open();
				await finish.opened;
			});
			await wrote.opened;
			// The slow writer holds its row but not the counter: this one commits meanwhile.
			await writeTransaction(db, (trx, versions) =>
				new SqlRecordStore(trx, versions).put('stations', { ...quick!, name: '快的' })
			);
			const clientId = crypto.randomUUID();
			const first = await pull(
				db,
				{ clientId, schemaVersion: SCHEMA_VERSION, cursor: before },
				systemActor
			);
			expect(first.changes.map((c) => c.id)).toEqual([quick!.id]);
			finish.open();
			await slowDone;
			const second = await pull(
				db,
				{ clientId, schemaVersion: SCHEMA_VERSION, cursor: first.cursor },
				systemActor
			);
			expect(second.changes.map((c) => c.id)).toEqual([slow!.id]);
			expect(await versionOf(db, slow!.id)).toBeGreaterThan(await versionOf(db, quick!.id));
		}
	);

	it.skipIf(!onPostgres)(
		'runs again the writer the database undid to end a deadlock',
		async () => {
			const db = await testServer();
			const [x, y] = await stations(db, 2);
			const xLocked = gate();
			const yLocked = gate();
			let runs = 0;
			// Each takes one row, waits for the other to take the other, then wants it too.
			const one = writeTransaction(db, async (trx, versions) => {
				runs++;
				const store = new SqlRecordStore(trx, versions);
				await store.get('stations', x!.id);
				xLocked.open();
				await yLocked.opened;
				await store.get('stations', y!.id);
				await store.put('stations', { ...x!, name: '一' });
			});
			const other = writeTransaction(db, async (trx, versions) => {
				runs++;
				const store = new SqlRecordStore(trx, versions);
				await store.get('stations', y!.id);
				yLocked.open();
				await xLocked.opened;
				await store.get('stations', x!.id);
				await store.put('stations', { ...y!, name: '二' });
			});
			await Promise.all([one, other]);
			expect(runs).toBe(3);
			const names = await db
				.selectFrom('stations')
				.select('data')
				.where('id', 'in', [x!.id, y!.id])
				.execute();
			expect(names.map((r) => (JSON.parse(r.data) as { name: string }).name).sort()).toEqual([
				'一',
				'二'
			]);
		},
		30_000
	);
});
