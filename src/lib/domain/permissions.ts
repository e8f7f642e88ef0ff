/**
 * Who may read and who may change each kind of record, for each role and scope: the one place
 * this is said. The server's mutation rules, the pull's last check on every row it sends, the
 * refusal that must not name what its reader may not see, and the device's screens deciding which
 * controls to offer all ask these functions; none keeps a copy.
 *
 * Scopes: a city admin everything; a district admin her district (its stations, their projects,
 * shifts and sign-ups, and the members who live in it or belong to one of its stations); a station
 * worker her station (its members, projects, shifts and sign-ups); a volunteer her own member
 * record and sign-ups, and whatever is public (stations, projects once published, their shifts).
 * A shift's attendance events and roster entries (the name and masked phone of each person on it)
 * go with its sign-ups: to the staff of its project's station and district; a volunteer gets her
 * own attendance events, and no roster. Each district's hours rule is public; its district admin
 * (and the city admin) sets it.
 * A transfer belongs to both stations it is between, and to the member herself. The staff
 * directory (names of staff accounts) reaches staff only: a station's workers see their
 * colleagues and the admins above them, an admin the staff of her scope.
 *
 * An emergency call-out is its lead station's to manage (and its district's, and the city's); the
 * staff of every station it reaches read it and ask and call their members; a member asked reads
 * it, and her own response. Responses go to every staff member who reads their call-out, whoever
 * holds the member, so headcounts are whole on an admin's device too.
 *
 * A station's volunteer teams are its own (its workers', its district's, the city's). A district's
 * social organizations are kept by its admin (and the city's) and read by the staff of its
 * stations; a pairing of one with a station or team is made and ended by those admins, and read,
 * with its activity log, by the paired station's staff, who log what they did together. None of
 * these reach a volunteer's device.
 *
 * A one-to-one pairing (一对一结对), the person helped and the visits are her station's workers'
 * alone, and the paired volunteer's: she reads her own pairings and visits, and the people she
 * is paired with. No district or city admin sees them: they read counts, on the server.
 *
 * What reaches a device is a separate question (`reachesDevice`): an admin may see and change
 * every member of her scope, but her device keeps only the members she registered or opened.
 *
 * Pure: a record's own fields say most of its scope; what they do not (a member's home station's
 * district, a shift's or a sign-up's project) comes in `Facts`, which each caller reads its own way
 * (the server a page at a time in SQL, a rule through its mutation's store, a screen from what it
 * already shows). A fact that is missing never grants anything.
 */
import type { DistrictCode } from './reference';
import { isStaff, type Role } from './roles';
import type { Callout, ProjectStatus, Rows, StaffEntry, TableName, Transfer } from './schemas';

export interface Actor {
	/** The account speaking; null only for the system itself (demo data, tests). */
	accountId: string | null;
	role: Role;
	district: DistrictCode | null;
	stationId: string | null;
	volunteerId: string | null;
}

/** The system itself: loads demo data and drives tests; never the actor of an HTTP request. */
export const systemActor: Actor = {
	accountId: null,
	role: 'city_admin',
	district: null,
	stationId: null,
	volunteerId: null
};

/** What a project tells about the shifts and sign-ups under it. */
export interface ProjectFacts {
	stationId: string;
	district: DistrictCode;
	status: ProjectStatus;
	/** A call-out's muster project: who came reaches every admin reading its report. */
	callout?: boolean;
}

/** What records' own fields do not say but their scope depends on. */
export interface Facts {
	/** District of each station named (a member's home station). */
	stations: ReadonlyMap<string, DistrictCode>;
	/** Each project named by a shift or a sign-up. */
	projects: ReadonlyMap<string, ProjectFacts>;
	/**
	 * The members, among those named, that the actor holds on her device (`reachesDevice`): an
	 * admin's registrations and the members she opened. Only the pull reads it; absent, none.
	 */
	heldMembers?: ReadonlySet<string>;
	/**
	 * Each call-out named by a response (a staff member reads a response with its call-out), and,
	 * for a volunteer, the call-outs that asked her.
	 */
	callouts?: ReadonlyMap<string, CalloutFacts>;
	askedIn?: ReadonlySet<string>;
	/** For a volunteer: the people helped, among those named, she is paired with. */
	caresFor?: ReadonlySet<string>;
}

/** What a call-out tells about the responses to it. */
export type CalloutFacts = Pick<Callout, 'stationId' | 'district' | 'reach' | 'reachStationIds'>;

export const noFacts: Facts = { stations: new Map(), projects: new Map() };

/** The ids of the records whose facts judging these rows needs. */
export interface Needed {
	stations: Set<string>;
	projects: Set<string>;
	callouts: Set<string>;
}

/** A record of any synced table, with its table. */
export type Subject = { [T in TableName]: { table: T; row: Rows[T] } }[TableName];

/** Project statuses anyone may see: drafts are the station's own business. */
const publicStatuses: readonly ProjectStatus[] = ['published', 'closed', 'cancelled'];
const isPublic = (status: ProjectStatus | undefined) =>
	status !== undefined && publicStatuses.includes(status);

/** Whether a station (known by its id and district) lies in a staff member's scope. */
export function holdsStation(
	actor: Actor,
	stationId: string | null | undefined,
	district: DistrictCode | null | undefined
): boolean {
	if (stationId == null) return false;
	switch (actor.role) {
		case 'city_admin':
			return true;
		case 'district_admin':
			return actor.district !== null && district != null && actor.district === district;
		case 'station_worker':
			return actor.stationId !== null && actor.stationId === stationId;
		case 'volunteer':
			return false;
	}
}

/** Whether a member record is in a staff member's care. */
function holdsMember(actor: Actor, member: Rows['volunteers'], facts: Facts): boolean {
	switch (actor.role) {
		case 'city_admin':
			return true;
		case 'district_admin': {
			if (actor.district === null) return false;
			if (member.district === actor.district) return true;
			const home = member.homeStationId;
			return home !== null && facts.stations.get(home) === actor.district;
		}
		case 'station_worker':
			return actor.stationId !== null && member.homeStationId === actor.stationId;
		case 'volunteer':
			return false;
	}
}

const holdsProject = (actor: Actor, project: ProjectFacts | undefined) =>
	project !== undefined && holdsStation(actor, project.stationId, project.district);

/** A transfer is the business of the station she leaves and the one she joins. */
const holdsTransfer = (actor: Actor, transfer: Transfer) =>
	holdsStation(actor, transfer.fromStationId, transfer.fromDistrict) ||
	holdsStation(actor, transfer.toStationId, transfer.toDistrict);

/** The lead station's staff (and its district's admin, and the city's) manage a call-out. */
const managesCallout = (actor: Actor, callout: CalloutFacts) =>
	holdsStation(actor, callout.stationId, callout.district);

/** Staff who manage a call-out or work at a station it reaches read it, and call their members. */
export function readsCallout(actor: Actor, callout: CalloutFacts): boolean {
	if (managesCallout(actor, callout)) return true;
	if (actor.role !== 'station_worker' || actor.stationId === null) return false;
	return callout.reach === 'district'
		? actor.district !== null && actor.district === callout.district
		: callout.reachStationIds.includes(actor.stationId);
}

/**
 * Whose names a staff member's device holds: her own station's workers and the admins above her
 * (a station worker), her district's staff and the city's admins (a district admin), everyone
 * (the city admin). Volunteers see no staff directory.
 */
function seesStaffEntry(actor: Actor, entry: StaffEntry): boolean {
	switch (actor.role) {
		case 'city_admin':
			return true;
		case 'district_admin':
			return (
				entry.role === 'city_admin' ||
				(actor.district !== null && entry.district === actor.district)
			);
		case 'station_worker':
			return (
				entry.role === 'city_admin' ||
				(entry.role === 'district_admin' &&
					actor.district !== null &&
					entry.district === actor.district) ||
				(actor.stationId !== null && entry.stationId === actor.stationId)
			);
		case 'volunteer':
			return false;
	}
}

/**
 * Whether a staff member manages this record: may change it, and sees it on her device. Volunteers
 * manage no records; what they may do to their own is said by each mutation's rule.
 */
export function mayManage(actor: Actor, subject: Subject, facts: Facts): boolean {
	if (!isStaff(actor.role)) return false;
	if (
		subject.table === 'helpedPeople' ||
		subject.table === 'carePairings' ||
		subject.table === 'careVisits'
	) {
		return keepsCareAt(actor, subject.row.stationId);
	}
	if (actor.role === 'city_admin') return true;
	switch (subject.table) {
		case 'stations':
			return actor.role === 'station_worker'
				? false
				: holdsStation(actor, subject.row.id, subject.row.district);
		case 'volunteers':
			return holdsMember(actor, subject.row, facts);
		case 'projects':
			return holdsStation(actor, subject.row.stationId, subject.row.district);
		case 'shifts':
		case 'signups':
		case 'attendance':
		case 'roster':
			return holdsProject(actor, facts.projects.get(subject.row.projectId));
		case 'hoursRules':
			return actor.role === 'district_admin' && actor.district === subject.row.district;
		case 'transfers':
			return holdsTransfer(actor, subject.row);
		case 'staff':
			// Staff accounts are administered on the server (`mayAdministerAccount`), not by changes.
			return false;
		case 'callouts':
			return managesCallout(actor, subject.row);
		case 'calloutResponses': {
			const callout = facts.callouts?.get(subject.row.calloutId);
			return callout !== undefined && readsCallout(actor, callout);
		}
		case 'teams':
		case 'pairingActivities':
			return holdsStation(actor, subject.row.stationId, subject.row.district);
		case 'organizations':
		case 'pairings':
			return keepsOrganizationsOf(actor, subject.row.district);
	}
}

/**
 * One-to-one pairings, the people helped and their visits are kept by the station's own workers
 * (and the system itself: demo data, tests); never by an admin.
 */
export function keepsCareAt(actor: Actor, stationId: string): boolean {
	if (actor.accountId === null && actor.role === 'city_admin') return true;
	return (
		actor.role === 'station_worker' && actor.stationId !== null && actor.stationId === stationId
	);
}

/** A district's registry of social organizations and its pairings: its admin's, and the city's. */
export function keepsOrganizationsOf(actor: Actor, district: DistrictCode): boolean {
	return maySetHoursRule(actor, district);
}

/** Whether this record may reach the actor's device, or be named to her in an answer. */
export function mayRead(actor: Actor, subject: Subject, facts: Facts): boolean {
	if (subject.table === 'stations' || subject.table === 'hoursRules') return true;
	if (subject.table === 'staff') return seesStaffEntry(actor, subject.row);
	if (subject.table === 'callouts' && isStaff(actor.role)) return readsCallout(actor, subject.row);
	if (subject.table === 'organizations' && isStaff(actor.role)) {
		return actor.role === 'city_admin' || actor.district === subject.row.district;
	}
	if (subject.table === 'pairings' && isStaff(actor.role)) {
		return holdsStation(actor, subject.row.stationId, subject.row.district);
	}
	if (isStaff(actor.role)) return mayManage(actor, subject, facts);
	const own = actor.volunteerId;
	switch (subject.table) {
		case 'volunteers':
			return own !== null && subject.row.id === own;
		case 'projects':
			return isPublic(subject.row.status);
		case 'shifts':
			return isPublic(facts.projects.get(subject.row.projectId)?.status);
		case 'signups':
		case 'attendance':
		case 'transfers':
		case 'calloutResponses':
			return own !== null && subject.row.volunteerId === own;
		case 'callouts':
			return facts.askedIn?.has(subject.row.id) ?? false;
		case 'roster':
		case 'carePairings':
		case 'careVisits':
			return own !== null && subject.row.volunteerId === own;
		case 'helpedPeople':
			return facts.caresFor?.has(subject.row.id) ?? false;
		case 'teams':
		case 'organizations':
		case 'pairings':
		case 'pairingActivities':
			return false;
	}
}

/**
 * Whether an account's device keeps only the members it holds. An admin's scope is a district or
 * the city, hundreds of thousands of people: she looks members up on the server, and her device
 * keeps the members she registered herself or opened, with their sign-ups, attendance and roster
 * entries. The system itself (no account: demo data, tests) is no device and keeps its scope.
 */
export function keepsOnlyHeldMembers(actor: Actor): boolean {
	return (
		actor.accountId !== null && (actor.role === 'district_admin' || actor.role === 'city_admin')
	);
}

/** The member a record is about (herself, her sign-up, attendance or roster entry); else null. */
export function memberOfRecord(subject: Subject): string | null {
	switch (subject.table) {
		case 'volunteers':
			return subject.row.id;
		case 'signups':
		case 'attendance':
		case 'roster':
			return subject.row.volunteerId;
		default:
			return null;
	}
}

/**
 * Whether this record reaches the actor's device through the pull: what she may read (`mayRead`),
 * except that an admin's device (`keepsOnlyHeldMembers`) gets a member, and her sign-ups,
 * attendance and roster entries (but those of a call-out's muster, which its report counts), only
 * while it holds her: she registered her, or opened her
 * (`facts.heldMembers`). What she may see and change does not shrink with it: she still opens,
 * edits and decides for any member in her scope, through the server.
 */
export function reachesDevice(actor: Actor, subject: Subject, facts: Facts): boolean {
	if (!mayRead(actor, subject, facts)) return false;
	if (!keepsOnlyHeldMembers(actor)) return true;
	const member = memberOfRecord(subject);
	if (member === null) return true;
	if (facts.heldMembers?.has(member)) return true;
	if (
		(subject.table === 'signups' || subject.table === 'attendance' || subject.table === 'roster') &&
		facts.projects.get(subject.row.projectId)?.callout
	) {
		return true;
	}
	return subject.table === 'volunteers' && subject.row.registeredBy === actor.accountId;
}

/** Adds to `needed` the records whose facts judging this one takes. */
export function collectNeeded(subject: Subject, needed: Needed): Needed {
	switch (subject.table) {
		case 'volunteers':
			if (subject.row.homeStationId) needed.stations.add(subject.row.homeStationId);
			break;
		case 'shifts':
		case 'signups':
		case 'attendance':
		case 'roster':
			needed.projects.add(subject.row.projectId);
			break;
		case 'calloutResponses':
			needed.callouts.add(subject.row.calloutId);
			break;
	}
	return needed;
}

export const nothingNeeded = (): Needed => ({
	stations: new Set(),
	projects: new Set(),
	callouts: new Set()
});

/** Reads records one at a time; what a mutation's store or a device database offers. */
export interface FactReader {
	get<T extends 'stations' | 'projects' | 'callouts'>(
		table: T,
		id: string
	): Promise<Rows[T] | undefined>;
}

/** Reads the facts `needed` names, one record at a time. */
export async function readFacts(reader: FactReader, needed: Needed): Promise<Facts> {
	const stations = new Map<string, DistrictCode>();
	const projects = new Map<string, ProjectFacts>();
	for (const id of needed.stations) {
		const station = await reader.get('stations', id);
		if (station) stations.set(id, station.district);
	}
	for (const id of needed.projects) {
		const project = await reader.get('projects', id);
		if (project) projects.set(id, projectFacts(project));
	}
	const callouts = new Map<string, CalloutFacts>();
	for (const id of needed.callouts) {
		const callout = await reader.get('callouts', id);
		if (callout) callouts.set(id, callout);
	}
	return { stations, projects, callouts };
}

export function projectFacts(project: Rows['projects']): ProjectFacts {
	return {
		stationId: project.stationId,
		district: project.district,
		status: project.status,
		callout: project.calloutId !== null
	};
}

/** Facts from records already at hand (a screen that shows the member and her home station). */
export function factsOf(records: {
	stations?: readonly (Rows['stations'] | null | undefined)[];
	projects?: readonly (Rows['projects'] | null | undefined)[];
	callouts?: readonly (Rows['callouts'] | null | undefined)[];
}): Facts {
	const stations = new Map<string, DistrictCode>();
	const projects = new Map<string, ProjectFacts>();
	const callouts = new Map<string, CalloutFacts>();
	for (const s of records.stations ?? []) if (s) stations.set(s.id, s.district);
	for (const p of records.projects ?? []) if (p) projects.set(p.id, projectFacts(p));
	for (const c of records.callouts ?? []) if (c) callouts.set(c.id, c);
	return { stations, projects, callouts };
}

/** Reads what judging one record takes, then judges it. */
export async function mayReadThrough(actor: Actor, subject: Subject, reader: FactReader) {
	return mayRead(actor, subject, await readFacts(reader, collectNeeded(subject, nothingNeeded())));
}

export async function mayManageThrough(actor: Actor, subject: Subject, reader: FactReader) {
	return mayManage(
		actor,
		subject,
		await readFacts(reader, collectNeeded(subject, nothingNeeded()))
	);
}

/** Who sets a district's hours rule: its district admin, and the city admin. */
export function maySetHoursRule(actor: Actor, district: DistrictCode): boolean {
	return (
		actor.role === 'city_admin' || (actor.role === 'district_admin' && actor.district === district)
	);
}

/** Who may correct hours a station has verified: a district admin of its district, the city admin. */
export function mayCorrectVerified(actor: Actor, district: DistrictCode): boolean {
	return maySetHoursRule(actor, district);
}

/** Admins open stations: the city admin anywhere, a district admin in her district. */
export function mayOpenStationIn(actor: Actor, district: DistrictCode): boolean {
	return (
		actor.role === 'city_admin' || (actor.role === 'district_admin' && actor.district === district)
	);
}

/**
 * A station's everyday details (address, contact, opening hours, services) are kept up to date by
 * its own workers as well as its admins; its name, level and status only by its admins
 * (`mayManage`).
 */
export function mayEditStationDetails(actor: Actor, station: Rows['stations']): boolean {
	return holdsStation(actor, station.id, station.district);
}

/** The station a member moves to decides: its workers, its district admin, the city admin. */
export function mayDecideTransfer(actor: Actor, transfer: Transfer): boolean {
	return holdsStation(actor, transfer.toStationId, transfer.toDistrict);
}

/** An account as its administrators see it: its role and the district it belongs to. */
export interface AccountSubject {
	role: Role;
	/** Staff: their district; a volunteer: her member record's; null when it has none. */
	district: DistrictCode | null;
}

/**
 * Who administers an account (disables and enables it, renames it, resets its password, lists its
 * last sign-in): the city admin any; a district admin those of her district, never a city admin.
 */
export function mayAdministerAccount(actor: Actor, target: AccountSubject): boolean {
	if (actor.role === 'city_admin') return true;
	if (actor.role !== 'district_admin' || actor.district === null) return false;
	return target.role !== 'city_admin' && target.district === actor.district;
}

/**
 * The staff accounts each role opens: the city admin district admins (and station workers, where a
 * district has no admin yet); a district admin the workers of her district's stations. Volunteers
 * make their own accounts (self-registration, or the code their station gives them).
 */
const creatableRoles: Record<Role, readonly Role[]> = {
	city_admin: ['district_admin', 'station_worker'],
	district_admin: ['station_worker'],
	station_worker: [],
	volunteer: []
};

/** Who may open a new staff account of this role, in this district. */
export function mayCreateAccount(actor: Actor, target: AccountSubject): boolean {
	return creatableRoles[actor.role].includes(target.role) && mayAdministerAccount(actor, target);
}
