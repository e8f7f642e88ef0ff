/**
 * A district's worth of members for the device, made by the demo generator and the real
 * `volunteer.register` / `volunteer.setStatus` rules run against an in-memory store. Setup only:
 * the rows are then written with Dexie's bulkPut, which the benchmark does not time.
 */
import { demoData } from '$lib/domain/demo';
import type { MutationStore } from '$lib/domain/mutation';
import { mutationByName } from '$lib/domain/mutations';
import type { Rows, Station, TableName, Volunteer } from '$lib/domain/schemas';

class MemoryStore implements MutationStore {
	readonly tables = new Map<TableName, Map<string, unknown>>();
	readonly phones = new Map<string, Volunteer>();

	table(name: TableName): Map<string, unknown> {
		let table = this.tables.get(name);
		if (!table) this.tables.set(name, (table = new Map()));
		return table;
	}

	async get<T extends TableName>(table: T, id: string): Promise<Rows[T] | undefined> {
		return this.table(table).get(id) as Rows[T] | undefined;
	}

	async put<T extends TableName>(table: T, row: Rows[T]): Promise<void> {
		this.table(table).set(row.id, row);
		if (table === 'volunteers') this.phones.set((row as Volunteer).phone, row as Volunteer);
	}

	async volunteerByPhone(phone: string): Promise<Volunteer | undefined> {
		return this.phones.get(phone);
	}

	async activeSignupsOfShift(): Promise<never[]> {
		return [];
	}

	async activeSignup(): Promise<undefined> {
		return undefined;
	}

	async shiftsOfProject(): Promise<never[]> {
		return [];
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
		await mutation.apply(store, step.args, { authority: 'server', actorId: null });
	}
	return { stations, volunteers: [...store.table('volunteers').values()] as Volunteer[] };
}
