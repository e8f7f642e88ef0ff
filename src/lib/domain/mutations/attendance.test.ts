import { describe, expect, it } from 'vitest';
import { testServer } from '$lib/testing/harness';
import {
	activeMember,
	at,
	bothSides,
	must,
	openShift,
	registration,
	serverSide,
	phoneNo,
	type Side
} from '$lib/testing/fixtures';
import { SqlRecordStore } from '$lib/server/record-store';
import { closeShiftAttendance } from './attendance';

/** The shift of `openShift` runs from at(24h) to at(27h). */
const during = (minutes: number) => at(24 * 60 + minutes);

async function dayWith(side: Side, capacity = 2) {
	const { shiftId, station } = await openShift(side, capacity);
	const a = await activeMember(side, 1);
	const b = await activeMember(side, 2);
	for (const [i, volunteerId] of [a, b].entries()) {
		await must(side, 'signup.request', {
			id: crypto.randomUUID(),
			shiftId,
			volunteerId,
			at: at(10 + i)
		});
	}
	return { shiftId, station, a, b };
}

async function checkIn(side: Side, shiftId: string, volunteerId: string, minute: number) {
	await must(side, 'attendance.checkIn', {
		id: crypto.randomUUID(),
		shiftId,
		volunteerId,
		overCapacity: false,
		at: during(minute)
	});
}
async function checkOut(side: Side, shiftId: string, volunteerId: string, minute: number) {
	await must(side, 'attendance.checkOut', {
		id: crypto.randomUUID(),
		shiftId,
		volunteerId,
		at: during(minute)
	});
}

/** A sign-up made by the test with a known id, so it can be read back. */
async function signUp(side: Side, shiftId: string, volunteerId: string) {
	const id = crypto.randomUUID();
	await must(side, 'signup.request', { id, shiftId, volunteerId, at: at(12) });
	return id;
}

describe.each(bothSides)('attendance on the %s', (_where, makeSide) => {
	it('checks a member in and out and credits her hours by the default rule', async () => {
		const side = await makeSide();
		const { shiftId } = await openShift(side, 5);
		const member = await activeMember(side, 1);
		const id = await signUp(side, shiftId, member);
		await checkIn(side, shiftId, member, -4);
		expect(await side.get('signups', id)).toMatchObject({
			status: 'checked_in',
			checkInAt: during(-4)
		});
		await checkOut(side, shiftId, member, 152);
		expect(await side.get('signups', id)).toMatchObject({
			status: 'completed',
			checkOutAt: during(152),
			hoursCredited: 2.5
		});
	});

	it('credits one stay when two tablets check the same person in', async () => {
		const side = await makeSide();
		const { shiftId } = await openShift(side, 5);
		const member = await activeMember(side, 1);
		const id = await signUp(side, shiftId, member);
		await checkIn(side, shiftId, member, 3);
		await checkIn(side, shiftId, member, 1);
		await checkOut(side, shiftId, member, 121);
		await checkOut(side, shiftId, member, 119);
		expect(await side.get('signups', id)).toMatchObject({
			status: 'completed',
			checkInAt: during(1),
			checkOutAt: during(121),
			hoursCredited: 2
		});
	});

	it('refuses a check-in dated ahead of the clock or far from the shift', async () => {
		const side = await makeSide();
		const { shiftId } = await openShift(side, 5);
		const member = await activeMember(side, 1);
		await signUp(side, shiftId, member);
		const base = { shiftId, volunteerId: member, overCapacity: false };
		expect(
			await side.run('attendance.checkIn', { id: crypto.randomUUID(), ...base, at: at(30) })
		).toMatchObject({ ok: false, code: 'outside_shift', path: ['at'] });
	});

	it('keeps a checked-in sign-up: a mistaken check-in is corrected, never cancelled', async () => {
		const side = await makeSide();
		const { shiftId } = await openShift(side, 5);
		const member = await activeMember(side, 1);
		const id = await signUp(side, shiftId, member);
		await checkIn(side, shiftId, member, 0);
		expect(await side.run('signup.cancel', { id, at: during(5) })).toMatchObject({
			ok: false,
			code: 'signup_checked_in'
		});
		expect(await side.get('signups', id)).toMatchObject({ status: 'checked_in' });
		await must(side, 'attendance.correct', {
			id: crypto.randomUUID(),
			shiftId,
			volunteerId: member,
			checkInAt: null,
			checkOutAt: null,
			reason: '误签到',
			afterVerification: false,
			at: during(6)
		});
		expect(await side.get('signups', id)).toMatchObject({ status: 'confirmed', checkInAt: null });
		await must(side, 'signup.cancel', { id, at: during(7) });
	});

	it('refuses to check in someone not signed up, and points to a walk-in', async () => {
		const side = await makeSide();
		const { shiftId } = await openShift(side, 5);
		const member = await activeMember(side, 1);
		expect(
			await side.run('attendance.checkIn', {
				id: crypto.randomUUID(),
				shiftId,
				volunteerId: member,
				overCapacity: false,
				at: during(0)
			})
		).toMatchObject({ ok: false, code: 'not_signed_up', path: ['volunteerId'] });
	});

	it('keeps a correction’s reason and her record before it, and credits the corrected times', async () => {
		const side = await makeSide();
		const { shiftId } = await openShift(side, 5);
		const member = await activeMember(side, 1);
		const id = await signUp(side, shiftId, member);
		await checkIn(side, shiftId, member, 40);
		await checkOut(side, shiftId, member, 60);
		const correctionId = crypto.randomUUID();
		await must(side, 'attendance.correct', {
			id: correctionId,
			shiftId,
			volunteerId: member,
			checkInAt: during(0),
			checkOutAt: during(180),
			reason: '到场时平板没电，按纸质签到表更正',
			afterVerification: false,
			at: during(200)
		});
		expect(await side.get('attendance', correctionId)).toMatchObject({
			kind: 'correction',
			reason: '到场时平板没电，按纸质签到表更正',
			before: { checkInAt: during(40), checkOutAt: during(60), hours: 0.25 },
			checkInAt: during(0),
			checkOutAt: during(180)
		});
		expect(await side.get('signups', id)).toMatchObject({
			status: 'completed',
			hoursCredited: 3,
			corrected: true
		});
	});

	it('refuses a correction without a reason, or ending before it starts', async () => {
		const side = await makeSide();
		const { shiftId } = await openShift(side, 5);
		const member = await activeMember(side, 1);
		await signUp(side, shiftId, member);
		const args = {
			id: crypto.randomUUID(),
			shiftId,
			volunteerId: member,
			checkInAt: during(60),
			checkOutAt: during(30),
			reason: '更正',
			afterVerification: false,
			at: during(100)
		};
		expect(await side.run('attendance.correct', args)).toMatchObject({
			ok: false,
			code: 'end_before_start',
			path: ['checkOutAt']
		});
		expect(
			await side.run('attendance.correct', { ...args, checkOutAt: during(90), reason: '  ' })
		).toMatchObject({ ok: false, code: 'required', path: ['reason'] });
	});

	it('locks verified hours: no more taps, corrections only as after verification', async () => {
		const side = await makeSide();
		const { shiftId } = await openShift(side, 5);
		const [a, b] = [await activeMember(side, 1), await activeMember(side, 2)];
		const [ida, idb] = [await signUp(side, shiftId, a), await signUp(side, shiftId, b)];
		await checkIn(side, shiftId, a, 0);
		await checkOut(side, shiftId, a, 90);
		// Before the end, nobody may still be checked in.
		await checkIn(side, shiftId, b, 0);
		expect(await side.run('attendance.verify', { shiftId, at: during(100) })).toMatchObject({
			ok: false,
			code: 'still_checked_in',
			detail: { count: '1' }
		});
		await checkOut(side, shiftId, b, 95);
		await must(side, 'attendance.verify', { shiftId, at: during(100) });
		expect(await side.get('signups', ida)).toMatchObject({
			status: 'completed',
			hoursCredited: 1.5,
			hoursVerifiedAt: during(100)
		});
		expect(await side.get('shifts', shiftId)).toMatchObject({ hoursVerifiedAt: during(100) });

		expect(
			await side.run('attendance.checkOut', {
				id: crypto.randomUUID(),
				shiftId,
				volunteerId: a,
				at: during(110)
			})
		).toMatchObject({ ok: false, code: 'hours_verified' });
		const correction = {
			id: crypto.randomUUID(),
			shiftId,
			volunteerId: b,
			checkInAt: during(0),
			checkOutAt: during(120),
			reason: '核实后发现漏记',
			afterVerification: false,
			at: during(130)
		};
		expect(await side.run('attendance.correct', correction)).toMatchObject({
			ok: false,
			code: 'hours_verified'
		});
		await must(side, 'attendance.correct', { ...correction, afterVerification: true });
		expect(await side.get('attendance', correction.id)).toMatchObject({
			afterVerification: true,
			before: { hours: 1.5 }
		});
		expect(await side.get('signups', idb)).toMatchObject({
			hoursCredited: 2,
			hoursVerifiedAt: during(100)
		});
	});

	it('makes confirmed members never checked in no-shows when the shift is verified', async () => {
		const side = await makeSide();
		const { shiftId } = await openShift(side, 5);
		const member = await activeMember(side, 1);
		const id = await signUp(side, shiftId, member);
		await must(side, 'attendance.verify', { shiftId, at: during(200) });
		const status = (await side.get('signups', id))?.status;
		// The device shows a sign-up as pending until the server decides it.
		expect(status).toBe(side.authority === 'server' ? 'no_show' : 'pending');
	});

	it('takes a walk-in beyond capacity only with the override, and records it', async () => {
		const side = await makeSide();
		const { shiftId } = await dayWith(side, 1);
		const walker = await activeMember(side, 3);
		const args = {
			id: crypto.randomUUID(),
			signupId: crypto.randomUUID(),
			shiftId,
			volunteerId: walker,
			overCapacity: false,
			at: during(5)
		};
		if (side.authority === 'server') {
			expect(await side.run('attendance.walkIn', args)).toMatchObject({
				ok: false,
				code: 'shift_full',
				path: ['overCapacity']
			});
		}
		await must(side, 'attendance.walkIn', { ...args, overCapacity: true });
		expect(await side.get('signups', args.signupId)).toMatchObject({
			status: 'checked_in',
			walkIn: true,
			overCapacity: side.authority === 'server'
		});
		expect(await side.get('roster', args.signupId)).toMatchObject({
			name: '成员3',
			phone: '139****0003'
		});
	});

	it('joins a second tablet’s walk-in of the same person to the first sign-up', async () => {
		const side = await makeSide();
		const { shiftId } = await openShift(side, 5);
		const walker = await activeMember(side, 3);
		const first = crypto.randomUUID();
		const walk = (signupId: string, minute: number) => ({
			id: crypto.randomUUID(),
			signupId,
			shiftId,
			volunteerId: walker,
			overCapacity: false,
			at: during(minute)
		});
		await must(side, 'attendance.walkIn', walk(first, 6));
		const second = crypto.randomUUID();
		await must(side, 'attendance.walkIn', walk(second, 2));
		expect(await side.get('signups', second)).toBeUndefined();
		expect(await side.get('signups', first)).toMatchObject({ checkInAt: during(2) });
	});

	it('back-dates a stay from a paper sheet only once the shift is over', async () => {
		const side = await makeSide();
		const { shiftId } = await openShift(side, 5);
		const member = await activeMember(side, 4);
		const args = {
			id: crypto.randomUUID(),
			signupId: crypto.randomUUID(),
			shiftId,
			volunteerId: member,
			checkInAt: during(0),
			checkOutAt: during(165),
			reason: '纸质签到表补录',
			afterVerification: false,
			at: during(100)
		};
		expect(await side.run('attendance.backfill', args)).toMatchObject({
			ok: false,
			code: 'shift_not_ended'
		});
		await must(side, 'attendance.backfill', { ...args, at: at(3 * 24 * 60) });
		expect(await side.get('signups', args.signupId)).toMatchObject({
			status: 'completed',
			hoursCredited: 2.75,
			walkIn: true,
			corrected: true
		});
	});

	it('credits hours by the district’s own rule once it sets one', async () => {
		const side = await makeSide();
		const { shiftId, station } = await openShift(side, 5);
		await must(side, 'district.setHoursRule', {
			district: station.district,
			unitMinutes: 60,
			mode: 'down',
			at: at(5)
		});
		const member = await activeMember(side, 1);
		const id = await signUp(side, shiftId, member);
		await checkIn(side, shiftId, member, 0);
		await checkOut(side, shiftId, member, 170);
		expect((await side.get('signups', id))?.hoursCredited).toBe(2);
	});
});

describe('closing attendance by the server’s clock', () => {
	it('ends a forgotten check-out at the shift’s end, flagged, and marks no-shows', async () => {
		const db = await testServer();
		const side = serverSide(db);
		const { shiftId } = await openShift(side, 5);
		const [a, b] = [await activeMember(side, 1), await activeMember(side, 2)];
		const [ida, idb] = [await signUp(side, shiftId, a), await signUp(side, shiftId, b)];
		await checkIn(side, shiftId, a, 2);
		const close = (now: string) =>
			db
				.transaction()
				.execute((trx) => closeShiftAttendance(new SqlRecordStore(trx), shiftId, now));
		expect(await close(during(170))).toBe(false);
		expect(await close(during(181))).toBe(true);
		expect(await side.get('signups', ida)).toMatchObject({
			status: 'completed',
			checkOutAt: during(180),
			attendanceFlag: 'auto_check_out',
			hoursCredited: 3
		});
		expect((await side.get('signups', idb))?.status).toBe('no_show');
		expect(await close(during(240))).toBe(false);

		// A tablet that was offline checks her out later: her own time counts, unflagged.
		await checkOut(side, shiftId, a, 150);
		expect(await side.get('signups', ida)).toMatchObject({
			checkOutAt: during(150),
			attendanceFlag: null,
			hoursCredited: 2.5
		});
	});

	it('refuses a second sign-up for a shift she already attended', async () => {
		const side = serverSide(await testServer());
		const { shiftId } = await openShift(side, 5);
		const member = await activeMember(side, 1);
		await signUp(side, shiftId, member);
		await checkIn(side, shiftId, member, 0);
		await checkOut(side, shiftId, member, 60);
		expect(
			await side.run('signup.request', {
				id: crypto.randomUUID(),
				shiftId,
				volunteerId: member,
				at: during(70)
			})
		).toMatchObject({ ok: false, code: 'already_signed_up' });
	});

	it('carries a check-out taken against a cancelled sign-up to her sign-up made again', async () => {
		const side = serverSide(await testServer());
		const { shiftId } = await openShift(side, 5);
		const member = await activeMember(side, 1);
		const first = await signUp(side, shiftId, member);
		// One tablet checks her out; another, not yet told, cancels her sign-up and makes it again.
		await checkOut(side, shiftId, member, 30);
		await must(side, 'signup.cancel', { id: first, at: during(31) });
		const again = crypto.randomUUID();
		await must(side, 'signup.request', { id: again, shiftId, volunteerId: member, at: at(13) });
		expect(await side.get('signups', again)).toMatchObject({
			status: 'confirmed',
			checkInAt: null,
			checkOutAt: during(30),
			attendanceFlag: 'no_check_in'
		});
	});

	it('gives the roster a member of another station by name and masked phone only', async () => {
		const side = serverSide(await testServer());
		const { shiftId } = await openShift(side, 5);
		const stranger = registration({ phone: phoneNo(55), name: '外站成员' });
		await must(side, 'volunteer.register', stranger);
		const id = await signUp(side, shiftId, stranger.id);
		const entry = await side.get('roster', id);
		expect(entry).toMatchObject({
			name: '外站成员',
			phone: '139****0055',
			volunteerId: stranger.id
		});
		expect(JSON.stringify(entry)).not.toContain(phoneNo(55));
	});
});
