import { describe, expect, it } from 'vitest';
import { testDevice } from '$lib/testing/harness';
import { at, deviceSide, must, openShift } from '$lib/testing/fixtures';
import { listProjects } from './projects';

/** A device holding a published project and an emergency call-out with its muster project. */
async function withMuster() {
	const db = testDevice();
	const side = deviceSide(db);
	const { station, projectId } = await openShift(side);
	const calloutId = crypto.randomUUID();
	const musterId = crypto.randomUUID();
	await must(side, 'callout.create', {
		id: calloutId,
		projectId: musterId,
		shiftId: crypto.randomUUID(),
		title: '暴雨后巡查',
		description: '',
		place: '西总布社区活动中心',
		community: '西总布',
		start: at(26 * 60),
		end: at(30 * 60),
		urgency: 'urgent',
		roles: [{ role: 'patrol', headcount: 4 }],
		stationId: station.id,
		reach: 'stations',
		reachStationIds: [],
		at: at(2)
	});
	return { db, projectId, musterId, stationId: station.id };
}

const ids = (list: Awaited<ReturnType<typeof listProjects>>) =>
	list.items.map((item) => item.project.id).sort();

describe('listProjects', () => {
	it('lists a call-out’s muster project for staff, and leaves it out of a volunteer’s list', async () => {
		const { db, projectId, musterId, stationId } = await withMuster();
		const now = at(3);
		expect(ids(await listProjects(db, {}, 100, now))).toEqual([projectId, musterId].sort());
		expect(ids(await listProjects(db, { hideMusters: true }, 100, now))).toEqual([projectId]);
		expect(ids(await listProjects(db, { stationId, hideMusters: true }, 100, now))).toEqual([
			projectId
		]);
		expect(
			ids(await listProjects(db, { category: 'emergency_response', hideMusters: true }, 100, now))
		).toEqual([]);
	});

	it('leaves it out of a day’s list and of a long list walked by shift', async () => {
		const { db, projectId } = await withMuster();
		const now = at(3);
		// Tomorrow, Beijing time: both shifts start that day.
		const day = new Date(Date.parse(at(26 * 60)) + 8 * 3_600_000).toISOString().slice(0, 10);
		expect(ids(await listProjects(db, { date: day, hideMusters: true }, 100, now))).toEqual([
			projectId
		]);
		// A limit below the number of projects: the list is read from the upcoming shifts.
		expect(ids(await listProjects(db, { hideMusters: true }, 1, now))).toEqual([projectId]);
	});
});
