/**
 * Which rows a device receives. Who may read what is said once, in `$lib/domain/permissions`;
 * the pull asks twice. First in SQL (`pullScope`, the rules' image over the tables' index
 * columns), so a station worker's bootstrap reads her station's rows through their indexes and
 * never walks the city; then per row through the domain's `mayRead`, so a slip in a query cannot
 * send a row out of scope. The SQL may hold back more than the rules would allow (a district
 * admin's device holds only her district's stations), never less.
 *
 * What each role's device receives:
 * - city admin: everything.
 * - district admin: her district's stations and projects; members who live in her district or
 *   belong to one of its stations; the shifts of her district's projects and their sign-ups.
 * - station worker: every station (small reference data the screens name); members whose home
 *   station is hers; her station's projects and shifts, and the sign-ups of those shifts.
 * - volunteer: every station; projects once published (never drafts) and their shifts; her own
 *   member record and her own sign-ups. Never another person's record or phone number.
 * Attendance events and roster entries go where the shift's sign-ups go, by their own indexed
 * station column (a district admin's: her district's stations); a volunteer gets her own events and
 * no roster. Every device gets the districts' hours rules (at most sixteen rows).
 * - transfers: to both stations a transfer is between (their workers, their districts' admins)
 *   and to the member herself.
 * - staff directory: a station worker her station's staff and the admins above her; a district
 *   admin her district's staff and the city's admins; never a volunteer.
 * - call-outs: to the staff who manage them (the lead station's, its district's admin, the city
 *   admin), to the workers of every station they reach, and to each member asked; responses go
 *   with their call-out to staff, and to the member herself.
 * - teams: to their station's workers and their district's admin; social organizations to the
 *   staff of their district; pairings and their activity to the paired station's workers and the
 *   district's admin. None to a volunteer.
 * - one-to-one pairings, the people helped and the visits: to the station's workers, and to the
 *   paired volunteer (her pairings, her visits, the people she is paired with); never to an admin.
 * - an admin's account (`keepsOnlyHeldMembers`): of the above, members and their sign-ups,
 *   attendance and roster entries only for the members she holds (`member_holds`: those she
 *   registered or opened), read through that table's key, then each table's member column.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import {
	collectNeeded,
	keepsOnlyHeldMembers,
	memberOfRecord,
	nothingNeeded,
	projectFacts,
	reachesDevice,
	type Actor,
	type CalloutFacts,
	type Facts,
	type ProjectFacts,
	type Subject
} from '$lib/domain/permissions';
import type { DistrictCode } from '$lib/domain/reference';
import type { Rows, TableName } from '$lib/domain/schemas';
import type { Db, Schema } from './database';
import { decodeRow } from './record-store';

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
	signups: 'none',
	attendance: 'none',
	roster: 'none',
	hoursRules: 'all',
	staff: 'none',
	transfers: 'none',
	callouts: 'none',
	calloutResponses: 'none',
	teams: 'none',
	organizations: 'none',
	pairings: 'none',
	pairingActivities: 'none',
	helpedPeople: 'none',
	carePairings: 'none',
	careVisits: 'none'
};

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
 * Keeps the rows about a member the account holds: `column` in her holds, read through
 * `member_holds`' key (account, member), so the rows come by the member, not by a walk of the table.
 * With `muster`, also the rows on the muster shifts of the call-outs her scope reads.
 */
function andHeld<T extends TableName>(
	filter: 'all' | 'none' | Filter<T>,
	column: string,
	accountId: string,
	muster: Muster | null = null
): 'none' | Filter<T> {
	if (filter === 'none') return 'none';
	const held = sql<SqlBool>`${sql.ref(column)} IN (SELECT volunteer_id FROM member_holds WHERE account_id = ${accountId})`;
	return (eb) => {
		const kept = filter === 'all' ? held : eb.and([filter(eb), held]);
		if (muster === null) return kept;
		// Two searches, each through its own index (the holds, the muster shifts), joined by id:
		// an OR of the two in one WHERE is answered by walking the whole table (PostgreSQL) or the
		// whole scope (SQLite) to test it on each row.
		const rows = sql.table(muster.table);
		return sql<SqlBool>`${sql.ref(`${muster.table}.id`)} IN (SELECT id FROM ${rows} WHERE ${kept} UNION ALL SELECT id FROM ${rows} WHERE ${musterShifts(muster)})`;
	};
}

/** The table whose rows (by their `shift_id`) a call-out's report counts, and the admin's district. */
interface Muster {
	table: 'signups' | 'attendance' | 'roster';
	/** A district admin's district (her scope's call-outs); null for the city admin (all). */
	district: DistrictCode | null;
}

/**
 * The rows on the muster shift of a call-out in the admin's scope: who came to a call-out reaches
 * the admins who read its report, whoever they hold. Call-outs are few, and read through an index:
 * a district's by `callouts_district_version`, then their projects by `projects_callout`; the
 * city's as a range of that index (`> ''`: ids are never empty), which SQLite searches where it
 * walks the whole table for `IS NOT NULL`. A call-out's project, shift and attendance are its
 * district's, so this needs no other scope.
 */
function musterShifts({ table, district }: Muster) {
	const callouts =
		district === null
			? sql`projects.callout_id > ''`
			: sql`projects.callout_id IN (SELECT callouts.id FROM callouts WHERE callouts.district = ${district})`;
	return sql<SqlBool>`${sql.ref(`${table}.shift_id`)} IN (SELECT shifts.id FROM shifts WHERE shifts.project_id IN (SELECT projects.id FROM projects WHERE ${callouts}))`;
}

/**
 * The rows an actor may receive, as SQL over the tables' index columns. Shifts and sign-ups are
 * reached through their projects (`projects.station_id` and `projects.district` are indexed, a
 * shift's station is its project's), so each filter is an index lookup, not a scan. An admin's
 * members come through what she holds (`keepsOnlyHeldMembers`).
 */
export function pullScope(actor: Actor): PullScope {
	const scope = scopeOfRole(actor);
	const accountId = actor.accountId;
	if (!keepsOnlyHeldMembers(actor) || accountId === null) return scope;
	return {
		...scope,
		volunteers: andHeld(scope.volunteers, 'volunteers.id', accountId),
		signups: andHeld(scope.signups, 'signups.volunteer_id', accountId, {
			table: 'signups',
			district: actor.district
		}),
		attendance: andHeld(scope.attendance, 'attendance.volunteer_id', accountId, {
			table: 'attendance',
			district: actor.district
		}),
		roster: andHeld(scope.roster, 'roster.volunteer_id', accountId, {
			table: 'roster',
			district: actor.district
		})
	};
}

/** Everything each role's scope holds, members included. */
function scopeOfRole(actor: Actor): PullScope {
	const { district, stationId, volunteerId } = actor;
	switch (actor.role) {
		case 'city_admin':
			return {
				stations: 'all',
				volunteers: 'all',
				projects: 'all',
				shifts: 'all',
				signups: 'all',
				attendance: 'all',
				roster: 'all',
				hoursRules: 'all',
				staff: 'all',
				transfers: 'all',
				callouts: 'all',
				calloutResponses: 'all',
				teams: 'all',
				organizations: 'all',
				pairings: 'all',
				pairingActivities: 'all',
				// One-to-one pairings are the stations' own; only the system itself reads them all.
				...(actor.accountId === null
					? { helpedPeople: 'all', carePairings: 'all', careVisits: 'all' }
					: { helpedPeople: 'none', carePairings: 'none', careVisits: 'none' })
			};
		case 'district_admin': {
			if (district === null) return nothing;
			const stationsOfDistrict = (eb: ExpressionBuilder<Schema, 'attendance' | 'roster'>) =>
				eb.selectFrom('stations').select('stations.id').where('stations.district', '=', district);
			return {
				attendance: (eb) => eb('station_id', 'in', stationsOfDistrict(eb)),
				roster: (eb) => eb('station_id', 'in', stationsOfDistrict(eb)),
				hoursRules: 'all',
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
				...throughProjects('projects.district', district),
				staff: (eb) => eb.or([eb('district', '=', district), eb('role', '=', 'city_admin')]),
				transfers: (eb) =>
					eb.or([eb('from_district', '=', district), eb('to_district', '=', district)]),
				callouts: (eb) => eb('district', '=', district),
				calloutResponses: (eb) => eb('district', '=', district),
				teams: (eb) => eb('district', '=', district),
				organizations: (eb) => eb('district', '=', district),
				pairings: (eb) => eb('district', '=', district),
				pairingActivities: (eb) => eb('district', '=', district),
				helpedPeople: 'none',
				carePairings: 'none',
				careVisits: 'none'
			};
		}
		case 'station_worker': {
			if (stationId === null) return nothing;
			return {
				attendance: (eb) => eb('station_id', '=', stationId),
				roster: (eb) => eb('station_id', '=', stationId),
				hoursRules: 'all',
				stations: 'all',
				volunteers: (eb) => eb('home_station_id', '=', stationId),
				projects: (eb) => eb('station_id', '=', stationId),
				...throughProjects('projects.station_id', stationId),
				staff: (eb) =>
					eb.or([
						eb('station_id', '=', stationId),
						eb('role', '=', 'city_admin'),
						...(district === null
							? []
							: [eb.and([eb('role', '=', 'district_admin'), eb('district', '=', district)])])
					]),
				transfers: (eb) =>
					eb.or([eb('from_station_id', '=', stationId), eb('to_station_id', '=', stationId)]),
				callouts: (eb) => calloutsOfStation(eb, stationId, district),
				calloutResponses: (eb) =>
					eb(
						'callout_id',
						'in',
						eb
							.selectFrom('callouts')
							.select('callouts.id')
							.where((inner) => calloutsOfStation(inner, stationId, district))
					),
				teams: (eb) => eb('station_id', '=', stationId),
				// Her district's registry: the organizations her station may work with.
				organizations: district === null ? 'none' : (eb) => eb('district', '=', district),
				pairings: (eb) => eb('station_id', '=', stationId),
				pairingActivities: (eb) => eb('station_id', '=', stationId),
				helpedPeople: (eb) => eb('station_id', '=', stationId),
				carePairings: (eb) => eb('station_id', '=', stationId),
				careVisits: (eb) => eb('station_id', '=', stationId)
			};
		}
		case 'volunteer': {
			if (volunteerId === null) return { ...nothing, stations: 'all' };
			return {
				attendance: (eb) => eb('volunteer_id', '=', volunteerId),
				roster: 'none',
				hoursRules: 'all',
				stations: 'all',
				volunteers: (eb) => eb('id', '=', volunteerId),
				// A project's status lives in its JSON: drafts are left out per row (`mayRead`).
				projects: 'all',
				shifts: 'all',
				signups: (eb) => eb('volunteer_id', '=', volunteerId),
				staff: 'none',
				transfers: (eb) => eb('volunteer_id', '=', volunteerId),
				callouts: (eb) =>
					eb(
						'id',
						'in',
						eb
							.selectFrom('calloutResponses')
							.select('calloutResponses.callout_id')
							.where('calloutResponses.volunteer_id', '=', volunteerId)
							.where('calloutResponses.deleted', '=', 0)
					),
				calloutResponses: (eb) => eb('volunteer_id', '=', volunteerId),
				teams: 'none',
				organizations: 'none',
				pairings: 'none',
				pairingActivities: 'none',
				// The people she is paired with, her pairings and her visits.
				helpedPeople: (eb) =>
					eb(
						'id',
						'in',
						eb
							.selectFrom('carePairings')
							.select('carePairings.helped_id')
							.where('carePairings.volunteer_id', '=', volunteerId)
							.where('carePairings.deleted', '=', 0)
					),
				carePairings: (eb) => eb('volunteer_id', '=', volunteerId),
				careVisits: (eb) => eb('volunteer_id', '=', volunteerId)
			};
		}
	}
}

/**
 * The call-outs a station's workers read: those it leads, and those of its district that reach
 * the whole district or name it.
 */
function calloutsOfStation(
	eb: ExpressionBuilder<Schema, 'callouts'>,
	stationId: string,
	district: DistrictCode | null
): Expression<SqlBool> {
	const led = eb('callouts.station_id', '=', stationId);
	if (district === null) return led;
	return eb.or([
		led,
		eb.and([
			eb('callouts.district', '=', district),
			eb.or([
				eb('callouts.reach', '=', 'district'),
				eb('callouts.reach_stations', 'like', `%,${stationId},%`)
			])
		])
	]);
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

/**
 * Reads, for one page of rows, the facts the permission rules need to judge them (a member's home
 * station's district, the project of a shift or a sign-up), a chunk of ids per query.
 */
export async function loadFacts(
	db: Db,
	actor: Actor,
	candidates: readonly ReadCandidate[]
): Promise<Facts> {
	const heldMembers = keepsOnlyHeldMembers(actor)
		? await membersHeld(db, actor.accountId, candidates)
		: undefined;
	const needed = nothingNeeded();
	for (const c of candidates) if (c.row) collectNeeded(c as Subject, needed);
	// The city admin reads everything: only whether a row is on a muster shift is asked.
	if (actor.role === 'city_admin') {
		needed.stations.clear();
		needed.callouts.clear();
	}
	const stations = new Map<string, DistrictCode>();
	const projects = new Map<string, ProjectFacts>();
	const stationRows = await byIds(needed.stations, (ids) =>
		db.selectFrom('stations').select(['id', 'district']).where('id', 'in', ids).execute()
	);
	for (const station of stationRows) stations.set(station.id, station.district as DistrictCode);
	const projectRows = await byIds(needed.projects, (ids) =>
		db
			.selectFrom('projects')
			.select(['id', 'version', 'data'])
			.where('id', 'in', ids)
			.where('deleted', '=', 0)
			.execute()
	);
	for (const project of projectRows) {
		projects.set(project.id, projectFacts(decodeRow('projects', project)));
	}
	const callouts = new Map<string, CalloutFacts>();
	const calloutRows = await byIds(needed.callouts, (ids) =>
		db
			.selectFrom('callouts')
			.select(['id', 'version', 'data'])
			.where('id', 'in', ids)
			.where('deleted', '=', 0)
			.execute()
	);
	for (const callout of calloutRows) callouts.set(callout.id, decodeRow('callouts', callout));
	const askedIn =
		actor.role === 'volunteer' ? await calloutsAsking(db, actor, candidates) : undefined;
	const caresFor =
		actor.role === 'volunteer' ? await peopleCaredFor(db, actor, candidates) : undefined;
	return { stations, projects, callouts, heldMembers, askedIn, caresFor };
}

/** Which of the people helped among these rows the volunteer is paired with. */
async function peopleCaredFor(
	db: Db,
	actor: Actor,
	candidates: readonly ReadCandidate[]
): Promise<Set<string>> {
	const ids = new Set(
		candidates.filter((c) => c.table === 'helpedPeople' && c.row).map((c) => c.row!.id)
	);
	if (actor.volunteerId === null || ids.size === 0) return new Set();
	const paired = await byIds(ids, (chunk) =>
		db
			.selectFrom('carePairings')
			.select('helped_id')
			.where('volunteer_id', '=', actor.volunteerId!)
			.where('helped_id', 'in', chunk)
			.where('deleted', '=', 0)
			.execute()
	);
	return new Set(paired.map((p) => p.helped_id));
}

/** Which of the call-outs among these rows asked the volunteer (she has a response to each). */
async function calloutsAsking(
	db: Db,
	actor: Actor,
	candidates: readonly ReadCandidate[]
): Promise<Set<string>> {
	const ids = new Set(
		candidates.filter((c) => c.table === 'callouts' && c.row).map((c) => c.row!.id)
	);
	if (actor.volunteerId === null || ids.size === 0) return new Set();
	const asked = await byIds(ids, (chunk) =>
		db
			.selectFrom('calloutResponses')
			.select('callout_id')
			.where('volunteer_id', '=', actor.volunteerId!)
			.where('callout_id', 'in', chunk)
			.where('deleted', '=', 0)
			.execute()
	);
	return new Set(asked.map((a) => a.callout_id));
}

/** Which of the members these rows are about the account holds on her device. */
async function membersHeld(
	db: Db,
	accountId: string | null,
	candidates: readonly ReadCandidate[]
): Promise<Set<string>> {
	const ids = new Set<string>();
	for (const c of candidates) {
		const member = c.row ? memberOfRecord(c as Subject) : null;
		if (member !== null) ids.add(member);
	}
	if (accountId === null || ids.size === 0) return new Set();
	const held = await byIds(ids, (chunk) =>
		db
			.selectFrom('member_holds')
			.select('volunteer_id')
			.where('account_id', '=', accountId)
			.where('volunteer_id', 'in', chunk)
			.execute()
	);
	return new Set(held.map((h) => h.volunteer_id));
}

/** Whether a row may be sent to this actor's device: the domain's rule, the last check before it leaves. */
export function mayReceive(actor: Actor, candidate: ReadCandidate, facts: Facts): boolean {
	return candidate.row !== null && reachesDevice(actor, candidate as Subject, facts);
}
