/**
 * Reads for the members screens. Search is an indexed prefix query on name or phone with a
 * limit, so it answers as fast for a district's hundred thousand members as for a station's
 * hundred; nothing here reads a whole table.
 */
import type { Project, Shift, Signup, Volunteer, VolunteerStatus } from '$lib/domain/schemas';
import type { LocalDb } from '$lib/client/data/db';

export const MEMBER_PAGE = 50;

export interface MemberSearch {
	/** The start of a name, or the first digits of a phone number. */
	query: string;
	status: VolunteerStatus | '';
	limit?: number;
}

export interface MemberList {
	items: Volunteer[];
	/** More members match than were read. */
	more: boolean;
}

/** The digits of a phone query (spaces, dashes and a +86 prefix dropped); null when not one. */
export function phoneDigits(query: string): string | null {
	let digits = query.replace(/[\s\-().]/g, '');
	if (digits.startsWith('+86')) digits = digits.slice(3);
	return /^\d+$/.test(digits) ? digits : null;
}

export async function searchMembers(db: LocalDb, search: MemberSearch): Promise<MemberList> {
	const limit = search.limit ?? MEMBER_PAGE;
	const query = search.query.trim();
	const digits = phoneDigits(query);
	let collection;
	if (digits) collection = db.volunteers.where('phone').startsWith(digits);
	else if (query) collection = db.volunteers.where('name').startsWith(query);
	else if (search.status) collection = db.volunteers.where('status').equals(search.status);
	else collection = db.volunteers.orderBy('name');
	if (search.status && (digits || query)) {
		const status = search.status;
		collection = collection.filter((v) => v.status === status);
	}
	const rows = await collection.limit(limit + 1).toArray();
	return { items: rows.slice(0, limit), more: rows.length > limit };
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
		.sort((a, b) => (b.shift?.start ?? '').localeCompare(a.shift?.start ?? ''));
}
