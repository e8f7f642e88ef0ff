/**
 * The server's one database, opened on first use: migrations run, and an empty database gets the
 * demo data and its accounts (unless DEMO_DATA=off). DATABASE_URL (`postgres://…`) puts it on
 * PostgreSQL; otherwise it is a SQLite file in DATA_DIR (default ./data), or DATABASE_FILE.
 * From then on it closes the attendance of shifts as they end.
 */
import { env } from '$env/dynamic/private';
import { join } from 'node:path';
import { fillStaffDirectory } from './accounts';
import { closeShiftsEveryMinute } from './attendance-closing';
import { isPostgresUrl, openPostgres, openSqlite, type Db } from './database';
import { migrate } from './migrations';
import { loadDemoDataIfEmpty, loadMissingDemoAccounts } from './seed';

export interface ServerContext {
	db: Db;
	schemaVersion: number;
}

let opening: Promise<ServerContext> | undefined;

function openDatabase(): Db {
	if (env.DATABASE_URL) {
		if (!isPostgresUrl(env.DATABASE_URL)) {
			throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
		}
		return openPostgres(env.DATABASE_URL);
	}
	return openSqlite(env.DATABASE_FILE || join(env.DATA_DIR || 'data', 'volunteer-stations.sqlite'));
}

async function open(): Promise<ServerContext> {
	const db = openDatabase();
	try {
		const schemaVersion = await migrate(db);
		if (env.DEMO_DATA !== 'off') {
			const loaded = await loadDemoDataIfEmpty(db);
			if (loaded) {
				console.log(`Loaded demo data: ${loaded.stations} stations, ${loaded.steps} records.`);
			} else {
				const made = await loadMissingDemoAccounts(db);
				if (made > 0) console.log(`Added ${made} demo accounts to the demo data.`);
			}
		}
		// Staff accounts made before the staff directory existed get their entry.
		await fillStaffDirectory(db);
		closeShiftsEveryMinute(db);
		return { db, schemaVersion };
	} catch (error) {
		// The next request tries again from the start: leave no pool or file handle behind.
		await db.destroy();
		throw error;
	}
}

export function serverContext(): Promise<ServerContext> {
	opening ??= open().catch((error: unknown) => {
		opening = undefined;
		throw error;
	});
	return opening;
}
