/**
 * A district's worth of members for the device, made by the demo generator and the real
 * `volunteer.register` / `volunteer.setStatus` rules run against an in-memory store. Setup only:
 * the rows are then written with Dexie's bulkPut, which the benchmark does not time.
 */
import { demoData } from '$lib/domain/demo';
import type { MutationStore } from '$lib/domain/mutation';
import { mutationByName } from '$lib/domain/mutations';
import {
	isActive,
	type Rows,
	type Station,
	type TableName,
	type Volunteer
} from '$lib/domain/schemas';

/** Every read the rules make, answered by scanning the rows in memory (setup is not timed). */
class MemoryStore implements MutationStore {
	readonly tables = new Map<TableName, Map<string, unknown>>();
	readonly phones = new Map<string, Volunteer>();

	table(name: TableName): Map<string, unknown> {
		let table = this.tables.get(name);
		if (!table) this.tables.set(name, (table = new Map()));
		return table;
	}

	rows<T extends TableName>(table: T, keep: (row: Rows[T]) => boolean): Rows[T][] {
		return ([...this.table(table).values()] as Rows[T][]).filter(keep);
	}

	async get<T extends TableName>(table: T, id: string): Promise<Rows[T] | undefined> {
		return this.table(table).get(id) as Rows[T] | undefined;
	}

	async put<T extends TableName>(table: T, row: Rows[T]): Promise<void> {
		this.table(table).set(row.id, row);
		if (table === 'volunteers') this.phones.set((row as Volunteer).phone, row as Volunteer);
	}

	async remove<T extends TableName>(table: T, row: Rows[T]): Promise<void> {
		this.table(table).delete(row.id);
		if (table === 'volunteers') this.phones.delete((row as Volunteer).phone);
	}

	async volunteerByPhone(phone: string): Promise<Volunteer | undefined> {
		return this.phones.get(phone);
	}

	async activeSignupsOfShift(shiftId: string) {
		return this.rows('signups', (s) => s.shiftId === shiftId && isActive(s));
	}

	async activeSignup(shiftId: string, volunteerId: string) {
		return (await this.signupsOf(shiftId, volunteerId)).find(isActive);
	}

	async signupsOf(shiftId: string, volunteerId: string) {
		return this.rows('signups', (s) => s.shiftId === shiftId && s.volunteerId === volunteerId);
	}

	async signupsOfShift(shiftId: string) {
		return this.rows('signups', (s) => s.shiftId === shiftId);
	}

	async attendanceOf(shiftId: string, volunteerId: string) {
		return this.rows('attendance', (a) => a.shiftId === shiftId && a.volunteerId === volunteerId);
	}

	async signupsOfVolunteer(volunteerId: string) {
		return this.rows('signups', (s) => s.volunteerId === volunteerId);
	}

	async transfersOfVolunteer(volunteerId: string) {
		return this.rows('transfers', (t) => t.volunteerId === volunteerId);
	}

	async calloutResponse(calloutId: string, volunteerId: string) {
		return this.rows(
			'calloutResponses',
			(r) => r.calloutId === calloutId && r.volunteerId === volunteerId
		)[0];
	}

	async responsesOfVolunteer(volunteerId: string) {
		return this.rows('calloutResponses', (r) => r.volunteerId === volunteerId);
	}

	async teamsOfVolunteer(volunteerId: string) {
		return this.rows('teams', (t) => t.memberIds.includes(volunteerId));
	}

	async carePairingsOfHelped(helpedId: string) {
		return this.rows('carePairings', (p) => p.helpedId === helpedId);
	}

	async carePairingsOfVolunteer(volunteerId: string) {
		return this.rows('carePairings', (p) => p.volunteerId === volunteerId);
	}

	async visitsOfCarePairing(carePairingId: string) {
		return this.rows('careVisits', (v) => v.carePairingId === carePairingId);
	}

	async shiftsOfProject(projectId: string) {
		return this.rows('shifts', (s) => s.projectId === projectId);
	}
}

export async function districtMembers(
	count: number
): Promise<{ stations: Station[]; volunteers: Volunteer[] }> {
	const { stations, steps } = demoData({
		seed: 100_000,
		members: count,
		projects: 0,
		stations: 16
	});
	const store = new MemoryStore();
	for (const station of stations) await store.put('stations', station);
	for (const step of steps) {
		const mutation = mutationByName(step.name);
		if (!mutation) throw new Error(`no mutation ${step.name}`);
		// The demo's history happened at each step's own time, so time rules judge it then.
		const { at } = step.args as { at: string };
		await mutation.apply(store, step.args, { authority: 'server', actorId: null, now: at });
	}
	return { stations, volunteers: [...store.table('volunteers').values()] as Volunteer[] };
}
