import { describe, expect, it } from 'vitest';
import type { ArgsOf } from '$lib/domain/mutations';
import { testDevice } from '$lib/testing/harness';
import { at, deviceSide, must, newProject, station } from '$lib/testing/fixtures';
import {
	organizationDetail,
	organizationRegistry,
	pairingChoices,
	pairingDetail
} from './organizations';

const organization = (
	overrides: Partial<ArgsOf<'organization.create'>> = {}
): ArgsOf<'organization.create'> => ({
	id: crypto.randomUUID(),
	district: 'dongcheng',
	name: '暖心社会工作服务中心',
	type: 'social_organization',
	contactName: '李老师',
	contactPhone: '010-65120001',
	offers: '心理疏导、入户探访',
	at: at(),
	...overrides
});

/**
 * A Dongcheng device: two stations, the first with a team; two organizations, the first paired
 * with the team and, ended, with the second station; a joint project of the team and one of the
 * station alone with the organization.
 */
async function dongcheng() {
	const db = testDevice();
	const side = deviceSide(db);
	const home = station({ name: '西总布社区妇女志愿服务站' });
	const other = station({ name: '东四社区妇女志愿服务站', community: '东四' });
	const closed = station({ name: '已关闭的服务站', status: 'closed' });
	for (const s of [home, other, closed]) await side.addStation(s);
	const teamId = crypto.randomUUID();
	await must(side, 'team.create', {
		id: teamId,
		stationId: home.id,
		name: '西总布巾帼志愿服务队',
		leaderId: null,
		memberIds: [],
		focus: ['elderly_care'],
		at: at()
	});
	const social = organization();
	const business = organization({ name: '爱心企业', type: 'enterprise' });
	await must(side, 'organization.create', social);
	await must(side, 'organization.create', business);
	const pairingId = crypto.randomUUID();
	await must(side, 'pairing.create', {
		id: pairingId,
		organizationId: social.id,
		stationId: home.id,
		teamId,
		focus: ['elderly_care'],
		startOn: '2026-01-01',
		endOn: null,
		at: at(1)
	});
	const endedId = crypto.randomUUID();
	await must(side, 'pairing.create', {
		id: endedId,
		organizationId: social.id,
		stationId: other.id,
		teamId: null,
		focus: [],
		startOn: '2025-06-01',
		endOn: null,
		at: at(1)
	});
	await must(side, 'pairing.end', {
		id: endedId,
		endOn: '2025-12-31',
		reason: '项目结束',
		at: at(2)
	});
	const teamProject = newProject(home.id, {
		title: '冬日暖心助老理发',
		teamId,
		coOrganizerIds: [social.id],
		at: at(5)
	});
	const stationProject = newProject(home.id, {
		title: '社区议事',
		coOrganizerIds: [social.id],
		at: at(6)
	});
	const plain = newProject(home.id, { title: '空巢老人探访', at: at(7) });
	for (const p of [teamProject, stationProject, plain]) await must(side, 'project.create', p);
	return {
		db,
		side,
		home,
		other,
		teamId,
		social,
		business,
		pairingId,
		endedId,
		teamProject,
		stationProject
	};
}

describe('organizationRegistry', () => {
	it('counts only the pairings under way, and lists active organizations by name', async () => {
		const { db, social } = await dongcheng();
		const [district, ...others] = await organizationRegistry(db);
		expect(others).toEqual([]);
		expect(district?.district).toBe('dongcheng');
		expect(
			district?.entries.map((e) => [e.organization.name, e.activePairings, e.organization.status])
		).toEqual([
			['爱心企业', 0, 'active'],
			[social.name, 1, 'active']
		]);
	});

	it('puts an inactive organization after the active ones', async () => {
		const { db, side, business } = await dongcheng();
		await must(side, 'organization.update', {
			id: business.id,
			changes: { status: 'inactive' },
			at: at(9)
		});
		const [district] = await organizationRegistry(db);
		expect(district?.entries.map((e) => e.organization.id).at(-1)).toBe(business.id);
	});
});

describe('organizationDetail', () => {
	it('shows its pairings, the active first, and its joint projects, the newest first', async () => {
		const { db, social, pairingId, endedId, teamProject, stationProject, home, other } =
			await dongcheng();
		const detail = await organizationDetail(db, social.id);
		expect(detail?.pairings.map((p) => [p.pairing.id, p.station?.id, p.team?.name])).toEqual([
			[pairingId, home.id, '西总布巾帼志愿服务队'],
			[endedId, other.id, undefined]
		]);
		expect(detail?.jointProjects.map((p) => p.id)).toEqual([stationProject.id, teamProject.id]);
		expect(detail?.stations.get(home.id)?.name).toBe(home.name);
	});

	it('is null for an organization the device does not hold', async () => {
		const { db } = await dongcheng();
		expect(await organizationDetail(db, crypto.randomUUID())).toBeNull();
	});
});

describe('pairingChoices', () => {
	it('offers the open stations of the organization’s district and their active teams', async () => {
		const { db, side, social, home, other, teamId } = await dongcheng();
		const disbanded = crypto.randomUUID();
		await must(side, 'team.create', {
			id: disbanded,
			stationId: home.id,
			name: '旧服务队',
			leaderId: null,
			memberIds: [],
			focus: [],
			at: at()
		});
		await must(side, 'team.update', { id: disbanded, changes: { status: 'disbanded' }, at: at(1) });
		const choices = await pairingChoices(db, social.id);
		expect(choices.stations.map((s) => s.id).sort()).toEqual([home.id, other.id].sort());
		expect(choices.teamsByStation.get(home.id)?.map((t) => t.id)).toEqual([teamId]);
		expect(choices.teamsByStation.get(other.id)).toBeUndefined();
	});
});

describe('pairingDetail', () => {
	it('for a team’s pairing, lists only the team’s joint projects, and the latest activity first', async () => {
		const { db, side, pairingId, teamProject, social } = await dongcheng();
		for (const [on, what] of [
			['2026-01-10', '走访独居老人'],
			['2026-02-20', '燃气安全检查'],
			['2026-01-25', '亲子讲座']
		] as const) {
			await must(side, 'pairing.logActivity', {
				id: crypto.randomUUID(),
				pairingId,
				on,
				what,
				who: '',
				photos: [],
				at: at(10)
			});
		}
		const detail = await pairingDetail(db, pairingId);
		expect(detail?.organization?.id).toBe(social.id);
		expect(detail?.team?.name).toBe('西总布巾帼志愿服务队');
		expect(detail?.jointProjects.map((p) => p.id)).toEqual([teamProject.id]);
		expect(detail?.activities.map((a) => a.what)).toEqual([
			'燃气安全检查',
			'亲子讲座',
			'走访独居老人'
		]);
	});

	it('for a station’s pairing, lists every joint project of the station with the organization', async () => {
		const { db, side, social, home, teamProject, stationProject } = await dongcheng();
		const id = crypto.randomUUID();
		await must(side, 'pairing.create', {
			id,
			organizationId: social.id,
			stationId: home.id,
			teamId: null,
			focus: [],
			startOn: '2026-02-01',
			endOn: null,
			at: at(3)
		});
		const detail = await pairingDetail(db, id);
		expect(detail?.team).toBeNull();
		expect(detail?.jointProjects.map((p) => p.id)).toEqual([stationProject.id, teamProject.id]);
	});
});
