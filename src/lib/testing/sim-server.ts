/**
 * A simulated sync server for fault tests: the real push and pull handlers, behind the same
 * request checks as the HTTP endpoints, on a database of its own: a SQLite file in a temporary
 * folder, or a PostgreSQL database in the `postgres` vitest project. `restart()` kills the
 * process as a crash would: committed transactions survive, a transaction still open is lost (on
 * PostgreSQL every connection is terminated), and a request caught mid-way answers 500.
 *
 * A request speaks for the system unless it names, in the `x-sim-account` header, an account
 * the test registered with `actAs`: then the handlers judge and scope it as that account, as the
 * endpoints do once they have checked its session.
 *
 * The template database carries a test-only trigger that logs every move of a device's last
 * mutation id, so a test can read the exact order in which the server applied (or refused) every
 * mutation, and check that each one happened once.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Fetch } from '$lib/client/data/sync';
import type { DemoOptions } from '$lib/domain/demo';
import { pullRequestSchema, pushRequestSchema } from '$lib/domain/sync';
import { systemActor, type Actor } from '$lib/server/authorization';
import { openSqlite, type Db } from '$lib/server/database';
import { readSyncRequest, syncError } from '$lib/server/http';
import { migrate } from '$lib/server/migrations';
import { loadDemoData } from '$lib/server/seed';
import { MutationGapError, pull, push } from '$lib/server/sync';
import {
	closePostgresDatabase,
	createPostgresDatabase,
	dropPostgresDatabase,
	openKillablePostgres,
	openPostgresDatabase,
	testDatabaseKind
} from './test-databases';

/** The header that names the account a simulated request speaks for. */
export const SIM_ACCOUNT_HEADER = 'x-sim-account';

/** One application of a mutation, in the order the server committed it. */
export interface AppliedEntry {
	seq: number;
	clientId: string;
	mutationId: number;
}

/** Where a template or a server keeps its data. */
type Place = { kind: 'sqlite'; dir: string; file: string } | { kind: 'postgres'; database: string };

/** A migrated database with demo data and the applied-log trigger, copied for every run. */
export class ServerTemplate {
	private constructor(readonly place: Place) {}

	/** `prepare` adds what a test's world starts from, before anything is logged. */
	static async create(
		demo: DemoOptions | null,
		prepare?: (db: Db) => Promise<void>
	): Promise<ServerTemplate> {
		if (testDatabaseKind() === 'postgres') {
			const database = await createPostgresDatabase();
			const db = openPostgresDatabase(database);
			if (demo) await loadDemoData(db, demo);
			await prepare?.(db);
			await addAppliedLog(db);
			// A database is copied only while nobody is connected to it.
			await closePostgresDatabase(db);
			return new ServerTemplate({ kind: 'postgres', database });
		}
		const dir = mkdtempSync(join(tmpdir(), 'vs-template-'));
		const file = join(dir, 'template.sqlite');
		const db = openSqlite(file);
		await migrate(db);
		if (demo) await loadDemoData(db, demo);
		await prepare?.(db);
		await addAppliedLog(db);
		// Fold the write-ahead log into the file, so copying the file copies everything.
		await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
		await db.destroy();
		return new ServerTemplate({ kind: 'sqlite', dir, file });
	}

	async dispose() {
		await removePlace(this.place);
	}
}

async function removePlace(place: Place) {
	if (place.kind === 'postgres') await dropPostgresDatabase(place.database);
	else rmSync(place.dir, { recursive: true, force: true });
}

async function addAppliedLog(db: Db) {
	// A device's row is first created at 0 (the push claims it) and then moves up one id per
	// mutation: only the moves are applied mutations. SQLite runs one writer at a time. On
	// PostgreSQL pushes run side by side, so the log is written at each commit (deferred
	// triggers): a push that wrote records holds the version counter from its stamp to its
	// commit, so writers enter the log in the order of their versions, and a push that waited
	// for another's row lock enters it after that one.
	const when = {
		insert: 'NEW.last_mutation_id > 0',
		update: 'NEW.last_mutation_id <> OLD.last_mutation_id'
	};
	if (testDatabaseKind() === 'postgres') {
		await sql`CREATE TABLE test_applied (
			seq BIGSERIAL PRIMARY KEY,
			client_id TEXT NOT NULL,
			mutation_id BIGINT NOT NULL
		)`.execute(db);
		await sql`CREATE FUNCTION test_log_applied() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				INSERT INTO test_applied (client_id, mutation_id) VALUES (NEW.client_id, NEW.last_mutation_id);
				RETURN NULL;
			END $$`.execute(db);
		for (const [name, event, condition] of [
			['test_applied_insert', 'INSERT', when.insert],
			['test_applied_update', 'UPDATE OF last_mutation_id', when.update]
		] as const) {
			await sql`CREATE CONSTRAINT TRIGGER ${sql.raw(name)} AFTER ${sql.raw(event)} ON clients
				DEFERRABLE INITIALLY DEFERRED
				FOR EACH ROW WHEN (${sql.raw(condition)}) EXECUTE FUNCTION test_log_applied()`.execute(db);
		}
		return;
	}
	await sql`CREATE TABLE test_applied (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		client_id TEXT NOT NULL,
		mutation_id INTEGER NOT NULL
	)`.execute(db);
	for (const [name, event, condition] of [
		['test_applied_insert', 'INSERT', when.insert],
		['test_applied_update', 'UPDATE OF last_mutation_id', when.update]
	] as const) {
		await sql`CREATE TRIGGER ${sql.raw(name)} AFTER ${sql.raw(event)} ON clients WHEN ${sql.raw(condition)} BEGIN
			INSERT INTO test_applied (client_id, mutation_id) VALUES (NEW.client_id, NEW.last_mutation_id);
		END`.execute(db);
	}
}

/** A running server's database, and how its process dies. */
interface Process {
	db: Db;
	kill(): Promise<void>;
}

/**
 * Opens the database and runs a first query: Kysely connects lazily, and destroying a database
 * that never connected would leave its file handle open, a "dead" process that still answers.
 */
async function start(place: Place, onConnectionError: (error: Error) => void): Promise<Process> {
	let process: Process;
	if (place.kind === 'postgres') {
		process = openKillablePostgres(place.database, onConnectionError);
	} else {
		const db = openSqlite(place.file);
		process = { db, kill: () => db.destroy() };
	}
	await sql`SELECT 1`.execute(process.db);
	return process;
}

/** Reads the applied log: every mutation the server committed, in commit order. */
export async function appliedLog(db: Db): Promise<AppliedEntry[]> {
	const result = await sql<{ seq: number; client_id: string; mutation_id: number }>`
		SELECT seq, client_id, mutation_id FROM test_applied ORDER BY seq`.execute(db);
	return result.rows.map((r) => ({
		seq: Number(r.seq),
		clientId: r.client_id,
		mutationId: Number(r.mutation_id)
	}));
}

export class SimServer {
	#process!: Process;
	restarts = 0;
	/** Requests answered 5xx, with the reason; a healthy run has none outside restarts. */
	readonly failures: string[] = [];
	#generation = 0;
	#down = false;
	#restarting = Promise.resolve();
	readonly #accounts = new Map<string, Actor>();

	private constructor(readonly place: Place) {}

	/** A server on a fresh copy of the template, in a folder or database of its own. */
	static async fromTemplate(template: ServerTemplate): Promise<SimServer> {
		const source = template.place;
		let place: Place;
		if (source.kind === 'postgres') {
			place = { kind: 'postgres', database: await createPostgresDatabase(source.database) };
		} else {
			const dir = mkdtempSync(join(tmpdir(), 'vs-sim-'));
			place = { kind: 'sqlite', dir, file: join(dir, 'server.sqlite') };
			copyFileSync(source.file, place.file);
		}
		const server = new SimServer(place);
		server.#process = await start(place, server.#connectionLost);
		return server;
	}

	get db(): Db {
		return this.#process.db;
	}

	/** Requests naming `actor.accountId` in `SIM_ACCOUNT_HEADER` speak for her from now on. */
	actAs(actor: Actor & { accountId: string }): void {
		this.#accounts.set(actor.accountId, actor);
	}

	#actorOf(request: Request): Actor {
		const account = request.headers.get(SIM_ACCOUNT_HEADER);
		if (account === null) return systemActor;
		const actor = this.#accounts.get(account);
		if (!actor) throw new Error(`unknown simulated account ${account}`);
		return actor;
	}

	/** A connection that dies while the process is not being killed is a failure of the run. */
	readonly #connectionLost = (error: Error) => {
		this.failures.push(`connection lost: ${error.message}`);
	};

	/** The process dies and comes back on the same data. */
	restart(): Promise<void> {
		// Kills that overlap end in one restart after another, never two open databases.
		this.#restarting = this.#restarting.then(async () => {
			this.#generation++;
			this.restarts++;
			this.#down = true;
			await this.#process.kill();
			this.#process = await start(this.place, this.#connectionLost);
			this.#down = false;
		});
		return this.#restarting;
	}

	/** Answers as the endpoints under src/routes/api/sync do. */
	readonly fetch: Fetch = async (url, init) => {
		// A request that arrives while the process restarts waits for the new one: it must not
		// pick up the old database as it is being closed.
		if (this.#down) await this.#restarting;
		const generation = this.#generation;
		const db = this.db;
		const request = new Request(new URL(url, 'http://sim.test'), init);
		// The handlers read only `event.request`.
		const event = { request } as unknown as RequestEvent;
		const actor = this.#actorOf(request);
		try {
			if (request.url.endsWith('/api/sync/push')) {
				const parsed = await readSyncRequest(event, pushRequestSchema);
				if (!parsed.ok) return parsed.response;
				try {
					return Response.json(await push(db, parsed.value, actor));
				} catch (error) {
					if (error instanceof MutationGapError) {
						return syncError(409, { code: 'mutation_gap', expected: error.expected });
					}
					throw error;
				}
			}
			if (request.url.endsWith('/api/sync/pull')) {
				const parsed = await readSyncRequest(event, pullRequestSchema);
				if (!parsed.ok) return parsed.response;
				return Response.json(await pull(db, parsed.value, actor));
			}
			return new Response('not found', { status: 404 });
		} catch (error) {
			const crashed = this.#down || generation !== this.#generation;
			if (!crashed) this.failures.push(error instanceof Error ? error.message : String(error));
			return Response.json({ code: crashed ? 'restarting' : 'server_error' }, { status: 500 });
		}
	};

	async dispose(): Promise<void> {
		await this.#restarting;
		await this.#process.kill();
		await removePlace(this.place);
	}
}
