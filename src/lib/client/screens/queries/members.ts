/**
 * Reads for the members screens. Search runs in memory over an index of the members the device
 * holds (see `../search/member-index`): read whole once per change of the table, then every
 * keystroke is a scan of the index, by any part of a name, pinyin, initials or phone digits.
 */
import type { Project, Shift, Signup, Volunteer } from '$lib/domain/schemas';
import type { LocalDb } from '$lib/client/data/db';
import { MemberIndex, type CharReadings } from '../search/member-index';
import { compareText } from '$lib/domain/order';

export { MEMBER_PAGE, phoneDigits } from '../search/member-index';

/** Every member on the device, indexed for search; run it in `live()` to follow changes. */
export async function memberIndex(db: LocalDb, readings: CharReadings): Promise<MemberIndex> {
	return new MemberIndex(await db.volunteers.toArray(), readings);
}

export async function memberById(db: LocalDb, id: string): Promise<Volunteer | null> {
	return (await db.volunteers.get(id)) ?? null;
}

export interface MemberSignup {
	signup: Signup;
	shift: Shift | null;
	project: Project | null;
}

/** A member's sign-ups with their shift and project, the latest shift first. */
export async function signupsOfMember(db: LocalDb, memberId: string): Promise<MemberSignup[]> {
	const signups = await db.signups.where('volunteerId').equals(memberId).toArray();
	const shifts = await db.shifts.bulkGet(signups.map((s) => s.shiftId));
	const projects = await db.projects.bulkGet(signups.map((s) => s.projectId));
	return signups
		.map((signup, i) => ({ signup, shift: shifts[i] ?? null, project: projects[i] ?? null }))
		.sort((a, b) => compareText(b.shift?.start ?? '', a.shift?.start ?? ''));
}
