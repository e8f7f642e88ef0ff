import { beforeAll, describe, expect, it } from 'vitest';
import { holdsPlace } from '$lib/domain/attendance';
import { SCHEMA_VERSION } from '$lib/domain/sync';
import type { Rows } from '$lib/domain/schemas';
import { testServer } from '$lib/testing/harness';
import { systemActor } from './authorization';
import type { Db } from './database';
import { isEmpty, loadDemoData } from './seed';
import { pull } from './sync';

type Loaded = { [T in keyof Rows]: Rows[T][] };

/** The full default demo data, loaded once into an empty server and read back through a pull. */
let db: Db;
let rows: Loaded;

beforeAll(async () => {
	db = await testServer();
	expect(await isEmpty(db)).toBe(true);
	await loadDemoData(db, { today: new Date('2026-03-01T00:00:00Z') });
	const page = await pull(
		db,
		{ clientId: crypto.randomUUID(), schemaVersion: SCHEMA_VERSION, cursor: 0, limit: 5000 },
		systemActor
	);
	expect(page.hasMore).toBe(false);
	rows = {
		stations: [],
		volunteers: [],
		projects: [],
		shifts: [],
		signups: [],
		attendance: [],
		roster: [],
		hoursRules: [],
		staff: [],
		transfers: [],
		callouts: [],
		calloutResponses: [],
		teams: [],
		organizations: [],
		pairings: [],
		pairingActivities: [],
		helpedPeople: [],
		carePairings: [],
		careVisits: []
	};
	for (const change of page.changes) {
		(rows[change.table as keyof Rows] as unknown[]).push(change.row);
	}
});

describe('demo data on a fresh server', () => {
	it('has stations across Beijing, one of them in 西总布, Dongcheng', async () => {
		expect(await isEmpty(db)).toBe(false);
		expect(rows.stations.length).toBeGreaterThanOrEqual(30);
		expect(rows.stations.some((s) => s.community === '西总布' && s.district === 'dongcheng')).toBe(
			true
		);
	});

	it('has hundreds of members, the demo member 13800000001 among them', () => {
		expect(rows.volunteers.length).toBeGreaterThanOrEqual(500);
		expect(rows.volunteers.filter((v) => v.phone === '13800000001')).toHaveLength(1);
	});

	it('has published projects with shifts, and drafts', () => {
		expect(rows.projects.length).toBeGreaterThanOrEqual(40);
		expect(rows.projects.some((p) => p.status === 'draft')).toBe(true);
		const published = rows.projects.filter((p) => p.status === 'published');
		expect(published.length).toBeGreaterThan(0);
		for (const project of published) {
			expect(rows.shifts.some((s) => s.projectId === project.id)).toBe(true);
		}
	});

	it('has full shifts with waitlists, and no shift over capacity', () => {
		expect(rows.shifts.some((s) => s.confirmedCount === s.capacity && s.waitlistCount > 0)).toBe(
			true
		);
		for (const shift of rows.shifts) {
			expect(shift.confirmedCount).toBeLessThanOrEqual(shift.capacity);
		}
	});

	it('keeps each shift’s counts equal to its sign-ups', () => {
		for (const shift of rows.shifts) {
			const own = rows.signups.filter((s) => s.shiftId === shift.id);
			expect({
				// Checked in, completed and no-show sign-ups took their place too.
				confirmed: own.filter((s) => holdsPlace(s.status)).length,
				waitlisted: own.filter((s) => s.status === 'waitlisted').length
			}).toEqual({ confirmed: shift.confirmedCount, waitlisted: shift.waitlistCount });
		}
	});
});
