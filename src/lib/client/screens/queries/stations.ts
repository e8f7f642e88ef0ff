/**
 * Reads for the stations screens. Every query goes through an index (district, name, stationId),
 * never a scan of a whole table.
 */
import type { Project, Station, Volunteer } from '$lib/domain/schemas';
import type { LocalDb } from '$lib/client/data/db';
import { compareText } from '$lib/domain/order';

/** The device's stations in one district ('' for every district), sorted by name. */
export async function stationsInDistrict(db: LocalDb, district: string): Promise<Station[]> {
	if (!district) return db.stations.orderBy('name').toArray();
	return db.stations.where('district').equals(district).sortBy('name');
}

export async function stationById(db: LocalDb, id: string): Promise<Station | null> {
	return (await db.stations.get(id)) ?? null;
}

/** A member's home station: null when she has none, or it is not on this device. */
export function homeStationOf(db: LocalDb, member: Volunteer | null): Promise<Station | null> {
	return member?.homeStationId ? stationById(db, member.homeStationId) : Promise.resolve(null);
}

/** A station's projects, the newest change first. */
export async function projectsOfStation(db: LocalDb, stationId: string): Promise<Project[]> {
	const projects = await db.projects.where('stationId').equals(stationId).toArray();
	return projects.sort((a, b) => compareText(b.updatedAt, a.updatedAt));
}
