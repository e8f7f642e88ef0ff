/**
 * The server data the device figures pull: one station with its members, projects, shifts and
 * sign-ups, made by the demo generator through the real server rules into a SQLite file, before
 * `node build` opens it (the server loads its own demo data only into an empty database).
 */
import { loadDemoData } from '$lib/server/seed';
import { openSqlite } from '$lib/server/database';
import { migrate } from '$lib/server/migrations';

export interface StationSize {
	members: number;
	projects: number;
}

export interface StationFile {
	file: string;
	counts: Record<string, number>;
	ms: number;
}

export async function writeStation(file: string, size: StationSize): Promise<StationFile> {
	const start = performance.now();
	const db = openSqlite(file);
	await migrate(db);
	await loadDemoData(db, { stations: 1, members: size.members, projects: size.projects });
	const counts: Record<string, number> = {};
	for (const table of ['stations', 'volunteers', 'projects', 'shifts', 'signups'] as const) {
		const row = await db
			.selectFrom(table)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		counts[table] = Number(row.n);
	}
	await db.destroy();
	return { file, counts, ms: performance.now() - start };
}
