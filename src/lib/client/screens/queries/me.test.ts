import { describe, expect, it } from 'vitest';
import { testDevice, testServer } from '$lib/testing/harness';
import {
	activeMember,
	at,
	must,
	newShift,
	openShift,
	serverSide,
	type Side
} from '$lib/testing/fixtures';
import type { LocalDb } from '$lib/client/data/db';
import { waitlistPosition } from '$lib/domain/mutations/signups';
import { mySignups, serviceHours, waitlistPlace } from './me';

/**
 * What a volunteer's phone holds after a pull: the server's stations, projects and shifts, and
 * her own sign-ups only.
 */
async function phoneOf(server: Side, volunteerId: string, ids: Ids): Promise<LocalDb> {
	const db = testDevice();
	for (const id of ids.stations) await db.stations.put((await server.get('stations', id))!);
	for (const id of ids.projects) await db.projects.put((await server.get('projects', id))!);
	for (const id of ids.shifts) await db.shifts.put((await server.get('shifts', id))!);
	for (const id of ids.signups) {
		const signup = (await server.get('signups', id))!;
		if (signup.volunteerId === volunteerId) await db.signups.put(signup);
	}
	return db;
}

interface Ids {
	stations: string[];
	projects: string[];
	shifts: string[];
	signups: string[];
}

async function story() {
	const server = serverSide(await testServer());
	const { station, projectId, shiftId } = await openShift(server, 1);
	const later = newShift(projectId, { start: at(48 * 60), end: at(50 * 60), capacity: 5 });
	await must(server, 'shift.add', later);
	const [her, other] = [await activeMember(server, 1), await activeMember(server, 2)];
	const ids: Ids = {
		stations: [station.id],
		projects: [projectId],
		shifts: [shiftId, later.id],
		signups: []
	};
	const signUp = async (volunteerId: string, shift: string, minutes: number) => {
		const id = crypto.randomUUID();
		await must(server, 'signup.request', { id, shiftId: shift, volunteerId, at: at(minutes) });
		ids.signups.push(id);
		return id;
	};
	return { server, ids, her, other, shiftId, laterId: later.id, signUp };
}

describe('mySignups', () => {
	it('lists her active sign-ups soonest first with their project and station, and the rest apart', async () => {
		const { server, ids, her, shiftId, laterId, signUp } = await story();
		const later = await signUp(her, laterId, 2);
		await must(server, 'signup.cancel', { id: later, at: at(3) });
		const first = await signUp(her, shiftId, 4);
		const again = await signUp(her, laterId, 5);
		const db = await phoneOf(server, her, ids);

		const { upcoming, earlier } = await mySignups(db, her, at(10));
		expect(upcoming.map((s) => s.signup.id)).toEqual([first, again]);
		expect(upcoming[0]?.project?.title).toBe('空巢老人探访');
		expect(upcoming[0]?.station?.name).toBe('西总布社区妇女志愿服务站');
		expect(upcoming[0]?.shift?.id).toBe(shiftId);
		expect(earlier.map((s) => [s.signup.id, s.signup.status])).toEqual([[later, 'cancelled']]);
	});

	it('moves a sign-up whose shift has ended to the earlier ones', async () => {
		const { server, ids, her, shiftId, signUp } = await story();
		const id = await signUp(her, shiftId, 2);
		const db = await phoneOf(server, her, ids);
		// The first shift runs from T0 + 24 h to T0 + 27 h.
		const after = await mySignups(db, her, at(28 * 60));
		expect(after.upcoming).toEqual([]);
		expect(after.earlier.map((s) => s.signup.id)).toEqual([id]);
	});

	it('shows nothing of other volunteers', async () => {
		const { server, ids, her, other, shiftId, signUp } = await story();
		await signUp(other, shiftId, 2);
		const db = await phoneOf(server, her, ids);
		expect(await mySignups(db, her, at(10))).toEqual({ upcoming: [], earlier: [] });
	});
});

describe('serviceHours', () => {
	it('sums the hours credited to her completed sign-ups only', async () => {
		const { server, ids, her, shiftId, laterId, signUp } = await story();
		const done = await signUp(her, shiftId, 2);
		const alsoDone = await signUp(her, laterId, 3);
		const db = await phoneOf(server, her, ids);
		expect(await serviceHours(db, her)).toEqual({
			hours: 0,
			completed: 0,
			verified: 0,
			awaiting: 0,
			visits: 0
		});

		const credit = async (id: string, hours: number | null) => {
			const signup = (await db.signups.get(id))!;
			await db.signups.put({ ...signup, status: 'completed', hoursCredited: hours });
		};
		await credit(done, 3);
		await credit(alsoDone, 1.5);
		expect(await serviceHours(db, her)).toEqual({
			hours: 4.5,
			completed: 2,
			verified: 0,
			awaiting: 4.5,
			visits: 0
		});
		// Verified by her station: those hours count as verified, the rest await it.
		const verified = (await db.signups.get(done))!;
		await db.signups.put({ ...verified, hoursVerifiedAt: at(300) });
		expect(await serviceHours(db, her)).toMatchObject({ hours: 4.5, verified: 3, awaiting: 1.5 });

		// Hours on a sign-up that is not completed (say, a no-show corrected later) do not count.
		const noShow = (await db.signups.get(alsoDone))!;
		await db.signups.put({ ...noShow, status: 'no_show', hoursCredited: 1.5 });
		expect(await serviceHours(db, her)).toEqual({
			hours: 3,
			completed: 1,
			verified: 3,
			awaiting: 0,
			visits: 0
		});

		// A one-to-one visit counts once her station verified it, and only then.
		const visit = {
			id: crypto.randomUUID(),
			createdAt: at(400),
			updatedAt: at(400),
			version: 1,
			updatedBy: null,
			carePairingId: crypto.randomUUID(),
			stationId: crypto.randomUUID(),
			district: 'dongcheng' as const,
			volunteerId: her,
			on: '2026-03-05',
			minutes: 90,
			note: '',
			hoursCredited: null,
			verifiedAt: null,
			verifiedBy: null
		};
		await db.careVisits.put(visit);
		expect(await serviceHours(db, her)).toMatchObject({ hours: 3, visits: 0 });
		await db.careVisits.put({ ...visit, hoursCredited: 1.5, verifiedAt: at(500) });
		expect(await serviceHours(db, her)).toEqual({
			hours: 4.5,
			completed: 1,
			verified: 4.5,
			awaiting: 0,
			visits: 1
		});
	});

	it('rounds sums of fractional hours to two decimals, so quarter hours add up', async () => {
		const { server, ids, her, shiftId, laterId, signUp } = await story();
		const a = await signUp(her, shiftId, 2);
		const b = await signUp(her, laterId, 3);
		const db = await phoneOf(server, her, ids);
		for (const [id, hours] of [
			[a, 0.1],
			[b, 0.2]
		] as const) {
			const signup = (await db.signups.get(id))!;
			await db.signups.put({ ...signup, status: 'completed', hoursCredited: hours });
		}
		expect((await serviceHours(db, her)).hours).toBe(0.3);
		const quarter = (await db.signups.get(a))!;
		await db.signups.put({ ...quarter, hoursCredited: 2.75 });
		expect((await serviceHours(db, her)).hours).toBe(2.95);
	});
});

describe('waitlistPlace', () => {
	/** One confirmed place, then `waiting` more in arrival order; hers is the `mine`-th of them. */
	async function waitlist(waiting: number, mine: number) {
		const server = serverSide(await testServer());
		const { shiftId } = await openShift(server, 1);
		const ids: string[] = [];
		for (let n = 0; n <= waiting; n++) {
			const id = crypto.randomUUID();
			const volunteerId = await activeMember(server, n + 1);
			await must(server, 'signup.request', { id, shiftId, volunteerId, at: at(n + 2) });
			ids.push(id);
		}
		return { server, shiftId, ids, her: ids[mine]! };
	}

	/** Her true place, from the full list only the server holds, and what her phone can tell. */
	async function places(server: Side, shiftId: string, ids: string[], her: string) {
		const all = await Promise.all(ids.map(async (id) => (await server.get('signups', id))!));
		const mine = all.find((s) => s.id === her)!;
		return {
			truth: waitlistPosition(mine, all),
			seen: waitlistPlace(mine, (await server.get('shifts', shiftId))!)
		};
	}

	it('knows her place exactly while nobody has left the waitlist', async () => {
		for (const mine of [1, 3, 5]) {
			const { server, shiftId, ids, her } = await waitlist(5, mine);
			expect(await places(server, shiftId, ids, her)).toEqual({
				truth: mine,
				seen: { from: mine, to: mine }
			});
		}
	});

	it('gives a range that holds her true place once others have left', async () => {
		// ids[0] is confirmed; ids[1..6] wait; she is ids[3].
		const leaving = [[0], [5], [1], [0, 6], [4, 5, 6], [0, 1, 5], [1, 6]];
		for (const leavers of leaving) {
			const { server, shiftId, ids, her } = await waitlist(6, 3);
			for (const [n, index] of leavers.entries()) {
				await must(server, 'signup.cancel', { id: ids[index]!, at: at(30 + n) });
			}
			const { truth, seen } = await places(server, shiftId, ids, her);
			expect(seen, `after ${leavers.join(', ')} left`).not.toBeNull();
			expect(truth).toBeGreaterThanOrEqual(seen!.from);
			expect(truth).toBeLessThanOrEqual(seen!.to);
		}
	});

	it('cannot tell a promotion ahead of her from a cancellation behind her, so gives both places', async () => {
		const promoted = await waitlist(6, 3);
		await must(promoted.server, 'signup.cancel', { id: promoted.ids[0]!, at: at(30) });
		const cancelledBehind = await waitlist(6, 3);
		await must(cancelledBehind.server, 'signup.cancel', {
			id: cancelledBehind.ids[6]!,
			at: at(30)
		});
		expect(await places(promoted.server, promoted.shiftId, promoted.ids, promoted.her)).toEqual({
			truth: 2,
			seen: { from: 2, to: 3 }
		});
		expect(
			await places(
				cancelledBehind.server,
				cancelledBehind.shiftId,
				cancelledBehind.ids,
				cancelledBehind.her
			)
		).toEqual({ truth: 3, seen: { from: 2, to: 3 } });
	});

	it('is null for a sign-up that is not waitlisted', async () => {
		const { server, shiftId, ids } = await waitlist(1, 1);
		expect((await places(server, shiftId, ids, ids[0]!)).seen).toBeNull();
	});
});
