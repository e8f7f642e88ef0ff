/**
 * Reads for the emergency call-out screens: the call-outs this device holds with their headcount,
 * one call-out with everything its page shows, and the members a call-out's matching looks at.
 * Each awaits only Dexie, so the screens stay live as responses sync in.
 */
import { headcount, type CalloutCriteria, type Headcount } from '$lib/domain/emergency';
import type {
	Callout,
	CalloutResponse,
	Signup,
	StaffEntry,
	Station,
	Volunteer
} from '$lib/domain/schemas';
import type { LocalDb } from '$lib/client/data/db';
import { compareText } from '$lib/domain/order';

export interface CalloutSummary {
	callout: Callout;
	leadStation: Station | null;
	count: Headcount;
}

/** Open call-outs first, then the rest; the newest first within each. */
export async function calloutList(db: LocalDb): Promise<CalloutSummary[]> {
	const callouts = await db.callouts.toArray();
	const ids = callouts.map((c) => c.id);
	const responses = ids.length
		? await db.calloutResponses.where('calloutId').anyOf(ids).toArray()
		: [];
	const stations = await db.stations.bulkGet([...new Set(callouts.map((c) => c.stationId))]);
	const byId = new Map(stations.filter((s) => s !== undefined).map((s) => [s.id, s]));
	const byCallout = new Map<string, CalloutResponse[]>();
	for (const r of responses) {
		const list = byCallout.get(r.calloutId);
		if (list) list.push(r);
		else byCallout.set(r.calloutId, [r]);
	}
	callouts.sort(
		(a, b) =>
			Number(b.status === 'open') - Number(a.status === 'open') ||
			compareText(b.createdAt, a.createdAt) ||
			compareText(a.id, b.id)
	);
	return callouts.map((callout) => ({
		callout,
		leadStation: byId.get(callout.stationId) ?? null,
		count: headcount(callout, byCallout.get(callout.id) ?? [])
	}));
}

export interface CalloutDetail {
	callout: Callout;
	responses: CalloutResponse[];
	/** The lead station, the stations it reaches and its responders' stations, as the device holds them. */
	stations: Map<string, Station>;
	/** The muster shift's sign-ups (not cancelled): who came, for the report and the muster. */
	signups: Signup[];
	/** The responders whose member record this device holds (their full number is here). */
	held: Set<string>;
	/** Names of the staff who recorded answers or closed it. */
	staff: Map<string, StaffEntry>;
}

export async function calloutDetail(db: LocalDb, id: string): Promise<CalloutDetail | null> {
	const callout = await db.callouts.get(id);
	if (!callout) return null;
	const responses = await db.calloutResponses.where('calloutId').equals(id).toArray();
	const stationIds = new Set<string>([callout.stationId, ...callout.reachStationIds]);
	for (const r of responses) if (r.stationId) stationIds.add(r.stationId);
	const stations = await db.stations.bulkGet([...stationIds]);
	const signups = (await db.signups.where('shiftId').equals(callout.shiftId).toArray()).filter(
		(s) => s.status !== 'cancelled'
	);
	const members = await db.volunteers.bulkGet(responses.map((r) => r.volunteerId));
	const staffIds = new Set<string>();
	for (const r of responses) if (r.recordedBy) staffIds.add(r.recordedBy);
	if (callout.closedBy) staffIds.add(callout.closedBy);
	const staff = await db.staff.bulkGet([...staffIds]);
	return {
		callout,
		responses,
		stations: new Map(stations.filter((s) => s !== undefined).map((s) => [s.id, s])),
		signups,
		held: new Set(members.filter((v) => v !== undefined).map((v) => v.id)),
		staff: new Map(staff.filter((s) => s !== undefined).map((s) => [s.id, s]))
	};
}

/**
 * The members a call-out's matching looks at: those of the stations it names, through the index;
 * for a whole district, every member the device holds (its scope is already one station's or
 * one district's at most).
 */
export function membersToMatch(
	db: LocalDb,
	criteria: Pick<CalloutCriteria, 'reach' | 'reachStationIds' | 'stationId'>
): Promise<Volunteer[]> {
	if (criteria.reach === 'district') return db.volunteers.toArray();
	const ids = [...new Set([criteria.stationId, ...criteria.reachStationIds])];
	return db.volunteers.where('homeStationId').anyOf(ids).toArray();
}

/** A member's full phone number, for the moment it is shown; null when the device holds none. */
export async function fullPhone(db: LocalDb, volunteerId: string): Promise<string | null> {
	return (await db.volunteers.get(volunteerId))?.phone ?? null;
}
