/**
 * The server's one database, opened on first use: migrations run, and an empty database gets the
 * demo data and its accounts (unless DEMO_DATA=off). DATA_DIR says where the SQLite file lives (default ./data).
 */
import { env } from '$env/dynamic/private';
import { join } from 'node:path';
import { fillStaffDirectory } from './accounts';
import { openSqlite, type Db } from './database';
import { migrate } from './migrations';
import { isEmpty, loadDemoData, loadMissingDemoAccounts } from './seed';

export interface ServerContext {
	db: Db;
	schemaVersion: number;
}

let opening: Promise<ServerContext> | undefined;

async function open(): Promise<ServerContext> {
	const file = env.DATABASE_FILE || join(env.DATA_DIR || 'data', 'volunteer-stations.sqlite');
	const db = openSqlite(file);
	const schemaVersion = await migrate(db);
	if (env.DEMO_DATA !== 'off' && (await isEmpty(db))) {
		const loaded = await loadDemoData(db);
		console.log(`Loaded demo data: ${loaded.stations} stations, ${loaded.steps} records.`);
	} else if (env.DEMO_DATA !== 'off') {
		const made = await loadMissingDemoAccounts(db);
		if (made > 0) console.log(`Added ${made} demo accounts to the demo data.`);
	}
	// Staff accounts made before the staff directory existed get their entry.
	await fillStaffDirectory(db);
	return { db, schemaVersion };
}

export function serverContext(): Promise<ServerContext> {
	opening ??= open().catch((error: unknown) => {
		opening = undefined;
		throw error;
	});
	return opening;
}
