import { describe, expect, it } from 'vitest';
import { demoData } from '$lib/domain/demo';
import { SCHEMA_VERSION } from '$lib/domain/sync';
import { testServer } from '$lib/testing/harness';
import { closeEndedShifts } from './attendance-closing';
import { systemActor } from './authorization';
import { decodeRow } from './record-store';
import { loadDemoData } from './seed';
import { pull } from './sync';

const today = new Date('2026-03-01T00:00:00Z');

describe('closing ended shifts by the server’s clock', () => {
	it('closes the shifts that ended, once each, and devices receive them closed', async () => {
		const db = await testServer();
		await loadDemoData(db, { today, stations: 2, members: 20, projects: 2 });
		const { pastProjectId } = demoData({ today, stations: 2, members: 20, projects: 2 });
		const before = await pull(
			db,
			{ clientId: crypto.randomUUID(), schemaVersion: SCHEMA_VERSION, cursor: 0, limit: 2000 },
			systemActor
		);

		// Of the past activity's two shifts, last week's was verified (closed with it) and the
		// day before yesterday's is still open: the only one due.
		expect(await closeEndedShifts(db, today.toISOString())).toBe(1);
		expect(await closeEndedShifts(db, today.toISOString())).toBe(0);

		const after = await pull(
			db,
			{ clientId: crypto.randomUUID(), schemaVersion: SCHEMA_VERSION, cursor: before.cursor },
			systemActor
		);
		const shifts = after.changes.filter((c) => c.table === 'shifts');
		expect(shifts).toHaveLength(1);
		expect(shifts[0]!.row).toMatchObject({
			projectId: pastProjectId,
			attendanceClosedAt: today.toISOString()
		});
		// Nothing ahead is touched.
		const open = await db
			.selectFrom('shifts')
			.select(['data', 'version'])
			.where('closing_due', 'is not', null)
			.execute();
		for (const row of open)
			expect(Date.parse(decodeRow('shifts', row).end)).toBeGreaterThan(today.getTime());
	});
});
