import * as z from 'zod/mini';
import { ageRange, beijingDate } from '../age';
import {
	defineMutation,
	MutationError,
	need,
	type MutationContext,
	type MutationStore
} from '../mutation';
import {
	id,
	instant,
	isActive,
	type Project,
	type Shift,
	type Signup,
	type Volunteer
} from '../schemas';
import { carryAttendance, putRosterEntry } from './attendance';

export { isActive };

/**
 * Fills free places from the waitlist, first come first served. Server only: a device may not
 * see everyone on the list, so it never promotes.
 */
export async function promoteWaitlisted(store: MutationStore, shiftId: string, at: string) {
	const shift = await need(store, 'shifts', shiftId, ['shiftId']);
	let { confirmedCount, waitlistCount } = shift;
	if (confirmedCount >= shift.capacity || waitlistCount === 0) return;
	const waiting = (await store.activeSignupsOfShift(shiftId))
		.filter((s) => s.status === 'waitlisted')
		.sort((a, b) => (a.waitlistOrder ?? 0) - (b.waitlistOrder ?? 0));
	for (const signup of waiting) {
		if (confirmedCount >= shift.capacity) break;
		await store.put('signups', {
			...signup,
			status: 'confirmed',
			waitlistOrder: null,
			decidedAt: at,
			updatedAt: at
		});
		confirmedCount++;
		waitlistCount--;
	}
	await store.put('shifts', { ...shift, confirmedCount, waitlistCount, updatedAt: at });
}

export const requestSignup = defineMutation({
	name: 'signup.request',
	args: z.strictObject({ id: id(), shiftId: id(), volunteerId: id(), at: instant() }),
	async apply(store, args, ctx) {
		if (await store.get('signups', args.id)) throw new MutationError('already_exists');
		const shift = await need(store, 'shifts', args.shiftId, ['shiftId']);
		const project = await need(store, 'projects', shift.projectId, ['shiftId']);
		if (project.status !== 'published') throw new MutationError('project_not_open', ['shiftId']);
		// A call-out's muster is answered through the call-out, and those who come are checked in.
		if (project.calloutId !== null) throw new MutationError('callout_project', ['shiftId']);
		// Judged by the clock of whoever runs the rule: the server's decides, whatever the device's said.
		if (Date.parse(shift.end) <= Date.parse(ctx.now)) {
			throw new MutationError('shift_ended', ['shiftId']);
		}
		const member = await need(store, 'volunteers', args.volunteerId, ['volunteerId']);
		if (member.status === 'inactive') {
			throw new MutationError('volunteer_inactive', ['volunteerId']);
		}
		// Her station has not approved her registration yet: nobody confirms her on a shift.
		if (member.status === 'pending') throw new MutationError('volunteer_pending', ['volunteerId']);
		refuseBelowMinAge(member, project, shift);
		// One sign-up per member and shift, whether it waits, holds a place or is already over.
		const held = await store.signupsOf(shift.id, member.id);
		if (held.some((s) => s.status !== 'cancelled')) {
			throw new MutationError('already_signed_up', ['volunteerId']);
		}

		const signup: Signup = {
			id: args.id,
			createdAt: args.at,
			updatedAt: args.at,
			version: 0,
			updatedBy: ctx.actorId,
			shiftId: shift.id,
			projectId: project.id,
			volunteerId: member.id,
			status: 'pending',
			waitlistOrder: null,
			requestedAt: args.at,
			decidedAt: null,
			checkInAt: null,
			checkOutAt: null,
			hoursCredited: null,
			recordedBy: ctx.actorId
		};
		if (ctx.authority === 'client') {
			// The device cannot know who else asked first: the server decides.
			await store.put('signups', signup);
			return;
		}
		// The station's roster shows her even if its devices do not hold her member record.
		await putRosterEntry(store, signup, shift.stationId, member, args.at, ctx.actorId);
		if (shift.confirmedCount < shift.capacity) {
			const confirmed: Signup = { ...signup, status: 'confirmed', decidedAt: args.at };
			await store.put('signups', confirmed);
			await store.put('shifts', {
				...shift,
				confirmedCount: shift.confirmedCount + 1,
				updatedAt: args.at
			});
			await carryAttendance(store, confirmed, args.at, ctx.actorId);
		} else {
			const waitlistOrder = shift.waitlistSeq + 1;
			await store.put('signups', {
				...signup,
				status: 'waitlisted',
				waitlistOrder,
				decidedAt: args.at
			});
			await store.put('shifts', {
				...shift,
				waitlistSeq: waitlistOrder,
				waitlistCount: shift.waitlistCount + 1,
				updatedAt: args.at
			});
		}
	}
});

/**
 * Refuses a sign-up for a project with a minimum age when she is, or may be, younger on the day
 * of the shift. With only her birth year known she may be a year younger than it says: the
 * refusal then asks for her birth date rather than guessing.
 */
function refuseBelowMinAge(member: Volunteer, project: Project, shift: Shift) {
	if (project.minAge === null || project.minAge <= 0) return;
	const detail = { minAge: String(project.minAge) };
	const range = ageRange(member, beijingDate(shift.start));
	if (range === null) throw new MutationError('age_unknown', ['volunteerId'], detail);
	if (range.oldest < project.minAge) {
		throw new MutationError('below_min_age', ['volunteerId'], detail);
	}
	if (range.youngest < project.minAge) {
		throw new MutationError('birth_date_required', ['volunteerId'], detail);
	}
}

/**
 * Cancels one active sign-up. On the server its place goes back to the shift and the waitlist
 * moves up; on a device it only shows as cancelled until the server has decided.
 */
export async function cancelActiveSignup(
	store: MutationStore,
	signup: Signup,
	at: string,
	ctx: MutationContext
) {
	await store.put('signups', {
		...signup,
		status: 'cancelled',
		waitlistOrder: null,
		updatedAt: at,
		updatedBy: ctx.actorId
	});
	if (ctx.authority === 'client') return;
	// A checked-in member holds her place as a confirmed one does.
	const holdsPlace = signup.status === 'confirmed' || signup.status === 'checked_in';
	const shift = await need(store, 'shifts', signup.shiftId, ['shiftId']);
	await store.put('shifts', {
		...shift,
		confirmedCount: shift.confirmedCount - (holdsPlace ? 1 : 0),
		waitlistCount: shift.waitlistCount - (signup.status === 'waitlisted' ? 1 : 0),
		updatedAt: at
	});
	if (holdsPlace) await promoteWaitlisted(store, shift.id, at);
}

/**
 * Cancels a member's sign-ups for shifts that have not ended: she stopped taking part (consent
 * withdrawn, erasure asked). A checked-in one is left, as she is there now.
 */
export async function cancelUpcomingSignups(
	store: MutationStore,
	volunteerId: string,
	at: string,
	ctx: MutationContext
) {
	for (const signup of await store.signupsOfVolunteer(volunteerId)) {
		if (!isActive(signup) || signup.status === 'checked_in') continue;
		const shift = await store.get('shifts', signup.shiftId);
		if (shift && Date.parse(shift.end) <= Date.parse(ctx.now)) continue;
		await cancelActiveSignup(store, signup, at, ctx);
	}
}

export const cancelSignup = defineMutation({
	name: 'signup.cancel',
	args: z.strictObject({ id: id(), at: instant() }),
	async apply(store, args, ctx) {
		const signup = await need(store, 'signups', args.id);
		if (!isActive(signup)) throw new MutationError('signup_not_active');
		// She is on site, and her attendance is hers on this shift: a mistaken check-in is corrected,
		// not cancelled, so her hours and the events behind them always agree.
		if (signup.status === 'checked_in') throw new MutationError('signup_checked_in');
		await cancelActiveSignup(store, signup, args.at, ctx);
	}
});

/** Place on the waitlist (1-based) among the sign-ups this store can see. */
export function waitlistPosition(signup: Signup, ofShift: readonly Signup[]): number | null {
	if (signup.status !== 'waitlisted' || signup.waitlistOrder === null) return null;
	const order = signup.waitlistOrder;
	return (
		ofShift.filter(
			(s) => s.status === 'waitlisted' && s.waitlistOrder !== null && s.waitlistOrder < order
		).length + 1
	);
}
