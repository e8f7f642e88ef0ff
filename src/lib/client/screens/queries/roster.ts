/**
 * Reads for a shift's roster on the event day: everyone on the shift but the cancelled, with her
 * name and masked phone (from the roster entry the server sends, else the member record this
 * device holds), her attendance events (for the review's trail), and the shift's hours rule.
 */
import { defaultRounding, hoursRuleId } from '$lib/domain/attendance';
import { maskPhone } from '$lib/domain/phone';
import type {
	Attendance,
	Project,
	Rounding,
	Shift,
	Signup,
	SignupStatus,
	Station
} from '$lib/domain/schemas';
import type { LocalDb } from '$lib/client/data/db';
import { compareNames, compareText } from '$lib/domain/order';

export interface RosterPerson {
	signup: Signup;
	/** Null when this device knows neither her roster entry nor her record (not yet synced). */
	name: string | null;
	/** Masked: 138****0001. */
	phone: string | null;
	/** Her attendance events, oldest first. */
	events: Attendance[];
}

export interface Roster {
	shift: Shift;
	project: Project | null;
	station: Station | null;
	rule: Rounding;
	people: RosterPerson[];
}

/** The roster's order: who is here now, who is expected, who is done, then the rest. */
const order: Record<SignupStatus, number> = {
	checked_in: 0,
	confirmed: 1,
	pending: 1,
	completed: 2,
	waitlisted: 3,
	no_show: 4,
	cancelled: 5
};

export async function shiftRoster(db: LocalDb, shiftId: string): Promise<Roster | null> {
	const shift = await db.shifts.get(shiftId);
	if (!shift) return null;
	const project = (await db.projects.get(shift.projectId)) ?? null;
	const station = (await db.stations.get(shift.stationId)) ?? null;
	const setting = project ? await db.hoursRules.get(hoursRuleId(project.district)) : undefined;
	const signups = (await db.signups.where('shiftId').equals(shiftId).toArray()).filter(
		(s) => s.status !== 'cancelled'
	);
	const entries = await db.roster.bulkGet(signups.map((s) => s.id));
	const members = await db.volunteers.bulkGet(signups.map((s) => s.volunteerId));
	const events = await db.attendance.where('shiftId').equals(shiftId).toArray();
	events.sort((a, b) => compareText(a.at, b.at) || compareText(a.id, b.id));
	const people = signups.map((signup, i) => {
		const entry = entries[i];
		const member = members[i];
		return {
			signup,
			name: entry?.name ?? member?.name ?? null,
			phone: entry?.phone ?? (member ? maskPhone(member.phone) : null),
			events: events.filter((e) => e.volunteerId === signup.volunteerId)
		};
	});
	people.sort(
		(a, b) =>
			order[a.signup.status] - order[b.signup.status] ||
			compareNames(a.name ?? '', b.name ?? '') ||
			compareText(a.signup.id, b.signup.id)
	);
	return {
		shift,
		project,
		station,
		rule: setting ? { unitMinutes: setting.unitMinutes, mode: setting.mode } : defaultRounding,
		people
	};
}

/** The roster's counts, for its heading. */
export function rosterCounts(people: readonly RosterPerson[]) {
	const count = (...statuses: SignupStatus[]) =>
		people.filter((p) => statuses.includes(p.signup.status)).length;
	return {
		expected: count('confirmed', 'pending'),
		checkedIn: count('checked_in'),
		checkedOut: count('completed'),
		noShow: count('no_show'),
		waitlisted: count('waitlisted')
	};
}

export interface DayShift {
	shift: Shift;
	project: Project;
}

/**
 * Shifts under way or within a day either side of `now`: the event days a station's tablet
 * opens rosters for, soonest first.
 */
export async function shiftsAround(db: LocalDb, now: Date): Promise<DayShift[]> {
	const day = 86_400_000;
	const shifts = await db.shifts
		.where('start')
		.between(
			new Date(now.getTime() - day).toISOString(),
			new Date(now.getTime() + day).toISOString()
		)
		.toArray();
	const projects = await db.projects.bulkGet(shifts.map((s) => s.projectId));
	const out: DayShift[] = [];
	shifts.forEach((shift, i) => {
		const project = projects[i];
		if (project && (project.status === 'published' || project.status === 'closed')) {
			out.push({ shift, project });
		}
	});
	return out.sort((a, b) => compareText(a.shift.start, b.shift.start));
}
