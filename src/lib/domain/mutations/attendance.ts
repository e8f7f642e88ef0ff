/**
 * Event-day mutations: check-in and check-out (by tap or member card), walk-ins, corrections,
 * back-dated entries (补录) and the station's verification of a shift's hours.
 *
 * Attendance is append-only: each mutation adds one event and then writes the person's sign-up
 * again as derived from all her events (`$lib/domain/attendance`), so two tablets checking her in
 * give one stay, in whatever order their events reach the server.
 *
 * Times: an event's time is what the tablet's clock said when it happened, kept as the record,
 * since a tablet at an event is often offline for hours. So a late sync never refuses a check-in
 * for the shift having ended meanwhile; the rule-maker's clock only refuses events dated in its
 * future, and events must lie near the shift (`attendanceWindow`). Closing a shift (forgotten
 * check-outs, no-shows) follows the server's clock (`closeShiftAttendance`).
 */
import * as z from 'zod/mini';
import {
	attendanceWindow,
	CLOCK_TOLERANCE_MS,
	defaultRounding,
	deriveAttendance,
	holdsPlace,
	hoursRuleId,
	sameAttendance,
	withAttendance
} from '../attendance';
import {
	defineMutation,
	MutationError,
	need,
	type MutationContext,
	type MutationStore
} from '../mutation';
import { maskPhone } from '../phone';
import {
	district,
	hoursRuleFields,
	id,
	instant,
	text,
	type Attendance,
	type AttendanceKind,
	type Project,
	type Rounding,
	type Shift,
	type Signup,
	type Volunteer
} from '../schemas';
import { compareText } from '../order';

/** A shift as the attendance rules see it. */
interface ShiftDay {
	shift: Shift;
	project: Project;
	rule: Rounding;
	/** Attendance closed: forgotten check-outs end at the shift's end; no check-in is a no-show. */
	closed: boolean;
	verified: boolean;
}

async function shiftDay(store: MutationStore, shiftId: string): Promise<ShiftDay> {
	const shift = await need(store, 'shifts', shiftId, ['shiftId']);
	const project = await need(store, 'projects', shift.projectId, ['shiftId']);
	if (project.status === 'draft' || project.status === 'cancelled') {
		throw new MutationError('project_not_open', ['shiftId']);
	}
	const setting = await store.get('hoursRules', hoursRuleId(project.district));
	const rule = setting ? { unitMinutes: setting.unitMinutes, mode: setting.mode } : defaultRounding;
	const verified = Boolean(shift.hoursVerifiedAt);
	return { shift, project, rule, closed: verified || Boolean(shift.attendanceClosedAt), verified };
}

/** Refuses a time the rule-maker's clock has not reached. */
function notAhead(time: string, ctx: MutationContext, path: string[]) {
	if (Date.parse(time) > Date.parse(ctx.now) + CLOCK_TOLERANCE_MS) {
		throw new MutationError('time_in_future', path);
	}
}

/** Refuses a time the rule-maker's clock has not reached, or one far from the shift. */
function checkTime(day: ShiftDay, time: string, ctx: MutationContext, path: string[]) {
	notAhead(time, ctx, path);
	const window = attendanceWindow(day.shift);
	if (time < window.from || time > window.to) throw new MutationError('outside_shift', path);
}

/** A member's sign-up on the shift that is not cancelled: the one her attendance belongs to. */
async function signupOn(store: MutationStore, shiftId: string, volunteerId: string) {
	const held = (await store.signupsOf(shiftId, volunteerId)).filter(
		(s) => s.status !== 'cancelled'
	);
	held.sort((a, b) => compareText(a.requestedAt, b.requestedAt) || compareText(a.id, b.id));
	return held[0];
}

async function needSignup(store: MutationStore, day: ShiftDay, volunteerId: string) {
	const signup = await signupOn(store, day.shift.id, volunteerId);
	if (!signup) throw new MutationError('not_signed_up', ['volunteerId']);
	return signup;
}

/**
 * Takes a place for someone joining on the day (a walk-in, or a waitlisted member let in).
 * Beyond capacity only with the staff member's explicit override, which the sign-up records.
 * The server counts; a device counts what it knows (the server's count and its own walk-ins not
 * yet sent), so it asks for the override at once, and the server has the last word.
 */
async function takePlace(
	store: MutationStore,
	day: ShiftDay,
	ctx: MutationContext,
	override: boolean,
	fromWaitlist: boolean,
	at: string
): Promise<boolean> {
	const shift = (await store.get('shifts', day.shift.id)) ?? day.shift;
	let taken = shift.confirmedCount;
	if (ctx.authority === 'client') {
		const local = await store.signupsOfShift(shift.id);
		taken += local.filter((s) => s.version === 0 && s.walkIn && holdsPlace(s.status)).length;
	}
	const over = taken >= shift.capacity;
	if (over && !override) throw new MutationError('shift_full', ['overCapacity']);
	if (ctx.authority === 'server') {
		await store.put('shifts', {
			...shift,
			confirmedCount: shift.confirmedCount + 1,
			waitlistCount: shift.waitlistCount - (fromWaitlist ? 1 : 0),
			updatedAt: at
		});
		day.shift = (await store.get('shifts', shift.id)) ?? shift;
	}
	return over;
}

interface EventFields {
	id: string;
	volunteerId: string;
	kind: AttendanceKind;
	at: string;
	checkInAt?: string | null;
	checkOutAt?: string | null;
	reason?: string;
	before?: Attendance['before'];
}

async function addEvent(
	store: MutationStore,
	day: ShiftDay,
	ctx: MutationContext,
	fields: EventFields
) {
	if (await store.get('attendance', fields.id)) throw new MutationError('already_exists');
	await store.put('attendance', {
		id: fields.id,
		createdAt: fields.at,
		updatedAt: fields.at,
		version: 0,
		updatedBy: ctx.actorId,
		shiftId: day.shift.id,
		projectId: day.project.id,
		stationId: day.shift.stationId,
		volunteerId: fields.volunteerId,
		kind: fields.kind,
		at: fields.at,
		checkInAt: fields.checkInAt ?? null,
		checkOutAt: fields.checkOutAt ?? null,
		reason: fields.reason ?? '',
		before: fields.before ?? null,
		afterVerification: day.verified,
		recordedBy: ctx.actorId,
		receivedAt: ctx.authority === 'server' ? ctx.now : null
	});
}

/** Writes the sign-up again as her events say; returns it. Unchanged, it is left alone. */
async function rederive(
	store: MutationStore,
	day: ShiftDay,
	signup: Signup,
	at: string,
	actorId: string | null,
	extra: Partial<Signup> = {}
): Promise<Signup> {
	const events = await store.attendanceOf(day.shift.id, signup.volunteerId);
	const outcome = deriveAttendance(events, day.shift, day.rule, day.closed);
	const next = { ...withAttendance(signup, outcome, day.closed), ...extra };
	const changed =
		!sameAttendance(signup, next) ||
		Object.entries(extra).some(([k, v]) => signup[k as keyof Signup] !== v);
	if (changed) await store.put('signups', { ...next, updatedAt: at, updatedBy: actorId });
	return next;
}

/**
 * A member signed up again on a shift after her earlier sign-up was cancelled: what was recorded
 * of her attendance on the shift (a check-out one tablet took on the old sign-up while another,
 * not yet told, cancelled it) is hers, and her new sign-up shows it, as every later event would.
 */
export async function carryAttendance(
	store: MutationStore,
	signup: Signup,
	at: string,
	actorId: string | null
): Promise<void> {
	if ((await store.attendanceOf(signup.shiftId, signup.volunteerId)).length === 0) return;
	await rederive(store, await shiftDay(store, signup.shiftId), signup, at, actorId);
}

/** The trace a correction keeps: her record as it stood. */
const recordOf = (signup: Signup): NonNullable<Attendance['before']> => ({
	checkInAt: signup.checkInAt,
	checkOutAt: signup.checkOutAt,
	hours: signup.hoursCredited
});

/** The roster's view of a sign-up's member: her name and masked phone, nothing else. */
export async function putRosterEntry(
	store: MutationStore,
	signup: Signup,
	stationId: string,
	member: Pick<Volunteer, 'name' | 'phone'>,
	at: string,
	actorId: string | null
) {
	await store.put('roster', {
		id: signup.id,
		createdAt: at,
		updatedAt: at,
		version: 0,
		updatedBy: actorId,
		shiftId: signup.shiftId,
		projectId: signup.projectId,
		stationId,
		volunteerId: signup.volunteerId,
		name: member.name,
		phone: maskPhone(member.phone)
	});
}

const refuseWhenVerified = (day: ShiftDay) => {
	if (day.verified) throw new MutationError('hours_verified', ['shiftId']);
};

export const checkIn = defineMutation({
	name: 'attendance.checkIn',
	args: z.strictObject({
		id: id(),
		shiftId: id(),
		volunteerId: id(),
		/** Let a waitlisted member in beyond capacity. */
		overCapacity: z.boolean(),
		at: instant()
	}),
	async apply(store, args, ctx) {
		const day = await shiftDay(store, args.shiftId);
		refuseWhenVerified(day);
		checkTime(day, args.at, ctx, ['at']);
		let signup = await needSignup(store, day, args.volunteerId);
		const extra: Partial<Signup> = {};
		if (signup.status === 'waitlisted') {
			extra.overCapacity = await takePlace(store, day, ctx, args.overCapacity, true, args.at);
			extra.decidedAt = args.at;
			signup = { ...signup, status: 'confirmed', waitlistOrder: null };
		}
		await addEvent(store, day, ctx, { ...args, kind: 'check_in' });
		await rederive(store, day, signup, args.at, ctx.actorId, extra);
	}
});

export const checkOut = defineMutation({
	name: 'attendance.checkOut',
	args: z.strictObject({ id: id(), shiftId: id(), volunteerId: id(), at: instant() }),
	async apply(store, args, ctx) {
		const day = await shiftDay(store, args.shiftId);
		refuseWhenVerified(day);
		checkTime(day, args.at, ctx, ['at']);
		const signup = await needSignup(store, day, args.volunteerId);
		if (signup.status === 'waitlisted') throw new MutationError('not_checked_in', ['volunteerId']);
		await addEvent(store, day, ctx, { ...args, kind: 'check_out' });
		await rederive(store, day, signup, args.at, ctx.actorId);
	}
});

/** Checks the times a correction or back-dated entry sets. */
function checkStay(
	day: ShiftDay,
	ctx: MutationContext,
	checkInAt: string | null,
	out: string | null
) {
	if (out !== null && checkInAt === null) throw new MutationError('required', ['checkInAt']);
	if (checkInAt !== null) checkTime(day, checkInAt, ctx, ['checkInAt']);
	if (out !== null) checkTime(day, out, ctx, ['checkOutAt']);
	if (checkInAt !== null && out !== null && out <= checkInAt) {
		throw new MutationError('end_before_start', ['checkOutAt']);
	}
}

const correctionFields = {
	id: id(),
	shiftId: id(),
	volunteerId: id(),
	/** What the correction needs: a reason the record keeps. */
	reason: text(200),
	/**
	 * Said by the device when the shift's hours are already verified: only a district or city
	 * admin may correct them then (authorization.ts), and the old and new values are kept.
	 */
	afterVerification: z.boolean(),
	at: instant()
};

export const correctAttendance = defineMutation({
	name: 'attendance.correct',
	args: z.strictObject({
		...correctionFields,
		/** Null: she was not there. */
		checkInAt: z.nullable(instant()),
		checkOutAt: z.nullable(instant())
	}),
	async apply(store, args, ctx) {
		const day = await shiftDay(store, args.shiftId);
		if (day.verified && !args.afterVerification)
			throw new MutationError('hours_verified', ['shiftId']);
		// A correction may come days later, after the review: only the times it sets are the shift's.
		notAhead(args.at, ctx, ['at']);
		checkStay(day, ctx, args.checkInAt, args.checkOutAt);
		const signup = await needSignup(store, day, args.volunteerId);
		if (signup.status === 'waitlisted' || signup.status === 'pending') {
			throw new MutationError('not_checked_in', ['volunteerId']);
		}
		await addEvent(store, day, ctx, { ...args, kind: 'correction', before: recordOf(signup) });
		await rederive(store, day, signup, args.at, ctx.actorId);
	}
});

/**
 * Adds someone not signed up and checks her in: a member of this station, one found by her full
 * phone number (any station), or one registered on the spot. If she is on the roster already
 * (another tablet added her first), her check-in joins that sign-up: one attendance.
 */
export const walkIn = defineMutation({
	name: 'attendance.walkIn',
	args: z.strictObject({
		/** The check-in event's id. */
		id: id(),
		/** The new sign-up's id. */
		signupId: id(),
		shiftId: id(),
		volunteerId: id(),
		overCapacity: z.boolean(),
		/**
		 * Her name and masked phone as the lookup showed them, so an offline tablet can show her on
		 * the roster before the server's entry arrives. The server ignores it.
		 */
		shown: z.optional(z.strictObject({ name: text(40), phone: z.string().check(z.maxLength(11)) })),
		at: instant()
	}),
	async apply(store, args, ctx) {
		const day = await shiftDay(store, args.shiftId);
		refuseWhenVerified(day);
		checkTime(day, args.at, ctx, ['at']);
		const existing = await signupOn(store, day.shift.id, args.volunteerId);
		if (existing) {
			const extra: Partial<Signup> = {};
			let signup = existing;
			if (existing.status === 'waitlisted') {
				extra.overCapacity = await takePlace(store, day, ctx, args.overCapacity, true, args.at);
				extra.decidedAt = args.at;
				signup = { ...existing, status: 'confirmed', waitlistOrder: null };
			}
			await addEvent(store, day, ctx, { ...args, kind: 'check_in' });
			await rederive(store, day, signup, args.at, ctx.actorId, extra);
			return;
		}
		if (await store.get('signups', args.signupId)) throw new MutationError('already_exists');
		const member = await memberFor(store, args.volunteerId, ctx);
		const over = await takePlace(store, day, ctx, args.overCapacity, false, args.at);
		const signup = newSignup(args.signupId, day, args.volunteerId, args.at, ctx, over);
		await store.put('signups', signup);
		const shown =
			member ?? (args.shown ? { name: args.shown.name, phone: args.shown.phone } : null);
		if (shown)
			await putRosterEntry(store, signup, day.shift.stationId, shown, args.at, ctx.actorId);
		await addEvent(store, day, ctx, { ...args, kind: 'check_in' });
		await rederive(store, day, signup, args.at, ctx.actorId);
	}
});

/**
 * The member a walk-in or back-dated entry adds. The server must know her; a device may not
 * hold a member of another station, and leaves that to the server.
 */
async function memberFor(store: MutationStore, volunteerId: string, ctx: MutationContext) {
	const member = await store.get('volunteers', volunteerId);
	if (!member && ctx.authority === 'server') {
		throw new MutationError('not_found', ['volunteerId'], { table: 'volunteers' });
	}
	if (member?.status === 'inactive') throw new MutationError('volunteer_inactive', ['volunteerId']);
	return member;
}

function newSignup(
	id: string,
	day: ShiftDay,
	volunteerId: string,
	at: string,
	ctx: MutationContext,
	overCapacity: boolean
): Signup {
	return {
		id,
		createdAt: at,
		updatedAt: at,
		version: 0,
		updatedBy: ctx.actorId,
		shiftId: day.shift.id,
		projectId: day.project.id,
		volunteerId,
		status: 'confirmed',
		waitlistOrder: null,
		requestedAt: at,
		decidedAt: at,
		checkInAt: null,
		checkOutAt: null,
		hoursCredited: null,
		recordedBy: ctx.actorId,
		walkIn: true,
		overCapacity
	};
}

/**
 * A back-dated entry (补录): a stay on a shift that is over, copied from a paper sign-in sheet,
 * with a reason. Adds her to the shift if she was not signed up (capacity does not apply to what
 * already happened; a place taken beyond it is marked).
 */
export const backfillAttendance = defineMutation({
	name: 'attendance.backfill',
	args: z.strictObject({
		...correctionFields,
		/** Her sign-up's id, used when she was not signed up. */
		signupId: id(),
		checkInAt: instant(),
		checkOutAt: instant()
	}),
	async apply(store, args, ctx) {
		const day = await shiftDay(store, args.shiftId);
		if (day.verified && !args.afterVerification)
			throw new MutationError('hours_verified', ['shiftId']);
		if (Date.parse(ctx.now) < Date.parse(day.shift.end)) {
			throw new MutationError('shift_not_ended', ['shiftId']);
		}
		notAhead(args.at, ctx, ['at']);
		checkStay(day, ctx, args.checkInAt, args.checkOutAt);
		let signup = await signupOn(store, day.shift.id, args.volunteerId);
		let before: Attendance['before'] = null;
		if (signup?.status === 'waitlisted') {
			const over = await takePlace(store, day, ctx, true, true, args.at);
			signup = { ...signup, status: 'confirmed', waitlistOrder: null, overCapacity: over };
		}
		if (signup) {
			before = recordOf(signup);
		} else {
			if (await store.get('signups', args.signupId)) throw new MutationError('already_exists');
			const member = await memberFor(store, args.volunteerId, ctx);
			const over = await takePlace(store, day, ctx, true, false, args.at);
			signup = newSignup(args.signupId, day, args.volunteerId, args.at, ctx, over);
			await store.put('signups', signup);
			if (member)
				await putRosterEntry(store, signup, day.shift.stationId, member, args.at, ctx.actorId);
		}
		await addEvent(store, day, ctx, { ...args, kind: 'backfill', before });
		await rederive(store, day, signup, args.at, ctx.actorId, { overCapacity: signup.overCapacity });
	}
});

/** Re-derives every sign-up of a closed shift: forgotten check-outs end, no-shows are marked. */
async function closeAll(
	store: MutationStore,
	day: ShiftDay,
	at: string,
	actorId: string | null,
	extra: Partial<Signup>
) {
	for (const signup of await store.signupsOfShift(day.shift.id)) {
		if (
			signup.status === 'cancelled' ||
			signup.status === 'waitlisted' ||
			signup.status === 'pending'
		) {
			continue;
		}
		await rederive(store, day, signup, at, actorId, extra);
	}
}

/**
 * The station verifies a shift's hours after reviewing them: attendance closes (as at the
 * shift's end), and the hours are locked. Before the shift's end (by the rule-maker's clock) it
 * may only be verified once nobody is still checked in. Verifying twice changes nothing.
 */
export const verifyHours = defineMutation({
	name: 'attendance.verify',
	args: z.strictObject({ shiftId: id(), at: instant() }),
	async apply(store, args, ctx) {
		const day = await shiftDay(store, args.shiftId);
		if (day.verified) return;
		const now = Date.parse(ctx.now);
		if (now < Date.parse(day.shift.start))
			throw new MutationError('shift_not_started', ['shiftId']);
		if (now < Date.parse(day.shift.end)) {
			const still = (await store.signupsOfShift(day.shift.id)).filter(
				(s) => s.status === 'checked_in'
			);
			if (still.length > 0) {
				throw new MutationError('still_checked_in', ['shiftId'], { count: String(still.length) });
			}
		}
		const shift: Shift = {
			...day.shift,
			attendanceClosedAt: day.shift.attendanceClosedAt ?? args.at,
			hoursVerifiedAt: args.at,
			hoursVerifiedBy: ctx.actorId,
			updatedAt: args.at,
			updatedBy: ctx.actorId
		};
		await store.put('shifts', shift);
		day.shift = shift;
		day.closed = true;
		await closeAll(store, day, args.at, ctx.actorId, { hoursVerifiedAt: args.at });
	}
});

/**
 * Closes a shift's attendance once it has ended by `now` (the server's clock): a stay with no
 * check-out ends at the shift's end, flagged; a confirmed member never checked in is a no-show.
 * Run by the server for every shift that ends; returns whether it closed anything.
 */
export async function closeShiftAttendance(store: MutationStore, shiftId: string, now: string) {
	const shift = await store.get('shifts', shiftId);
	if (!shift || shift.attendanceClosedAt || shift.hoursVerifiedAt) return false;
	if (Date.parse(now) < Date.parse(shift.end)) return false;
	const project = await store.get('projects', shift.projectId);
	if (!project) return false;
	const closed: Shift = { ...shift, attendanceClosedAt: now, updatedAt: now };
	await store.put('shifts', closed);
	// A draft's or a cancelled project's shift has no attendance to close.
	if (project.status === 'draft' || project.status === 'cancelled') return true;
	const day = await shiftDay(store, shiftId);
	await closeAll(store, day, now, null, {});
	return true;
}

/** A district federation sets how service hours are rounded in its district. */
export const setHoursRule = defineMutation({
	name: 'district.setHoursRule',
	args: z.strictObject({ district: district(), ...hoursRuleFields, at: instant() }),
	async apply(store, args, ctx) {
		const id = hoursRuleId(args.district);
		const existing = await store.get('hoursRules', id);
		await store.put('hoursRules', {
			id,
			createdAt: existing?.createdAt ?? args.at,
			updatedAt: args.at,
			version: existing?.version ?? 0,
			updatedBy: ctx.actorId,
			district: args.district,
			unitMinutes: args.unitMinutes,
			mode: args.mode
		});
	}
});
