/**
 * A real PostgreSQL for an end-to-end spec or a benchmark, as the vitest `postgres` project uses
 * one, listening on localhost too so that `node build` servers can be handed its URL. The data
 * lives for one spec file.
 */
import { startEmbeddedPostgres } from '../../../src/lib/testing/embedded-postgres';

export interface TestPostgres {
	/** `postgres://…` of an empty database for the app. */
	url: string;
	/** Creates another empty database on the same server; its URL. */
	database(name: string): Promise<string>;
	stop(): Promise<void>;
}

export async function startPostgres(database = 'stations'): Promise<TestPostgres> {
	const server = await startEmbeddedPostgres({ folder: 'vs-e2e-postgres', tcp: true });
	try {
		await server.createDatabase(database);
	} catch (error) {
		await server.stop();
		throw error;
	}
	return {
		url: server.urlOf(database),
		async database(name) {
			await server.createDatabase(name);
			return server.urlOf(name);
		},
		stop: () => server.stop()
	};
}
