/**
 * The server data the device figures pull: one station with its members, projects, shifts and
 * sign-ups, made by the demo generator through the real server rules into a SQLite file, before
 * `node build` opens it (the server loads its own demo data only into an empty database).
 */
import type { DistrictCode } from '$lib/domain/reference';
import type { TableName } from '$lib/domain/schemas';
import { asDistrict, createAccount } from '$lib/server/accounts';
import { hashPassword } from '$lib/server/passwords';
import { DEMO_PASSWORD, loadDemoData } from '$lib/server/seed';
import { sql, type Kysely } from 'kysely';
import { openPostgres, openSqlite, type Db } from '$lib/server/database';
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
	const counts = await countRows(db, ['stations', 'volunteers', 'projects', 'shifts', 'signups']);
	await db.destroy();
	return { file, counts, ms: performance.now() - start };
}

/** How many rows each of `tables` holds, for the runner's log. */
async function countRows(db: Db, tables: TableName[]): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const table of tables) {
		const row = await db
			.selectFrom(table)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		counts[table] = Number(row.n);
	}
	return counts;
}

export interface StationsSize extends StationSize {
	stations: number;
}

/** A station's worker account the figures sign in with (the demo password). */
export interface StationWorker {
	login: string;
	stationId: string;
	district: DistrictCode | null;
}

/**
 * A city's stations for figure 7: the demo generator's stations with their members and projects,
 * through the real rules, and one worker account per station (`bench-1`, `bench-2`, …), so that
 * each simulated device syncs as one station's tablet does and receives its station's changes.
 */
export async function writeStations(
	file: string,
	size: StationsSize
): Promise<StationFile & { workers: StationWorker[] }> {
	const start = performance.now();
	const db = openSqlite(file);
	await migrate(db);
	await loadDemoData(db, size);
	const stations = await db
		.selectFrom('stations')
		.select(['id', 'district'])
		.orderBy('id')
		.execute();
	// One hash for all: each sign-in still checks it at full cost.
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const workers = stations.map((station, i) => ({
		login: `bench-${i + 1}`,
		stationId: station.id,
		district: asDistrict(station.district)
	}));
	await db.transaction().execute(async (trx) => {
		for (const worker of workers) {
			await createAccount(trx, {
				role: 'station_worker',
				username: worker.login,
				phone: null,
				district: worker.district,
				stationId: worker.stationId,
				volunteerId: null,
				displayName: worker.login,
				passwordHash
			});
		}
	});
	const counts = await countRows(db, ['stations', 'volunteers']);
	await db.destroy();
	return { file, counts, workers, ms: performance.now() - start };
}

/**
 * Copies the station's SQLite file into an empty PostgreSQL database, migrated the same way, so
 * both databases serve the very same rows. Every table is copied as it is (after the migrations'
 * own rows are cleared), whatever tables the migrations made.
 */
export async function copyStationToPostgres(file: string, url: string): Promise<void> {
	const from = openSqlite(file) as unknown as Kysely<Record<string, Record<string, unknown>>>;
	const to = openPostgres(url, { max: 1 });
	await migrate(to);
	const into = to as unknown as Kysely<Record<string, Record<string, unknown>>>;
	const tables = await sql<{ name: string }>`
		SELECT name FROM sqlite_master WHERE type = 'table'
		AND name NOT IN ('migrations', 'sqlite_sequence')`.execute(from);
	try {
		await into.transaction().execute(async (trx) => {
			for (const { name } of tables.rows) {
				const rows = await from.selectFrom(name).selectAll().execute();
				await trx.deleteFrom(name).execute();
				for (let i = 0; i < rows.length; i += 500) {
					await trx
						.insertInto(name)
						.values(rows.slice(i, i + 500))
						.execute();
				}
			}
		});
		await sql`ANALYZE`.execute(to);
	} finally {
		await from.destroy();
		await to.destroy();
	}
}
