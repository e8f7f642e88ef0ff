/**
 * The server's query layer: Kysely over better-sqlite3 by default, or over PostgreSQL (`pg`) when
 * DATABASE_URL names one. Every query goes through Kysely (or its dialect-neutral `sql` tag), so
 * the same code runs on both.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
	Kysely,
	PostgresDialect,
	SqliteDialect,
	type DialectAdapter,
	type Generated
} from 'kysely';
import pg from 'pg';

interface RecordColumns {
	id: string;
	/** Server version of the latest change; the pull cursor walks these. */
	version: number;
	deleted: number;
	/** The record as JSON, without its version. */
	data: string;
}

// Columns marked "figures" are what the federations' figures are counted over (`figures.ts`).

export interface StationsTable extends RecordColumns {
	district: string;
	/** Figures: the street office or town ('' when not given), level and status. */
	street: string;
	level: string;
	status: string;
}
export interface VolunteersTable extends RecordColumns {
	phone: string;
	name: string;
	district: string;
	home_station_id: string | null;
	/** Figures: her status, and the Beijing calendar month (`YYYY-MM`) she registered in. */
	status: string;
	registered_month: string;
}
export interface ProjectsTable extends RecordColumns {
	station_id: string;
	district: string;
	/** Figures: only published and closed projects count. */
	status: string;
	/** Set on a call-out's muster project. */
	callout_id: string | null;
}
export interface ShiftsTable extends RecordColumns {
	project_id: string;
	station_id: string;
	/** The shift's end while its attendance is still open, so the server finds what to close. */
	closing_due: string | null;
	/** Figures: the Beijing calendar month the shift starts in, and its start. */
	start_month: string;
	start_at: string;
}
export interface SignupsTable extends RecordColumns {
	shift_id: string;
	volunteer_id: string;
	/** 1 while the sign-up holds or waits for a place; guarded unique per (shift, volunteer). */
	active: number;
	/** Figures: 1 when she served (a service visit); her hours once verified, else null. */
	served: number;
	verified_hours: number | null;
}

export interface AttendanceTable extends RecordColumns {
	shift_id: string;
	volunteer_id: string;
	station_id: string;
}
export interface RosterTable extends RecordColumns {
	shift_id: string;
	volunteer_id: string;
	station_id: string;
}
export interface HoursRulesTable extends RecordColumns {
	district: string;
}
export interface StaffTable extends RecordColumns {
	role: string;
	district: string | null;
	station_id: string | null;
}
export interface TransfersTable extends RecordColumns {
	volunteer_id: string;
	from_station_id: string | null;
	from_district: string | null;
	to_station_id: string;
	to_district: string;
}

export interface CalloutsTable extends RecordColumns {
	district: string;
	/** The lead station. */
	station_id: string;
	reach: string;
	/** The stations reached, as `,id,id,` (empty for a whole district). */
	reach_stations: string;
}
export interface CalloutResponsesTable extends RecordColumns {
	callout_id: string;
	volunteer_id: string;
	station_id: string | null;
	district: string;
}

export interface TeamsTable extends RecordColumns {
	station_id: string;
	district: string;
	/** `,id,id,`: a member's teams are a LIKE over a station's few teams. */
	member_ids: string;
}

export interface OrganizationsTable extends RecordColumns {
	district: string;
}

export interface PairingsTable extends RecordColumns {
	organization_id: string;
	station_id: string;
	district: string;
	/** Its period (`YYYY-MM-DD`; no end while in force): the figures count those in force. */
	start_on: string;
	end_on: string | null;
}

export interface PairingActivitiesTable extends RecordColumns {
	pairing_id: string;
	station_id: string;
	district: string;
}

export interface HelpedPeopleTable extends RecordColumns {
	station_id: string;
	district: string;
}

export interface CarePairingsTable extends RecordColumns {
	station_id: string;
	district: string;
	volunteer_id: string;
	helped_id: string;
}

export interface CareVisitsTable extends RecordColumns {
	care_pairing_id: string;
	station_id: string;
	district: string;
	volunteer_id: string;
	/** Hours credited once verified; null before (the figures sum it). */
	verified_hours: number | null;
	/** `YYYY-MM` of the visit's day. */
	visit_month: string;
}

export interface AccountsTable {
	id: string;
	/** Staff: lower case; null for volunteers. */
	username: string | null;
	/** Volunteers: the normalised phone they sign in with; null for staff. */
	phone: string | null;
	/** `passwords.ts` format, which names its own cost. */
	password_hash: string;
	role: string;
	district: string | null;
	station_id: string | null;
	volunteer_id: string | null;
	display_name: string;
	/** 1 once disabled: its sessions stop working and it cannot sign in. */
	disabled: Generated<number>;
	created_at: string;
	updated_at: string;
	/**
	 * 1 while the password is a first-time password or a setup code an admin gave: it opens only
	 * the step where she chooses her own.
	 */
	must_change_password: Generated<number>;
	/** A setup code stops working at this instant (server clock); null for a password. */
	password_expires_at: string | null;
	last_sign_in_at: string | null;
	/** The admin who opened the account; null for demo data and self-registration. */
	created_by: string | null;
}

/** One-time codes that let a member registered at a station claim her record with an account. */
export interface OneTimeCodesTable {
	id: string;
	kind: string;
	/** The member the code is for. */
	subject_id: string;
	/** `passwords.ts` format: a code is kept only as a slow, salted hash. */
	code_hash: string;
	created_at: string;
	/** Judged by the server's clock. */
	expires_at: string;
	/** Set once redeemed, or when a newer code replaced it. */
	used_at: string | null;
	created_by: string | null;
}

export interface SessionsTable {
	/** SHA-256 of the token (base64url); the token itself is never stored. */
	token_hash: string;
	account_id: string;
	created_at: string;
	/** Moved forward at most once a minute; idle expiry counts from it. */
	last_seen_at: string;
	/** Absolute expiry, however active the session is. */
	expires_at: string;
	revoked_at: string | null;
}

export interface Schema {
	stations: StationsTable;
	volunteers: VolunteersTable;
	projects: ProjectsTable;
	shifts: ShiftsTable;
	signups: SignupsTable;
	attendance: AttendanceTable;
	roster: RosterTable;
	hoursRules: HoursRulesTable;
	staff: StaffTable;
	transfers: TransfersTable;
	callouts: CalloutsTable;
	calloutResponses: CalloutResponsesTable;
	teams: TeamsTable;
	organizations: OrganizationsTable;
	pairings: PairingsTable;
	pairingActivities: PairingActivitiesTable;
	helpedPeople: HelpedPeopleTable;
	carePairings: CarePairingsTable;
	careVisits: CareVisitsTable;
	/** Single counters, such as the server version. Updated inside write transactions. */
	counters: { name: string; value: number };
	/** Per device: the last mutation id applied, so replays are skipped. */
	clients: {
		client_id: string;
		last_mutation_id: number;
		updated_at: string;
		/** The account that first used this device id; only it may use it (null: not yet bound). */
		account_id: string | null;
		/** The device's latest push or pull (to the minute): its station's freshness. */
		last_sync_at: string | null;
	};
	/** Every refused mutation's answer, so a lost response can be given again. */
	mutation_results: {
		client_id: string;
		mutation_id: number;
		name: string;
		status: string;
		code: string | null;
		path: string | null;
		detail: string | null;
		at: string;
	};
	accounts: AccountsTable;
	sessions: SessionsTable;
	one_time_codes: OneTimeCodesTable;
	/** Recent sign-in and registration attempts, for the limits every server process shares. */
	attempts: { attempt_id: string; kind: string; key: string; at_ms: number };
	/** A device cookie's hash and a login that signed in from that browser. */
	trusted_devices: { token_hash: string; login: string; created_at: string; last_used_at: string };
	/** The members each admin's device holds: those she registered or opened (`member-holds.ts`). */
	member_holds: { account_id: string; volunteer_id: string; held_at: string };
	migrations: { id: number; name: string; applied_at: string };
	demo: { id: Generated<number>; loaded_at: string };
}

export type Db = Kysely<Schema>;

/** Opens (creating if needed) the SQLite file; `:memory:` works for tests. */
export function openSqlite(file: string): Db {
	if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
	return sqliteDb(new Database(file));
}

/**
 * Kysely over an open SQLite connection, set up as the server runs it. Separate from `openSqlite`
 * so tests can keep the connection, to copy an in-memory database (`serialize`).
 */
export function sqliteDb(sqlite: Database.Database): Db {
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	// A push runs each mutation under a savepoint, whose journal of the pages it changes spilled to
	// a temporary file: kept in memory, 1,000 writes under savepoints take 13 ms instead of 27.
	sqlite.pragma('temp_store = MEMORY');
	const statements = reusingStatements(sqlite);
	const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: statements }) });
	// Its transactions are other Kysely objects, with the adapter of the database they began on.
	preparedOf.set(db.getExecutor().adapter, statements.prepare);
	return db;
}

const preparedOf = new WeakMap<DialectAdapter, (text: string) => Database.Statement>();

/**
 * Inside a transaction on SQLite, the connection's own prepared statement for `text`, to run
 * without Kysely's executor in between (`reused`); otherwise (PostgreSQL, or no transaction)
 * undefined. Safe only inside the transaction: it holds the one connection until it ends, while
 * a statement run on the bare database must wait its turn through Kysely.
 */
export function preparedInTransaction(
	db: Kysely<Schema>
): ((text: string) => Database.Statement) | undefined {
	return db.isTransaction ? preparedOf.get(db.getExecutor().adapter) : undefined;
}

/** How many distinct statements one SQLite connection keeps prepared. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The SQLite connection as Kysely's driver sees it, with each statement prepared once and reused:
 * the driver asks for `prepare(sql)` on every query, and compiling the SQL again each time cost
 * about a fifth of a push's time. The queries are built from a fixed set of shapes (values are
 * parameters), so the cache stays small; past its size the oldest statement is dropped.
 * Safe because the driver runs one query at a time on this one connection and never leaves a
 * statement half-read (it reads every row with `all`); SQLite prepares a statement again by itself
 * when a migration changes the schema under it.
 */
function reusingStatements(sqlite: Database.Database) {
	const prepared = new Map<string, Database.Statement>();
	return {
		close: () => {
			prepared.clear();
			sqlite.close();
		},
		prepare(text: string): Database.Statement {
			const cached = prepared.get(text);
			if (cached) return cached;
			const statement = sqlite.prepare(text);
			if (prepared.size >= STATEMENT_CACHE_SIZE) {
				const oldest = prepared.keys().next().value;
				if (oldest !== undefined) prepared.delete(oldest);
			}
			prepared.set(text, statement);
			return statement;
		}
	};
}

export interface PostgresOptions {
	/** Most connections the pool opens (default 10). */
	max?: number;
	/** Where errors of connections that died go (a restarted or unreachable database). */
	onConnectionError?: (error: Error) => void;
}

const INT8_OID = 20;

/**
 * `bigint` columns (versions, mutation ids, counts) as JS numbers, as better-sqlite3 gives them,
 * so that the `Schema` types hold on both databases. Versions and ids stay far below 2^53; one
 * that did not would be refused rather than rounded.
 */
function int8(text: string): number {
	const value = Number(text);
	if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} is beyond 2^53`);
	return value;
}

const types: pg.CustomTypesConfig = {
	getTypeParser: (oid: number, format?: 'text' | 'binary'): unknown =>
		oid === INT8_OID && format !== 'binary' ? int8 : pg.types.getTypeParser(oid, format)
};

/** The statements a push runs for every mutation (`reused`), each with its name on PostgreSQL. */
const statementNames = new Map<string, string>();

/**
 * Has PostgreSQL keep `text` prepared on each connection that runs it, under a name: it is then
 * parsed and planned once a connection instead of on every run (Kysely's driver sends every query
 * unnamed). Only for statements whose result columns no migration changes, named ones: a
 * connection's prepared plan of `SELECT *` would fail once a column was added.
 */
export function keepPrepared(text: string) {
	if (!statementNames.has(text)) statementNames.set(text, `reused_${statementNames.size + 1}`);
}

/** Sends the statements `keepPrepared` names with their names; every other query as it came. */
function namingStatements(client: pg.PoolClient) {
	const query = client.query.bind(client) as (...args: unknown[]) => unknown;
	(client as { query: unknown }).query = (...args: unknown[]) => {
		const [text, values] = args;
		const name = typeof text === 'string' ? statementNames.get(text) : undefined;
		// A savepoint, with no parameters, has nothing to plan and is sent as it came.
		return name && args.length === 2 && Array.isArray(values) && values.length > 0
			? query({ name, text, values })
			: query(...args);
	};
}

/**
 * A pool of connections to a PostgreSQL database (a `postgres://` URL). A connection that dies
 * (the database restarted, the network dropped) is reported and replaced; without a listener its
 * error would be thrown as an uncaught event and end the whole server process.
 */
export function postgresPool(url: string, options: PostgresOptions = {}): pg.Pool {
	const onError =
		options.onConnectionError ??
		((error: Error) => console.error(`PostgreSQL connection lost: ${error.message}`));
	const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types });
	// Each connection reports its own death, in use or idle; the pool's copy of an idle one's
	// error needs a listener too, or it would be thrown.
	pool.on('connect', (client) => {
		client.on('error', onError);
		namingStatements(client);
	});
	pool.on('error', () => {});
	return pool;
}

export function openPostgres(url: string, options: PostgresOptions = {}): Db {
	return new Kysely<Schema>({ dialect: new PostgresDialect({ pool: postgresPool(url, options) }) });
}

export const isPostgresUrl = (url: string | undefined): url is string =>
	url !== undefined && /^postgres(ql)?:\/\//.test(url);
