import { describe, expect, it } from 'vitest';
import { testDevice, testServer } from '$lib/testing/harness';
import {
	activeMember,
	at,
	bothSides,
	deviceSide,
	must,
	newShift,
	openShift,
	registration,
	serverSide,
	station,
	newProject,
	type Side
} from '$lib/testing/fixtures';
import type { Signup } from '../schemas';
import { waitlistPosition } from './signups';

async function signUp(side: Side, shiftId: string, volunteerId: string, minute: number) {
	const id = crypto.randomUUID();
	await must(side, 'signup.request', { id, shiftId, volunteerId, at: at(minute) });
	return id;
}

async function server() {
	return serverSide(await testServer());
}

describe('capacity, decided by the server', () => {
	it('confirms while there is room, then waitlists in arrival order', async () => {
		const side = await server();
		const { shiftId } = await openShift(side, 2);
		const ids = [];
		for (const n of [1, 2, 3, 4, 5])
			ids.push(await signUp(side, shiftId, await activeMember(side, n), 10 + n));
		const rows = await Promise.all(ids.map((id) => side.get('signups', id)));
		expect(rows.map((r) => [r?.status, r?.waitlistOrder])).toEqual([
			['confirmed', null],
			['confirmed', null],
			['waitlisted', 1],
			['waitlisted', 2],
			['waitlisted', 3]
		]);
		expect(await side.get('shifts', shiftId)).toMatchObject({
			confirmedCount: 2,
			waitlistCount: 3
		});
	});

	it('promotes the first on the waitlist when a confirmed member cancels', async () => {
		const side = await server();
		const { shiftId } = await openShift(side, 2);
		const ids = [];
		for (const n of [1, 2, 3, 4])
			ids.push(await signUp(side, shiftId, await activeMember(side, n), 10 + n));
		const [first, , third, fourth] = ids as [string, string, string, string];
		await must(side, 'signup.cancel', { id: first, at: at(30) });
		expect((await side.get('signups', first))?.status).toBe('cancelled');
		expect(await side.get('signups', third)).toMatchObject({
			status: 'confirmed',
			waitlistOrder: null
		});
		expect(await side.get('signups', fourth)).toMatchObject({
			status: 'waitlisted',
			waitlistOrder: 2
		});
		expect(await side.get('shifts', shiftId)).toMatchObject({
			confirmedCount: 2,
			waitlistCount: 1
		});
	});

	it('only shortens the waitlist when a waitlisted member cancels', async () => {
		const side = await server();
		const { shiftId } = await openShift(side, 1);
		const ids = [];
		for (const n of [1, 2, 3])
			ids.push(await signUp(side, shiftId, await activeMember(side, n), 10 + n));
		const [first, second, third] = ids as [string, string, string];
		await must(side, 'signup.cancel', { id: second, at: at(30) });
		expect((await side.get('signups', first))?.status).toBe('confirmed');
		expect((await side.get('signups', third))?.status).toBe('waitlisted');
		expect(await side.get('shifts', shiftId)).toMatchObject({
			confirmedCount: 1,
			waitlistCount: 1
		});
	});

	it('gives a later waitlisted member a larger order than anyone before, even after cancels', async () => {
		const side = await server();
		const { shiftId } = await openShift(side, 1);
		await signUp(side, shiftId, await activeMember(side, 1), 11);
		const second = await signUp(side, shiftId, await activeMember(side, 2), 12);
		await must(side, 'signup.cancel', { id: second, at: at(13) });
		const third = await signUp(side, shiftId, await activeMember(side, 3), 14);
		expect((await side.get('signups', third))?.waitlistOrder).toBe(2);
	});
});

describe.each(bothSides)('sign-up rules on the %s', (_where, makeSide) => {
	it('refuses a second active sign-up to the same shift, but allows one after cancelling', async () => {
		const side = await makeSide();
		const { shiftId } = await openShift(side);
		const volunteerId = await activeMember(side, 1);
		const first = await signUp(side, shiftId, volunteerId, 10);
		const again = { id: crypto.randomUUID(), shiftId, volunteerId, at: at(11) };
		expect(await side.run('signup.request', again)).toMatchObject({
			ok: false,
			code: 'already_signed_up',
			path: ['volunteerId']
		});
		await must(side, 'signup.cancel', { id: first, at: at(12) });
		await must(side, 'signup.request', { ...again, at: at(13) });
		expect((await side.get('signups', again.id))?.status).not.toBe('cancelled');
	});

	it('refuses a sign-up to a project that is not published', async () => {
		const side = await makeSide();
		const home = station();
		await side.addStation(home);
		const project = newProject(home.id);
		await must(side, 'project.create', project);
		const shift = newShift(project.id);
		await must(side, 'shift.add', shift);
		const volunteerId = await activeMember(side, 1);
		expect(
			await side.run('signup.request', {
				id: crypto.randomUUID(),
				shiftId: shift.id,
				volunteerId,
				at: at(10)
			})
		).toMatchObject({ ok: false, code: 'project_not_open', path: ['shiftId'] });
	});

	it('refuses a sign-up by an inactive member', async () => {
		const side = await makeSide();
		const { shiftId } = await openShift(side);
		const volunteerId = await activeMember(side, 1);
		await must(side, 'volunteer.setStatus', { id: volunteerId, status: 'inactive', at: at(5) });
		expect(
			await side.run('signup.request', {
				id: crypto.randomUUID(),
				shiftId,
				volunteerId,
				at: at(10)
			})
		).toMatchObject({ ok: false, code: 'volunteer_inactive', path: ['volunteerId'] });
	});

	it('refuses a sign-up to a shift that has ended', async () => {
		const side = await makeSide();
		const { shiftId } = await openShift(side);
		const shift = await side.get('shifts', shiftId);
		const volunteerId = await activeMember(side, 1);
		const afterEnd = new Date(Date.parse(shift!.end) + 60_000).toISOString();
		expect(
			await side.run('signup.request', {
				id: crypto.randomUUID(),
				shiftId,
				volunteerId,
				at: afterEnd
			})
		).toMatchObject({ ok: false, code: 'shift_ended' });
	});

	it('refuses to cancel a sign-up twice', async () => {
		const side = await makeSide();
		const { shiftId } = await openShift(side);
		const id = await signUp(side, shiftId, await activeMember(side, 1), 10);
		await must(side, 'signup.cancel', { id, at: at(11) });
		expect(await side.run('signup.cancel', { id, at: at(12) })).toMatchObject({
			ok: false,
			code: 'signup_not_active'
		});
	});
});

describe('sign-ups on the device', () => {
	it('writes a pending request and never confirms it, even on an empty shift', async () => {
		const side = deviceSide(testDevice());
		const { shiftId } = await openShift(side, 5);
		const id = await signUp(side, shiftId, await activeMember(side, 1), 10);
		expect(await side.get('signups', id)).toMatchObject({
			status: 'pending',
			waitlistOrder: null,
			decidedAt: null
		});
		expect(await side.get('shifts', shiftId)).toMatchObject({
			confirmedCount: 0,
			waitlistCount: 0
		});
	});

	it('lets a pending (not yet registered at the server) member sign up', async () => {
		const side = deviceSide(testDevice());
		const { shiftId } = await openShift(side);
		const member = registration();
		await must(side, 'volunteer.register', member);
		const id = await signUp(side, shiftId, member.id, 10);
		expect((await side.get('signups', id))?.status).toBe('pending');
	});
});

describe('waitlistPosition', () => {
	const base: Signup = {
		id: crypto.randomUUID(),
		createdAt: at(),
		updatedAt: at(),
		version: 1,
		updatedBy: null,
		shiftId: crypto.randomUUID(),
		projectId: crypto.randomUUID(),
		volunteerId: crypto.randomUUID(),
		status: 'waitlisted',
		waitlistOrder: 1,
		requestedAt: at(),
		decidedAt: at(),
		checkInAt: null,
		checkOutAt: null,
		hoursCredited: null,
		recordedBy: null
	};
	const make = (status: Signup['status'], waitlistOrder: number | null): Signup => ({
		...base,
		id: crypto.randomUUID(),
		status,
		waitlistOrder
	});

	it('counts only the waitlisted ahead, ignoring gaps left by cancels and promotions', () => {
		const mine = make('waitlisted', 7);
		const shift = [
			make('confirmed', null),
			make('cancelled', null),
			make('waitlisted', 3),
			make('waitlisted', 5),
			mine,
			make('waitlisted', 9)
		];
		expect(waitlistPosition(mine, shift)).toBe(3);
		expect(waitlistPosition(shift[2]!, shift)).toBe(1);
	});

	it('has no position for a sign-up that is not waitlisted', () => {
		expect(waitlistPosition(make('confirmed', null), [])).toBeNull();
		expect(waitlistPosition(make('pending', null), [])).toBeNull();
	});
});

describe.each(bothSides)('who may be signed up, on the %s', (_where, makeSide) => {
	it('refuses a member her station has not approved yet, saying so', async () => {
		const side = await makeSide();
		const { shiftId } = await openShift(side, 5);
		const member = registration({ source: 'kiosk', birthDate: '1985-01-01' });
		await must(side, 'volunteer.register', member);
		expect(
			await side.run('signup.request', {
				id: crypto.randomUUID(),
				shiftId,
				volunteerId: member.id,
				at: at(5)
			})
		).toEqual({ ok: false, code: 'volunteer_pending', path: ['volunteerId'], detail: {} });
	});

	it('refuses anyone younger than a project’s minimum age on the shift’s day', async () => {
		const side = await makeSide();
		const home = station();
		await side.addStation(home);
		const project = newProject(home.id, { minAge: 18 });
		await must(side, 'project.create', project);
		// The shift is on 2 March 2026 (Beijing).
		const shift = newShift(project.id);
		await must(side, 'shift.add', shift);
		await must(side, 'project.publish', { id: project.id, at: at(1) });
		const guardian = { name: '孙立', phone: '13900007777', consent: true };
		const cases = [
			['2008-03-02', { ok: true }],
			['2008-03-03', { ok: false, code: 'below_min_age' }],
			[null, { ok: false, code: 'age_unknown' }]
		] as const;
		for (const [i, [birthDate, outcome]] of cases.entries()) {
			const member = registration({
				phone: `1390000010${i}`,
				birthDate,
				birthYear: birthDate ? Number(birthDate.slice(0, 4)) : null,
				guardian
			});
			await must(side, 'volunteer.register', member);
			const answer = await side.run('signup.request', {
				id: crypto.randomUUID(),
				shiftId: shift.id,
				volunteerId: member.id,
				at: at(5)
			});
			expect(answer, String(birthDate)).toMatchObject(outcome);
			if (!answer.ok) expect(answer.detail).toEqual({ minAge: '18' });
		}
	});
});
