/**
 * The federations' figures against the demo data, on whichever database the project runs on
 * (SQLite and embedded PostgreSQL): each figure equals a count made directly from the stored
 * rows, by the definitions in `$lib/domain/figures`; each caller gets only her own scope; and a
 * station whose tablets have not synced for three days is marked stale.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	beijingMonth,
	figuresAnswerSchema,
	periodMonths,
	type FigureScope,
	type Figures
} from '$lib/domain/figures';
import type { Actor } from '$lib/domain/permissions';
import type { Rows } from '$lib/domain/schemas';
import { SCHEMA_VERSION } from '$lib/domain/sync';
import { readLiveRecords, testServer, type LiveRecords } from '$lib/testing/harness';
import type { Db } from './database';
import { computeFigures, figureScopeFor, staleAfterDaysFrom } from './figures';
import { backfillForFigures } from './migrations';
import { loadDemoData } from './seed';
import { pull } from './sync';

const today = new Date('2026-11-20T00:00:00Z');
type Loaded = LiveRecords;

let db: Db;
let all: Loaded;

/** The figures worked out from every stored record, the slow and obvious way. */
function expected(
	scope: FigureScope,
	months: readonly string[],
	upTo: string,
	now = today.toISOString()
): Figures {
	const station = new Map(all.stations.map((s) => [s.id, s]));
	const inScope = (id: string | null) => {
		const s = id === null ? undefined : station.get(id);
		if (!s) return false;
		if (scope.level === 'city') return true;
		if (scope.level === 'district') return s.district === scope.district;
		if (scope.level === 'street') return s.district === scope.district && s.street === scope.street;
		return s.id === scope.stationId;
	};
	const memberIn = (m: Rows['volunteers']) => {
		const home = m.homeStationId ? station.get(m.homeStationId) : undefined;
		if (scope.level === 'city') return true;
		if (scope.level === 'district') return (home?.district ?? m.district) === scope.district;
		return inScope(m.homeStationId);
	};
	const endOf = (month: string) => {
		const [y, m] = month.split('-').map(Number) as [number, number];
		return new Date(Date.UTC(y, m, 1) - 8 * 3_600_000).toISOString();
	};
	const project = new Map(all.projects.map((p) => [p.id, p]));
	const shifts = all.shifts.filter(
		(s) => inScope(s.stationId) && months.includes(beijingMonth(s.start))
	);
	const counted = shifts.filter(
		(s) =>
			['published', 'closed'].includes(project.get(s.projectId)?.status ?? '') && s.start <= now
	);
	const shiftIds = new Set(shifts.map((s) => s.id));
	const served = all.signups.filter(
		(g) =>
			shiftIds.has(g.shiftId) &&
			(g.status === 'completed' || g.status === 'checked_in' || g.hoursCredited !== null)
	);
	const members = all.volunteers.filter(memberIn);
	return {
		stations: all.stations.filter((s) => inScope(s.id) && s.createdAt < endOf(upTo)).length,
		newVolunteers: members.filter((m) => months.includes(beijingMonth(m.createdAt))).length,
		registeredVolunteers: members.filter(
			(m) => m.status === 'active' && beijingMonth(m.createdAt) <= upTo
		).length,
		activeVolunteers: new Set(served.map((g) => g.volunteerId)).size,
		projects: new Set(counted.map((s) => s.projectId)).size,
		activities: counted.length,
		serviceVisits: served.length,
		emergencyTurnouts: served.filter((g) => project.get(g.projectId)?.calloutId).length,
		pairings: all.pairings.filter(
			(p) =>
				inScope(p.stationId) &&
				p.startOn.slice(0, 7) <= months[months.length - 1]! &&
				(p.endOn === null || p.endOn.slice(0, 7) >= months[0]!)
		).length,
		verifiedHours:
			Math.round(
				served.reduce((sum, g) => sum + (g.hoursVerifiedAt ? (g.hoursCredited ?? 0) : 0), 0) * 100
			) / 100
	};
}

beforeAll(async () => {
	db = await testServer();
	await loadDemoData(db, { today });
	all = await readLiveRecords(db);
});

const xizongbu = () => all.stations.find((s) => s.community === '西总布')!;

describe('figures', () => {
	it('has pairings to count in the demo data, in force for part of the year only', () => {
		expect(all.pairings.length).toBeGreaterThan(0);
		expect(all.pairings.some((p) => p.startOn > '2026-01-31')).toBe(true);
	});

	it('has service to count in the demo data (the first station’s past activity)', () => {
		const served = all.signups.filter((g) => g.status === 'completed' || g.hoursCredited !== null);
		expect(served.length).toBeGreaterThan(0);
		expect(served.some((g) => g.hoursVerifiedAt)).toBe(true);
	});

	const periods = ['2026', '2026-11', '2026-09', '2025'];
	it.each(periods)(
		'of the city, every district and the months of %s equal direct counts',
		async (period) => {
			const { months, trend } = periodMonths(period);
			const last = months[months.length - 1]!;
			const city = await computeFigures(db, { level: 'city' }, period, { now: today });
			expect(figuresAnswerSchema.safeParse(city).success).toBe(true);
			expect(city.totals).toEqual(expected({ level: 'city' }, months, last));
			for (const { month, figures } of city.months) {
				expect(figures, month).toEqual(expected({ level: 'city' }, [month], month));
			}
			expect(city.months.map((m) => m.month)).toEqual(trend);
			expect(city.units).toHaveLength(16);
			for (const unit of city.units) {
				const scope: FigureScope = { level: 'district', district: unit.key as 'dongcheng' };
				expect(unit.figures, unit.key).toEqual(expected(scope, months, last));
			}
			const sum = (key: keyof Figures) => city.units.reduce((n, u) => n + u.figures[key], 0);
			// Additive figures add up over the districts.
			expect(sum('serviceVisits')).toBe(city.totals.serviceVisits);
			expect(sum('stations')).toBe(city.totals.stations);
			expect(sum('newVolunteers')).toBe(city.totals.newVolunteers);
		}
	);

	it('of a district, its streets, a street and a station equal direct counts', async () => {
		const home = xizongbu();
		const { months } = periodMonths('2026');
		const district = await computeFigures(
			db,
			{ level: 'district', district: home.district },
			'2026',
			{ now: today }
		);
		expect(district.totals).toEqual(
			expected({ level: 'district', district: home.district }, months, '2026-12')
		);
		expect(district.units.map((u) => u.kind)).toEqual(district.units.map(() => 'street'));
		for (const unit of district.units) {
			const scope: FigureScope = { level: 'street', district: home.district, street: unit.key };
			expect(unit.figures, unit.key).toEqual(expected(scope, months, '2026-12'));
		}
		const street = await computeFigures(
			db,
			{ level: 'street', district: home.district, street: home.street },
			'2026-11',
			{ now: today }
		);
		expect(street.scopeName).toBe(home.street);
		expect(street.units.map((u) => u.key)).toContain(home.id);
		const station = await computeFigures(db, { level: 'station', stationId: home.id }, '2026-11', {
			now: today
		});
		expect(station.scopeName).toBe(home.name);
		expect(station.units).toEqual([]);
		expect(station.totals).toEqual(
			expected({ level: 'station', stationId: home.id }, ['2026-11'], '2026-11')
		);
		expect(station.totals.serviceVisits).toBeGreaterThan(0);
		expect(station.totals.verifiedHours).toBeGreaterThan(0);
	});

	it('count stations by level as a plain SQL count does', async () => {
		const city = await computeFigures(db, { level: 'city' }, '2026', { now: today });
		const rows = await sql<{ level: string; n: number | string }>`
			SELECT level, COUNT(*) AS n FROM stations WHERE deleted = 0 GROUP BY level`.execute(db);
		for (const row of rows.rows) {
			expect(city.byLevel[row.level as 'community']).toBe(Number(row.n));
		}
		const total = await sql<{ n: number | string }>`
			SELECT COUNT(*) AS n FROM signups WHERE deleted = 0 AND served = 1`.execute(db);
		expect(city.totals.serviceVisits).toBe(Number(total.rows[0]!.n));
	});

	it('count a call-out muster’s turnouts for its lead station’s district, and no other', async () => {
		// The demo's flood duty, ten days before `today`, led from a Chaoyang station.
		const callout = all.callouts[0]!;
		expect(callout.district).toBe('chaoyang');
		const came = all.signups.filter((g) => g.shiftId === callout.shiftId && g.checkInAt !== null);
		expect(came.length).toBeGreaterThan(0);
		const chaoyang = await computeFigures(
			db,
			{ level: 'district', district: 'chaoyang' },
			'2026-11',
			{
				now: today
			}
		);
		expect(chaoyang.totals.emergencyTurnouts).toBe(came.length);
		const dongcheng = await computeFigures(
			db,
			{ level: 'district', district: 'dongcheng' },
			'2026-11',
			{ now: today }
		);
		expect(dongcheng.totals.emergencyTurnouts).toBe(0);
	});
});

describe('whose figures', () => {
	const actor = (role: Actor['role'], over: Partial<Actor> = {}): Actor => ({
		accountId: crypto.randomUUID(),
		role,
		district: null,
		stationId: null,
		volunteerId: null,
		...over
	});
	const other = () => all.stations.find((s) => s.district !== xizongbu().district)!;

	it('answers each caller her own scope when she names none', async () => {
		const home = xizongbu();
		expect(await figureScopeFor(db, actor('city_admin'), {})).toEqual({
			ok: true,
			scope: { level: 'city' }
		});
		expect(
			await figureScopeFor(db, actor('district_admin', { district: home.district }), {})
		).toEqual({ ok: true, scope: { level: 'district', district: home.district } });
		expect(
			await figureScopeFor(
				db,
				actor('station_worker', { district: home.district, stationId: home.id }),
				{}
			)
		).toEqual({ ok: true, scope: { level: 'station', stationId: home.id } });
	});

	it('never gives a district admin another district, nor a worker another station', async () => {
		const home = xizongbu();
		const away = other();
		const admin = actor('district_admin', { district: home.district });
		const worker = actor('station_worker', { district: home.district, stationId: home.id });
		const refused = { ok: false, code: 'forbidden' };
		expect(await figureScopeFor(db, admin, { district: away.district })).toEqual(refused);
		expect(
			await figureScopeFor(db, admin, { district: away.district, street: away.street })
		).toEqual(refused);
		expect(await figureScopeFor(db, admin, { station: away.id })).toEqual(refused);
		expect(await figureScopeFor(db, admin, { station: crypto.randomUUID() })).toEqual(refused);
		expect(await figureScopeFor(db, admin, { street: home.street })).toEqual(refused);
		expect((await figureScopeFor(db, admin, { station: home.id })).ok).toBe(true);
		expect(
			(await figureScopeFor(db, admin, { district: home.district, street: home.street })).ok
		).toBe(true);
		expect(await figureScopeFor(db, worker, { station: away.id })).toEqual(refused);
		expect(await figureScopeFor(db, worker, { district: home.district })).toEqual(refused);
		expect(
			await figureScopeFor(db, actor('volunteer', { volunteerId: crypto.randomUUID() }), {})
		).toEqual(refused);
		// What a district admin's answer holds is her district's alone.
		const answer = await computeFigures(db, { level: 'district', district: home.district }, '2026');
		expect(answer.stations.every((s) => s.district === home.district)).toBe(true);
	});
});

describe('freshness', () => {
	it('marks a station stale once its tablets have not synced for three days', async () => {
		const home = xizongbu();
		const worker = await db
			.selectFrom('accounts')
			.select(['id', 'district'])
			.where('role', '=', 'station_worker')
			.where('station_id', '=', home.id)
			.executeTakeFirstOrThrow();
		const device: Actor = {
			accountId: worker.id,
			role: 'station_worker',
			district: home.district,
			stationId: home.id,
			volunteerId: null
		};
		const before = Date.now();
		await pull(
			db,
			{ clientId: crypto.randomUUID(), schemaVersion: SCHEMA_VERSION, cursor: 0, limit: 10 },
			device
		);
		const scope: FigureScope = { level: 'district', district: home.district };
		const at = (ms: number) => ({ now: new Date(before + ms) });
		const fresh = await computeFigures(db, scope, '2026', at(2 * 86_400_000));
		const mine = fresh.stations.find((s) => s.stationId === home.id)!;
		expect(Date.parse(mine.lastSyncAt!)).toBeGreaterThanOrEqual(before);
		expect(mine.stale).toBe(false);
		// A station whose tablets never synced is stale from the start.
		expect(fresh.stations.filter((s) => s.stationId !== home.id).every((s) => s.stale)).toBe(true);
		const later = await computeFigures(db, scope, '2026', at(3 * 86_400_000 + 60_000));
		expect(later.stations.find((s) => s.stationId === home.id)!.stale).toBe(true);
		const unit = later.units.find((u) => u.key === home.street)!;
		expect(unit.staleStations).toBe(later.stations.filter((s) => s.street === home.street).length);
		// A longer limit, set for the deployment, keeps it fresh.
		const patient = await computeFigures(db, scope, '2026', {
			...at(3 * 86_400_000 + 60_000),
			staleAfterDays: staleAfterDaysFrom('7')
		});
		expect(patient.stations.find((s) => s.stationId === home.id)!.stale).toBe(false);
		expect(staleAfterDaysFrom(undefined)).toBe(3);
		expect(staleAfterDaysFrom('-2')).toBe(3);
		expect(staleAfterDaysFrom('1.5')).toBe(3);
	});
});

describe('migration 7 on a server that already holds records', () => {
	it('fills the figures columns from each record, so the figures come out the same', async () => {
		const before = await computeFigures(db, { level: 'city' }, '2026', { now: today });
		await sql`UPDATE stations SET street = '', level = '', status = ''`.execute(db);
		await sql`UPDATE volunteers SET status = '', registered_month = ''`.execute(db);
		await sql`UPDATE projects SET status = ''`.execute(db);
		await sql`UPDATE shifts SET start_month = '', start_at = ''`.execute(db);
		await sql`UPDATE signups SET served = 0, verified_hours = NULL`.execute(db);
		const blank = await computeFigures(db, { level: 'city' }, '2026', { now: today });
		expect(blank.totals.serviceVisits).toBe(0);
		await backfillForFigures(db as never);
		const after = await computeFigures(db, { level: 'city' }, '2026', { now: today });
		expect(after).toEqual(before);
	});
});
