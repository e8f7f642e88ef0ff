/**
 * Reads for the social organization and pairing screens (结对帮扶): a district's registry with how
 * many active pairings each organization has, one organization with its pairings and joint
 * projects, the choices a new pairing offers, and one pairing with its activity log. Each awaits
 * only Dexie, so the screens stay live as pairings and activities sync in, and all of it works
 * offline from what the device holds.
 */
import type { DistrictCode } from '$lib/domain/reference';
import type {
	Organization,
	Pairing,
	PairingActivity,
	Project,
	Station,
	Team
} from '$lib/domain/schemas';
import type { LocalDb } from '$lib/client/data/db';
import { compareNames, compareText } from '$lib/domain/order';

export interface RegistryEntry {
	organization: Organization;
	/** Its pairings still under way. */
	activePairings: number;
}

export interface RegistryDistrict {
	district: DistrictCode;
	entries: RegistryEntry[];
}

/** Active organizations first, then by name in pinyin order. */
function byStatusThenName(a: Organization, b: Organization): number {
	return (
		Number(b.status === 'active') - Number(a.status === 'active') ||
		compareNames(a.name, b.name) ||
		compareText(a.id, b.id)
	);
}

/**
 * The registries this device holds, one per district (an admin's or worker's device holds her
 * district's; the city admin's every district she has synced), each with its active pairings count.
 */
export async function organizationRegistry(db: LocalDb): Promise<RegistryDistrict[]> {
	const organizations = await db.organizations.toArray();
	const pairings = await db.pairings.toArray();
	const active = new Map<string, number>();
	for (const pairing of pairings) {
		if (pairing.status !== 'active') continue;
		active.set(pairing.organizationId, (active.get(pairing.organizationId) ?? 0) + 1);
	}
	const byDistrict = new Map<DistrictCode, RegistryEntry[]>();
	for (const organization of organizations.sort(byStatusThenName)) {
		const entry = { organization, activePairings: active.get(organization.id) ?? 0 };
		const list = byDistrict.get(organization.district);
		if (list) list.push(entry);
		else byDistrict.set(organization.district, [entry]);
	}
	return [...byDistrict]
		.sort(([a], [b]) => compareText(a, b))
		.map(([district, entries]) => ({ district, entries }));
}

export interface PairingSummary {
	pairing: Pairing;
	station: Station | null;
	team: Team | null;
}

/** Active pairings first; the most recently started first within each. */
function byStatusThenStart(a: Pairing, b: Pairing): number {
	return (
		Number(b.status === 'active') - Number(a.status === 'active') ||
		compareText(b.startOn, a.startOn) ||
		compareText(a.id, b.id)
	);
}

/** Newest first: by when they were made. */
function newestProjectFirst(a: Project, b: Project): number {
	return compareText(b.createdAt, a.createdAt) || compareText(a.id, b.id);
}

async function withPlaces(db: LocalDb, pairings: Pairing[]): Promise<PairingSummary[]> {
	const stations = await db.stations.bulkGet([...new Set(pairings.map((p) => p.stationId))]);
	const teamIds = [...new Set(pairings.flatMap((p) => (p.teamId ? [p.teamId] : [])))];
	const teams = await db.teams.bulkGet(teamIds);
	const stationById = new Map(stations.filter((s) => s !== undefined).map((s) => [s.id, s]));
	const teamById = new Map(teams.filter((t) => t !== undefined).map((t) => [t.id, t]));
	return pairings.map((pairing) => ({
		pairing,
		station: stationById.get(pairing.stationId) ?? null,
		team: pairing.teamId ? (teamById.get(pairing.teamId) ?? null) : null
	}));
}

export interface OrganizationDetail {
	organization: Organization;
	pairings: PairingSummary[];
	/** Projects on the device that it organises with a station, newest first. */
	jointProjects: Project[];
	/** The stations of those projects, for their names. */
	stations: Map<string, Station>;
}

export async function organizationDetail(
	db: LocalDb,
	id: string
): Promise<OrganizationDetail | null> {
	const organization = await db.organizations.get(id);
	if (!organization) return null;
	const pairings = await db.pairings.where('organizationId').equals(id).toArray();
	const summaries = await withPlaces(db, pairings.sort(byStatusThenStart));
	// A district's projects only: a co-organiser is always of the project's district.
	const jointProjects = (
		await db.projects
			.where('district')
			.equals(organization.district)
			.filter((p) => p.coOrganizerIds.includes(id))
			.toArray()
	).sort(newestProjectFirst);
	const stations = await db.stations.bulkGet([...new Set(jointProjects.map((p) => p.stationId))]);
	return {
		organization,
		pairings: summaries,
		jointProjects,
		stations: new Map(stations.filter((s) => s !== undefined).map((s) => [s.id, s]))
	};
}

export interface PairingChoices {
	organization: Organization | null;
	/** The open stations of the organization's district, by name. */
	stations: Station[];
	/** Each station's active teams, by name. */
	teamsByStation: Map<string, Team[]>;
}

/** What a new pairing of this organization may name: its district's stations and their teams. */
export async function pairingChoices(db: LocalDb, organizationId: string): Promise<PairingChoices> {
	const organization = (await db.organizations.get(organizationId)) ?? null;
	if (!organization) return { organization, stations: [], teamsByStation: new Map() };
	const stations = (await db.stations.where('district').equals(organization.district).toArray())
		.filter((s) => s.status === 'open')
		.sort((a, b) => compareNames(a.name, b.name));
	const teams = stations.length
		? await db.teams
				.where('stationId')
				.anyOf(stations.map((s) => s.id))
				.toArray()
		: [];
	const teamsByStation = new Map<string, Team[]>();
	for (const team of teams
		.filter((t) => t.status === 'active')
		.sort((a, b) => compareNames(a.name, b.name))) {
		const list = teamsByStation.get(team.stationId);
		if (list) list.push(team);
		else teamsByStation.set(team.stationId, [team]);
	}
	return { organization, stations, teamsByStation };
}

export interface PairingDetail extends PairingSummary {
	organization: Organization | null;
	/**
	 * Projects of the paired station that the organization organises with it (and, for a team's
	 * pairing, that the team organises), newest first.
	 */
	jointProjects: Project[];
	/** What the pairing did together, the latest first. */
	activities: PairingActivity[];
}

/** Newest first: by the day it happened, then by when it was logged. */
function latestActivityFirst(a: PairingActivity, b: PairingActivity): number {
	return compareText(b.on, a.on) || compareText(b.createdAt, a.createdAt);
}

export async function pairingDetail(db: LocalDb, id: string): Promise<PairingDetail | null> {
	const pairing = await db.pairings.get(id);
	if (!pairing) return null;
	const [summary] = await withPlaces(db, [pairing]);
	const organization = (await db.organizations.get(pairing.organizationId)) ?? null;
	const jointProjects = (
		await db.projects
			.where('stationId')
			.equals(pairing.stationId)
			.filter(
				(p) =>
					p.coOrganizerIds.includes(pairing.organizationId) &&
					(pairing.teamId === null || p.teamId === pairing.teamId)
			)
			.toArray()
	).sort(newestProjectFirst);
	const activities = (await db.pairingActivities.where('pairingId').equals(id).toArray()).sort(
		latestActivityFirst
	);
	return { ...summary!, organization, jointProjects, activities };
}
