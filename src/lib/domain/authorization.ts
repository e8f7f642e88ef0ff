/**
 * Who may run which mutation. The same rules run on the device (so a forbidden action is refused
 * at once, with nothing queued) and on the server (which decides: a device's copy is never
 * trusted). Each role has a scope: a city admin everything, a district admin her district, a
 * station worker her station, a volunteer her own record.
 *
 * A rule reads the records it needs through the mutation's own store. When one is missing the
 * rule allows, so the mutation itself answers `not_found` rather than a misleading `forbidden`.
 */
import type * as z from 'zod/mini';
import { isStaff as isStaffRole, type Role } from './roles';
import type { MutationStore } from './mutation';
import type { MutationName, Mutations } from './mutations';
import type { DistrictCode } from './reference';

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

/** The refusal code of a mutation its actor may not run. */
export const FORBIDDEN = 'forbidden';

/** A mutation's args after its schema parsed them. */
export type ParsedArgs<N extends MutationName> = z.infer<Mutations[N]['args']>;

/** Whether the actor may run one mutation with these args. */
export type Rule<N extends MutationName> = (
	actor: Actor,
	args: ParsedArgs<N>,
	store: MutationStore
) => Promise<boolean>;

/** Whether a station (known by its id and district) lies in a staff member's scope. */
export function holdsStation(actor: Actor, stationId: string, district: DistrictCode): boolean {
	switch (actor.role) {
		case 'city_admin':
			return true;
		case 'district_admin':
			return actor.district !== null && actor.district === district;
		case 'station_worker':
			return actor.stationId !== null && actor.stationId === stationId;
		case 'volunteer':
			return false;
	}
}

const isStaff = (actor: Actor) => isStaffRole(actor.role);
const isSelf = (actor: Actor, volunteerId: string) =>
	actor.volunteerId !== null && actor.volunteerId === volunteerId;

/** A station by id, in the staff member's scope; a missing station is left to the mutation. */
async function holdsStationId(actor: Actor, store: MutationStore, stationId: string) {
	if (!isStaff(actor)) return false;
	if (actor.role === 'city_admin') return true;
	const station = await store.get('stations', stationId);
	return !station || holdsStation(actor, station.id, station.district);
}

async function holdsProject(actor: Actor, store: MutationStore, projectId: string) {
	if (!isStaff(actor)) return false;
	if (actor.role === 'city_admin') return true;
	const project = await store.get('projects', projectId);
	return !project || holdsStation(actor, project.stationId, project.district);
}

async function holdsShift(actor: Actor, store: MutationStore, shiftId: string) {
	if (!isStaff(actor)) return false;
	if (actor.role === 'city_admin') return true;
	const shift = await store.get('shifts', shiftId);
	// The shift's project carries the district; both name the same station.
	return !shift || holdsProject(actor, store, shift.projectId);
}

/**
 * A member in a staff member's care: a worker's are those whose home station is hers; a district
 * admin's live in her district or belong to one of its stations (the members her pulls carry).
 */
async function holdsMember(actor: Actor, store: MutationStore, volunteerId: string) {
	if (!isStaff(actor)) return false;
	if (actor.role === 'city_admin') return true;
	const member = await store.get('volunteers', volunteerId);
	if (!member) return true;
	if (actor.role === 'district_admin' && member.district === actor.district) return true;
	if (member.homeStationId === null) return false;
	const home = await store.get('stations', member.homeStationId);
	return home !== undefined && holdsStation(actor, home.id, home.district);
}

/**
 * One rule per mutation. The type lists every mutation name, so a new mutation without a rule
 * does not compile.
 */
const rules: { [N in MutationName]: Rule<N> } = {
	// Volunteers register themselves through the account endpoint, which makes their account too.
	'volunteer.register': async (actor, args, store) => {
		if (actor.role === 'city_admin') return true;
		if (actor.role === 'station_worker') {
			return actor.stationId !== null && args.homeStationId === actor.stationId;
		}
		if (actor.role !== 'district_admin' || args.district !== actor.district) return false;
		return args.homeStationId === null || holdsStationId(actor, store, args.homeStationId);
	},
	// A volunteer edits her own details, but not the phone number she signs in with: her station
	// changes that, so a mistyped number cannot lock her out or take over another's login.
	'volunteer.update': async (actor, args, store) =>
		(isSelf(actor, args.id) && args.changes.phone === undefined) ||
		holdsMember(actor, store, args.id),
	'volunteer.setStatus': (actor, args, store) => holdsMember(actor, store, args.id),
	'project.create': (actor, args, store) => holdsStationId(actor, store, args.stationId),
	'project.update': (actor, args, store) => holdsProject(actor, store, args.id),
	'project.publish': (actor, args, store) => holdsProject(actor, store, args.id),
	'project.close': (actor, args, store) => holdsProject(actor, store, args.id),
	'shift.add': (actor, args, store) => holdsProject(actor, store, args.projectId),
	'shift.update': (actor, args, store) => holdsShift(actor, store, args.id),
	'signup.request': async (actor, args, store) =>
		actor.role === 'volunteer'
			? isSelf(actor, args.volunteerId)
			: holdsShift(actor, store, args.shiftId),
	'signup.cancel': async (actor, args, store) => {
		const signup = await store.get('signups', args.id);
		if (!signup) return true;
		return actor.role === 'volunteer'
			? isSelf(actor, signup.volunteerId)
			: holdsShift(actor, store, signup.shiftId);
	},
	'station.create': async (actor, args) =>
		actor.role === 'city_admin' ||
		(actor.role === 'district_admin' && args.district === actor.district)
};

/**
 * Returns `forbidden` when the actor may not run this mutation, else null. `args` must already
 * have passed the mutation's schema; `store` is the one the mutation will run on.
 */
export async function authorizeMutation(
	actor: Actor,
	name: MutationName,
	args: unknown,
	store: MutationStore
): Promise<string | null> {
	if (!Object.hasOwn(rules, name)) return FORBIDDEN;
	// The rules table pairs each name with its args' type; a name known only at run time can't.
	const rule = rules[name] as (
		actor: Actor,
		args: unknown,
		store: MutationStore
	) => Promise<boolean>;
	return (await rule(actor, args, store)) ? null : FORBIDDEN;
}
