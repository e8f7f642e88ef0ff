/**
 * Figure 6: server ingest. Batches of `volunteer.register` mutations go through the real `push()`
 * (one transaction per push, a savepoint per mutation: replay check, rule, versioned write, the
 * device's last id) on a copy of the station's SQLite file (6a, 6b) or PostgreSQL database (6c,
 * 6d). Baseline: the rows that push wrote, inserted with raw driver statements in one transaction
 * into another copy of the same data. 6e: pushes of one registration each from many devices at
 * once on PostgreSQL, against the same pushes one at a time: how far writers overlap.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_VERSION } from '$lib/domain/sync';
import { systemActor } from '$lib/server/authorization';
import { openPostgres, openSqlite, postgresPool, type Db } from '$lib/server/database';
import { decodeRow, SqlRecordStore } from '$lib/server/record-store';
import { push } from '$lib/server/sync';
import { registration } from '$lib/testing/fixtures';
import { figure, quantile, type Figure } from '../lib/figures';

interface Batch {
	size: number;
	runs: number;
}

let phoneSeq = 0;

/** A valid registration (the unit tests' builder), each with its own phone and name. */
function newMember(stationId: string) {
	const n = phoneSeq++;
	return registration({
		id: randomUUID(),
		name: `范${'秀英华玉兰芳'[n % 6]}${'丽敏静燕'[n % 4]}`,
		phone: `199${String(n).padStart(8, '0')}`,
		birthYear: 1960 + (n % 40),
		homeStationId: stationId,
		at: new Date().toISOString()
	});
}

type Row = Record<'id' | 'data' | 'phone' | 'name' | 'district', string> & {
	version: number;
	deleted: number;
	home_station_id: string | null;
};

/** Where the pushes go, and the raw baseline: the same rows inserted the plainest way. */
interface Target {
	db: Db;
	label: string;
	ids: string[];
	baseline: string;
	insertAll(rows: Row[]): Promise<void> | void;
	close(): Promise<void>;
}

export async function ingestFigures(
	stationFile: string,
	stationLabel: string,
	dir: string,
	batches: Batch[]
) {
	const target = join(dir, 'ingest.sqlite');
	const rawTarget = join(dir, 'ingest-raw.sqlite');
	copyFileSync(stationFile, target);
	copyFileSync(stationFile, rawTarget);
	const raw = new Database(rawTarget);
	raw.pragma('journal_mode = WAL');
	raw.pragma('synchronous = NORMAL');
	const insert = raw.prepare(
		`INSERT INTO volunteers (id, version, deleted, data, phone, name, district, home_station_id)
		 VALUES (@id, @version, @deleted, @data, @phone, @name, @district, @home_station_id)`
	);
	const insertAll = raw.transaction((rows: Row[]) => {
		for (const row of rows) insert.run(row);
	});
	const db = openSqlite(target);
	return measureIngest(
		{
			db,
			label: `SQLite with ${stationLabel}`,
			ids: ['6a', '6b'],
			baseline: 'raw better-sqlite3 inserts, 1 tx',
			insertAll,
			close: async () => {
				await db.destroy();
				raw.close();
			}
		},
		batches
	);
}

/**
 * The same on PostgreSQL: pushes into `url` (a copy of the station), and the baseline inserts the
 * rows push wrote into `rawUrl` (another copy) with one parameterised statement per row in one
 * transaction, through the `pg` driver alone.
 */
export async function postgresIngestFigures(
	url: string,
	rawUrl: string,
	stationLabel: string,
	batches: Batch[]
) {
	const db = openPostgres(url);
	const pool = postgresPool(rawUrl, { max: 1 });
	const columns = [
		'id',
		'version',
		'deleted',
		'data',
		'phone',
		'name',
		'district',
		'home_station_id'
	] as const;
	const text = `INSERT INTO volunteers (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;
	return measureIngest(
		{
			db,
			label: `PostgreSQL with ${stationLabel}`,
			ids: ['6c', '6d'],
			baseline: 'raw pg inserts, 1 tx',
			async insertAll(rows) {
				const client = await pool.connect();
				try {
					await client.query('BEGIN');
					for (const row of rows) {
						await client.query({ name: 'raw_insert', text, values: columns.map((c) => row[c]) });
					}
					await client.query('COMMIT');
				} finally {
					client.release();
				}
			},
			close: async () => {
				await db.destroy();
				await pool.end();
			}
		},
		batches
	);
}

async function measureIngest(into: Target, batches: Batch[]) {
	const { db, insertAll } = into;
	const station = await db.selectFrom('stations').select('id').executeTakeFirstOrThrow();

	const pushBatch = async (size: number) => {
		const mutations = Array.from({ length: size }, (_, i) => ({
			id: i + 1,
			name: 'volunteer.register',
			args: newMember(station.id)
		}));
		const start = performance.now();
		const response = await push(
			db,
			{ clientId: randomUUID(), schemaVersion: SCHEMA_VERSION, mutations },
			systemActor
		);
		const ms = performance.now() - start;
		const refused = response.results.filter((r) => r.status === 'refused').length;
		const ids = mutations.map((m) => m.args.id);
		const rows = (await db
			.selectFrom('volunteers')
			.selectAll()
			.where('id', 'in', ids)
			.execute()) as Row[];
		return { ms, refused, rows };
	};

	try {
		await pushBatch(20); // warm-up: statements prepared, pages cached
		const figures: Figure[] = [];
		for (const [i, batch] of batches.entries()) {
			const real: number[] = [];
			const baseline: number[] = [];
			let refused = 0;
			for (let run = 0; run < batch.runs; run++) {
				const pushed = await pushBatch(batch.size);
				refused += pushed.refused;
				const start = performance.now();
				await insertAll(pushed.rows);
				baseline.push(performance.now() - start);
				real.push(pushed.ms);
			}
			const rate = (ms: number[]) => ms.map((m) => (batch.size / m) * 1000);
			const id = String.fromCharCode(97 + i);
			const size = `${batch.size.toLocaleString('en-US')} mutations per push`;
			const note = refused > 0 ? `${refused} refused` : 'none refused';
			figures.push(
				figure({
					id: into.ids[i] ?? `6${id}`,
					name: `server ingest, push of ${batch.size}`,
					what: `push() of volunteer.register, ${into.label}`,
					size,
					unit: 'mutations/s',
					samples: rate(real),
					baseline: { what: into.baseline, samples: rate(baseline) },
					note: `push p50 ${Math.round(quantile(real, 0.5) ?? 0)} ms; ${note}`
				})
			);
		}
		return figures;
	} finally {
		await into.close();
	}
}

/** Devices pushing at once in 6e, each through its own pooled connection. */
const SIDE_BY_SIDE = 10;

/**
 * `count` stations, copies of the station in `db` under new ids, so that each device of 6e
 * registers members of its own station as a city's tablets do (a registration locks its
 * station's row: one station's tablets queue behind one another).
 */
async function ownStations(db: Db, count: number): Promise<string[]> {
	const [first] = await db.selectFrom('stations').select(['data', 'version']).limit(1).execute();
	const station = decodeRow('stations', first!);
	const ids = Array.from({ length: count }, () => randomUUID());
	await db.transaction().execute(async (trx) => {
		const store = new SqlRecordStore(trx);
		for (const [i, id] of ids.entries()) {
			await store.put('stations', { ...station, id, name: `${station.name}${i + 1}` });
		}
	});
	return ids;
}

/**
 * 6e: `pushes` pushes of one registration each, from `SIDE_BY_SIDE` devices at once, each at its
 * own station, on PostgreSQL (where writers run side by side; SQLite runs one at a time), in
 * mutations (pushes) per second.
 * Baseline: as many pushes from one device, one after another, on the same database; runs of the
 * two alternate.
 */
export async function sideBySideFigure(url: string, runs: number, pushes: number) {
	const db = openPostgres(url, { max: SIDE_BY_SIDE });
	try {
		const stations = await ownStations(db, SIDE_BY_SIDE);
		const device = async (index: number, count: () => boolean) => {
			const clientId = randomUUID();
			const stationId = stations[index]!;
			for (let id = 1; count(); id++) {
				const mutations = [{ id, name: 'volunteer.register', args: newMember(stationId) }];
				const answer = await push(
					db,
					{ clientId, schemaVersion: SCHEMA_VERSION, mutations },
					systemActor
				);
				if (answer.results[0]?.status !== 'applied') throw new Error('a 6e push was refused');
			}
		};
		const timed = async (devices: number) => {
			let left = pushes;
			const start = performance.now();
			await Promise.all(Array.from({ length: devices }, (_, i) => device(i, () => left-- > 0)));
			return (pushes / (performance.now() - start)) * 1000;
		};
		await timed(SIDE_BY_SIDE); // warm-up
		const together: number[] = [];
		const alone: number[] = [];
		for (let run = 0; run < runs; run++) {
			together.push(await timed(SIDE_BY_SIDE));
			alone.push(await timed(1));
		}
		return figure({
			id: '6e',
			name: 'server ingest, devices at once',
			what: 'push() of 1 volunteer.register each, PostgreSQL, a station per device',
			size: `${pushes} pushes from ${SIDE_BY_SIDE} devices at once`,
			unit: 'mutations/s',
			samples: together,
			baseline: { what: 'the same pushes from 1 device, one at a time', samples: alone }
		});
	} finally {
		await db.destroy();
	}
}
