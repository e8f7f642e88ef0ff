import { describe, expect, it } from 'vitest';
import type { LocalDb } from '$lib/client/data/db';
import type { Signup } from '$lib/domain/schemas';
import { testDevice } from '$lib/testing/harness';
import {
	at,
	deviceSide,
	must,
	newProject,
	phoneNo,
	registration,
	station,
	type Side
} from '$lib/testing/fixtures';
import {
	organizationChoices,
	stationMembers,
	teamChoices,
	teamDetail,
	teamsByStation
} from './teams';

async function member(side: Side, stationId: string, n: number, name: string) {
	const args = registration({ phone: phoneNo(n), name, homeStationId: stationId });
	await must(side, 'volunteer.register', args);
	return args.id;
}

/** A completed sign-up on a project, verified or not. */
async function served(
	db: LocalDb,
	projectId: string,
	volunteerId: string,
	hours: number,
	verified = true
) {
	const signup: Signup = {
		id: crypto.randomUUID(),
		createdAt: at(),
		updatedAt: at(),
		version: 1,
		updatedBy: null,
		shiftId: crypto.randomUUID(),
		projectId,
		volunteerId,
		status: 'completed',
		waitlistOrder: null,
		requestedAt: at(),
		decidedAt: at(),
		checkInAt: at(60),
		checkOutAt: at(60 + hours * 60),
		hoursCredited: hours,
		recordedBy: null,
		hoursVerifiedAt: verified ? at(600) : null
	};
	await db.signups.put(signup);
}

/** Xizongbu with three members, a team of two led by the first, and a second station's team. */
async function withTeams() {
	const db = testDevice();
	const side = deviceSide(db);
	const home = station();
	const other = station({ name: '东四社区妇女志愿服务站', community: '东四' });
	await side.addStation(home);
	await side.addStation(other);
	const wang = await member(side, home.id, 1, '王秀英');
	const li = await member(side, home.id, 2, '李桂兰');
	const zhao = await member(side, home.id, 3, '赵淑珍');
	const teamId = crypto.randomUUID();
	await must(side, 'team.create', {
		id: teamId,
		stationId: home.id,
		name: '西总布助老服务队',
		leaderId: wang,
		memberIds: [li],
		focus: ['elderly_care'],
		at: at()
	});
	const otherTeam = crypto.randomUUID();
	await must(side, 'team.create', {
		id: otherTeam,
		stationId: other.id,
		name: '东四巾帼志愿服务队',
		leaderId: null,
		memberIds: [],
		focus: [],
		at: at()
	});
	return { db, side, home, other, teamId, otherTeam, wang, li, zhao };
}

describe('teamsByStation', () => {
	it('groups the teams by station, with the leader’s name, active teams first', async () => {
		const { db, side, home, other, teamId } = await withTeams();
		const disbanded = crypto.randomUUID();
		await must(side, 'team.create', {
			id: disbanded,
			stationId: home.id,
			name: '阿姨应急队',
			leaderId: null,
			memberIds: [],
			focus: [],
			at: at()
		});
		await must(side, 'team.update', { id: disbanded, changes: { status: 'disbanded' }, at: at(1) });
		const groups = await teamsByStation(db);
		expect(groups.map((g) => g.station?.name)).toEqual([other.name, home.name]);
		const homeTeams = groups[1]!.teams;
		expect(homeTeams.map((t) => t.team.id)).toEqual([teamId, disbanded]);
		expect(homeTeams[0]!.leaderName).toBe('王秀英');
		expect(homeTeams[0]!.team.memberIds).toHaveLength(2);
		expect(groups[0]!.teams[0]!.leaderName).toBeNull();
	});
});

describe('teamDetail', () => {
	it('lists its projects newest first and counts its members’ verified hours on them', async () => {
		const { db, side, home, teamId, wang, li, zhao } = await withTeams();
		const older = newProject(home.id, { title: '冬季探访', teamId, at: at(1) });
		const newer = newProject(home.id, { title: '助老理发', teamId, at: at(5) });
		const notOurs = newProject(home.id, { title: '社区读书会', at: at(3) });
		for (const project of [older, newer, notOurs]) await must(side, 'project.create', project);

		await served(db, older.id, wang, 3);
		await served(db, newer.id, li, 2.5);
		// Not counted: awaiting verification, not a member of the team, not the team's project.
		await served(db, newer.id, li, 4, false);
		await served(db, newer.id, zhao, 3);
		await served(db, notOurs.id, wang, 3);

		const detail = await teamDetail(db, teamId);
		expect(detail?.station?.id).toBe(home.id);
		expect(detail?.projects.map((p) => p.title)).toEqual(['助老理发', '冬季探访']);
		expect(detail?.hours).toEqual({ hours: 5.5, shifts: 2 });
		expect([...(detail?.members.keys() ?? [])].sort()).toEqual([wang, li].sort());
	});

	it('names only the members the device holds, and is null for a team it does not hold', async () => {
		const { db, teamId, li } = await withTeams();
		await db.volunteers.delete(li);
		const detail = await teamDetail(db, teamId);
		expect(detail?.team.memberIds).toContain(li);
		expect(detail?.members.has(li)).toBe(false);
		expect(detail?.hours).toEqual({ hours: 0, shifts: 0 });
		expect(await teamDetail(db, crypto.randomUUID())).toBeNull();
	});
});

describe('choices for the forms', () => {
	it('offers the station’s members by name, and its active teams (keeping the one chosen)', async () => {
		const { db, side, home, teamId } = await withTeams();
		expect((await stationMembers(db, home.id)).map((v) => v.name)).toEqual(
			['王秀英', '李桂兰', '赵淑珍'].sort((a, b) => a.localeCompare(b, 'zh'))
		);
		expect(await stationMembers(db, '')).toEqual([]);
		expect((await teamChoices(db, home.id)).map((t) => t.id)).toEqual([teamId]);
		await must(side, 'team.update', { id: teamId, changes: { status: 'disbanded' }, at: at(1) });
		expect(await teamChoices(db, home.id)).toEqual([]);
		expect((await teamChoices(db, home.id, teamId)).map((t) => t.id)).toEqual([teamId]);
	});

	it('offers the district’s active organizations, and those already chosen', async () => {
		const { db, side } = await withTeams();
		const ids: string[] = [];
		for (const [name, district] of [
			['东城区暖心社工事务所', 'dongcheng'],
			['东城区法律服务中心', 'dongcheng'],
			['朝阳区社会工作协会', 'chaoyang']
		] as const) {
			const id = crypto.randomUUID();
			ids.push(id);
			await must(side, 'organization.create', {
				id,
				district,
				name,
				type: 'social_organization',
				contactName: '',
				contactPhone: '',
				offers: '',
				at: at()
			});
		}
		await must(side, 'organization.update', {
			id: ids[1]!,
			changes: { status: 'inactive' },
			at: at(1)
		});
		const names = async (keep: string[] = []) =>
			(await organizationChoices(db, 'dongcheng', keep)).map((o) => o.name);
		expect(await names()).toEqual(['东城区暖心社工事务所']);
		expect((await names([ids[1]!])).sort()).toEqual(
			['东城区法律服务中心', '东城区暖心社工事务所'].sort()
		);
		expect(await organizationChoices(db, null)).toEqual([]);
	});
});
