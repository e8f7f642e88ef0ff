/**
 * What waits for a station's decision, from what its tablet holds (offline too): members waiting
 * for approval, transfers asked for, and erasures asked for. Each read goes through an index.
 */
import type { Station, Transfer, Volunteer } from '$lib/domain/schemas';
import type { LocalDb } from '$lib/client/data/db';
import { compareText } from '$lib/domain/order';

export interface Requests {
	pending: Volunteer[];
	transfers: { transfer: Transfer; from: Station | null; to: Station | null }[];
	erasures: Volunteer[];
}

export async function openRequests(db: LocalDb): Promise<Requests> {
	const pending = await db.volunteers.where('status').equals('pending').toArray();
	// Null is never indexed: only members who asked for erasure are found.
	const erasures = await db.volunteers.where('erasureRequestedAt').above('').toArray();
	const transfers = await db.transfers.where('status').equals('requested').toArray();
	const from = await db.stations.bulkGet(transfers.map((t) => t.fromStationId ?? ''));
	const to = await db.stations.bulkGet(transfers.map((t) => t.toStationId));
	const byTime = <T extends { createdAt: string }>(a: T, b: T) =>
		compareText(a.createdAt, b.createdAt);
	return {
		pending: pending.filter((v) => !v.erasureRequestedAt).sort(byTime),
		transfers: transfers
			.map((transfer, i) => ({ transfer, from: from[i] ?? null, to: to[i] ?? null }))
			.sort((a, b) => compareText(a.transfer.requestedAt, b.transfer.requestedAt)),
		erasures: erasures.sort((a, b) =>
			compareText(a.erasureRequestedAt ?? '', b.erasureRequestedAt ?? '')
		)
	};
}

/** How many requests wait, for the home screen. */
export async function requestCount(db: LocalDb): Promise<number> {
	const [pending, erasures, transfers] = await Promise.all([
		db.volunteers.where('status').equals('pending').count(),
		db.volunteers.where('erasureRequestedAt').above('').count(),
		db.transfers.where('status').equals('requested').count()
	]);
	return pending + erasures + transfers;
}

/** A member's transfers, the latest first. */
export async function transfersOfMember(db: LocalDb, volunteerId: string) {
	const transfers = await db.transfers.where('volunteerId').equals(volunteerId).toArray();
	const stations = await db.stations.bulkGet(
		transfers.flatMap((t) => [t.fromStationId ?? '', t.toStationId])
	);
	return transfers
		.map((transfer, i) => ({
			transfer,
			from: stations[2 * i] ?? null,
			to: stations[2 * i + 1] ?? null
		}))
		.sort((a, b) => compareText(b.transfer.requestedAt, a.transfer.requestedAt));
}
