/**
 * An admin's device and the members it holds: a member she opens is written as a pull page is,
 * never over a newer copy; a device from before holds lets go of the members it no longer keeps.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/permissions';
import { openMember } from '$lib/server/member-holds';
import { serverFetch, testDevice, testServer } from '$lib/testing/harness';
import { activeMember, at, must, openShift, serverSide } from '$lib/testing/fixtures';
import { setMeta } from './db';
import { applyOpened, forgetMembersNotHeld, syncOnce } from './sync';

const admin: Actor = {
	accountId: crypto.randomUUID(),
	role: 'city_admin',
	district: null,
	stationId: null,
	volunteerId: null
};

async function memberWithSignup() {
	const db = await testServer();
	const side = serverSide(db);
	const { shiftId } = await openShift(side, 3);
	const volunteerId = await activeMember(side, 1);
	await must(side, 'signup.request', { id: crypto.randomUUID(), shiftId, volunteerId, at: at(5) });
	return { db, side, volunteerId };
}

describe('a member opened on an admin’s device', () => {
	it('is written with her sign-ups, the cursor left where it was', async () => {
		const { db, volunteerId } = await memberWithSignup();
		const opened = await openMember(db, admin, volunteerId, at(9));
		if (!opened.ok) throw new Error(opened.code);
		const device = testDevice();
		await setMeta(device, 'cursor', 3);
		await applyOpened(device, opened.answer);
		expect((await device.volunteers.get(volunteerId))?.name).toBe('成员1');
		expect(await device.signups.where('volunteerId').equals(volunteerId).count()).toBe(1);
		expect(await device.roster.count()).toBe(1);
		expect((await device.meta.get('cursor'))?.value).toBe(3);
	});

	it('never replaces a newer copy the device already holds', async () => {
		const { db, side, volunteerId } = await memberWithSignup();
		const opened = await openMember(db, admin, volunteerId, at(9));
		if (!opened.ok) throw new Error(opened.code);
		await must(side, 'volunteer.update', {
			id: volunteerId,
			changes: { availability: '晚上' },
			at: at(10)
		});
		// The device pulled the change before the open's answer was written.
		const device = testDevice();
		await syncOnce(device, serverFetch(db));
		expect((await device.volunteers.get(volunteerId))?.availability).toBe('晚上');
		await applyOpened(device, opened.answer);
		expect((await device.volunteers.get(volunteerId))?.availability).toBe('晚上');
	});
});

describe('a device from before holds', () => {
	it('lets go, once, of the members its admin did not register, with their sign-ups', async () => {
		const { db, volunteerId } = await memberWithSignup();
		const device = testDevice();
		await syncOnce(device, serverFetch(db));
		const own = { ...(await device.volunteers.get(volunteerId))!, id: crypto.randomUUID() };
		await device.volunteers.put({ ...own, registeredBy: admin.accountId, phone: '13900000999' });
		await setMeta(device, 'actor', admin);
		await forgetMembersNotHeld(device);
		expect((await device.volunteers.toArray()).map((v) => v.id)).toEqual([own.id]);
		expect(await device.signups.count()).toBe(0);
		expect(await device.roster.count()).toBe(0);
		expect(await device.stations.count()).toBeGreaterThan(0);
		// Once: what she opens later stays.
		const opened = await openMember(db, admin, volunteerId, at(9));
		if (!opened.ok) throw new Error(opened.code);
		await applyOpened(device, opened.answer);
		await forgetMembersNotHeld(device);
		expect(await device.volunteers.count()).toBe(2);
	});
});
