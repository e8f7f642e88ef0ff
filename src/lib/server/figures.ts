/**
 * The federations' figures (`$lib/domain/figures`), counted in SQL over the indexed columns of
 * migration 7, the same on SQLite and PostgreSQL: eight small grouped queries per answer, however
 * many members the scope holds. Distinct counts (active volunteers, projects) cannot be added up
 * across months or units, so each grouping the answer shows (by month, by unit, the whole period)
 * is its own query.
 */
import { sql, type RawBuilder } from 'kysely';
import {
	defaultStaleAfterDays,
	periodMonths,
	unitKindBelow,
	type FigurePeriod,
	type Figures,
	type FigureScope,
	type FiguresAnswer,
	type FiguresQuery,
	type FigureUnit,
	type StationFreshness
} from '$lib/domain/figures';
import type { Actor } from '$lib/domain/permissions';
import { districtCodes, stationLevels } from '$lib/domain/reference';
import type { Db } from './database';
import { decodeRow } from './record-store';

export type ScopeOutcome = { ok: true; scope: FigureScope } | { ok: false; code: 'forbidden' };

/**
 * The scope a query asks for, if it is the caller's: the city admin any, a district admin her
 * district and what lies in it, a station worker her own station; a volunteer none. With no unit
 * named, the caller's own.
 */
export async function figureScopeFor(
	db: Db,
	actor: Actor,
	query: Omit<FiguresQuery, 'period'>
): Promise<ScopeOutcome> {
	const forbidden = { ok: false, code: 'forbidden' } as const;
	let scope: FigureScope;
	if (query.station) scope = { level: 'station', stationId: query.station };
	else if (query.district && query.street)
		scope = { level: 'street', district: query.district, street: query.street };
	else if (query.district) scope = { level: 'district', district: query.district };
	else if (query.street) return forbidden;
	else if (actor.role === 'city_admin') scope = { level: 'city' };
	else if (actor.role === 'district_admin' && actor.district)
		scope = { level: 'district', district: actor.district };
	else if (actor.role === 'station_worker' && actor.stationId)
		scope = { level: 'station', stationId: actor.stationId };
	else return forbidden;

	switch (actor.role) {
		case 'city_admin':
			return { ok: true, scope };
		case 'district_admin': {
			if (actor.district === null || scope.level === 'city') return forbidden;
			if (scope.level !== 'station') {
				return scope.district === actor.district ? { ok: true, scope } : forbidden;
			}
			const station = await db
				.selectFrom('stations')
				.select('district')
				.where('id', '=', scope.stationId)
				.where('deleted', '=', 0)
				.executeTakeFirst();
			return station?.district === actor.district ? { ok: true, scope } : forbidden;
		}
		case 'station_worker':
			return scope.level === 'station' && scope.stationId === actor.stationId
				? { ok: true, scope }
				: forbidden;
		case 'volunteer':
			return forbidden;
	}
}

/** Which stations a scope holds, as a condition on the stations table `st`. */
function stationsIn(scope: FigureScope): RawBuilder<unknown> {
	switch (scope.level) {
		case 'city':
			return sql`1 = 1`;
		case 'district':
			return sql`st.district = ${scope.district}`;
		case 'street':
			return sql`st.district = ${scope.district} AND st.street = ${scope.street}`;
		case 'station':
			return sql`st.id = ${scope.stationId}`;
	}
}

/** The column naming each unit one level below the scope. */
function unitColumn(scope: FigureScope): RawBuilder<unknown> {
	switch (scope.level) {
		case 'city':
			return sql`st.district`;
		case 'district':
			return sql`st.street`;
		case 'street':
		case 'station':
			return sql`st.id`;
	}
}

const zero = (): Figures => ({
	stations: 0,
	newVolunteers: 0,
	registeredVolunteers: 0,
	activeVolunteers: 0,
	projects: 0,
	activities: 0,
	serviceVisits: 0,
	verifiedHours: 0,
	emergencyTurnouts: 0,
	pairings: 0
});

const inList = (values: readonly string[]) =>
	sql.join(
		values.map((v) => sql`${v}`),
		sql`, `
	);

/** Hours kept to two decimals, as reported. */
const hours = (value: unknown) => Math.round(Number(value ?? 0) * 100) / 100;

interface Grouped {
	unit: string | null;
	month: string | null;
	[figure: string]: unknown;
}

/**
 * Shifts of published or closed projects that have started (by `now`): the activities held, and
 * the projects they belong to.
 */
async function activityCounts(
	db: Db,
	scope: FigureScope,
	months: readonly string[],
	now: string,
	by: 'month' | 'unit' | 'none'
) {
	const group = by === 'month' ? sql`s.start_month` : by === 'unit' ? unitColumn(scope) : null;
	const result = await sql<Grouped>`
		SELECT ${group ?? sql`NULL`} AS grouping_key,
			COUNT(*) AS activities, COUNT(DISTINCT s.project_id) AS projects
		FROM shifts s
		JOIN projects p ON p.id = s.project_id
		JOIN stations st ON st.id = s.station_id
		WHERE s.deleted = 0 AND p.deleted = 0 AND st.deleted = 0
			AND p.status IN ('published', 'closed')
			AND s.start_month IN (${inList(months)}) AND s.start_at <= ${now}
			AND ${stationsIn(scope)}
		${group ? sql`GROUP BY ${group}` : sql``}`.execute(db);
	return result.rows as unknown as {
		grouping_key: string | null;
		activities: unknown;
		projects: unknown;
	}[];
}

/**
 * Service given (sign-ups where she served) on shifts in the months: visits, verified hours and
 * the distinct members who served. Service counts whatever became of its project since.
 */
async function serviceCounts(
	db: Db,
	scope: FigureScope,
	months: readonly string[],
	by: 'month' | 'unit' | 'none'
) {
	const group = by === 'month' ? sql`s.start_month` : by === 'unit' ? unitColumn(scope) : null;
	const result = await sql`
		SELECT ${group ?? sql`NULL`} AS grouping_key,
			COUNT(*) AS visits, SUM(g.verified_hours) AS hours,
			COUNT(DISTINCT g.volunteer_id) AS active,
			SUM(CASE WHEN s.project_id IN (
				SELECT p.id FROM projects p WHERE p.callout_id IS NOT NULL
			) THEN 1 ELSE 0 END) AS turnouts
		FROM signups g
		JOIN shifts s ON s.id = g.shift_id
		JOIN stations st ON st.id = s.station_id
		WHERE g.deleted = 0 AND g.served = 1 AND st.deleted = 0
			AND s.start_month IN (${inList(months)})
			AND ${stationsIn(scope)}
		${group ? sql`GROUP BY ${group}` : sql``}`.execute(db);
	return result.rows as {
		grouping_key: string | null;
		visits: unknown;
		hours: unknown;
		active: unknown;
		turnouts: unknown;
	}[];
}

/**
 * The pairings of the stations in scope, with the unit each counts in and its period. Pairings
 * are few (a district keeps tens): read once, counted per period here.
 */
async function pairingPeriods(db: Db, scope: FigureScope) {
	const result = await sql<{ unit: string | null; start_on: string; end_on: string | null }>`
		SELECT ${unitColumn(scope)} AS unit, p.start_on, p.end_on
		FROM pairings p
		JOIN stations st ON st.id = p.station_id
		WHERE p.deleted = 0 AND st.deleted = 0 AND ${stationsIn(scope)}`.execute(db);
	return result.rows;
}

/** Pairings in force at some time in these months (begun by their end, not ended before). */
function pairingsIn(
	periods: readonly { unit: string | null; start_on: string; end_on: string | null }[],
	months: readonly string[],
	unit: string | null
): number {
	const first = months[0] as string;
	const last = months[months.length - 1] as string;
	return periods.filter(
		(p) =>
			(unit === null || p.unit === unit) &&
			p.start_on.slice(0, 7) <= last &&
			(p.end_on === null || p.end_on.slice(0, 7) >= first)
	).length;
}

/**
 * Members by unit, month of registration and status. A member belongs to her home station (and
 * its street and district); one with no home station (or one since deleted) to her own district,
 * so she counts for her district and the city but for no street or station.
 *
 * The database groups them by home station alone, reading one covering index and never the rows;
 * which unit each home station lies in is looked up here from the (few) stations.
 */
async function memberCounts(db: Db, scope: FigureScope) {
	const live = await sql<{ id: string; district: string; street: string }>`
		SELECT id, district, street FROM stations WHERE deleted = 0`.execute(db);
	const stations = new Map(live.rows.map((s) => [s.id, s]));
	const inScope = live.rows.filter((st) =>
		scope.level === 'city'
			? true
			: scope.level === 'district'
				? st.district === scope.district
				: scope.level === 'street'
					? st.district === scope.district && st.street === scope.street
					: st.id === scope.stationId
	);
	const homes = inScope.length > 0 ? inList(inScope.map((st) => st.id)) : null;
	const anyHome = homes ? sql`v.home_station_id IN (${homes})` : sql`1 = 0`;
	const where =
		scope.level === 'city'
			? sql`1 = 1`
			: scope.level === 'district'
				? sql`(v.district = ${scope.district} OR ${anyHome})`
				: anyHome;
	const result = await sql<{
		home: string | null;
		district: string;
		month: string;
		status: string;
		members: unknown;
	}>`
		SELECT v.home_station_id AS home, v.district AS district, v.registered_month AS month,
			v.status AS status, COUNT(*) AS members
		FROM volunteers v
		WHERE v.deleted = 0 AND ${where}
		GROUP BY v.home_station_id, v.registered_month, v.status, v.district`.execute(db);
	const counts = new Map<
		string,
		{ unit: string | null; month: string; status: string; members: number }
	>();
	for (const row of result.rows) {
		const home = row.home === null ? undefined : stations.get(row.home);
		const district = home?.district ?? row.district;
		const held =
			scope.level === 'city' ||
			(scope.level === 'district' ? district === scope.district : home !== undefined);
		if (!held) continue;
		const unit =
			scope.level === 'city'
				? district
				: scope.level === 'district'
					? (home?.street ?? null)
					: (home?.id ?? null);
		const key = JSON.stringify([unit, row.month, row.status]);
		const entry = counts.get(key) ?? { unit, month: row.month, status: row.status, members: 0 };
		entry.members += Number(row.members);
		counts.set(key, entry);
	}
	return [...counts.values()];
}

/** Every station in scope with the latest sync of its workers' devices. */
async function stationsWithFreshness(db: Db, scope: FigureScope) {
	const result = await sql<{ data: string; version: unknown; last_sync_at: string | null }>`
		SELECT st.data AS data, st.version AS version, (
			SELECT MAX(c.last_sync_at) FROM clients c
			JOIN accounts a ON a.id = c.account_id
			WHERE a.station_id = st.id AND a.role = 'station_worker'
		) AS last_sync_at
		FROM stations st
		WHERE st.deleted = 0 AND ${stationsIn(scope)}
		ORDER BY st.id`.execute(db);
	return result.rows.map((row) => ({
		station: decodeRow('stations', { data: row.data, version: Number(row.version) }),
		lastSyncAt: row.last_sync_at
	}));
}

/** Days without a sync after which a station counts as stale: a positive whole number, else 3. */
export function staleAfterDaysFrom(setting: string | undefined): number {
	const days = Number(setting);
	return Number.isInteger(days) && days > 0 ? days : defaultStaleAfterDays;
}

export interface FiguresOptions {
	now?: Date;
	staleAfterDays?: number;
}

/** The figures of a scope (already judged the caller's) over a period. */
export async function computeFigures(
	db: Db,
	scope: FigureScope,
	period: FigurePeriod,
	options: FiguresOptions = {}
): Promise<FiguresAnswer> {
	const now = options.now ?? new Date();
	const staleAfterDays = options.staleAfterDays ?? defaultStaleAfterDays;
	const { months, trend } = periodMonths(period);
	const lastMonth = months[months.length - 1] as string;
	const unitKind = unitKindBelow[scope.level];
	const asOf = now.toISOString();

	const [held, members, activityByMonth, activityByUnit, activityTotal] = await Promise.all([
		stationsWithFreshness(db, scope),
		memberCounts(db, scope),
		activityCounts(db, scope, trend, asOf, 'month'),
		unitKind ? activityCounts(db, scope, months, asOf, 'unit') : Promise.resolve([]),
		activityCounts(db, scope, months, asOf, 'none')
	]);
	const [serviceByMonth, serviceByUnit, serviceTotal, pairings] = await Promise.all([
		serviceCounts(db, scope, trend, 'month'),
		unitKind ? serviceCounts(db, scope, months, 'unit') : Promise.resolve([]),
		serviceCounts(db, scope, months, 'none'),
		pairingPeriods(db, scope)
	]);

	const staleBefore = now.getTime() - staleAfterDays * 86_400_000;
	const stations: StationFreshness[] = held.map(({ station, lastSyncAt }) => ({
		stationId: station.id,
		name: station.name,
		district: station.district,
		street: station.street,
		level: station.level,
		status: station.status,
		lastSyncAt,
		stale: lastSyncAt === null || Date.parse(lastSyncAt) < staleBefore
	}));
	const stationMonth = new Map(held.map(({ station }) => [station.id, station.createdAt]));
	const existedBy = (id: string, month: string) =>
		(stationMonth.get(id) ?? '') < nextMonthStart(month);
	const unitOf = (s: StationFreshness) =>
		scope.level === 'city' ? s.district : scope.level === 'district' ? s.street : s.stationId;

	/** Figures from the members and stations lists, for one unit (or all) as of a month's end. */
	const fromLists = (unit: string | null, upTo: string, within: readonly string[]) => {
		const figures = zero();
		for (const s of stations) {
			if ((unit === null || unitOf(s) === unit) && existedBy(s.stationId, upTo))
				figures.stations += 1;
		}
		for (const m of members) {
			if (unit !== null && m.unit !== unit) continue;
			const count = Number(m.members);
			if (within.includes(m.month)) figures.newVolunteers += count;
			if (m.status === 'active' && m.month !== '' && m.month <= upTo)
				figures.registeredVolunteers += count;
		}
		return figures;
	};
	const addActivity = (figures: Figures, row: Record<string, unknown> | undefined) => {
		if (!row) return figures;
		figures.activities = Number(row.activities ?? 0);
		figures.projects = Number(row.projects ?? 0);
		return figures;
	};
	const addService = (figures: Figures, row: Record<string, unknown> | undefined) => {
		if (!row) return figures;
		figures.serviceVisits = Number(row.visits ?? 0);
		figures.verifiedHours = hours(row.hours);
		figures.activeVolunteers = Number(row.active ?? 0);
		figures.emergencyTurnouts = Number(row.turnouts ?? 0);
		return figures;
	};
	const keyed = <R extends { grouping_key: string | null }>(rows: R[]) =>
		new Map(rows.map((r) => [r.grouping_key ?? '', r]));

	const totals = addService(
		addActivity(fromLists(null, lastMonth, months), activityTotal[0]),
		serviceTotal[0]
	);
	totals.pairings = pairingsIn(pairings, months, null);
	const activityMonths = keyed(activityByMonth);
	const serviceMonths = keyed(serviceByMonth);
	const trendFigures = trend.map((month) => ({
		month,
		figures: {
			...addService(
				addActivity(fromLists(null, month, [month]), activityMonths.get(month)),
				serviceMonths.get(month)
			),
			pairings: pairingsIn(pairings, [month], null)
		}
	}));

	const activityUnits = keyed(activityByUnit);
	const serviceUnits = keyed(serviceByUnit);
	const unitKeys = unitKind === null ? [] : unitsOf(scope, stations, unitOf);
	const units: FigureUnit[] = unitKeys.map(({ key, name }) => ({
		kind: unitKind as FigureUnit['kind'],
		key,
		name,
		figures: {
			...addService(
				addActivity(fromLists(key, lastMonth, months), activityUnits.get(key)),
				serviceUnits.get(key)
			),
			pairings: pairingsIn(pairings, months, key)
		},
		staleStations: stations.filter((s) => unitOf(s) === key && s.stale).length
	}));

	const byLevel = Object.fromEntries(
		stationLevels.map((level) => [level, stations.filter((s) => s.level === level).length])
	) as FiguresAnswer['byLevel'];

	return {
		scope,
		scopeName:
			scope.level === 'street'
				? scope.street
				: scope.level === 'station'
					? (stations[0]?.name ?? null)
					: null,
		period,
		asOf,
		staleAfterDays,
		totals,
		byLevel,
		months: trendFigures,
		units,
		stations
	};
}

/** The first instant of the month after `month` in Beijing, as a UTC ISO string. */
function nextMonthStart(month: string): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	return new Date(Date.UTC(y, m, 1) - 8 * 3_600_000).toISOString();
}

/** The units one level below the scope: every district for the city, else those with stations. */
function unitsOf(
	scope: FigureScope,
	stations: readonly StationFreshness[],
	unitOf: (s: StationFreshness) => string
): { key: string; name: string }[] {
	if (scope.level === 'city') {
		return districtCodes.map((code) => ({ key: code, name: code }));
	}
	const seen = new Map<string, string>();
	for (const s of stations) {
		const key = unitOf(s);
		if (!seen.has(key)) seen.set(key, scope.level === 'district' ? s.street : s.name);
	}
	return [...seen].map(([key, name]) => ({ key, name }));
}
