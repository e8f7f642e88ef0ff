/**
 * Reads for a volunteer's own screens: her sign-ups with their shift, project and station, and
 * her service hours. A volunteer's device holds only her own sign-ups, so every query starts from
 * the `volunteerId` index and reads the rest by id; all of it works offline.
 */
import type { Project, Shift, Signup, Station } from '$lib/domain/schemas';
import { isActive } from '$lib/domain/signup-status';
import type { LocalDb } from '$lib/client/data/db';
import { myVisits, type MyVisitEntry } from './care';
import { compareText } from '$lib/domain/order';

export interface MySignup {
	signup: Signup;
	/** Null when the shift (or its project, station) is not on this device. */
	shift: Shift | null;
	project: Project | null;
	station: Station | null;
}

export interface MySignups {
	/** Active sign-ups whose shift has not ended, soonest first. */
	upcoming: MySignup[];
	/** Everything else (cancelled, finished, or its shift over), the latest shift first. */
	earlier: MySignup[];
}

const startOf = (item: MySignup) => item.shift?.start ?? item.signup.requestedAt;

/** A volunteer's sign-ups, split into what lies ahead and what is done. */
export async function mySignups(
	db: LocalDb,
	volunteerId: string,
	now = new Date().toISOString()
): Promise<MySignups> {
	const signups = await db.signups.where('volunteerId').equals(volunteerId).toArray();
	const shifts = await db.shifts.bulkGet(signups.map((s) => s.shiftId));
	const projects = await db.projects.bulkGet(signups.map((s) => s.projectId));
	const stations = await db.stations.bulkGet(
		projects.map((p, i) => p?.stationId ?? shifts[i]?.stationId ?? '')
	);
	const upcoming: MySignup[] = [];
	const earlier: MySignup[] = [];
	signups.forEach((signup, i) => {
		const item: MySignup = {
			signup,
			shift: shifts[i] ?? null,
			project: projects[i] ?? null,
			station: stations[i] ?? null
		};
		const over = item.shift !== null && item.shift.end <= now;
		(isActive(signup) && !over ? upcoming : earlier).push(item);
	});
	upcoming.sort((a, b) => compareText(startOf(a), startOf(b)));
	earlier.sort((a, b) => compareText(startOf(b), startOf(a)));
	return { upcoming, earlier };
}

export interface ServiceHours {
	/** Hours credited for her completed sign-ups, to two decimals (hours come in quarter hours). */
	hours: number;
	/** How many completed sign-ups those hours come from (besides `visits`). */
	completed: number;
	/** Of those hours, the ones her station has verified (locked), and the ones awaiting it. */
	verified: number;
	awaiting: number;
	/** Her one-to-one visits whose hours her station verified (counted in `hours` and `verified`). */
	visits: number;
}

/** Before anything is read: nothing served yet. */
export const noServiceHours: ServiceHours = {
	hours: 0,
	completed: 0,
	verified: 0,
	awaiting: 0,
	visits: 0
};

const twoDecimals = (n: number) => Math.round(n * 100) / 100;

/**
 * Her service hours: the sum of the hours credited to her completed sign-ups, and to her
 * one-to-one visits once her station verified them (a visit has no hours before).
 */
export async function serviceHours(db: LocalDb, volunteerId: string): Promise<ServiceHours> {
	let total = 0;
	let verified = 0;
	let completed = 0;
	let visits = 0;
	await db.careVisits
		.where('volunteerId')
		.equals(volunteerId)
		.each((visit) => {
			if (visit.verifiedAt === null || visit.hoursCredited === null) return;
			visits++;
			total += visit.hoursCredited;
			verified += visit.hoursCredited;
		});
	await db.signups
		.where('volunteerId')
		.equals(volunteerId)
		.each((signup) => {
			if (signup.status !== 'completed') return;
			completed++;
			total += signup.hoursCredited ?? 0;
			if (signup.hoursVerifiedAt) verified += signup.hoursCredited ?? 0;
		});
	return {
		hours: twoDecimals(total),
		completed,
		verified: twoDecimals(verified),
		awaiting: twoDecimals(total - verified),
		visits
	};
}

/** One entry of her hours history: a shift she served (or missed), or a one-to-one visit. */
export type HoursEntry =
	| (MySignup & { kind: 'shift'; verified: boolean })
	| (MyVisitEntry & { kind: 'visit'; verified: boolean });

/** When an entry happened, as an instant to sort by: a visit's day counts from its noon. */
function whenOf(entry: HoursEntry): string {
	if (entry.kind === 'shift') return startOf(entry);
	return new Date(`${entry.visit.on}T12:00:00+08:00`).toISOString();
}

/**
 * Her hours history, the latest first: every shift she was checked in or out of, or missed, and
 * every visit she logged, verified or still waiting for her station.
 */
export async function hoursHistory(db: LocalDb, volunteerId: string): Promise<HoursEntry[]> {
	const { earlier, upcoming } = await mySignups(db, volunteerId);
	const shifts = [...upcoming, ...earlier]
		.filter((item) => ['completed', 'no_show', 'checked_in'].includes(item.signup.status))
		.map((item): HoursEntry => ({
			...item,
			kind: 'shift',
			verified: Boolean(item.signup.hoursVerifiedAt)
		}));
	const visits = (await myVisits(db, volunteerId)).map((item): HoursEntry => ({
		...item,
		kind: 'visit',
		verified: item.visit.verifiedAt !== null
	}));
	return [...shifts, ...visits].sort((a, b) => compareText(whenOf(b), whenOf(a)));
}

/** Where a waitlisted sign-up stands: one place when it is certain, else the range it lies in. */
export interface WaitlistPlace {
	from: number;
	to: number;
}

/**
 * A waitlisted sign-up's place, from her own sign-up and the shift's counts alone: her phone never
 * holds other people's sign-ups. Orders only grow, so `waitlistSeq - order` people joined after
 * her and `waitlistSeq - waitlistCount` have left the list (promoted or cancelled). Her place is
 * `waitlistCount` minus those still behind her: exact while nobody has left, else a range, since
 * from here a promotion ahead of her looks the same as a cancellation behind her.
 */
export function waitlistPlace(signup: Signup, shift: Shift | null): WaitlistPlace | null {
	if (signup.status !== 'waitlisted' || signup.waitlistOrder === null || !shift) return null;
	const waiting = Math.max(shift.waitlistCount, 1);
	const joinedAfter = Math.max(shift.waitlistSeq - signup.waitlistOrder, 0);
	const left = Math.max(shift.waitlistSeq - waiting, 0);
	const from = Math.max(waiting - joinedAfter, 1);
	const to = Math.min(waiting, signup.waitlistOrder, waiting - Math.max(joinedAfter - left, 0));
	return { from, to: Math.max(to, from) };
}
