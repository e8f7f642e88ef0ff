/**
 * The device asks the authorization rules before it writes: a forbidden action is refused at
 * once, leaving no record and nothing queued, instead of coming back refused after a sync.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/authorization';
import { testDevice } from '$lib/testing/harness';
import { at, newProject, phoneNo, registration, station } from '$lib/testing/fixtures';
import { runMutation } from './mutate';

async function deviceWithStations() {
	const db = testDevice();
	const mine = station();
	const neighbour = station({ name: '东四社区妇女志愿服务站', community: '东四' });
	await db.stations.bulkPut([mine, neighbour]);
	const worker: Actor = {
		accountId: crypto.randomUUID(),
		role: 'station_worker',
		district: 'dongcheng',
		stationId: mine.id,
		volunteerId: null
	};
	return { db, mine, neighbour, worker };
}

describe('runMutation with the signed-in actor', () => {
	it('refuses a station worker registering a member at another station, writing nothing', async () => {
		const { db, neighbour, worker } = await deviceWithStations();
		const args = registration({ phone: phoneNo(1), homeStationId: neighbour.id });
		expect(await runMutation(db, 'volunteer.register', args, worker)).toEqual({
			ok: false,
			code: 'forbidden',
			path: [],
			detail: {}
		});
		expect(await db.volunteers.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
		expect(await db.base.count()).toBe(0);
	});

	it('lets her register at her own station, the write naming her account', async () => {
		const { db, mine, worker } = await deviceWithStations();
		const args = registration({ phone: phoneNo(2), homeStationId: mine.id });
		expect(await runMutation(db, 'volunteer.register', args, worker)).toEqual({
			ok: true,
			mutationId: 1
		});
		expect(await db.volunteers.get(args.id)).toMatchObject({
			updatedBy: worker.accountId,
			registeredBy: worker.accountId
		});
		expect((await db.outbox.toArray()).map((e) => e.name)).toEqual(['volunteer.register']);
	});

	it('refuses another station’s project and a new station, and spends no mutation id', async () => {
		const { db, mine, neighbour, worker } = await deviceWithStations();
		const theirs = await runMutation(db, 'project.create', newProject(neighbour.id), worker);
		expect(theirs).toMatchObject({ ok: false, code: 'forbidden' });
		const opened = await runMutation(
			db,
			'station.create',
			{
				id: crypto.randomUUID(),
				name: '新站',
				district: 'dongcheng',
				community: '和平里',
				address: '北京市东城区和平里1号',
				level: 'community',
				contactName: '',
				contactPhone: '',
				openingHours: '',
				services: [],
				at: at()
			},
			worker
		);
		expect(opened).toMatchObject({ ok: false, code: 'forbidden' });
		const ours = await runMutation(db, 'project.create', newProject(mine.id), worker);
		expect(ours).toEqual({ ok: true, mutationId: 1 });
		expect(await db.projects.count()).toBe(1);
	});
});
