import { describe, expect, it } from 'vitest';
import { tableNames, type TableName } from '$lib/domain/schemas';
import { SCHEMA_VERSION, type Change } from '$lib/domain/sync';
import { testServer } from '$lib/testing/harness';
import { activeMember, at, must, openShift, serverSide } from '$lib/testing/fixtures';
import { systemActor } from './authorization';
import type { Db } from './database';
import { decodeRow, headVersion } from './record-store';
import { loadDemoData } from './seed';
import { pull, push } from './sync';

const clientId = crypto.randomUUID();

function pullFrom(db: Db, cursor: number, limit?: number) {
	return pull(db, { clientId, schemaVersion: SCHEMA_VERSION, cursor, limit }, systemActor);
}

/** A server with rows in every table, several of them written more than once. */
async function busyServer() {
	const db = await testServer();
	const side = serverSide(db);
	const { shiftId } = await openShift(side, 1);
	for (const n of [1, 2, 3]) {
		const volunteerId = await activeMember(side, n);
		await must(side, 'signup.request', {
			id: crypto.randomUUID(),
			shiftId,
			volunteerId,
			at: at(10 + n)
		});
	}
	return db;
}

const key = (c: Change) => `${c.table}:${c.id}`;

describe('pull', () => {
	it('walks every change exactly once in pages, with a cursor and hasMore', async () => {
		const db = await busyServer();
		const everything = await pullFrom(db, 0);
		expect(everything.hasMore).toBe(false);
		expect(new Set(everything.changes.map((c) => c.table))).toEqual(
			// Each sign-up brings the roster its station's tablets show.
			new Set(['stations', 'volunteers', 'projects', 'shifts', 'signups', 'roster'])
		);

		const seen: Change[] = [];
		let cursor = 0;
		let pages = 0;
		for (;;) {
			const page = await pullFrom(db, cursor, 2);
			expect(page.changes.length).toBeLessThanOrEqual(2);
			seen.push(...page.changes);
			pages++;
			if (!page.hasMore) {
				expect(page.cursor).toBe(everything.cursor);
				break;
			}
			expect(page.cursor).toBeGreaterThan(cursor);
			cursor = page.cursor;
		}
		expect(pages).toBeGreaterThan(3);
		expect(seen.map(key)).toEqual(everything.changes.map(key));
		expect(new Set(seen.map(key)).size).toBe(seen.length);
	});

	it('returns only what changed after the cursor', async () => {
		const db = await busyServer();
		const first = await pullFrom(db, 0);
		const side = serverSide(db);
		const member = first.changes.find((c) => c.table === 'volunteers')!;
		await must(side, 'volunteer.update', {
			id: member.id,
			changes: { availability: '晚上' },
			at: at(60)
		});
		const next = await pullFrom(db, first.cursor);
		expect(next.changes).toHaveLength(1);
		expect(next.changes[0]).toMatchObject({
			table: 'volunteers',
			id: member.id,
			deleted: false,
			row: { availability: '晚上' }
		});
		expect(next.changes[0]!.version).toBeGreaterThan(first.cursor);
		expect(await pullFrom(db, next.cursor)).toMatchObject({ changes: [], hasMore: false });
	});

	it('gives every write a larger version than the one before', async () => {
		const db = await busyServer();
		const { changes, cursor, headVersion: head } = await pullFrom(db, 0);
		const versions = changes.map((c) => c.version);
		expect(versions).toEqual([...versions].sort((a, b) => a - b));
		expect(new Set(versions).size).toBe(versions.length);
		expect(cursor).toBe(head);
		expect(head).toBe(await db.transaction().execute(headVersion));
		expect(Math.max(...versions)).toBe(head);
	});

	it('tells the device how far its pushes have been applied, with stored refusals', async () => {
		const db = await testServer();
		await push(
			db,
			{
				clientId,
				schemaVersion: SCHEMA_VERSION,
				mutations: [
					{ id: 1, name: 'project.publish', args: { id: crypto.randomUUID(), at: at() } },
					{ id: 2, name: 'volunteer.teleport', args: {} }
				]
			},
			systemActor
		);
		const answer = await pull(
			db,
			{ clientId, schemaVersion: SCHEMA_VERSION, cursor: 0, resultsAfter: 0 },
			systemActor
		);
		expect(answer.lastMutationId).toBe(2);
		expect(answer.results.map((r) => [r.id, r.code])).toEqual([
			[1, 'not_found'],
			[2, 'unknown_mutation']
		]);
		const caughtUp = await pull(
			db,
			{ clientId, schemaVersion: SCHEMA_VERSION, cursor: 0, resultsAfter: 2 },
			systemActor
		);
		expect(caughtUp.results).toEqual([]);
	});

	it('sends each row as its schema reads it, with the defaults of fields added since it was stored', async () => {
		const db = await testServer();
		await loadDemoData(db, { members: 40, projects: 6, stations: 6 });
		// Rows written before a field existed: the stored JSON lacks it.
		const older: [TableName, string][] = [
			['stations', 'street'],
			['stations', 'status'],
			['volunteers', 'readiness'],
			['volunteers', 'birthDate'],
			['projects', 'coOrganizerIds'],
			['projects', 'teamId']
		];
		for (const [table, field] of older) {
			const row = await db
				.selectFrom(table)
				.select(['id', 'data'])
				.limit(1)
				.executeTakeFirstOrThrow();
			const { [field]: _dropped, ...data } = JSON.parse(row.data) as Record<string, unknown>;
			await db
				.updateTable(table)
				.set({ data: JSON.stringify(data) })
				.where('id', '=', row.id)
				.execute();
		}
		const { changes, hasMore } = await pullFrom(db, 0, 100_000);
		expect(hasMore).toBe(false);
		const stored = new Map<string, unknown>();
		for (const table of tableNames) {
			const rows = await db
				.selectFrom(table)
				.select(['id', 'data', 'version'])
				.where('deleted', '=', 0)
				.execute();
			for (const row of rows) stored.set(`${table}:${row.id}`, decodeRow(table, row));
		}
		const live = changes.filter((c) => !c.deleted);
		// Every row the demo data has, of each of its tables, the altered ones included.
		expect(live.length).toBe(stored.size);
		for (const change of live) expect(change.row).toEqual(stored.get(key(change)));
	});
});
