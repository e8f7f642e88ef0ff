/**
 * Reads for sign-ups: who is on a project's shifts (a station's staff hold all of its sign-ups)
 * and the shifts a volunteer could be signed up for. Both go through indexes.
 */
import { isActive, type Project, type Shift, type Signup, type Station } from '$lib/domain/schemas';
import type { LocalDb } from '$lib/client/data/db';
import { compareText } from '$lib/domain/order';

export interface SignupRow {
	signup: Signup;
	/** Null when the member's record is not on this device. */
	memberName: string | null;
}

/** A project's sign-ups on this device, grouped by shift id, in request order. */
export async function signupsOfProject(
	db: LocalDb,
	projectId: string
): Promise<Map<string, SignupRow[]>> {
	const signups = await db.signups.where('projectId').equals(projectId).toArray();
	const members = await db.volunteers.bulkGet([...new Set(signups.map((s) => s.volunteerId))]);
	const names = new Map(members.flatMap((v) => (v ? [[v.id, v.name] as const] : [])));
	const byShift = new Map<string, SignupRow[]>();
	signups.sort((a, b) => compareText(a.requestedAt, b.requestedAt));
	for (const signup of signups) {
		const rows = byShift.get(signup.shiftId) ?? [];
		rows.push({ signup, memberName: names.get(signup.volunteerId) ?? null });
		byShift.set(signup.shiftId, rows);
	}
	return byShift;
}

export interface OpenShift {
	shift: Shift;
	project: Project;
	station: Station | null;
	/** The member's sign-up on it that holds or waits for a place, if any. */
	signup: Signup | null;
}

/** A shift that started at most this long ago may still be going on. */
const LONGEST_SHIFT_MS = 24 * 3_600_000;

/**
 * Shifts a member could be signed up for: of published projects, not yet ended, soonest first,
 * each with her own active sign-up on it (so the screen can say she is already signed up).
 */
export async function openShiftsFor(
	db: LocalDb,
	volunteerId: string,
	now: Date,
	limit: number
): Promise<OpenShift[]> {
	const nowIso = now.toISOString();
	const shifts = await db.shifts
		.where('start')
		.aboveOrEqual(new Date(now.getTime() - LONGEST_SHIFT_MS).toISOString())
		.filter((shift) => shift.end > nowIso)
		.limit(limit * 4)
		.toArray();
	const projects = await db.projects.bulkGet(shifts.map((s) => s.projectId));
	const stations = await db.stations.bulkGet(shifts.map((s) => s.stationId));
	const hers = await db.signups.where('volunteerId').equals(volunteerId).filter(isActive).toArray();
	const byShift = new Map(hers.map((s) => [s.shiftId, s]));
	const open: OpenShift[] = [];
	shifts.forEach((shift, i) => {
		const project = projects[i];
		if (project?.status !== 'published') return;
		open.push({
			shift,
			project,
			station: stations[i] ?? null,
			signup: byShift.get(shift.id) ?? null
		});
	});
	return open.slice(0, limit);
}

export interface ShiftOfProject {
	shift: Shift;
	project: Project;
}

/** A shift and its project; null when either is not on this device. */
export async function shiftWithProject(
	db: LocalDb,
	shiftId: string
): Promise<ShiftOfProject | null> {
	const shift = await db.shifts.get(shiftId);
	const project = shift ? await db.projects.get(shift.projectId) : undefined;
	return shift && project ? { shift, project } : null;
}
