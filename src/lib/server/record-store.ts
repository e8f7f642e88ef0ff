/**
 * The server side of `MutationStore`: records in SQL tables, each write stamped with the next
 * server version. Versions come from one counter row updated in the same transaction, so they
 * commit in order and a pull cursor never skips a change (even on PostgreSQL, where transactions
 * can commit out of sequence order). A write transaction (`writeTransaction`) takes the counter
 * only at its end, when it stamps what it wrote: on PostgreSQL the counter's row lock is then
 * held for one statement before the commit, not for the whole transaction, so writers that touch
 * different records run side by side.
 */
import { isDeepStrictEqual } from 'node:util';
import {
	CompiledQuery,
	PostgresAdapter,
	sql,
	type Kysely,
	type SelectQueryBuilder,
	type Transaction
} from 'kysely';
import type * as z from 'zod/mini';
import type { MutationStore } from '$lib/domain/mutation';
import { beijingMonth } from '$lib/domain/figures';
import {
	gaveService,
	isActive,
	recordSchemas,
	type Attendance,
	type CalloutResponse,
	type Rows,
	type Signup,
	type Shift,
	type TableName,
	type CarePairing,
	type CareVisit,
	type Team,
	type Transfer,
	type Volunteer
} from '$lib/domain/schemas';
import { keepPrepared, preparedInTransaction, type Schema } from './database';

/** A transaction (or, where one statement is all there is, the database itself). */
type Trx = Transaction<Schema> | Kysely<Schema>;

/** The columns besides `data` that each table keeps for its indexes. */
const indexColumns: { [T in TableName]: (row: Rows[T]) => Record<string, string | number | null> } =
	{
		stations: (r) => ({
			district: r.district,
			street: r.street,
			level: r.level,
			status: r.status
		}),
		volunteers: (r) => ({
			phone: r.phone,
			name: r.name,
			district: r.district,
			home_station_id: r.homeStationId,
			status: r.status,
			registered_month: beijingMonth(r.createdAt)
		}),
		projects: (r) => ({
			station_id: r.stationId,
			district: r.district,
			status: r.status,
			callout_id: r.calloutId
		}),
		shifts: (r) => ({
			project_id: r.projectId,
			station_id: r.stationId,
			closing_due: r.attendanceClosedAt || r.hoursVerifiedAt ? null : r.end,
			start_month: beijingMonth(r.start),
			start_at: r.start
		}),
		signups: (r) => ({
			shift_id: r.shiftId,
			volunteer_id: r.volunteerId,
			active: isActive(r) ? 1 : 0,
			served: gaveService(r) ? 1 : 0,
			verified_hours: r.hoursVerifiedAt && r.hoursCredited !== null ? r.hoursCredited : null
		}),
		attendance: (r) => ({
			shift_id: r.shiftId,
			volunteer_id: r.volunteerId,
			station_id: r.stationId
		}),
		roster: (r) => ({ shift_id: r.shiftId, volunteer_id: r.volunteerId, station_id: r.stationId }),
		hoursRules: (r) => ({ district: r.district }),
		staff: (r) => ({ role: r.role, district: r.district, station_id: r.stationId }),
		transfers: (r) => ({
			volunteer_id: r.volunteerId,
			from_station_id: r.fromStationId,
			from_district: r.fromDistrict,
			to_station_id: r.toStationId,
			to_district: r.toDistrict
		}),
		callouts: (r) => ({
			district: r.district,
			station_id: r.stationId,
			reach: r.reach,
			reach_stations: r.reachStationIds.length > 0 ? `,${r.reachStationIds.join(',')},` : ''
		}),
		calloutResponses: (r) => ({
			callout_id: r.calloutId,
			volunteer_id: r.volunteerId,
			station_id: r.stationId,
			district: r.district
		}),
		teams: (r) => ({
			station_id: r.stationId,
			district: r.district,
			member_ids: r.memberIds.length > 0 ? `,${r.memberIds.join(',')},` : ''
		}),
		organizations: (r) => ({ district: r.district }),
		pairings: (r) => ({
			organization_id: r.organizationId,
			station_id: r.stationId,
			district: r.district,
			start_on: r.startOn,
			end_on: r.endOn
		}),
		pairingActivities: (r) => ({
			pairing_id: r.pairingId,
			station_id: r.stationId,
			district: r.district
		}),
		helpedPeople: (r) => ({ station_id: r.stationId, district: r.district }),
		carePairings: (r) => ({
			station_id: r.stationId,
			district: r.district,
			volunteer_id: r.volunteerId,
			helped_id: r.helpedId
		}),
		careVisits: (r) => ({
			care_pairing_id: r.carePairingId,
			station_id: r.stationId,
			district: r.district,
			volunteer_id: r.volunteerId,
			verified_hours: r.verifiedAt !== null ? r.hoursCredited : null,
			visit_month: r.on.slice(0, 7)
		})
	};

/**
 * What a tombstone keeps of its index columns: those that say which devices receive it (a
 * member's station and district) stay, so the deletion reaches every device that held her; those
 * that are personal data go.
 */
const erasedColumns: Partial<Record<TableName, Record<string, string>>> = {
	volunteers: { name: '', phone: '' }
};

interface StoredRow {
	data: string;
	version: number | string;
}

export function decodeRow<T extends TableName>(table: T, stored: StoredRow): Rows[T] {
	const row = { ...(JSON.parse(stored.data) as object), version: Number(stored.version) };
	return recordSchemas[table].parse(row) as Rows[T];
}

/** The rows the rules read most, decoded once: the stored JSON each came from, its table and version. */
const decodedRows = new Map<string, { table: TableName; version: number; row: object }>();
/** How many are kept (the oldest goes first), and the longest JSON worth keeping. */
const DECODED_KEPT = 256;
const DECODED_LONGEST = 16_384;

/**
 * `decodeRow` for the rules' reads, remembered by the very JSON and version it was read from: the
 * same rows come back mutation after mutation (a registration reads her station twice, to see
 * that the worker works there and that it is open), and checking a station's JSON against its
 * schema each time was a fifth of a push of registrations. The rows it keeps are frozen
 * throughout, so a rule that changed a row it read, rather than writing a new one, fails at once.
 */
function decodeRead<T extends TableName>(table: T, stored: StoredRow): Rows[T] {
	const version = Number(stored.version);
	const known = decodedRows.get(stored.data);
	if (known && known.table === table && known.version === version) return known.row as Rows[T];
	const row = decodeRow(table, stored);
	if (stored.data.length <= DECODED_LONGEST) {
		if (decodedRows.size >= DECODED_KEPT) {
			const oldest = decodedRows.keys().next().value;
			if (oldest !== undefined) decodedRows.delete(oldest);
		}
		decodedRows.set(stored.data, { table, version, row: deepFreeze(row) });
	}
	return row;
}

function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const inner of Object.values(value)) deepFreeze(inner);
	}
	return value;
}

/**
 * The fields each table's schema fills when a stored row lacks them (fields added after rows were
 * written), read from the schema itself: the name, and the schema that gives the default.
 */
const defaultedFields = Object.fromEntries(
	Object.entries(recordSchemas).map(([table, schema]) => [
		table,
		Object.entries(schema._zod.def.shape).flatMap(([key, field]) =>
			field._zod.def.type === 'default' ? [{ key, field: field as z.ZodMiniDefault }] : []
		)
	])
) as Record<TableName, { key: string; field: z.ZodMiniDefault }[]>;

/**
 * A stored row as a pull sends it: as it was written, with the defaults of fields added since.
 * Unlike `decodeRow` it is not checked against its schema again, which was half of a pull's work:
 * every row was checked when it was written, and the device checks each row it receives. The
 * rules, which act on what they read, use `decodeRow`.
 */
export function storedRow<T extends TableName>(table: T, stored: StoredRow): Rows[T] {
	const row = JSON.parse(stored.data) as Record<string, unknown>;
	for (const { key, field } of defaultedFields[table]) {
		if (row[key] === undefined) row[key] = field._zod.def.defaultValue;
	}
	row.version = Number(stored.version);
	return row as unknown as Rows[T];
}

/** Moves the version counter on by `count` and returns its new value. */
export async function nextVersion(trx: Trx, count = 1): Promise<number> {
	const result = await sql<{ value: number | string }>`
		UPDATE counters SET value = value + ${count} WHERE name = 'server_version' RETURNING value`.execute(
		trx
	);
	const value = result.rows[0]?.value;
	if (value === undefined) throw new Error('server_version counter missing');
	return Number(value);
}

/** The version a row carries between its write and its transaction's stamp: never committed. */
const UNSTAMPED = 0;

const STAMPS_PER_STATEMENT = 1000;

/**
 * The rows a write transaction has written, in order, to be given their versions at its end. Each
 * write counts as if it had taken the next version itself, and a row written twice keeps the
 * later one, so the versions are those the counter would have given write by write.
 */
export class PendingVersions {
	private writes: { table: TableName; id: string }[] = [];

	note(table: TableName, id: string) {
		this.writes.push({ table, id });
	}

	/** Where to come back to when a savepoint is rolled back. */
	mark(): number {
		return this.writes.length;
	}

	undoTo(mark: number) {
		this.writes.length = mark;
	}

	/** Takes the counter once for every write, then gives each row its version. */
	async stamp(trx: Trx) {
		const count = this.writes.length;
		if (count === 0) return;
		const head = await nextVersion(trx, count);
		const byTable = new Map<TableName, Map<string, number>>();
		this.writes.forEach(({ table, id }, i) => {
			const rows = byTable.get(table) ?? new Map<string, number>();
			rows.set(id, head - count + 1 + i);
			byTable.set(table, rows);
		});
		for (const [table, rows] of byTable) {
			const all = [...rows];
			// A statement's parameters are limited (32,766 on SQLite): a long push's rows go in parts.
			for (let from = 0; from < all.length; from += STAMPS_PER_STATEMENT) {
				const values = all
					.slice(from, from + STAMPS_PER_STATEMENT)
					.map(([id, version]) => sql`(${id}, CAST(${version} AS BIGINT))`);
				await sql`UPDATE ${sql.table(table)} SET version = stamped.column2
					FROM (VALUES ${sql.join(values)}) AS stamped
					WHERE ${sql.table(table)}.id = stamped.column1`.execute(trx);
			}
		}
		this.writes = [];
	}
}

/** A deadlock or a serialization failure: PostgreSQL undid the transaction; running it again may pass. */
function mayRetry(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return code === '40P01' || code === '40001';
}

const ATTEMPTS = 5;

/**
 * Runs `work` in one transaction whose record writes (through a store given `versions`) are
 * stamped with their versions just before the commit. On PostgreSQL, writers that lock rows in
 * different orders can deadlock; the database undoes one of them, which is then run again from
 * the start (it wrote nothing), up to five times.
 */
export async function writeTransaction<T>(
	db: Kysely<Schema>,
	work: (trx: Transaction<Schema>, versions: PendingVersions) => Promise<T>
): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await db.transaction().execute(async (trx) => {
				const versions = new PendingVersions();
				const result = await work(trx, versions);
				await versions.stamp(trx);
				return result;
			});
		} catch (error) {
			if (attempt >= ATTEMPTS || !mayRetry(error)) throw error;
		}
	}
}

export async function headVersion(trx: Trx): Promise<number> {
	const row = await trx
		.selectFrom('counters')
		.select('value')
		.where('name', '=', 'server_version')
		.executeTakeFirstOrThrow();
	return Number(row.value);
}

/**
 * Whether reads inside a write transaction must lock the rows they read. SQLite runs one write
 * transaction at a time, so a read is already the truth until commit; PostgreSQL runs them side by
 * side, and a rule that reads a shift's counts then writes them must hold the row (SELECT ... FOR
 * UPDATE), or two sign-ups could both take the last place.
 */
export function locksRowsOnRead(db: Kysely<Schema>): boolean {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * `deleted = 0` written into the statement rather than bound: tables with an index over live rows
 * only (a member's phone, a call-out's response) let SQLite use it for a query only when the
 * query says so itself; with the 0 bound, SQLite decided anew, preparing the statement again, on
 * every run (a phone look-up 11 µs instead of 3), and PostgreSQL's reused plans could not use it.
 */
const LIVE = sql.lit(0);

const compiledOnce = new Map<string, string>();

/**
 * Runs a statement that a push runs for every mutation, with Kysely's query builder and compiler
 * skipped after its first run: for statements this small they cost more than SQLite's own work
 * (in a profile of a push of 1,000 registrations, about a fifth of its time). `build` makes the
 * query with these very `parameters`; its first run checks that the compiled query takes them in
 * this order, and later runs reuse its SQL (one per database kind and `key`) with new ones.
 */
export async function reused<R>(
	db: Trx,
	key: string,
	parameters: unknown[],
	build: () => CompiledQuery<R>
): Promise<R[]> {
	const onPostgres = locksRowsOnRead(db);
	const cacheKey = `${onPostgres ? 'postgres' : 'sqlite'} ${key}`;
	let text = compiledOnce.get(cacheKey);
	if (text === undefined) {
		const query = build();
		if (!isDeepStrictEqual([...query.parameters], parameters)) {
			throw new Error(`${key}: the query takes other parameters than those given`);
		}
		text = query.sql;
		compiledOnce.set(cacheKey, text);
		if (onPostgres) keepPrepared(text);
	}
	// Kysely's executor around each of these small statements cost about as much as SQLite's work.
	const prepared = preparedInTransaction(db);
	if (prepared) {
		const statement = prepared(text);
		if (statement.reader) return statement.all(parameters) as R[];
		statement.run(parameters);
		return [];
	}
	return (await db.executeQuery<R>(CompiledQuery.raw(text, parameters))).rows;
}

export class SqlRecordStore implements MutationStore {
	private readonly lockRows: boolean;

	/**
	 * With `versions`, writes are stamped at the end of the transaction (`writeTransaction`);
	 * without, each write takes the counter at once and holds it until the commit.
	 */
	constructor(
		private readonly trx: Trx,
		private readonly versions: PendingVersions | null = null
	) {
		this.lockRows = locksRowsOnRead(trx);
	}

	/**
	 * On PostgreSQL every row a rule reads is locked until the commit, lists as well as single
	 * records: a rule writes what it read (an erasure each of her teams), and another writer must
	 * not change the row in between.
	 */
	private locked<DB, TB extends keyof DB, O>(
		query: SelectQueryBuilder<DB, TB, O>
	): SelectQueryBuilder<DB, TB, O> {
		return this.lockRows ? query.forUpdate() : query;
	}

	async get<T extends TableName>(table: T, id: string): Promise<Rows[T] | undefined> {
		const [stored] = await reused(this.trx, `get ${table}`, [id], () =>
			this.locked(
				this.trx
					.selectFrom(table as TableName)
					.select(['data', 'version'])
					.where('id', '=', id)
					.where('deleted', '=', LIVE)
			).compile()
		);
		return stored ? decodeRead(table, stored) : undefined;
	}

	async put<T extends TableName>(table: T, row: Rows[T]): Promise<void> {
		const { version: _ignored, ...record } = row;
		await this.write(table, {
			id: row.id,
			deleted: 0,
			data: JSON.stringify(record),
			...indexColumns[table](row)
		});
	}

	async remove<T extends TableName>(table: T, row: Rows[T]): Promise<void> {
		// Nothing of the record is kept in its JSON: a tombstone, not a hidden row.
		await this.write(table, {
			id: row.id,
			deleted: 1,
			data: '{}',
			...indexColumns[table](row),
			...erasedColumns[table]
		});
	}

	/** Inserts or replaces a row of `table` with the next server version. */
	private async write(table: TableName, fields: Record<string, string | number | null>) {
		let version = UNSTAMPED;
		if (this.versions) this.versions.note(table, String(fields.id));
		else version = await nextVersion(this.trx);
		const values = { ...fields, version };
		const columns = Object.keys(values);
		const parameters = Object.values(values);
		await reused(this.trx, `write ${table} ${columns.join(' ')}`, parameters, () =>
			sql`INSERT INTO ${sql.table(table)} ${sql.raw(`(${columns.join(', ')})`)}
				VALUES (${sql.join(parameters)})
				ON CONFLICT (id) DO UPDATE SET ${sql.join(
					columns.filter((k) => k !== 'id').map((k) => sql`${sql.ref(k)} = excluded.${sql.ref(k)}`)
				)}`.compile(this.trx)
		);
	}

	async volunteerByPhone(phone: string): Promise<Volunteer | undefined> {
		const [stored] = await reused(this.trx, 'volunteer by phone', [phone], () =>
			this.locked(
				this.trx
					.selectFrom('volunteers')
					.select(['data', 'version'])
					.where('phone', '=', phone)
					.where('deleted', '=', LIVE)
			).compile()
		);
		return stored ? decodeRead('volunteers', stored) : undefined;
	}

	/**
	 * The live rows of `table` whose columns equal `match`, in id order: a mutation that walks a
	 * list (an erasure through her sign-ups) writes in the same order, and so gives the same
	 * versions, on every database and on every replay (PostgreSQL returns rows in no fixed order
	 * unless asked). Locked on PostgreSQL, as every read of a rule is.
	 */
	private async live<T extends TableName>(
		table: T,
		match: Record<string, string | number>
	): Promise<Rows[T][]> {
		const parameters = Object.values(match);
		const key = `live ${table} ${Object.keys(match).join(' ')}`;
		const rows = await reused(this.trx, key, parameters, () => {
			let query = this.trx.selectFrom(table as TableName).select(['data', 'version']);
			for (const [column, value] of Object.entries(match)) {
				query = query.where(sql.ref(column), '=', value);
			}
			return this.locked(query.where('deleted', '=', LIVE).orderBy('id')).compile();
		});
		return rows.map((r) => decodeRead(table, r));
	}

	activeSignupsOfShift(shiftId: string): Promise<Signup[]> {
		return this.live('signups', { shift_id: shiftId, active: 1 });
	}

	async activeSignup(shiftId: string, volunteerId: string): Promise<Signup | undefined> {
		const [signup] = await this.live('signups', {
			shift_id: shiftId,
			volunteer_id: volunteerId,
			active: 1
		});
		return signup;
	}

	signupsOf(shiftId: string, volunteerId: string): Promise<Signup[]> {
		return this.live('signups', { shift_id: shiftId, volunteer_id: volunteerId });
	}

	signupsOfVolunteer(volunteerId: string): Promise<Signup[]> {
		return this.live('signups', { volunteer_id: volunteerId });
	}

	signupsOfShift(shiftId: string): Promise<Signup[]> {
		return this.live('signups', { shift_id: shiftId });
	}

	attendanceOf(shiftId: string, volunteerId: string): Promise<Attendance[]> {
		return this.live('attendance', { shift_id: shiftId, volunteer_id: volunteerId });
	}

	transfersOfVolunteer(volunteerId: string): Promise<Transfer[]> {
		return this.live('transfers', { volunteer_id: volunteerId });
	}

	async calloutResponse(
		calloutId: string,
		volunteerId: string
	): Promise<CalloutResponse | undefined> {
		const [response] = await this.live('calloutResponses', {
			callout_id: calloutId,
			volunteer_id: volunteerId
		});
		return response;
	}

	responsesOfVolunteer(volunteerId: string): Promise<CalloutResponse[]> {
		return this.live('calloutResponses', { volunteer_id: volunteerId });
	}

	async teamsOfVolunteer(volunteerId: string): Promise<Team[]> {
		// Members are kept as a list in one column (`,a,b,`): the one match that is not equality.
		const rows = await this.locked(
			this.trx
				.selectFrom('teams')
				.select(['data', 'version'])
				.where('member_ids', 'like', `%,${volunteerId},%`)
				.where('deleted', '=', LIVE)
				.orderBy('id')
		).execute();
		return rows.map((r) => decodeRead('teams', r));
	}

	carePairingsOfHelped(helpedId: string): Promise<CarePairing[]> {
		return this.live('carePairings', { helped_id: helpedId });
	}

	carePairingsOfVolunteer(volunteerId: string): Promise<CarePairing[]> {
		return this.live('carePairings', { volunteer_id: volunteerId });
	}

	visitsOfCarePairing(carePairingId: string): Promise<CareVisit[]> {
		return this.live('careVisits', { care_pairing_id: carePairingId });
	}

	shiftsOfProject(projectId: string): Promise<Shift[]> {
		return this.live('shifts', { project_id: projectId });
	}
}
