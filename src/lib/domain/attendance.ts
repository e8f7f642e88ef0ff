/**
 * Service hours from attendance events: the one derivation the device, the server and the tests
 * use. Pure: the same events give the same times and hours whatever order they arrived in, from
 * however many tablets, however often.
 *
 * The rule, as shown to station workers and volunteers:
 * - Hours run from check-in to check-out, on site (travel is not counted), rounded by the
 *   district federation's rule (by default to the nearest quarter hour).
 * - Events are read in the order they happened (their time, then their id). A person is checked
 *   in from her first check-in; a check-out ends her stay, a later check-in reopens it (she came
 *   back), and her last check-out counts. Two tablets checking her in give one stay.
 * - A correction (or back-dated entry) sets both times, with a reason, and wins over every event
 *   before it; events after it apply on top.
 * - Once attendance is closed (the shift ended, or its hours were verified), a stay with no
 *   check-out ends at the shift's end and is flagged for the review; a check-out with no check-in
 *   counts no hours until corrected.
 */
import { districtCodes, type DistrictCode } from './reference';
import type { Attendance, AttendanceFlag, Rounding, Shift, Signup, SignupStatus } from './schemas';
import { compareText } from './order';

/** What a district federation's rule says when it has not set one. */
export const defaultRounding: Rounding = { unitMinutes: 15, mode: 'nearest' };

/** A fixed id per district for its hours rule, so two admins setting it write one record. */
export function hoursRuleId(district: DistrictCode): string {
	const n = districtCodes.indexOf(district) + 1;
	return `0000d157-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/**
 * The times an attendance event may carry for a shift: from three hours before its start (early
 * helpers) to twelve after its end (a tablet's clock, or a late correction, still in the day).
 * Outside it the record is implausible, and a back-dated entry or correction is the way.
 */
export function attendanceWindow(shift: Pick<Shift, 'start' | 'end'>) {
	return {
		from: new Date(Date.parse(shift.start) - 3 * 3_600_000).toISOString(),
		to: new Date(Date.parse(shift.end) + 12 * 3_600_000).toISOString()
	};
}

/** How far ahead of the rule-maker's clock an event may be, for clocks a little apart. */
export const CLOCK_TOLERANCE_MS = 10 * 60_000;

/** Minutes rounded by the rule: 157 → 150 (down) or 150 (nearest quarter); 158 → 165 (nearest). */
export function roundMinutes(minutes: number, rule: Rounding): number {
	if (!(minutes > 0)) return 0;
	// Whole minutes first, so a few seconds never tip a rounding.
	const units = Math.floor(minutes) / rule.unitMinutes;
	return (rule.mode === 'down' ? Math.floor(units) : Math.round(units)) * rule.unitMinutes;
}

/** Hours, to two decimals, credited for so many minutes by the rule (a visit's, a stay's). */
export function hoursForMinutes(minutes: number, rule: Rounding): number {
	return Math.round((roundMinutes(minutes, rule) / 60) * 100) / 100;
}

/** Hours credited for a stay, by the rule; null without both times. */
export function creditedHours(
	checkInAt: string | null,
	checkOutAt: string | null,
	rule: Rounding
): number | null {
	if (checkInAt === null || checkOutAt === null) return null;
	return hoursForMinutes((Date.parse(checkOutAt) - Date.parse(checkInAt)) / 60_000, rule);
}

export interface AttendanceOutcome {
	checkInAt: string | null;
	checkOutAt: string | null;
	hours: number | null;
	flag: AttendanceFlag | null;
	/** The times come from a correction or back-dated entry. */
	corrected: boolean;
	/** She has any event at all. */
	recorded: boolean;
}

const inOrder = (a: Attendance, b: Attendance) =>
	a.at === b.at ? compareText(a.id, b.id) : compareText(a.at, b.at);

/**
 * One person's attendance on a shift from her events. `closed`: attendance is closed (the shift
 * ended by the server's clock, or its hours were verified).
 */
export function deriveAttendance(
	events: readonly Attendance[],
	shift: Pick<Shift, 'end'>,
	rule: Rounding,
	closed: boolean
): AttendanceOutcome {
	let checkInAt: string | null = null;
	let checkOutAt: string | null = null;
	let corrected = false;
	for (const event of [...events].sort(inOrder)) {
		switch (event.kind) {
			case 'check_in':
				if (checkInAt === null || event.at < checkInAt) checkInAt = event.at;
				// Back after leaving: the stay goes on until her next check-out.
				if (checkOutAt !== null && event.at > checkOutAt) checkOutAt = null;
				break;
			case 'check_out':
				if (checkOutAt === null || event.at > checkOutAt) checkOutAt = event.at;
				break;
			case 'correction':
			case 'backfill':
				checkInAt = event.checkInAt;
				checkOutAt = event.checkOutAt;
				corrected = true;
				break;
		}
	}
	let flag: AttendanceFlag | null = null;
	if (checkInAt === null && checkOutAt !== null) {
		flag = 'no_check_in';
	} else if (checkInAt !== null && checkOutAt === null && closed) {
		checkOutAt = checkInAt > shift.end ? checkInAt : shift.end;
		flag = 'auto_check_out';
	}
	const hours = flag === 'no_check_in' ? null : creditedHours(checkInAt, checkOutAt, rule);
	return { checkInAt, checkOutAt, hours, flag, corrected, recorded: events.length > 0 };
}

/** Statuses that took a place on the shift (and keep it counted once the day is over). */
export const placeStatuses: readonly SignupStatus[] = [
	'confirmed',
	'checked_in',
	'completed',
	'no_show'
];
export const holdsPlace = (status: SignupStatus) => placeStatuses.includes(status);

/**
 * A sign-up with its attendance written in: the status follows the times (checked in, completed;
 * once closed with no check-in, no-show). Waitlisted and pending sign-ups with no events are left
 * as they are, as are cancelled ones.
 */
export function withAttendance(
	signup: Signup,
	outcome: AttendanceOutcome,
	closed: boolean
): Signup {
	let status: SignupStatus = signup.status;
	if (signup.status !== 'cancelled') {
		if (outcome.checkInAt !== null)
			status = outcome.checkOutAt === null ? 'checked_in' : 'completed';
		else if (holdsPlace(signup.status) || outcome.recorded)
			status = closed ? 'no_show' : 'confirmed';
	}
	const next: Signup = {
		...signup,
		status,
		checkInAt: outcome.checkInAt,
		checkOutAt: outcome.checkOutAt,
		hoursCredited: outcome.hours,
		attendanceFlag: outcome.flag,
		corrected: outcome.corrected
	};
	if (status !== 'waitlisted') next.waitlistOrder = null;
	return next;
}

/** Whether two sign-ups say the same about attendance (so nothing needs writing). */
export function sameAttendance(a: Signup, b: Signup): boolean {
	return (
		a.status === b.status &&
		a.checkInAt === b.checkInAt &&
		a.checkOutAt === b.checkOutAt &&
		a.hoursCredited === b.hoursCredited &&
		(a.attendanceFlag ?? null) === (b.attendanceFlag ?? null) &&
		(a.corrected ?? false) === (b.corrected ?? false) &&
		a.waitlistOrder === b.waitlistOrder
	);
}
