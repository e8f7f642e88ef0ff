import { describe, expect, it } from 'vitest';
import { at, bothSides, must, newProject, registration } from '$lib/testing/fixtures';
import type { ArgsOf } from '../mutations';

function newStation(overrides: Partial<ArgsOf<'station.create'>> = {}): ArgsOf<'station.create'> {
	return {
		id: crypto.randomUUID(),
		name: '望京社区妇女志愿服务站',
		district: 'chaoyang',
		community: '望京',
		address: '北京市朝阳区望京社区8号',
		level: 'community',
		contactName: '张老师',
		contactPhone: '010-64710000',
		openingHours: '周一至周五 9:00–17:00',
		services: ['elderly_care', 'tutoring'],
		at: at(),
		...overrides
	};
}

describe.each(bothSides)('station rules on the %s', (_where, makeSide) => {
	it('opens a station with the details given', async () => {
		const side = await makeSide();
		const args = newStation();
		await must(side, 'station.create', args);
		const { at: when, ...fields } = args;
		expect(await side.get('stations', args.id)).toMatchObject({
			...fields,
			street: '',
			levelAwardedOn: null,
			status: 'open',
			createdAt: when,
			updatedAt: when
		});
	});

	it('edits only the fields a change names, street and level’s date included', async () => {
		const side = await makeSide();
		const args = newStation();
		await must(side, 'station.create', args);
		await must(side, 'station.update', {
			id: args.id,
			changes: {
				openingHours: '周一至周六 8:30–17:30',
				street: '望京街道',
				level: 'district',
				levelAwardedOn: '2025-11-20'
			},
			at: at(5)
		});
		expect(await side.get('stations', args.id)).toMatchObject({
			name: args.name,
			address: args.address,
			openingHours: '周一至周六 8:30–17:30',
			street: '望京街道',
			level: 'district',
			levelAwardedOn: '2025-11-20',
			updatedAt: at(5)
		});
	});

	it('refuses a level awarded in the future, or on a day that does not exist', async () => {
		const side = await makeSide();
		const args = newStation();
		await must(side, 'station.create', args);
		const change = (levelAwardedOn: string) => ({
			id: args.id,
			changes: { levelAwardedOn },
			at: at(5)
		});
		expect(await side.run('station.update', change('2026-03-02'))).toMatchObject({
			ok: false,
			code: 'date_in_future',
			path: ['changes', 'levelAwardedOn']
		});
		expect(await side.run('station.update', change('2025-02-29'))).toMatchObject({
			ok: false,
			code: 'invalid_date',
			path: ['changes', 'levelAwardedOn']
		});
	});

	it('takes no new projects or members while suspended or closed, and again once reopened', async () => {
		const side = await makeSide();
		const args = newStation();
		await must(side, 'station.create', args);
		const project = newProject(args.id);
		await must(side, 'project.create', project);
		for (const status of ['suspended', 'closed'] as const) {
			await must(side, 'station.setStatus', { id: args.id, status, at: at(5) });
			expect(
				await side.run('project.create', newProject(args.id, { id: crypto.randomUUID() }))
			).toMatchObject({
				ok: false,
				code: 'station_not_open',
				path: ['stationId'],
				detail: { status }
			});
			expect(
				await side.run('volunteer.register', registration({ homeStationId: args.id }))
			).toMatchObject({ ok: false, code: 'station_not_open', path: ['homeStationId'] });
		}
		// Its history stays as it was.
		expect(await side.get('projects', project.id)).toMatchObject({ title: project.title });
		await must(side, 'station.setStatus', { id: args.id, status: 'open', at: at(6) });
		await must(side, 'project.create', newProject(args.id, { id: crypto.randomUUID() }));
	});

	it('refuses a second station with the same id', async () => {
		const side = await makeSide();
		const args = newStation();
		await must(side, 'station.create', args);
		expect(await side.run('station.create', { ...args, name: '另一站' })).toMatchObject({
			ok: false,
			code: 'already_exists'
		});
		expect((await side.get('stations', args.id))?.name).toBe(args.name);
	});

	it.each([
		[{ name: '  ' }, 'required', ['name']],
		[{ address: '' }, 'required', ['address']],
		[{ community: '社'.repeat(41) }, 'too_long', ['community']],
		[{ id: 'station-1' }, 'invalid_id', ['id']],
		[{ at: '2026-03-01' }, 'invalid_time', ['at']]
	] as const)('refuses %j with a code and the field', async (bad, code, path) => {
		const side = await makeSide();
		const args = newStation(bad as Partial<ArgsOf<'station.create'>>);
		expect(await side.run('station.create', args)).toMatchObject({ ok: false, code, path });
		expect(await side.get('stations', args.id)).toBeUndefined();
	});

	it('refuses a district or level it does not know', async () => {
		const side = await makeSide();
		const district = { ...newStation(), district: 'gotham' } as unknown as ArgsOf<'station.create'>;
		expect(await side.run('station.create', district)).toMatchObject({
			ok: false,
			path: ['district']
		});
		const level = { ...newStation(), level: 'galactic' } as unknown as ArgsOf<'station.create'>;
		expect(await side.run('station.create', level)).toMatchObject({ ok: false, path: ['level'] });
	});
});
