/**
 * Reads of the staff directory: the names of the staff whose work this device shows (its own
 * station's colleagues and the admins above them), synced and held offline, so "recorded by"
 * lines and a station's staff list name people, not logins.
 */
import type { StaffEntry } from '$lib/domain/schemas';
import type { LocalDb } from '$lib/client/data/db';
import { compareNames } from '$lib/domain/order';

/** A staff account's name by its id; null when it is not on this device (or not staff). */
export async function staffName(db: LocalDb, accountId: string | null): Promise<string | null> {
	if (!accountId) return null;
	return (await db.staff.get(accountId))?.displayName ?? null;
}

/** A station's staff on this device, active ones first, by name. */
export async function staffOfStation(db: LocalDb, stationId: string): Promise<StaffEntry[]> {
	const staff = await db.staff.where('stationId').equals(stationId).toArray();
	return staff.sort(
		(a, b) => Number(b.active) - Number(a.active) || compareNames(a.displayName, b.displayName)
	);
}

/** Every staff entry on this device (an admin's list, offline). */
export function allStaff(db: LocalDb): Promise<StaffEntry[]> {
	return db.staff.toArray();
}
