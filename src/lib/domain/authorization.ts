/**
 * Who may run which mutation, in terms of `permissions.ts` (who may read and manage which record).
 * The same rules run on the device (so a forbidden action is refused at once, with nothing queued)
 * and on the server (which decides: a device's copy is never trusted), both through the pipeline.
 *
 * A rule reads the records it needs through the mutation's own store. When one is missing the
 * rule allows, so the mutation itself answers `not_found` rather than a misleading `forbidden`.
 */
import type * as z from 'zod/mini';
import type { MutationStore } from './mutation';
import type { MutationName, Mutations } from './mutations';
import { stationDetailFields } from './mutations/stations';
import {
	holdsStation,
	keepsCareAt,
	keepsOrganizationsOf,
	mayCorrectVerified,
	mayDecideTransfer,
	mayEditStationDetails,
	mayManage,
	mayManageThrough,
	mayOpenStationIn,
	maySetHoursRule,
	noFacts,
	readsCallout,
	type Actor,
	type Subject
} from './permissions';
import { isStaff } from './roles';
import type { TableName } from './schemas';

export { holdsStation, systemActor, type Actor } from './permissions';

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

const isSelf = (actor: Actor, volunteerId: string) =>
	actor.role === 'volunteer' && actor.volunteerId !== null && actor.volunteerId === volunteerId;

/** The staff member manages the record with this id; a missing one is left to the mutation. */
async function managesRecord(
	actor: Actor,
	store: MutationStore,
	table: Exclude<TableName, 'stations'>,
	id: string
) {
	if (!isStaff(actor.role)) return false;
	const row = await store.get(table, id);
	return !row || mayManageThrough(actor, { table, row } as Subject, store);
}

/** Staff managing the member, or the member herself. */
async function selfOrManager(actor: Actor, volunteerId: string, store: MutationStore) {
	return isSelf(actor, volunteerId) || managesRecord(actor, store, 'volunteers', volunteerId);
}

/** A station an admin manages (its name, level, status); a missing one is left to the mutation. */
async function managesStation(actor: Actor, store: MutationStore, stationId: string) {
	const station = await store.get('stations', stationId);
	return !station || mayManage(actor, { table: 'stations', row: station }, noFacts);
}

/** A transfer the actor decides as the station the member moves to. */
async function decidesTransfer(actor: Actor, store: MutationStore, transferId: string) {
	if (!isStaff(actor.role)) return false;
	const transfer = await store.get('transfers', transferId);
	return !transfer || mayDecideTransfer(actor, transfer);
}

/** A station by id in the staff member's scope (to work at it); a missing one is left to the mutation. */
async function worksAtStation(actor: Actor, store: MutationStore, stationId: string) {
	if (!isStaff(actor.role)) return false;
	const station = await store.get('stations', stationId);
	return !station || holdsStation(actor, station.id, station.district);
}

/**
 * Staff who may call a member about a call-out: those who manage it (its lead station, district,
 * the city), and a worker of a station it reaches for her own station's members. A missing
 * call-out or response is left to the mutation.
 */
async function callsMember(
	actor: Actor,
	store: MutationStore,
	calloutId: string,
	volunteerId: string
) {
	if (!isStaff(actor.role)) return false;
	const callout = await store.get('callouts', calloutId);
	if (!callout) return true;
	if (mayManage(actor, { table: 'callouts', row: callout }, noFacts)) return true;
	if (!readsCallout(actor, callout)) return false;
	const response = await store.calloutResponse(calloutId, volunteerId);
	if (response) return response.stationId === actor.stationId;
	const member = await store.get('volunteers', volunteerId);
	return !member || member.homeStationId === actor.stationId;
}

/**
 * One rule per mutation. The type lists every mutation name, so a new mutation without a rule
 * does not compile.
 */
const rules: { [N in MutationName]: Rule<N> } = {
	'volunteer.register': async (actor, args, store) => {
		// A volunteer registers only herself, as her own account's member record (the account
		// endpoint makes both at once).
		if (actor.role === 'volunteer') return isSelf(actor, args.id) && args.source === 'self';
		if (!isStaff(actor.role)) return false;
		// Staff register members into their own care: at a station they work at, or (a district
		// admin, with no station yet) living in her district.
		if (args.homeStationId !== null) return worksAtStation(actor, store, args.homeStationId);
		return actor.role === 'city_admin' || args.district === actor.district;
	},
	// A volunteer edits her own details, but not the phone number she signs in with: her station
	// changes that, so a mistyped number cannot lock her out or take over another's login.
	'volunteer.update': async (actor, args, store) =>
		(isSelf(actor, args.id) && args.changes.phone === undefined) ||
		managesRecord(actor, store, 'volunteers', args.id),
	'volunteer.setStatus': (actor, args, store) => managesRecord(actor, store, 'volunteers', args.id),
	// Her consent is hers to give and withdraw, and her erasure hers to ask for; her station may
	// record either for her (she asked at the desk). Only her station carries an erasure out.
	'volunteer.consent': (actor, args, store) => selfOrManager(actor, args.id, store),
	'volunteer.withdrawConsent': (actor, args, store) => selfOrManager(actor, args.id, store),
	'volunteer.requestErasure': (actor, args, store) => selfOrManager(actor, args.id, store),
	'volunteer.erase': (actor, args, store) => managesRecord(actor, store, 'volunteers', args.id),
	'project.create': (actor, args, store) => worksAtStation(actor, store, args.stationId),
	'project.update': (actor, args, store) => managesRecord(actor, store, 'projects', args.id),
	'project.publish': (actor, args, store) => managesRecord(actor, store, 'projects', args.id),
	'project.close': (actor, args, store) => managesRecord(actor, store, 'projects', args.id),
	'shift.add': (actor, args, store) => managesRecord(actor, store, 'projects', args.projectId),
	'shift.update': (actor, args, store) => managesRecord(actor, store, 'shifts', args.id),
	// A volunteer signs herself up anywhere; staff sign up members in their care for their shifts.
	'signup.request': async (actor, args, store) =>
		actor.role === 'volunteer'
			? isSelf(actor, args.volunteerId)
			: (await managesRecord(actor, store, 'shifts', args.shiftId)) &&
				(await managesRecord(actor, store, 'volunteers', args.volunteerId)),
	'signup.cancel': async (actor, args, store) => {
		if (actor.role !== 'volunteer') return managesRecord(actor, store, 'signups', args.id);
		const signup = await store.get('signups', args.id);
		return !signup || isSelf(actor, signup.volunteerId);
	},
	'station.create': async (actor, args) => mayOpenStationIn(actor, args.district),
	// The event day is the shift's station's business (and its district's, and the city's). A
	// walk-in may be any member: the server checks she exists, and the roster learns only her name
	// and masked phone.
	'attendance.checkIn': (actor, args, store) => managesRecord(actor, store, 'shifts', args.shiftId),
	'attendance.checkOut': (actor, args, store) =>
		managesRecord(actor, store, 'shifts', args.shiftId),
	'attendance.walkIn': (actor, args, store) => managesRecord(actor, store, 'shifts', args.shiftId),
	'attendance.verify': (actor, args, store) => managesRecord(actor, store, 'shifts', args.shiftId),
	'attendance.correct': (actor, args, store) => correctsHours(actor, args, store),
	'attendance.backfill': (actor, args, store) => correctsHours(actor, args, store),
	'district.setHoursRule': async (actor, args) => maySetHoursRule(actor, args.district),
	// Her own station's workers keep its everyday details; its standing is its admins' to change.
	'station.update': async (actor, args, store) => {
		if (!isStaff(actor.role)) return false;
		const station = await store.get('stations', args.id);
		if (!station) return true;
		const detailsOnly = Object.keys(args.changes).every((field) =>
			(stationDetailFields as string[]).includes(field)
		);
		return detailsOnly
			? mayEditStationDetails(actor, station)
			: mayManage(actor, { table: 'stations', row: station }, noFacts);
	},
	'station.setStatus': (actor, args, store) => managesStation(actor, store, args.id),
	// She asks to move herself; her station asks for her. Each says which it is.
	'transfer.request': async (actor, args, store) =>
		actor.role === 'volunteer'
			? isSelf(actor, args.volunteerId) && args.requestedBy === 'member'
			: args.requestedBy === 'station' &&
				(await managesRecord(actor, store, 'volunteers', args.volunteerId)),
	'transfer.accept': (actor, args, store) => decidesTransfer(actor, store, args.id),
	'transfer.decline': (actor, args, store) => decidesTransfer(actor, store, args.id),
	// Whoever could ask may take the request back: she, or staff of the station she would leave.
	// Her readiness is hers to keep, and her station's (she tells them at the desk).
	'volunteer.setReadiness': (actor, args, store) => selfOrManager(actor, args.id, store),
	// Staff call people out from a station they work at; a station worker reaches her own station.
	'callout.create': async (actor, args, store) => {
		if (!(await worksAtStation(actor, store, args.stationId))) return false;
		if (actor.role !== 'station_worker') return true;
		return args.reach === 'stations' && args.reachStationIds.every((s) => s === actor.stationId);
	},
	'callout.ask': async (actor, args, store) => {
		for (const ask of args.asks) {
			if (!(await callsMember(actor, store, args.calloutId, ask.volunteerId))) return false;
		}
		return true;
	},
	// She answers for herself; staff record what she said on a call. Each says which it is.
	'callout.respond': async (actor, args, store) =>
		actor.role === 'volunteer'
			? isSelf(actor, args.volunteerId) && args.answeredBy === 'member'
			: args.answeredBy === 'staff' &&
				(await callsMember(actor, store, args.calloutId, args.volunteerId)),
	'callout.revealPhone': (actor, args, store) =>
		callsMember(actor, store, args.calloutId, args.volunteerId),
	'callout.close': (actor, args, store) => managesRecord(actor, store, 'callouts', args.id),
	// A station keeps its own teams (as do its district's admin and the city's).
	'team.create': (actor, args, store) => worksAtStation(actor, store, args.stationId),
	'team.update': (actor, args, store) => managesRecord(actor, store, 'teams', args.id),
	// A district's registry of social organizations, and its pairings, are its admin's to keep.
	'organization.create': async (actor, args) => keepsOrganizationsOf(actor, args.district),
	'organization.update': (actor, args, store) =>
		managesRecord(actor, store, 'organizations', args.id),
	'pairing.create': (actor, args, store) => managesStation(actor, store, args.stationId),
	'pairing.end': (actor, args, store) => managesRecord(actor, store, 'pairings', args.id),
	// The paired station's staff log what was done together, as do the admins who keep it.
	// One-to-one pairings are the station's own: its workers record the person helped (with her
	// consent), pair her with a member, end it, and verify visits; never an admin.
	'helped.register': async (actor, args) => keepsCareAt(actor, args.stationId),
	'helped.update': (actor, args, store) => managesRecord(actor, store, 'helpedPeople', args.id),
	'helped.erase': (actor, args, store) => managesRecord(actor, store, 'helpedPeople', args.id),
	'care.pair': (actor, args, store) => managesRecord(actor, store, 'helpedPeople', args.helpedId),
	'care.end': (actor, args, store) => managesRecord(actor, store, 'carePairings', args.id),
	// The volunteer logs her own visits, on her phone; her station may log one for her.
	'care.logVisit': async (actor, args, store) => {
		if (actor.role !== 'volunteer') {
			return managesRecord(actor, store, 'carePairings', args.carePairingId);
		}
		const pairing = await store.get('carePairings', args.carePairingId);
		return !pairing || isSelf(actor, pairing.volunteerId);
	},
	'care.verifyVisit': (actor, args, store) => managesRecord(actor, store, 'careVisits', args.id),
	'pairing.logActivity': async (actor, args, store) => {
		if (!isStaff(actor.role)) return false;
		const pairing = await store.get('pairings', args.pairingId);
		return !pairing || holdsStation(actor, pairing.stationId, pairing.district);
	},
	'transfer.cancel': async (actor, args, store) => {
		const transfer = await store.get('transfers', args.id);
		if (!transfer) return isStaff(actor.role) || actor.role === 'volunteer';
		if (actor.role === 'volunteer') return isSelf(actor, transfer.volunteerId);
		return (
			holdsStation(actor, transfer.fromStationId, transfer.fromDistrict) ||
			(await managesRecord(actor, store, 'volunteers', transfer.volunteerId))
		);
	}
};

/**
 * Staff of the shift correct its hours; once they are verified, only a district admin of the
 * shift's district or the city admin (the device says so, `afterVerification`).
 */
async function correctsHours(
	actor: Actor,
	args: { shiftId: string; afterVerification: boolean },
	store: MutationStore
) {
	if (!(await managesRecord(actor, store, 'shifts', args.shiftId))) return false;
	if (!args.afterVerification) return true;
	const shift = await store.get('shifts', args.shiftId);
	const project = shift && (await store.get('projects', shift.projectId));
	return !project || mayCorrectVerified(actor, project.district);
}

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
