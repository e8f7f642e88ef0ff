import { describe, expect, it } from 'vitest';
import { testServer } from '$lib/testing/harness';
import {
	activeMember,
	at,
	bothSides,
	must,
	newProject,
	newShift,
	openShift,
	serverSide,
	station
} from '$lib/testing/fixtures';

describe.each(bothSides)('project and shift rules on the %s', (_where, makeSide) => {
	it('creates a draft project in its station’s district', async () => {
		const side = await makeSide();
		const home = station({ district: 'changping', community: '回龙观' });
		await side.addStation(home);
		const args = newProject(home.id);
		await must(side, 'project.create', args);
		expect(await side.get('projects', args.id)).toMatchObject({
			stationId: home.id,
			district: 'changping',
			status: 'draft',
			publishedAt: null
		});
	});

	it('refuses a project for a station it cannot find', async () => {
		const side = await makeSide();
		expect(await side.run('project.create', newProject(crypto.randomUUID()))).toMatchObject({
			ok: false,
			code: 'not_found',
			path: ['stationId']
		});
	});

	it('refuses to publish a project without shifts, and publishes it once it has one', async () => {
		const side = await makeSide();
		const home = station();
		await side.addStation(home);
		const project = newProject(home.id);
		await must(side, 'project.create', project);
		expect(await side.run('project.publish', { id: project.id, at: at(1) })).toMatchObject({
			ok: false,
			code: 'project_without_shifts'
		});
		expect((await side.get('projects', project.id))?.status).toBe('draft');
		await must(side, 'shift.add', newShift(project.id));
		await must(side, 'project.publish', { id: project.id, at: at(2) });
		expect(await side.get('projects', project.id)).toMatchObject({
			status: 'published',
			publishedAt: at(2)
		});
	});

	it('closes a project, after which edits and new shifts are refused', async () => {
		const side = await makeSide();
		const { projectId } = await openShift(side);
		await must(side, 'project.close', { id: projectId, at: at(5) });
		expect(await side.get('projects', projectId)).toMatchObject({
			status: 'closed',
			closedAt: at(5)
		});
		expect(
			await side.run('project.update', { id: projectId, changes: { title: '新标题' }, at: at(6) })
		).toMatchObject({ ok: false, code: 'project_closed' });
		expect(await side.run('shift.add', newShift(projectId))).toMatchObject({
			ok: false,
			code: 'project_closed',
			path: ['projectId']
		});
		expect((await side.get('projects', projectId))?.title).toBe('空巢老人探访');
	});

	it('updates only the fields an edit names', async () => {
		const side = await makeSide();
		const { projectId } = await openShift(side);
		await must(side, 'project.update', { id: projectId, changes: { urgent: true }, at: at(3) });
		expect(await side.get('projects', projectId)).toMatchObject({
			urgent: true,
			title: '空巢老人探访',
			status: 'published'
		});
	});

	it('refuses a shift that ends before it starts', async () => {
		const side = await makeSide();
		const home = station();
		await side.addStation(home);
		const project = newProject(home.id);
		await must(side, 'project.create', project);
		const backwards = newShift(project.id, { start: at(600), end: at(540) });
		expect(await side.run('shift.add', backwards)).toMatchObject({
			ok: false,
			code: 'end_before_start',
			path: ['end']
		});
		expect(await side.get('shifts', backwards.id)).toBeUndefined();
		const { shiftId } = await openShift(side);
		expect(
			await side.run('shift.update', { id: shiftId, changes: { end: at(0) }, at: at(2) })
		).toMatchObject({ ok: false, code: 'end_before_start' });
	});

	it('refuses a capacity below one', async () => {
		const side = await makeSide();
		const { shiftId } = await openShift(side);
		expect(
			await side.run('shift.update', { id: shiftId, changes: { capacity: 0 }, at: at(2) })
		).toMatchObject({ ok: false, code: 'invalid_capacity', path: ['changes', 'capacity'] });
	});
});

describe('shift capacity changes on the server', () => {
	it('refuses a capacity below the confirmed count', async () => {
		const server = serverSide(await testServer());
		const { shiftId } = await openShift(server, 3);
		for (const n of [1, 2]) {
			const volunteerId = await activeMember(server, n);
			await must(server, 'signup.request', {
				id: crypto.randomUUID(),
				shiftId,
				volunteerId,
				at: at(10 + n)
			});
		}
		expect(
			await server.run('shift.update', { id: shiftId, changes: { capacity: 1 }, at: at(20) })
		).toEqual({
			ok: false,
			code: 'capacity_below_confirmed',
			path: ['changes', 'capacity'],
			detail: { confirmed: '2' }
		});
		expect((await server.get('shifts', shiftId))?.capacity).toBe(3);
	});

	it('moves the waitlist up, in arrival order, when capacity grows', async () => {
		const server = serverSide(await testServer());
		const { shiftId } = await openShift(server, 1);
		const signups: string[] = [];
		for (const n of [1, 2, 3, 4]) {
			const id = crypto.randomUUID();
			signups.push(id);
			const volunteerId = await activeMember(server, n);
			await must(server, 'signup.request', { id, shiftId, volunteerId, at: at(10 + n) });
		}
		await must(server, 'shift.update', { id: shiftId, changes: { capacity: 3 }, at: at(30) });
		const statuses = await Promise.all(
			signups.map(async (id) => (await server.get('signups', id))?.status)
		);
		expect(statuses).toEqual(['confirmed', 'confirmed', 'confirmed', 'waitlisted']);
		expect(await server.get('shifts', shiftId)).toMatchObject({
			capacity: 3,
			confirmedCount: 3,
			waitlistCount: 1
		});
	});
});
