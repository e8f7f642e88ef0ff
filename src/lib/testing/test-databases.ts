/**
 * Server databases for tests, on whichever database the running vitest project tests: SQLite
 * (the `unit` project) or the PostgreSQL that the `postgres` project's global setup started.
 *
 * On PostgreSQL each test database is a copy of a template (`CREATE DATABASE … TEMPLATE`), which
 * takes tens of milliseconds, where migrating from scratch would take far longer; on SQLite each is
 * an in-memory copy of one migrated once per test file. Every database is closed and dropped once
 * its test or file is done (`dropTestDatabasesAfterUse`).
 */
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, type DatabaseConnection, type Driver } from 'kysely';
import { afterAll, afterEach, beforeEach, inject } from 'vitest';
import { openPostgres, postgresPool, sqliteDb, type Db, type Schema } from '$lib/server/database';
import { migrate } from '$lib/server/migrations';

/** What the `postgres` project's global setup provides to its test files. */
export interface TestPostgres {
	/** The server's maintenance database, as the user that may create databases. */
	url: string;
	/** The database every test database is copied from: migrated, no data. */
	template: string;
}

declare module 'vitest' {
	export interface ProvidedContext {
		postgres?: TestPostgres;
	}
}

export type TestDatabaseKind = 'sqlite' | 'postgres';

/** The embedded PostgreSQL of this vitest project; none outside vitest (the benchmark bundles fixtures). */
function postgres(): TestPostgres | undefined {
	try {
		return inject('postgres');
	} catch {
		return undefined;
	}
}

/** Which database this test file runs against. */
export const testDatabaseKind = (): TestDatabaseKind => (postgres() ? 'postgres' : 'sqlite');

function requirePostgres(): TestPostgres {
	const provided = postgres();
	if (!provided) throw new Error('this test needs the postgres vitest project');
	return provided;
}

/** The URL of one database on the test server. */
export function postgresUrl(database: string): string {
	const url = new URL(requirePostgres().url);
	url.pathname = `/${database}`;
	return url.href;
}

let admin: Db | undefined;
/** A connection to the maintenance database, to create and drop test databases. */
function adminDb(): Db {
	admin ??= openPostgres(requirePostgres().url, { max: 2 });
	return admin;
}

const made = new Set<string>();
const open = new Map<Db, { name: string; close: () => Promise<void> }>();
/** Databases made since the current test began; undefined outside a test. */
let perTest: string[] | undefined;

/**
 * A new database on the test server, copied from `template` (the migrated template by default;
 * `template1` is an empty one). Returns its name.
 */
export async function createPostgresDatabase(template = requirePostgres().template) {
	const name = `t_${crypto.randomUUID().replaceAll('-', '')}`;
	// FILE_COPY copies the template's files as they are: about half the time of WAL_LOG here.
	await sql`CREATE DATABASE ${sql.id(name)} TEMPLATE ${sql.id(template)} STRATEGY FILE_COPY`.execute(
		adminDb()
	);
	made.add(name);
	perTest?.push(name);
	return name;
}

/**
 * Opens a pool on a test database; it is closed after the test file if not before. A connection
 * that dies is reported through `onConnectionError` (by default printed), except once the pool is
 * closing: dropping the database ends connections that are still saying goodbye.
 */
export function openPostgresDatabase(
	name: string,
	onConnectionError: (error: Error) => void = (error) =>
		console.error(`PostgreSQL connection lost: ${error.message}`)
): Db {
	let closing = false;
	const db = openPostgres(postgresUrl(name), {
		onConnectionError: (error) => {
			if (!closing) onConnectionError(error);
		}
	});
	open.set(db, { name, close: () => ((closing = true), db.destroy()) });
	return db;
}

/** A connection pool on a test database that a test can kill, as a crash of the server would. */
export interface KillablePostgres {
	db: Db;
	/** Every open transaction is lost, and nothing more runs through this pool; then it closes. */
	kill(): Promise<void>;
}

/**
 * A driver that refuses connections once its server is dead. pg's pool, when ended, leaves a
 * request still waiting for a connection waiting for ever: so a kill first turns new requests
 * away, waits for those already asking to get their connection (and hand it back), and only
 * then ends the pool.
 */
class KillableDriver implements Driver {
	dead = false;
	readonly #asking = new Set<Promise<unknown>>();

	constructor(readonly inner: Driver) {}

	init = () => this.inner.init();
	beginTransaction: Driver['beginTransaction'] = (c, s) => this.inner.beginTransaction(c, s);
	commitTransaction: Driver['commitTransaction'] = (c) => this.inner.commitTransaction(c);
	rollbackTransaction: Driver['rollbackTransaction'] = (c) => this.inner.rollbackTransaction(c);
	savepoint: Driver['savepoint'] = (c, n, q) => this.inner.savepoint!(c, n, q);
	rollbackToSavepoint: Driver['rollbackToSavepoint'] = (c, n, q) =>
		this.inner.rollbackToSavepoint!(c, n, q);
	releaseSavepoint: Driver['releaseSavepoint'] = (c, n, q) => this.inner.releaseSavepoint!(c, n, q);
	releaseConnection: Driver['releaseConnection'] = (c) => this.inner.releaseConnection(c);
	destroy = () => this.inner.destroy();

	async acquireConnection(): Promise<DatabaseConnection> {
		if (this.dead) throw new Error('the server was killed');
		const asking = this.inner.acquireConnection();
		this.#asking.add(asking);
		const connection = await asking.finally(() => this.#asking.delete(asking));
		if (this.dead) {
			await this.inner.releaseConnection(connection);
			throw new Error('the server was killed');
		}
		return connection;
	}

	async settled() {
		await Promise.allSettled([...this.#asking]);
	}
}

export function openKillablePostgres(
	name: string,
	onConnectionError: (error: Error) => void
): KillablePostgres {
	let dying = false;
	const pool = postgresPool(postgresUrl(name), {
		onConnectionError: (error) => {
			if (!dying) onConnectionError(error);
		}
	});
	const dialect = new PostgresDialect({ pool });
	const driver = new KillableDriver(dialect.createDriver());
	const db = new Kysely<Schema>({
		dialect: {
			createAdapter: () => dialect.createAdapter(),
			createDriver: () => driver,
			createIntrospector: (db) => dialect.createIntrospector(db),
			createQueryCompiler: () => dialect.createQueryCompiler()
		}
	});
	const kill = async () => {
		dying = true;
		driver.dead = true;
		await killConnections(name);
		await driver.settled();
		await db.destroy();
	};
	open.set(db, { name, close: kill });
	return { db, kill: () => closePostgresDatabase(db) };
}

/** The name of the PostgreSQL database a test's pool is open on; undefined on SQLite. */
export const testDatabaseName = (db: Db): string | undefined => open.get(db)?.name;

/** Closes a pool that `openPostgresDatabase` opened. */
export async function closePostgresDatabase(db: Db) {
	const entry = open.get(db);
	open.delete(db);
	await (entry ? entry.close() : db.destroy());
}

/** Ends every connection to a test database at once, as if its server had crashed. */
export async function killConnections(name: string) {
	await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE datname = ${name} AND pid <> pg_backend_pid()`.execute(adminDb());
}

/** Drops a test database, closing its pools first. */
export async function dropPostgresDatabase(name: string) {
	for (const [db, entry] of open) if (entry.name === name) await closePostgresDatabase(db);
	await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(adminDb());
	made.delete(name);
}

/** A fresh server database for one test: migrated, or empty with `{ migrated: false }`. */
export async function testDatabase({ migrated = true } = {}): Promise<Db> {
	if (testDatabaseKind() === 'postgres') {
		const name = await createPostgresDatabase(migrated ? undefined : 'template1');
		return openPostgresDatabase(name);
	}
	if (migrated) return openSqliteInMemory(await migratedSqlite());
	return openSqliteInMemory(':memory:');
}

let migratedImage: Promise<Buffer> | undefined;

/**
 * The migrated, empty SQLite database, serialized: each test database on SQLite is a copy of it,
 * as on PostgreSQL of the template. Migrating takes about 30 ms, copying about 1 ms, and some
 * files make a database for each of hundreds of property runs.
 */
function migratedSqlite(): Promise<Buffer> {
	migratedImage ??= (async () => {
		const db = openSqliteInMemory(':memory:');
		await migrate(db);
		const image = sqliteConnections.get(db)!.serialize();
		await db.destroy();
		return image;
	})();
	return migratedImage;
}

/** The connection under each in-memory SQLite test database, kept to copy the database. */
const sqliteConnections = new WeakMap<Db, Database.Database>();

/** An in-memory SQLite database: empty, or a copy of `serialized` (`Database#serialize`). */
function openSqliteInMemory(source: ':memory:' | Buffer): Db {
	const sqlite = new Database(source);
	const db = sqliteDb(sqlite);
	sqliteConnections.set(db, sqlite);
	return db;
}

/**
 * Makes a database that `testDatabase` made the starting point of many tests: each call of the
 * returned function gives a new database holding what `db` held, for one test to change as it
 * likes. Copying takes milliseconds where building the same data again through the push takes
 * far longer. `db` itself is closed (PostgreSQL copies only a database nobody is connected to)
 * and must not be used afterwards; it is dropped with the others made where it was made.
 */
export async function copiesOf(db: Db): Promise<() => Promise<Db>> {
	const name = testDatabaseName(db);
	if (name !== undefined) {
		await closePostgresDatabase(db);
		return async () => openPostgresDatabase(await createPostgresDatabase(name));
	}
	const sqlite = sqliteConnections.get(db);
	if (sqlite === undefined) throw new Error('copiesOf takes a database that testDatabase made');
	const serialized = sqlite.serialize();
	await db.destroy();
	return async () => openSqliteInMemory(serialized);
}

/** Drops a database that `testDatabase` made (on SQLite, closes it). */
export async function dropTestDatabase(db: Db) {
	const entry = open.get(db);
	if (entry === undefined) await db.destroy();
	else await dropPostgresDatabase(entry.name);
}

/**
 * Registers the cleanup, from the setup file: a database made during a test (or its beforeEach)
 * is dropped after that test, and one made in a beforeAll after its file, so the pools close, the
 * run can exit, and the disk and the server's connections stay few.
 */
export function dropTestDatabasesAfterUse() {
	// The setup file's hooks run first before a test and last after it.
	beforeEach(() => {
		perTest = [];
	});
	afterEach(async () => {
		const names = perTest ?? [];
		perTest = undefined;
		for (const name of names) if (made.has(name)) await dropPostgresDatabase(name);
	});
	afterAll(async () => {
		for (const db of [...open.keys()]) await closePostgresDatabase(db);
		for (const name of [...made]) await dropPostgresDatabase(name);
		await admin?.destroy();
		admin = undefined;
	});
}
