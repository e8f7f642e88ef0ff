import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	creditedHours,
	defaultRounding,
	deriveAttendance,
	hoursRuleId,
	roundMinutes,
	withAttendance
} from './attendance';
import type { Attendance, Signup } from './schemas';

const shift = { start: '2026-03-02T01:00:00.000Z', end: '2026-03-02T04:00:00.000Z' };
/** Minutes after the shift's start, as an instant. */
const t = (minutes: number) => new Date(Date.parse(shift.start) + minutes * 60_000).toISOString();

let n = 0;
function event(kind: Attendance['kind'], at: string, more: Partial<Attendance> = {}): Attendance {
	const id = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
	return {
		id,
		createdAt: at,
		updatedAt: at,
		version: 1,
		updatedBy: null,
		shiftId: crypto.randomUUID(),
		projectId: crypto.randomUUID(),
		stationId: crypto.randomUUID(),
		volunteerId: crypto.randomUUID(),
		kind,
		at,
		checkInAt: null,
		checkOutAt: null,
		reason: '',
		before: null,
		afterVerification: false,
		recordedBy: null,
		receivedAt: null,
		...more
	};
}
const checkIn = (m: number) => event('check_in', t(m));
const checkOut = (m: number) => event('check_out', t(m));

describe('rounding', () => {
	it('rounds to the nearest quarter hour by default', () => {
		expect(defaultRounding).toEqual({ unitMinutes: 15, mode: 'nearest' });
		expect(roundMinutes(157, defaultRounding)).toBe(150);
		expect(roundMinutes(158, defaultRounding)).toBe(165);
		expect(roundMinutes(7, defaultRounding)).toBe(0);
		expect(roundMinutes(8, defaultRounding)).toBe(15);
	});

	it('rounds down when the district says so, and never credits a negative stay', () => {
		expect(roundMinutes(59, { unitMinutes: 30, mode: 'down' })).toBe(30);
		expect(roundMinutes(60, { unitMinutes: 60, mode: 'down' })).toBe(60);
		expect(roundMinutes(-20, defaultRounding)).toBe(0);
	});

	it('does not let a few seconds tip a rounding', () => {
		// 7 minutes 50 seconds is 7 whole minutes: under the half of a quarter hour.
		expect(roundMinutes(7 + 50 / 60, defaultRounding)).toBe(0);
	});

	it('credits hours from check-in to check-out', () => {
		expect(creditedHours(t(0), t(150), defaultRounding)).toBe(2.5);
		expect(creditedHours(t(-5), t(172), defaultRounding)).toBe(3);
		expect(creditedHours(t(0), null, defaultRounding)).toBeNull();
	});

	it('gives each district its own fixed rule id', () => {
		expect(hoursRuleId('dongcheng')).not.toBe(hoursRuleId('chaoyang'));
		expect(hoursRuleId('dongcheng')).toMatch(/^[0-9a-f-]{36}$/);
	});
});

describe('deriveAttendance', () => {
	it('credits one stay from two tablets checking her in and out, in any order', () => {
		const events = [checkIn(2), checkIn(5), checkOut(150), checkOut(148)];
		fc.assert(
			fc.property(fc.shuffledSubarray(events, { minLength: 4, maxLength: 4 }), (order) => {
				const outcome = deriveAttendance(order, shift, defaultRounding, false);
				expect(outcome).toMatchObject({
					checkInAt: t(2),
					checkOutAt: t(150),
					hours: 2.5,
					flag: null
				});
			})
		);
	});

	it('reopens a stay when she checks in again after leaving, and counts her last check-out', () => {
		const outcome = deriveAttendance(
			[checkIn(0), checkOut(60), checkIn(70), checkOut(120)],
			shift,
			defaultRounding,
			false
		);
		expect(outcome).toMatchObject({ checkInAt: t(0), checkOutAt: t(120), hours: 2 });
	});

	it('leaves a stay open until attendance closes, then ends it at the shift’s end, flagged', () => {
		expect(deriveAttendance([checkIn(0)], shift, defaultRounding, false)).toMatchObject({
			checkInAt: t(0),
			checkOutAt: null,
			hours: null,
			flag: null
		});
		expect(deriveAttendance([checkIn(0)], shift, defaultRounding, true)).toMatchObject({
			checkOutAt: shift.end,
			hours: 3,
			flag: 'auto_check_out'
		});
	});

	it('flags a check-out with no check-in and credits nothing', () => {
		expect(deriveAttendance([checkOut(90)], shift, defaultRounding, true)).toMatchObject({
			checkInAt: null,
			hours: null,
			flag: 'no_check_in'
		});
	});

	it('lets a correction win over every event before it, and later events apply on top', () => {
		const correction = event('correction', t(200), {
			checkInAt: t(-10),
			checkOutAt: t(170),
			reason: '按纸质签到表更正'
		});
		const events = [checkIn(30), checkOut(40), correction];
		expect(deriveAttendance(events, shift, defaultRounding, true)).toMatchObject({
			checkInAt: t(-10),
			checkOutAt: t(170),
			hours: 3,
			corrected: true,
			flag: null
		});
		// A tablet's tap made after the correction still counts.
		const later = deriveAttendance([...events, checkOut(210)], shift, defaultRounding, true);
		expect(later).toMatchObject({ checkOutAt: t(210), hours: 3.75 });
	});

	it('records her as absent when a correction clears her check-in', () => {
		const absent = event('correction', t(200), { checkInAt: null, checkOutAt: null });
		const outcome = deriveAttendance([checkIn(5), absent], shift, defaultRounding, true);
		expect(outcome).toMatchObject({ checkInAt: null, checkOutAt: null, hours: null, flag: null });
	});
});

describe('withAttendance', () => {
	const signup = (status: Signup['status']): Signup => ({
		id: crypto.randomUUID(),
		createdAt: t(-600),
		updatedAt: t(-600),
		version: 1,
		updatedBy: null,
		shiftId: crypto.randomUUID(),
		projectId: crypto.randomUUID(),
		volunteerId: crypto.randomUUID(),
		status,
		waitlistOrder: null,
		requestedAt: t(-600),
		decidedAt: t(-600),
		checkInAt: null,
		checkOutAt: null,
		hoursCredited: null,
		recordedBy: null
	});
	const none = deriveAttendance([], shift, defaultRounding, true);

	it('makes a confirmed member never checked in a no-show once attendance closes', () => {
		expect(withAttendance(signup('confirmed'), none, true).status).toBe('no_show');
		expect(withAttendance(signup('confirmed'), none, false).status).toBe('confirmed');
	});

	it('follows the times: checked in, then completed with her hours', () => {
		const open = deriveAttendance([checkIn(0)], shift, defaultRounding, false);
		expect(withAttendance(signup('confirmed'), open, false)).toMatchObject({
			status: 'checked_in',
			checkInAt: t(0)
		});
		const done = deriveAttendance([checkIn(0), checkOut(90)], shift, defaultRounding, false);
		expect(withAttendance(signup('no_show'), done, true)).toMatchObject({
			status: 'completed',
			hoursCredited: 1.5
		});
	});

	it('leaves waitlisted and cancelled sign-ups with no events alone', () => {
		expect(withAttendance(signup('waitlisted'), none, true).status).toBe('waitlisted');
		expect(withAttendance(signup('cancelled'), none, true).status).toBe('cancelled');
	});
});
