/**
 * Numbered, append-only migrations. A migration is never edited once released: devices that were
 * offline for weeks must still sync, so columns are only ever added (with defaults).
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { maskPhone } from '$lib/domain/phone';

export interface Migration {
	id: number;
	name: string;
	up(db: Kysely<unknown>): Promise<void>;
}

function recordTable(db: Kysely<unknown>, name: string) {
	return db.schema
		.createTable(name)
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('version', 'bigint', (c) => c.notNull())
		.addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('data', 'text', (c) => c.notNull());
}

export const migrations: Migration[] = [
	{
		id: 1,
		name: 'records and sync bookkeeping',
		async up(db) {
			await recordTable(db, 'stations')
				.addColumn('district', 'text', (c) => c.notNull())
				.execute();
			await recordTable(db, 'volunteers')
				.addColumn('phone', 'text', (c) => c.notNull())
				.addColumn('name', 'text', (c) => c.notNull())
				.addColumn('district', 'text', (c) => c.notNull())
				.addColumn('home_station_id', 'text')
				.execute();
			await recordTable(db, 'projects')
				.addColumn('station_id', 'text', (c) => c.notNull())
				.addColumn('district', 'text', (c) => c.notNull())
				.execute();
			await recordTable(db, 'shifts')
				.addColumn('project_id', 'text', (c) => c.notNull())
				.addColumn('station_id', 'text', (c) => c.notNull())
				.execute();
			await recordTable(db, 'signups')
				.addColumn('shift_id', 'text', (c) => c.notNull())
				.addColumn('volunteer_id', 'text', (c) => c.notNull())
				.addColumn('active', 'integer', (c) => c.notNull())
				.execute();
			for (const table of ['stations', 'volunteers', 'projects', 'shifts', 'signups']) {
				await db.schema.createIndex(`${table}_version`).on(table).column('version').execute();
			}
			await db.schema.createIndex('stations_district').on('stations').column('district').execute();
			// One live member per phone number: the identity that finds duplicates.
			await sql`CREATE UNIQUE INDEX volunteers_phone ON volunteers (phone) WHERE deleted = 0`.execute(
				db
			);
			await db.schema
				.createIndex('volunteers_station')
				.on('volunteers')
				.column('home_station_id')
				.execute();
			await db.schema.createIndex('projects_station').on('projects').column('station_id').execute();
			await db.schema.createIndex('projects_district').on('projects').column('district').execute();
			await db.schema.createIndex('shifts_project').on('shifts').column('project_id').execute();
			await db.schema.createIndex('signups_shift').on('signups').column('shift_id').execute();
			await db.schema
				.createIndex('signups_volunteer')
				.on('signups')
				.column('volunteer_id')
				.execute();
			// A member holds at most one live sign-up per shift, whatever races reach the server.
			await sql`CREATE UNIQUE INDEX signups_once ON signups (shift_id, volunteer_id) WHERE active = 1`.execute(
				db
			);
			await db.schema
				.createTable('counters')
				.addColumn('name', 'text', (c) => c.primaryKey())
				.addColumn('value', 'bigint', (c) => c.notNull())
				.execute();
			await sql`INSERT INTO counters (name, value) VALUES ('server_version', 0)`.execute(db);
			await db.schema
				.createTable('clients')
				.addColumn('client_id', 'text', (c) => c.primaryKey())
				.addColumn('last_mutation_id', 'bigint', (c) => c.notNull())
				.addColumn('updated_at', 'text', (c) => c.notNull())
				.execute();
			await db.schema
				.createTable('mutation_results')
				.addColumn('client_id', 'text', (c) => c.notNull())
				.addColumn('mutation_id', 'bigint', (c) => c.notNull())
				.addColumn('name', 'text', (c) => c.notNull())
				.addColumn('status', 'text', (c) => c.notNull())
				.addColumn('code', 'text')
				.addColumn('path', 'text')
				.addColumn('detail', 'text')
				.addColumn('at', 'text', (c) => c.notNull())
				.addPrimaryKeyConstraint('mutation_results_pk', ['client_id', 'mutation_id'])
				.execute();
			await db.schema
				.createTable('demo')
				.addColumn('id', 'integer', (c) => c.primaryKey())
				.addColumn('loaded_at', 'text', (c) => c.notNull())
				.execute();
		}
	},
	{
		id: 2,
		name: 'accounts and sessions',
		async up(db) {
			// Staff sign in by username, volunteers by phone: each is unique where present.
			await db.schema
				.createTable('accounts')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('username', 'text', (c) => c.unique())
				.addColumn('phone', 'text', (c) => c.unique())
				.addColumn('password_hash', 'text', (c) => c.notNull())
				.addColumn('role', 'text', (c) => c.notNull())
				.addColumn('district', 'text')
				.addColumn('station_id', 'text')
				.addColumn('volunteer_id', 'text')
				.addColumn('display_name', 'text', (c) => c.notNull())
				.addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
				.addColumn('created_at', 'text', (c) => c.notNull())
				.addColumn('updated_at', 'text', (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('accounts_volunteer')
				.on('accounts')
				.column('volunteer_id')
				.execute();
			// Only a hash of the token is kept: a copy of the database does not sign anyone in.
			await db.schema
				.createTable('sessions')
				.addColumn('token_hash', 'text', (c) => c.primaryKey())
				.addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
				.addColumn('created_at', 'text', (c) => c.notNull())
				.addColumn('last_seen_at', 'text', (c) => c.notNull())
				.addColumn('expires_at', 'text', (c) => c.notNull())
				.addColumn('revoked_at', 'text')
				.execute();
			await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();
			// A district admin's pull reads her district's members by this column.
			await db.schema
				.createIndex('volunteers_district')
				.on('volunteers')
				.column('district')
				.execute();
		}
	},
	{
		id: 3,
		name: 'device ids bound to accounts, attempt limits and trusted devices',
		async up(db) {
			// The account that first used a device id; others are refused it. Null for rows from
			// before, bound by their next request.
			await db.schema.alterTable('clients').addColumn('account_id', 'text').execute();
			// Sign-in and registration attempts, shared by every server process: counted before the
			// costly password check, so requests sent in parallel cannot all slip under a limit.
			await db.schema
				.createTable('attempts')
				.addColumn('attempt_id', 'text', (c) => c.notNull())
				.addColumn('kind', 'text', (c) => c.notNull())
				.addColumn('key', 'text', (c) => c.notNull())
				.addColumn('at_ms', 'bigint', (c) => c.notNull())
				.addPrimaryKeyConstraint('attempts_pk', ['attempt_id', 'kind', 'key'])
				.execute();
			await db.schema
				.createIndex('attempts_key')
				.on('attempts')
				.columns(['kind', 'key', 'at_ms'])
				.execute();
			// Browsers where a login signed in before (a hash of their device cookie): a sign-in from
			// one is not held back by its address's limit, so a shared address under attack does not
			// lock out the people who work behind it.
			await db.schema
				.createTable('trusted_devices')
				.addColumn('token_hash', 'text', (c) => c.notNull())
				.addColumn('login', 'text', (c) => c.notNull())
				.addColumn('created_at', 'text', (c) => c.notNull())
				.addColumn('last_used_at', 'text', (c) => c.notNull())
				.addPrimaryKeyConstraint('trusted_devices_pk', ['token_hash', 'login'])
				.execute();
		}
	},
	{
		id: 4,
		name: 'staff directory, transfers, account setup and one-time codes',
		async up(db) {
			// The names of staff accounts, synced to their colleagues' devices.
			await recordTable(db, 'staff')
				.addColumn('role', 'text', (c) => c.notNull())
				.addColumn('district', 'text')
				.addColumn('station_id', 'text')
				.execute();
			await db.schema.createIndex('staff_version').on('staff').column('version').execute();
			await db.schema.createIndex('staff_station').on('staff').column('station_id').execute();
			await db.schema.createIndex('staff_district').on('staff').column('district').execute();
			await db.schema.createIndex('staff_role').on('staff').column('role').execute();
			// Members moving between stations: both stations and the member receive them.
			await recordTable(db, 'transfers')
				.addColumn('volunteer_id', 'text', (c) => c.notNull())
				.addColumn('from_station_id', 'text')
				.addColumn('from_district', 'text')
				.addColumn('to_station_id', 'text', (c) => c.notNull())
				.addColumn('to_district', 'text', (c) => c.notNull())
				.execute();
			await db.schema.createIndex('transfers_version').on('transfers').column('version').execute();
			for (const column of [
				'volunteer_id',
				'from_station_id',
				'from_district',
				'to_station_id',
				'to_district'
			]) {
				await db.schema.createIndex(`transfers_${column}`).on('transfers').column(column).execute();
			}
			// A first-time password or setup code opens only the step that sets her own; a setup
			// code also expires (by the server's clock).
			await db.schema
				.alterTable('accounts')
				.addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
				.execute();
			await db.schema.alterTable('accounts').addColumn('password_expires_at', 'text').execute();
			await db.schema.alterTable('accounts').addColumn('last_sign_in_at', 'text').execute();
			await db.schema.alterTable('accounts').addColumn('created_by', 'text').execute();
			await db.schema.createIndex('accounts_station').on('accounts').column('station_id').execute();
			await db.schema.createIndex('accounts_district').on('accounts').column('district').execute();
			// Codes a station gives a member to claim her record: only their slow hash is kept.
			await db.schema
				.createTable('one_time_codes')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('kind', 'text', (c) => c.notNull())
				.addColumn('subject_id', 'text', (c) => c.notNull())
				.addColumn('code_hash', 'text', (c) => c.notNull())
				.addColumn('created_at', 'text', (c) => c.notNull())
				.addColumn('expires_at', 'text', (c) => c.notNull())
				.addColumn('used_at', 'text')
				.addColumn('created_by', 'text')
				.execute();
			await db.schema
				.createIndex('one_time_codes_subject')
				.on('one_time_codes')
				.columns(['kind', 'subject_id'])
				.execute();
		}
	},
	{
		id: 6,
		name: 'attendance events, shift rosters and district hours rules',
		async up(db) {
			await recordTable(db, 'attendance')
				.addColumn('shift_id', 'text', (c) => c.notNull())
				.addColumn('volunteer_id', 'text', (c) => c.notNull())
				.addColumn('station_id', 'text', (c) => c.notNull())
				.execute();
			await recordTable(db, 'roster')
				.addColumn('shift_id', 'text', (c) => c.notNull())
				.addColumn('volunteer_id', 'text', (c) => c.notNull())
				.addColumn('station_id', 'text', (c) => c.notNull())
				.execute();
			await recordTable(db, 'hoursRules')
				.addColumn('district', 'text', (c) => c.notNull())
				.execute();
			for (const table of ['attendance', 'roster', 'hoursRules']) {
				await db.schema.createIndex(`${table}_version`).on(table).column('version').execute();
			}
			// One person's events on one shift are read together; a station's and a volunteer's pull
			// read by their own column.
			await db.schema
				.createIndex('attendance_shift_volunteer')
				.on('attendance')
				.columns(['shift_id', 'volunteer_id'])
				.execute();
			await db.schema
				.createIndex('attendance_station')
				.on('attendance')
				.column('station_id')
				.execute();
			await db.schema
				.createIndex('attendance_volunteer')
				.on('attendance')
				.column('volunteer_id')
				.execute();
			await db.schema.createIndex('roster_station').on('roster').column('station_id').execute();
			await db.schema.createIndex('roster_shift').on('roster').column('shift_id').execute();
			await db.schema
				.createIndex('hoursRules_district')
				.on('hoursRules')
				.column('district')
				.unique()
				.execute();
			// A shift's end while its attendance is open: the server closes those whose end has passed.
			await db.schema.alterTable('shifts').addColumn('closing_due', 'text').execute();
			await db.schema
				.createIndex('shifts_closing_due')
				.on('shifts')
				.column('closing_due')
				.execute();
			await backfillForAttendance(db);
		}
	},
	{
		id: 7,
		name: 'columns the federations figures are counted over, and each device last sync',
		async up(db) {
			const add = (table: string, column: string, type: 'text' | 'integer' | 'double precision') =>
				db.schema.alterTable(table).addColumn(column, type).execute();
			const addText = (table: string, column: string) =>
				db.schema
					.alterTable(table)
					.addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
					.execute();
			await addText('stations', 'street');
			await addText('stations', 'level');
			await addText('stations', 'status');
			await addText('volunteers', 'status');
			await addText('volunteers', 'registered_month');
			await addText('projects', 'status');
			await addText('shifts', 'start_month');
			await addText('shifts', 'start_at');
			await db.schema
				.alterTable('signups')
				.addColumn('served', 'integer', (c) => c.notNull().defaultTo(0))
				.execute();
			await add('signups', 'verified_hours', 'double precision');
			await add('clients', 'last_sync_at', 'text');
			await db.schema
				.createIndex('stations_district_street')
				.on('stations')
				.columns(['district', 'street'])
				.execute();
			// The figures read these indexes alone, never the rows with their JSON: members by home
			// station, month and status; the service given on each shift.
			await db.schema
				.createIndex('volunteers_figures')
				.on('volunteers')
				.columns(['deleted', 'home_station_id', 'registered_month', 'status', 'district'])
				.execute();
			await db.schema
				.createIndex('signups_service')
				.on('signups')
				.columns(['served', 'shift_id', 'deleted', 'volunteer_id', 'verified_hours'])
				.execute();
			await db.schema
				.createIndex('shifts_start_month')
				.on('shifts')
				.columns(['start_month', 'deleted', 'project_id', 'start_at'])
				.execute();
			await db.schema.createIndex('clients_account').on('clients').column('account_id').execute();
			await backfillForFigures(db);
		}
	},
	{
		id: 8,
		name: 'members an admin holds on her device',
		async up(db) {
			// An admin's device keeps the members she registered or opened; her pull reads them by
			// her account, then each table by the member.
			await db.schema
				.createTable('member_holds')
				.addColumn('account_id', 'text', (c) => c.notNull())
				.addColumn('volunteer_id', 'text', (c) => c.notNull())
				.addColumn('held_at', 'text', (c) => c.notNull())
				.addPrimaryKeyConstraint('member_holds_pk', ['account_id', 'volunteer_id'])
				.execute();
			await db.schema.createIndex('roster_volunteer').on('roster').column('volunteer_id').execute();
			await holdWhatAdminsRegistered(db);
		}
	},
	{
		id: 9,
		name: 'emergency call-outs and their responses',
		async up(db) {
			// A call-out reaches its lead station's staff, its district's, and the stations it
			// names (`reach_stations`: `,id,id,` so one station is a LIKE of a few dozen rows at most,
			// a district's call-outs being read first by their index).
			await recordTable(db, 'callouts')
				.addColumn('district', 'text', (c) => c.notNull())
				.addColumn('station_id', 'text', (c) => c.notNull())
				.addColumn('reach', 'text', (c) => c.notNull())
				.addColumn('reach_stations', 'text', (c) => c.notNull())
				.execute();
			await db.schema.createIndex('callouts_version').on('callouts').column('version').execute();
			await db.schema.createIndex('callouts_district').on('callouts').column('district').execute();
			await db.schema.createIndex('callouts_station').on('callouts').column('station_id').execute();
			// One response per member and call-out, whichever devices asked her at once.
			await recordTable(db, 'calloutResponses')
				.addColumn('callout_id', 'text', (c) => c.notNull())
				.addColumn('volunteer_id', 'text', (c) => c.notNull())
				.addColumn('station_id', 'text')
				.addColumn('district', 'text', (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('calloutResponses_version')
				.on('calloutResponses')
				.column('version')
				.execute();
			await db.schema
				.createIndex('calloutResponses_volunteer')
				.on('calloutResponses')
				.column('volunteer_id')
				.execute();
			await sql`CREATE UNIQUE INDEX "calloutResponses_once" ON "calloutResponses" (callout_id, volunteer_id) WHERE deleted = 0`.execute(
				db
			);
			await db.schema
				.createIndex('calloutResponses_callout')
				.on('calloutResponses')
				.column('callout_id')
				.execute();
			// A call-out's muster project: its sign-ups reach admins whoever they hold.
			await db.schema.alterTable('projects').addColumn('callout_id', 'text').execute();
			await db.schema.createIndex('projects_callout').on('projects').column('callout_id').execute();
		}
	},
	{
		id: 10,
		name: 'volunteer teams, social organizations, their pairings, and one-to-one pairings',
		async up(db) {
			// Each reaches its station's devices and its district's admin: read by those columns.
			await recordTable(db, 'teams')
				.addColumn('station_id', 'text', (c) => c.notNull())
				.addColumn('district', 'text', (c) => c.notNull())
				.addColumn('member_ids', 'text', (c) => c.notNull())
				.execute();
			await recordTable(db, 'organizations')
				.addColumn('district', 'text', (c) => c.notNull())
				.execute();
			await recordTable(db, 'pairings')
				.addColumn('organization_id', 'text', (c) => c.notNull())
				.addColumn('station_id', 'text', (c) => c.notNull())
				.addColumn('district', 'text', (c) => c.notNull())
				.addColumn('start_on', 'text', (c) => c.notNull())
				.addColumn('end_on', 'text')
				.execute();
			await recordTable(db, 'pairingActivities')
				.addColumn('pairing_id', 'text', (c) => c.notNull())
				.addColumn('station_id', 'text', (c) => c.notNull())
				.addColumn('district', 'text', (c) => c.notNull())
				.execute();
			for (const table of ['teams', 'organizations', 'pairings', 'pairingActivities']) {
				await db.schema.createIndex(`${table}_version`).on(table).column('version').execute();
				await db.schema.createIndex(`${table}_district`).on(table).column('district').execute();
			}
			for (const table of ['teams', 'pairings', 'pairingActivities']) {
				await db.schema.createIndex(`${table}_station`).on(table).column('station_id').execute();
			}
			// One-to-one pairings reach the station's devices and the paired volunteer's phone.
			await recordTable(db, 'helpedPeople')
				.addColumn('station_id', 'text', (c) => c.notNull())
				.addColumn('district', 'text', (c) => c.notNull())
				.execute();
			await recordTable(db, 'carePairings')
				.addColumn('station_id', 'text', (c) => c.notNull())
				.addColumn('district', 'text', (c) => c.notNull())
				.addColumn('volunteer_id', 'text', (c) => c.notNull())
				.addColumn('helped_id', 'text', (c) => c.notNull())
				.execute();
			await recordTable(db, 'careVisits')
				.addColumn('care_pairing_id', 'text', (c) => c.notNull())
				.addColumn('station_id', 'text', (c) => c.notNull())
				.addColumn('district', 'text', (c) => c.notNull())
				.addColumn('volunteer_id', 'text', (c) => c.notNull())
				.addColumn('verified_hours', 'double precision')
				.addColumn('visit_month', 'text', (c) => c.notNull())
				.execute();
			for (const table of ['helpedPeople', 'carePairings', 'careVisits']) {
				await db.schema.createIndex(`${table}_version`).on(table).column('version').execute();
				await db.schema.createIndex(`${table}_station`).on(table).column('station_id').execute();
			}
			await db.schema
				.createIndex('carePairings_volunteer')
				.on('carePairings')
				.columns(['volunteer_id', 'helped_id'])
				.execute();
			await db.schema
				.createIndex('carePairings_helped')
				.on('carePairings')
				.column('helped_id')
				.execute();
			await db.schema
				.createIndex('careVisits_volunteer')
				.on('careVisits')
				.column('volunteer_id')
				.execute();
			await db.schema
				.createIndex('careVisits_pairing')
				.on('careVisits')
				.column('care_pairing_id')
				.execute();
		}
	},
	{
		id: 11,
		name: 'scope columns indexed with the version, for pulls',
		async up(db) {
			// A pull reads the rows of its scope (a station's, a district's) changed after its
			// cursor, oldest first. Indexed by the scope column alone, the database read every row
			// of the scope and sorted them, for each page and for each half-minute sync of a station
			// with thousands of members; by the scope column then the version, it reads just the
			// changed rows, already in order. Each replaces the index on the column alone, which it
			// also serves, so a write updates no more indexes than before. Shifts, sign-ups,
			// attendance and the roster keep theirs: an admin reads those through her held members,
			// and SQLite, offered an index that ends in the version, took it over the members' one.
			const scoped: [table: string, column: string, replaced: string][] = [
				['stations', 'district', 'stations_district'],
				['volunteers', 'home_station_id', 'volunteers_station'],
				['volunteers', 'district', 'volunteers_district'],
				['projects', 'station_id', 'projects_station'],
				['projects', 'district', 'projects_district'],
				['callouts', 'district', 'callouts_district'],
				['callouts', 'station_id', 'callouts_station'],
				['teams', 'station_id', 'teams_station'],
				['teams', 'district', 'teams_district'],
				['organizations', 'district', 'organizations_district'],
				['pairings', 'station_id', 'pairings_station'],
				['pairings', 'district', 'pairings_district'],
				['pairingActivities', 'station_id', 'pairingActivities_station'],
				['pairingActivities', 'district', 'pairingActivities_district'],
				['helpedPeople', 'station_id', 'helpedPeople_station'],
				['carePairings', 'station_id', 'carePairings_station'],
				['careVisits', 'station_id', 'careVisits_station']
			];
			for (const [table, column, replaced] of scoped) {
				await db.schema
					.createIndex(`${replaced}_version`)
					.on(table)
					.columns([column, 'version'])
					.execute();
				await db.schema.dropIndex(replaced).execute();
			}
		}
	}
];

/** Beijing's calendar month of a UTC instant (as `beijingMonth`; a migration keeps its own copy). */
const monthInBeijing = (instant: unknown) =>
	typeof instant === 'string' && !Number.isNaN(Date.parse(instant))
		? new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 7)
		: '';

/** The columns migration 7 adds, read from each live record's JSON. */
export async function backfillForFigures(db: Kysely<unknown>) {
	type Data = Record<string, unknown>;
	const live = async (table: string) =>
		(
			await sql<{ id: string; data: string }>`
				SELECT id, data FROM ${sql.table(table)} WHERE deleted = 0`.execute(db)
		).rows.map((r) => ({ id: r.id, row: JSON.parse(r.data) as Data }));
	const text = (value: unknown, fallback = '') => (typeof value === 'string' ? value : fallback);
	for (const { id, row } of await live('stations')) {
		await sql`UPDATE stations SET street = ${text(row.street)}, level = ${text(row.level)},
			status = ${text(row.status, 'open')} WHERE id = ${id}`.execute(db);
	}
	for (const { id, row } of await live('volunteers')) {
		await sql`UPDATE volunteers SET status = ${text(row.status)},
			registered_month = ${monthInBeijing(row.createdAt)} WHERE id = ${id}`.execute(db);
	}
	for (const { id, row } of await live('projects')) {
		await sql`UPDATE projects SET status = ${text(row.status)} WHERE id = ${id}`.execute(db);
	}
	for (const { id, row } of await live('shifts')) {
		await sql`UPDATE shifts SET start_month = ${monthInBeijing(row.start)},
			start_at = ${text(row.start)} WHERE id = ${id}`.execute(db);
	}
	for (const { id, row } of await live('signups')) {
		const hours = typeof row.hoursCredited === 'number' ? row.hoursCredited : null;
		const served =
			row.status === 'completed' || row.status === 'checked_in' || hours !== null ? 1 : 0;
		const verified = row.hoursVerifiedAt && hours !== null ? hours : null;
		await sql`UPDATE signups SET served = ${served}, verified_hours = ${verified}
			WHERE id = ${id}`.execute(db);
	}
}

/**
 * Data for what migration 8 adds: each admin holds the members she registered before holds
 * existed, so her device keeps receiving them.
 */
async function holdWhatAdminsRegistered(db: Kysely<unknown>) {
	const registeredBy = isPostgres(db)
		? sql`(volunteers.data::json ->> 'registeredBy')`
		: sql`json_extract(volunteers.data, '$.registeredBy')`;
	await sql`INSERT INTO member_holds (account_id, volunteer_id, held_at)
		SELECT accounts.id, volunteers.id, ${new Date().toISOString()}
		FROM volunteers JOIN accounts ON accounts.id = ${registeredBy}
		WHERE volunteers.deleted = 0 AND accounts.role IN ('district_admin', 'city_admin')`.execute(db);
}

/**
 * Data for what migration 6 adds, on a server that already holds records: shifts still to come
 * get their closing time (shifts already over were never recorded on the day, and are not turned
 * into no-shows now), and every live sign-up its roster entry, each with a new version so devices
 * receive it.
 */
async function backfillForAttendance(db: Kysely<unknown>) {
	const now = new Date().toISOString();
	const shifts = await sql<{ id: string; data: string }>`
		SELECT id, data FROM shifts WHERE deleted = 0`.execute(db);
	const stationOf = new Map<string, string>();
	for (const shift of shifts.rows) {
		const row = JSON.parse(shift.data) as { end: string; stationId: string };
		stationOf.set(shift.id, row.stationId);
		if (row.end > now) {
			await sql`UPDATE shifts SET closing_due = ${row.end} WHERE id = ${shift.id}`.execute(db);
		}
	}
	const signups = await sql<{ id: string; data: string }>`
		SELECT id, data FROM signups WHERE deleted = 0 AND active = 1`.execute(db);
	for (const signup of signups.rows) {
		const row = JSON.parse(signup.data) as {
			shiftId: string;
			projectId: string;
			volunteerId: string;
		};
		const member = await sql<{ name: string; phone: string }>`
			SELECT name, phone FROM volunteers WHERE id = ${row.volunteerId}`.execute(db);
		const stationId = stationOf.get(row.shiftId);
		const who = member.rows[0];
		if (!who || !stationId) continue;
		const next = await sql<{ value: number | string }>`
			UPDATE counters SET value = value + 1 WHERE name = 'server_version' RETURNING value`.execute(db);
		const version = Number(next.rows[0]?.value);
		const phone = maskPhone(who.phone);
		const entry = {
			id: signup.id,
			createdAt: now,
			updatedAt: now,
			updatedBy: null,
			shiftId: row.shiftId,
			projectId: row.projectId,
			stationId,
			volunteerId: row.volunteerId,
			name: who.name,
			phone
		};
		await sql`INSERT INTO roster (id, version, deleted, data, shift_id, volunteer_id, station_id)
			VALUES (${signup.id}, ${version}, 0, ${JSON.stringify(entry)}, ${row.shiftId}, ${row.volunteerId}, ${stationId})`.execute(
			db
		);
	}
}

/** Any fixed number, the same in every build: the advisory lock that setup holds while it migrates. */
const MIGRATION_LOCK = 7_352_011_902;

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Runs every migration not yet applied and returns the schema version. Several server processes
 * may start at once on one database: each migrates under a lock, so the first applies what is
 * missing and the others, once they get the lock, find nothing left to do. On PostgreSQL the lock
 * is a session advisory lock held on one connection around the whole run, each migration in its
 * own transaction; on SQLite the whole run is one immediate (write-locking) transaction.
 */
export async function migrate<DB>(
	target: Kysely<DB>,
	list: readonly Migration[] = migrations
): Promise<number> {
	const db = target as unknown as Kysely<unknown>;
	await db.connection().execute(async (conn) => {
		if (isPostgres(conn)) {
			await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
			try {
				await applyMissing(conn, list, (up) => conn.transaction().execute(up));
			} finally {
				await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
			}
		} else {
			await sql`BEGIN IMMEDIATE`.execute(conn);
			try {
				await applyMissing(conn, list, (up) => up(conn));
				await sql`COMMIT`.execute(conn);
			} catch (error) {
				await sql`ROLLBACK`.execute(conn);
				throw error;
			}
		}
	});
	return list[list.length - 1]?.id ?? 0;
}

async function applyMissing(
	db: Kysely<unknown>,
	list: readonly Migration[],
	atomically: (up: (db: Kysely<unknown>) => Promise<void>) => Promise<void>
) {
	await db.schema
		.createTable('migrations')
		.ifNotExists()
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('applied_at', 'text', (c) => c.notNull())
		.execute();
	const applied = await sql<{ id: number }>`SELECT id FROM migrations`.execute(db);
	const done = new Set(applied.rows.map((r) => Number(r.id)));
	for (const migration of list) {
		if (done.has(migration.id)) continue;
		await atomically(async (trx) => {
			await migration.up(trx);
			await sql`INSERT INTO migrations (id, name, applied_at) VALUES (${migration.id}, ${migration.name}, ${new Date().toISOString()})`.execute(
				trx
			);
		});
	}
}

export const latestMigration = () => migrations[migrations.length - 1]?.id ?? 0;
