import { describe, expect, it } from 'vitest';
import { TINY_JPEG } from '$lib/testing/arbitraries';
import {
	at,
	bothSides,
	must,
	newProject,
	phoneNo,
	registration,
	station,
	type Side
} from '$lib/testing/fixtures';
import type { ArgsOf } from '../mutations';

/**
 * Dongcheng's 西总布 and 东四 stations and Chaoyang's 望京, with two active members of 西总布
 * (李秀英, 王芳) and one of 东四 (赵敏); Dongcheng's registry holds one social organization and
 * Chaoyang's another.
 */
async function story(side: Side) {
	const home = station();
	const neighbour = station({ name: '东四社区妇女志愿服务站', community: '东四' });
	const chaoyang = station({
		name: '望京社区妇女志愿服务站',
		district: 'chaoyang',
		community: '望京'
	});
	for (const s of [home, neighbour, chaoyang]) await side.addStation(s);
	let phones = 0;
	const member = async (name: string, homeStationId: string) => {
		const args = registration({ phone: phoneNo(++phones), name, homeStationId });
		await must(side, 'volunteer.register', args);
		await must(side, 'volunteer.setStatus', { id: args.id, status: 'active', at: at(1) });
		return args.id;
	};
	const members = {
		li: await member('李秀英', home.id),
		wang: await member('王芳', home.id),
		zhao: await member('赵敏', neighbour.id)
	};
	const organization = async (district: 'dongcheng' | 'chaoyang') => {
		const id = crypto.randomUUID();
		await must(side, 'organization.create', {
			id,
			district,
			name: district === 'dongcheng' ? '东城区暖心社会工作服务中心' : '朝阳区阳光家庭服务中心',
			type: 'social_organization',
			contactName: '林老师',
			contactPhone: '010-65001234',
			offers: '社工上门探访',
			at: at(2)
		});
		return id;
	};
	return {
		home,
		neighbour,
		chaoyang,
		members,
		dongchengOrg: await organization('dongcheng'),
		chaoyangOrg: await organization('chaoyang')
	};
}

const newTeam = (
	stationId: string,
	overrides: Partial<ArgsOf<'team.create'>> = {}
): ArgsOf<'team.create'> => ({
	id: crypto.randomUUID(),
	stationId,
	name: '西总布巾帼志愿服务队',
	leaderId: null,
	memberIds: [],
	focus: ['elderly_care'],
	at: at(3),
	...overrides
});

const newPairing = (
	organizationId: string,
	stationId: string,
	overrides: Partial<ArgsOf<'pairing.create'>> = {}
): ArgsOf<'pairing.create'> => ({
	id: crypto.randomUUID(),
	organizationId,
	stationId,
	teamId: null,
	focus: ['elderly_care'],
	startOn: '2026-03-01',
	endOn: null,
	at: at(4),
	...overrides
});

describe.each(bothSides)('teams and pairings on the %s', (_where, makeSide) => {
	describe('team.create and team.update', () => {
		it('keeps the leader among the members, each once', async () => {
			const side = await makeSide();
			const { home, members } = await story(side);
			const team = newTeam(home.id, {
				leaderId: members.li,
				memberIds: [members.wang, members.li, members.wang]
			});
			await must(side, 'team.create', team);
			expect(await side.get('teams', team.id)).toMatchObject({
				stationId: home.id,
				district: 'dongcheng',
				leaderId: members.li,
				memberIds: [members.li, members.wang],
				status: 'active'
			});
		});

		it('refuses a member of another station, on her field', async () => {
			const side = await makeSide();
			const { home, members } = await story(side);
			expect(
				await side.run('team.create', newTeam(home.id, { memberIds: [members.wang, members.zhao] }))
			).toMatchObject({ ok: false, code: 'not_station_member', path: ['memberIds', 1] });
			expect(
				await side.run('team.create', newTeam(home.id, { leaderId: members.zhao }))
			).toMatchObject({ ok: false, code: 'not_station_member', path: ['leaderId'] });
		});

		it('changes the members and the leader, and disbands', async () => {
			const side = await makeSide();
			const { home, members } = await story(side);
			const team = newTeam(home.id, { leaderId: members.li });
			await must(side, 'team.create', team);
			await must(side, 'team.update', {
				id: team.id,
				changes: { leaderId: members.wang, memberIds: [members.li] },
				at: at(5)
			});
			expect(await side.get('teams', team.id)).toMatchObject({
				leaderId: members.wang,
				memberIds: [members.wang, members.li]
			});
			await must(side, 'team.update', { id: team.id, changes: { status: 'disbanded' }, at: at(6) });
			expect((await side.get('teams', team.id))?.status).toBe('disbanded');
		});

		it('forgets a member erased at her request', async () => {
			const side = await makeSide();
			const { home, members } = await story(side);
			const team = newTeam(home.id, { leaderId: members.li, memberIds: [members.wang] });
			await must(side, 'team.create', team);
			await must(side, 'volunteer.requestErasure', { id: members.li, at: at(5) });
			await must(side, 'volunteer.erase', { id: members.li, at: at(6) });
			expect(await side.get('teams', team.id)).toMatchObject({
				leaderId: null,
				memberIds: [members.wang]
			});
		});
	});

	describe('organizations and pairings', () => {
		it('pairs an organization with a team of a station of its district', async () => {
			const side = await makeSide();
			const { home, dongchengOrg } = await story(side);
			const team = newTeam(home.id);
			await must(side, 'team.create', team);
			const pairing = newPairing(dongchengOrg, home.id, { teamId: team.id });
			await must(side, 'pairing.create', pairing);
			expect(await side.get('pairings', pairing.id)).toMatchObject({
				organizationId: dongchengOrg,
				stationId: home.id,
				teamId: team.id,
				district: 'dongcheng',
				status: 'active',
				endOn: null
			});
		});

		it('refuses another district’s organization, another station’s team, and an inactive one', async () => {
			const side = await makeSide();
			const { home, neighbour, chaoyang, dongchengOrg, chaoyangOrg } = await story(side);
			expect(await side.run('pairing.create', newPairing(chaoyangOrg, home.id))).toMatchObject({
				ok: false,
				code: 'organization_other_district',
				path: ['organizationId']
			});
			const team = newTeam(neighbour.id, { name: '东四志愿服务队' });
			await must(side, 'team.create', team);
			expect(
				await side.run('pairing.create', newPairing(dongchengOrg, home.id, { teamId: team.id }))
			).toMatchObject({ ok: false, code: 'team_other_station', path: ['teamId'] });
			await must(side, 'organization.update', {
				id: dongchengOrg,
				changes: { status: 'inactive' },
				at: at(5)
			});
			expect(await side.run('pairing.create', newPairing(dongchengOrg, home.id))).toMatchObject({
				ok: false,
				code: 'organization_inactive'
			});
			expect(await side.run('pairing.create', newPairing(chaoyangOrg, chaoyang.id))).toEqual({
				ok: true
			});
		});

		it('ends a pairing with its reason, once; activities keep to its period', async () => {
			const side = await makeSide();
			const { home, dongchengOrg } = await story(side);
			const pairing = newPairing(dongchengOrg, home.id);
			await must(side, 'pairing.create', pairing);
			const activity = {
				id: crypto.randomUUID(),
				pairingId: pairing.id,
				on: '2026-06-01',
				what: '为独居老人上门理发',
				who: '社工2人，队员5人',
				photos: [TINY_JPEG],
				at: at(5)
			};
			await must(side, 'pairing.logActivity', activity);
			expect(await side.get('pairingActivities', activity.id)).toMatchObject({
				stationId: home.id,
				district: 'dongcheng',
				photos: [TINY_JPEG]
			});
			expect(
				await side.run('pairing.logActivity', {
					...activity,
					id: crypto.randomUUID(),
					on: '2026-02-01'
				})
			).toMatchObject({ ok: false, code: 'outside_pairing', path: ['on'] });
			expect(
				await side.run('pairing.end', {
					id: pairing.id,
					endOn: '2026-01-01',
					reason: '期满',
					at: at(6)
				})
			).toMatchObject({ ok: false, code: 'end_before_start', path: ['endOn'] });
			await must(side, 'pairing.end', {
				id: pairing.id,
				endOn: '2026-10-31',
				reason: '项目期满',
				at: at(6)
			});
			await must(side, 'pairing.end', {
				id: pairing.id,
				endOn: '2026-11-30',
				reason: '又结束一次',
				at: at(7)
			});
			expect(await side.get('pairings', pairing.id)).toMatchObject({
				status: 'ended',
				endOn: '2026-10-31',
				endReason: '项目期满'
			});
			// A late record of what was done before the end is still taken; after it, not.
			await must(side, 'pairing.logActivity', {
				...activity,
				id: crypto.randomUUID(),
				on: '2026-10-20'
			});
			expect(
				await side.run('pairing.logActivity', {
					...activity,
					id: crypto.randomUUID(),
					on: '2026-11-02'
				})
			).toMatchObject({ ok: false, code: 'outside_pairing' });
		});

		it('refuses a photo that is not a small JPEG', async () => {
			const side = await makeSide();
			const { home, dongchengOrg } = await story(side);
			const pairing = newPairing(dongchengOrg, home.id);
			await must(side, 'pairing.create', pairing);
			const base = {
				id: crypto.randomUUID(),
				pairingId: pairing.id,
				on: '2026-06-01',
				what: '走访',
				who: '',
				at: at(5)
			};
			expect(
				await side.run('pairing.logActivity', {
					...base,
					photos: ['data:image/png;base64,iVBORw0KGgo=']
				})
			).toMatchObject({ ok: false, code: 'invalid_photo', path: ['photos', 0] });
			expect(
				await side.run('pairing.logActivity', {
					...base,
					photos: [`data:image/jpeg;base64,${'A'.repeat(80_000)}`]
				})
			).toMatchObject({ ok: false, code: 'photo_too_large', path: ['photos', 0] });
		});
	});

	describe('a joint project', () => {
		it('names its team and co-organisers, each once, and refuses others’', async () => {
			const side = await makeSide();
			const { home, neighbour, dongchengOrg, chaoyangOrg } = await story(side);
			const team = newTeam(home.id);
			await must(side, 'team.create', team);
			const project = newProject(home.id, {
				teamId: team.id,
				coOrganizerIds: [dongchengOrg, dongchengOrg]
			});
			await must(side, 'project.create', project);
			expect(await side.get('projects', project.id)).toMatchObject({
				teamId: team.id,
				coOrganizerIds: [dongchengOrg]
			});
			expect(
				await side.run('project.update', {
					id: project.id,
					changes: { coOrganizerIds: [dongchengOrg, chaoyangOrg] },
					at: at(5)
				})
			).toMatchObject({
				ok: false,
				code: 'organization_other_district',
				path: ['changes', 'coOrganizerIds', 1]
			});
			const other = newTeam(neighbour.id, { name: '东四志愿服务队' });
			await must(side, 'team.create', other);
			expect(
				await side.run('project.update', {
					id: project.id,
					changes: { teamId: other.id },
					at: at(5)
				})
			).toMatchObject({ ok: false, code: 'team_other_station', path: ['changes', 'teamId'] });
			await must(side, 'project.update', {
				id: project.id,
				changes: { teamId: null, coOrganizerIds: [] },
				at: at(6)
			});
			expect(await side.get('projects', project.id)).toMatchObject({
				teamId: null,
				coOrganizerIds: []
			});
		});

		it('reads a project queued before organisers existed as organised by the station alone', async () => {
			const side = await makeSide();
			const { home } = await story(side);
			const project = newProject(home.id);
			await must(side, 'project.create', project);
			expect(await side.get('projects', project.id)).toMatchObject({
				teamId: null,
				coOrganizerIds: []
			});
		});
	});
});
