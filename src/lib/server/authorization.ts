/**
 * Who may see what. The mutation rules live in the domain (the device runs them too); this file
 * holds the pull's half: which rows a device may receive, asked twice. First in SQL, so a station
 * worker's bootstrap reads her station's rows through their indexes and never walks the city;
 * then once more per row in JS, so a slip in a query cannot send a row out of scope.
 *
 * What each role's device receives:
 * - city admin: everything.
 * - district admin: her district's stations and projects; members who live in her district or
 *   belong to one of its stations; the shifts of her district's projects and their sign-ups.
 * - station worker: every station (small reference data the screens name); members whose home
 *   station is hers; her station's projects and shifts, and the sign-ups of those shifts.
 * - volunteer: every station; projects once published (never drafts) and their shifts; her own
 *   member record and her own sign-ups. Never another person's record or phone number.
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Actor } from '$lib/domain/authorization';
import type { DistrictCode } from '$lib/domain/reference';
import type { ProjectStatus, Rows, TableName } from '$lib/domain/schemas';
import type { Db, Schema } from './database';

export { FORBIDDEN, systemActor, type Actor } from '$lib/domain/authorization';

/** Keeps the rows of table T that an actor may receive. */
export type Filter<T extends TableName> = (eb: ExpressionBuilder<Schema, T>) => Expression<SqlBool>;

/** Per table: every row, none, or the rows a filter keeps. */
export type PullScope = { [T in TableName]: 'all' | 'none' | Filter<T> };

const nothing: PullScope = {
	stations: 'none',
	volunteers: 'none',
	projects: 'none',
	shifts: 'none',
	signups: 'none'
};

/** Project statuses a volunteer's device receives: drafts are the station's own business. */
const publicStatuses: readonly ProjectStatus[] = ['published', 'closed', 'cancelled'];

/**
 * Shifts and sign-ups reached through the projects of one district or station (a shift's station
 * and district are its project's), by the projects' indexed column.
 */
function throughProjects(
	column: 'projects.district' | 'projects.station_id',
	value: string
): Pick<PullScope, 'shifts' | 'signups'> {
	const projectIds = (eb: ExpressionBuilder<Schema, 'shifts' | 'signups'>) =>
		eb.selectFrom('projects').select('projects.id').where(column, '=', value);
	return {
		shifts: (eb) => eb('project_id', 'in', projectIds(eb)),
		signups: (eb) =>
			eb(
				'shift_id',
				'in',
				eb.selectFrom('shifts').select('shifts.id').where('shifts.project_id', 'in', projectIds(eb))
			)
	};
}

/**
 * The rows an actor may receive, as SQL over the tables' index columns. Shifts and sign-ups are
 * reached through their projects (`projects.station_id` and `projects.district` are indexed, a
 * shift's station is its project's), so each filter is an index lookup, not a scan.
 */
export function pullScope(actor: Actor): PullScope {
	const { district, stationId, volunteerId } = actor;
	switch (actor.role) {
		case 'city_admin':
			return { stations: 'all', volunteers: 'all', projects: 'all', shifts: 'all', signups: 'all' };
		case 'district_admin': {
			if (district === null) return nothing;
			return {
				stations: (eb) => eb('district', '=', district),
				volunteers: (eb) =>
					eb.or([
						eb('district', '=', district),
						eb(
							'home_station_id',
							'in',
							eb
								.selectFrom('stations')
								.select('stations.id')
								.where('stations.district', '=', district)
						)
					]),
				projects: (eb) => eb('district', '=', district),
				...throughProjects('projects.district', district)
			};
		}
		case 'station_worker': {
			if (stationId === null) return nothing;
			return {
				stations: 'all',
				volunteers: (eb) => eb('home_station_id', '=', stationId),
				projects: (eb) => eb('station_id', '=', stationId),
				...throughProjects('projects.station_id', stationId)
			};
		}
		case 'volunteer': {
			if (volunteerId === null) return { ...nothing, stations: 'all' };
			return {
				stations: 'all',
				volunteers: (eb) => eb('id', '=', volunteerId),
				// A project's status lives in its JSON: drafts are left out per row (`mayRead`).
				projects: 'all',
				shifts: 'all',
				signups: (eb) => eb('volunteer_id', '=', volunteerId)
			};
		}
	}
}

/** What a row's own fields do not say but its scope depends on, read for one page of rows. */
export interface ReadContext {
	/** District of each station the rows name (district admins). */
	stationDistricts: Map<string, DistrictCode>;
	/** Station of each shift the sign-ups name (staff). */
	shiftStations: Map<string, string>;
	/** Status of each project the shifts name (volunteers). */
	projectStatuses: Map<string, ProjectStatus>;
}

export interface ReadCandidate {
	table: TableName;
	row: Rows[TableName] | null;
}

const CHUNK = 500;

async function byIds<R>(ids: Set<string>, read: (chunk: string[]) => Promise<R[]>): Promise<R[]> {
	const all = [...ids];
	const found: R[] = [];
	for (let i = 0; i < all.length; i += CHUNK) found.push(...(await read(all.slice(i, i + CHUNK))));
	return found;
}

function rowsOf<T extends TableName>(candidates: readonly ReadCandidate[], table: T): Rows[T][] {
	return candidates.filter((c) => c.table === table && c.row).map((c) => c.row as Rows[T]);
}

/** Reads what `mayRead` needs to judge these rows, and only that. */
export async function loadReadContext(
	db: Db,
	actor: Actor,
	candidates: readonly ReadCandidate[]
): Promise<ReadContext> {
	const context: ReadContext = {
		stationDistricts: new Map(),
		shiftStations: new Map(),
		projectStatuses: new Map()
	};
	if (actor.role === 'city_admin') return context;

	const shiftIds = new Set(rowsOf(candidates, 'signups').map((s) => s.shiftId));
	if (actor.role !== 'volunteer' && shiftIds.size > 0) {
		const shifts = await byIds(shiftIds, (ids) =>
			db.selectFrom('shifts').select(['id', 'station_id']).where('id', 'in', ids).execute()
		);
		for (const shift of shifts) context.shiftStations.set(shift.id, shift.station_id);
	}

	if (actor.role === 'district_admin') {
		const stationIds = new Set<string>([
			...rowsOf(candidates, 'volunteers').flatMap((v) =>
				v.homeStationId ? [v.homeStationId] : []
			),
			...rowsOf(candidates, 'shifts').map((s) => s.stationId),
			...context.shiftStations.values()
		]);
		const stations = await byIds(stationIds, (ids) =>
			db.selectFrom('stations').select(['id', 'district']).where('id', 'in', ids).execute()
		);
		for (const station of stations) {
			context.stationDistricts.set(station.id, station.district as DistrictCode);
		}
	}

	if (actor.role === 'volunteer') {
		const projectIds = new Set(rowsOf(candidates, 'shifts').map((s) => s.projectId));
		const projects = await byIds(projectIds, (ids) =>
			db.selectFrom('projects').select(['id', 'data']).where('id', 'in', ids).execute()
		);
		for (const project of projects) {
			const { status } = JSON.parse(project.data) as { status: ProjectStatus };
			context.projectStatuses.set(project.id, status);
		}
	}
	return context;
}

/** Whether a row may be sent to this actor's device; the last check before it leaves. */
export function mayRead<T extends TableName>(
	actor: Actor,
	table: T,
	row: Rows[T],
	context: ReadContext
): boolean {
	const candidate = { table, row } as Readable;
	switch (actor.role) {
		case 'city_admin':
			return true;
		case 'district_admin':
			return actor.district !== null && districtMayRead(actor.district, candidate, context);
		case 'station_worker':
			return actor.stationId !== null && stationMayRead(actor.stationId, candidate, context);
		case 'volunteer':
			return volunteerMayRead(actor.volunteerId, candidate, context);
	}
}

type Readable = { [T in TableName]: { table: T; row: Rows[T] } }[TableName];

function districtMayRead(district: DistrictCode, c: Readable, context: ReadContext): boolean {
	const inDistrict = (stationId: string | null | undefined) =>
		stationId != null && context.stationDistricts.get(stationId) === district;
	switch (c.table) {
		case 'stations':
		case 'projects':
			return c.row.district === district;
		case 'volunteers':
			return c.row.district === district || inDistrict(c.row.homeStationId);
		case 'shifts':
			return inDistrict(c.row.stationId);
		case 'signups':
			return inDistrict(context.shiftStations.get(c.row.shiftId));
	}
}

function stationMayRead(stationId: string, c: Readable, context: ReadContext): boolean {
	switch (c.table) {
		case 'stations':
			return true;
		case 'volunteers':
			return c.row.homeStationId === stationId;
		case 'projects':
		case 'shifts':
			return c.row.stationId === stationId;
		case 'signups':
			return context.shiftStations.get(c.row.shiftId) === stationId;
	}
}

function volunteerMayRead(volunteerId: string | null, c: Readable, context: ReadContext) {
	const isPublic = (status: ProjectStatus | undefined) =>
		status !== undefined && publicStatuses.includes(status);
	switch (c.table) {
		case 'stations':
			return true;
		case 'volunteers':
			return volunteerId !== null && c.row.id === volunteerId;
		case 'projects':
			return isPublic(c.row.status);
		case 'shifts':
			return isPublic(context.projectStatuses.get(c.row.projectId));
		case 'signups':
			return volunteerId !== null && c.row.volunteerId === volunteerId;
	}
}
