/**
 * Figure 8: the federations' figures (`computeFigures`) for the whole city and for one district,
 * over a city-sized table of members, shifts and sign-ups, on SQLite (8a, 8b) and PostgreSQL
 * (8c, 8d). The rows are written straight into the indexed columns the figures read (the JSON of
 * everything but stations is left empty: the figures never read it). Baseline: one plain
 * `COUNT(*)` of every sign-up where she served, the least any figure of service must read.
 */
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { periodMonths } from '$lib/domain/figures';
import { districtCodes, stationLevels } from '$lib/domain/reference';
import type { Db } from '$lib/server/database';
import { computeFigures } from '$lib/server/figures';
import { migrate } from '$lib/server/migrations';
import { SqlRecordStore } from '$lib/server/record-store';
import { figure, type Figure } from '../lib/figures';

export interface CityPlan {
	stations: number;
	members: number;
	shifts: number;
	signupsPerShift: number;
	runs: number;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Inserts rows in chunks small enough for either database's parameter limit. */
async function insertRows(db: Db, table: string, rows: Record<string, unknown>[]) {
	const columns = Object.keys(rows[0] ?? {});
	const chunk = Math.floor(30_000 / Math.max(1, columns.length));
	for (let i = 0; i < rows.length; i += chunk) {
		const part = rows.slice(i, i + chunk);
		await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
			VALUES ${sql.join(part.map((row) => sql`(${sql.join(columns.map((c) => row[c]))})`))}`.execute(db);
	}
}

/** A city of stations, members, shifts over the last twelve months and their sign-ups. */
export async function writeCity(db: Db, plan: CityPlan) {
	await migrate(db);
	const now = new Date();
	const { trend } = periodMonths(String(now.getUTCFullYear()));
	const stations: { id: string; district: string }[] = [];
	await db.transaction().execute(async (trx) => {
		const store = new SqlRecordStore(trx);
		for (let i = 0; i < plan.stations; i++) {
			const district = districtCodes[i % districtCodes.length]!;
			const id = randomUUID();
			stations.push({ id, district });
			await store.put('stations', {
				id,
				createdAt: '2025-01-01T00:00:00.000Z',
				updatedAt: '2025-01-01T00:00:00.000Z',
				version: 0,
				updatedBy: null,
				name: `第${i + 1}社区妇女志愿服务站`,
				district,
				street: `第${(i % 7) + 1}街道`,
				community: `第${i + 1}社区`,
				address: '北京市',
				level: stationLevels[i % stationLevels.length]!,
				levelAwardedOn: null,
				status: 'open',
				contactName: '',
				contactPhone: '',
				openingHours: '',
				services: []
			});
		}
	});
	const pick = <T>(list: readonly T[], n: number) => list[n % list.length]!;
	const members = Array.from({ length: plan.members }, (_, n) => {
		const station = pick(stations, n * 7);
		return {
			id: randomUUID(),
			version: 1,
			deleted: 0,
			data: '{}',
			phone: `199${String(n).padStart(8, '0')}`,
			name: '',
			district: station.district,
			home_station_id: station.id,
			status: n % 10 === 0 ? 'pending' : 'active',
			registered_month: pick(trend, n)
		};
	});
	await insertRows(db, 'volunteers', members);
	const projects = stations.flatMap((station, s) =>
		Array.from({ length: 3 }, (_, p) => ({
			id: randomUUID(),
			version: 1,
			deleted: 0,
			data: '{}',
			station_id: station.id,
			district: station.district,
			status: (s + p) % 9 === 0 ? 'draft' : 'published'
		}))
	);
	await insertRows(db, 'projects', projects);
	const shifts = Array.from({ length: plan.shifts }, (_, n) => {
		const project = pick(projects, n * 13);
		const month = pick(trend, n);
		return {
			id: randomUUID(),
			version: 1,
			deleted: 0,
			data: '{}',
			project_id: project.id,
			station_id: project.station_id,
			closing_due: null,
			start_month: month,
			start_at: `${month}-10T01:00:00.000Z`
		};
	});
	await insertRows(db, 'shifts', shifts);
	const signups = shifts.flatMap((shift, s) =>
		Array.from({ length: plan.signupsPerShift }, (_, k) => {
			const served = (s + k) % 5 !== 0;
			return {
				id: randomUUID(),
				version: 1,
				deleted: 0,
				data: '{}',
				shift_id: shift.id,
				volunteer_id: pick(members, s * 31 + k).id,
				active: 0,
				served: served ? 1 : 0,
				verified_hours: served && k % 3 !== 0 ? 2.5 : null
			};
		})
	);
	await insertRows(db, 'signups', signups);
	return {
		district: stations[0]!.district,
		counts: {
			stations: stations.length,
			members: members.length,
			shifts: shifts.length,
			signups: signups.length
		}
	};
}

/** Times the figures of the city and of one district against a plain count of service. */
export async function federationFigures(
	db: Db,
	district: string,
	label: string,
	ids: [string, string],
	runs: number
): Promise<Figure[]> {
	const period = String(new Date().getUTCFullYear());
	const time = async (run: () => Promise<unknown>) => {
		await run(); // warm the caches and statements once
		const samples: number[] = [];
		for (let i = 0; i < runs; i++) {
			const start = performance.now();
			await run();
			samples.push(performance.now() - start);
		}
		return samples;
	};
	const baseline = await time(() =>
		sql`SELECT COUNT(*) AS n FROM signups WHERE served = 1`.execute(db)
	);
	const city = await time(() => computeFigures(db, { level: 'city' }, period));
	const one = await time(() =>
		computeFigures(db, { level: 'district', district: district as 'dongcheng' }, period)
	);
	const what = (scope: string) =>
		`${scope}: totals, 12 months, units below, every station's freshness`;
	const base = { what: 'one COUNT(*) of all sign-ups served', samples: baseline };
	return [
		figure({
			id: ids[0],
			name: 'federation figures, city',
			what: what('the whole city'),
			size: label,
			unit: 'ms',
			samples: city,
			baseline: base
		}),
		figure({
			id: ids[1],
			name: 'federation figures, district',
			what: what('one district'),
			size: label,
			unit: 'ms',
			samples: one,
			baseline: base
		})
	];
}

export const cityLabel = (counts: { members: number; signups: number; stations: number }) =>
	`${fmt(counts.stations)} stations, ${fmt(counts.members)} members, ${fmt(counts.signups)} sign-ups`;
