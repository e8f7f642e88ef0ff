/**
 * Reads for sign-ups: who is on a project's shifts (as far as this device can see) and the
 * member search behind "Sign up a member". Both go through indexes.
 */
import { maskPhone } from '$lib/domain/phone';
import type { Signup, Volunteer, VolunteerStatus } from '$lib/domain/schemas';
import type { LocalDb } from '$lib/client/data/db';

export interface SignupRow {
	signup: Signup;
	/** Null when the member's record is not on this device. */
	memberName: string | null;
}

export interface MemberMatch {
	id: string;
	name: string;
	/** Masked for lists: 138****0001. */
	phone: string;
	status: VolunteerStatus;
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
	signups.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
	for (const signup of signups) {
		const rows = byShift.get(signup.shiftId) ?? [];
		rows.push({ signup, memberName: names.get(signup.volunteerId) ?? null });
		byShift.set(signup.shiftId, rows);
	}
	return byShift;
}

/**
 * Members whose name starts with the term, or whose phone starts with it when it is digits.
 * An indexed prefix query: fast at any size.
 */
export async function searchMembers(db: LocalDb, term: string, limit = 20): Promise<MemberMatch[]> {
	const query = term.trim();
	if (!query) return [];
	const digits = query.replace(/[\s-]/g, '');
	const found: Volunteer[] = /^\d+$/.test(digits)
		? await db.volunteers.where('phone').startsWith(digits).limit(limit).toArray()
		: await db.volunteers.where('name').startsWith(query).limit(limit).toArray();
	return found.map((v) => ({
		id: v.id,
		name: v.name,
		phone: maskPhone(v.phone),
		status: v.status
	}));
}
