/**
 * Reads for the volunteer team screens and the project form's organisers. Teams are read whole (a
 * device holds one station's, or one district's: tens of rows); members, projects and sign-ups
 * through their indexes. Each awaits only Dexie, so the screens stay live as changes sync in, and
 * all of it works offline.
 */
import type { DistrictCode } from '$lib/domain/reference';
import type { Organization, Project, Station, Team, Volunteer } from '$lib/domain/schemas';
import type { LocalDb } from '$lib/client/data/db';
import { compareNames, compareText } from '$lib/domain/order';

export interface TeamSummary {
	team: Team;
	/** Null when the device does not hold the leader's record (an admin's device). */
	leaderName: string | null;
}

export interface StationTeams {
	stationId: string;
	/** Null when the station is not on this device. */
	station: Station | null;
	/** Active teams first, then by name. */
	teams: TeamSummary[];
}

const byName = (a: { name: string }, b: { name: string }) => compareNames(a.name, b.name);

/** The teams this device holds, grouped by station (stations by name). */
export async function teamsByStation(db: LocalDb): Promise<StationTeams[]> {
	const teams = await db.teams.toArray();
	const stationIds = [...new Set(teams.map((t) => t.stationId))];
	const [stations, leaders] = await Promise.all([
		db.stations.bulkGet(stationIds),
		db.volunteers.bulkGet(teams.map((t) => t.leaderId ?? ''))
	]);
	const groups = new Map<string, StationTeams>(
		stationIds.map((id, i) => [id, { stationId: id, station: stations[i] ?? null, teams: [] }])
	);
	teams.forEach((team, i) => {
		groups.get(team.stationId)!.teams.push({ team, leaderName: leaders[i]?.name ?? null });
	});
	for (const group of groups.values()) {
		group.teams.sort(
			(a, b) =>
				Number(b.team.status === 'active') - Number(a.team.status === 'active') ||
				byName(a.team, b.team)
		);
	}
	return [...groups.values()].sort((a, b) =>
		compareNames(a.station?.name ?? '', b.station?.name ?? '')
	);
}

/** Verified service hours, and how many shifts served they come from. */
export interface TeamHours {
	hours: number;
	shifts: number;
}

export interface TeamDetail {
	team: Team;
	station: Station | null;
	/** The members whose record this device holds, by id. */
	members: Map<string, Volunteer>;
	/** The projects it organises, the newest first. */
	projects: Project[];
	hours: TeamHours;
}

const twoDecimals = (n: number) => Math.round(n * 100) / 100;

/**
 * One team with its station, members, projects and hours; null when not on this device. The
 * hours are those its present members earned on its projects and the station has verified, as
 * far as the device holds their sign-ups.
 */
export async function teamDetail(db: LocalDb, id: string): Promise<TeamDetail | null> {
	const team = await db.teams.get(id);
	if (!team) return null;
	const [station, members, projects] = await Promise.all([
		db.stations.get(team.stationId),
		db.volunteers.bulkGet(team.memberIds),
		db.projects
			.where('stationId')
			.equals(team.stationId)
			.filter((p) => p.teamId === id)
			.toArray()
	]);
	projects.sort((a, b) => compareText(b.createdAt, a.createdAt) || compareText(a.id, b.id));
	const memberIds = new Set(team.memberIds);
	let hours = 0;
	let shifts = 0;
	if (projects.length > 0) {
		await db.signups
			.where('projectId')
			.anyOf(projects.map((p) => p.id))
			.each((signup) => {
				if (signup.status !== 'completed' || !signup.hoursVerifiedAt) return;
				if (!memberIds.has(signup.volunteerId)) return;
				hours += signup.hoursCredited ?? 0;
				shifts++;
			});
	}
	return {
		team,
		station: station ?? null,
		members: new Map(members.filter((v) => v !== undefined).map((v) => [v.id, v])),
		projects,
		hours: { hours: twoDecimals(hours), shifts }
	};
}

/** The members of a station this device holds, by name: whom a team may take in. */
export async function stationMembers(db: LocalDb, stationId: string): Promise<Volunteer[]> {
	if (!stationId) return [];
	const members = await db.volunteers.where('homeStationId').equals(stationId).toArray();
	return members.sort(byName);
}

/** A station's active teams, by name, for a project's organiser; plus `keep` if it is not one. */
export async function teamChoices(db: LocalDb, stationId: string, keep: string | null = null) {
	if (!stationId) return [];
	const teams = await db.teams.where('stationId').equals(stationId).toArray();
	return teams.filter((t) => t.status === 'active' || t.id === keep).sort(byName);
}

/**
 * A district's active social organizations, by name, for a project's co-organisers; plus those in
 * `keep` (already chosen, since made inactive) so a form never drops them unasked.
 */
export async function organizationChoices(
	db: LocalDb,
	district: DistrictCode | null,
	keep: readonly string[] = []
): Promise<Organization[]> {
	if (!district) return [];
	const kept = new Set(keep);
	const organizations = await db.organizations.where('district').equals(district).toArray();
	return organizations.filter((o) => o.status === 'active' || kept.has(o.id)).sort(byName);
}
