/**
 * Builders for unit tests: valid mutation args with fixed times, and one `Side` interface over
 * the two places a rule runs (the server's SQL store, a device's Dexie store), so a rule can be
 * checked against both with the same test.
 */
import type { LocalDb } from '$lib/client/data/db';
import { runMutation } from '$lib/client/data/mutate';
import type { ArgsOf, MutationName } from '$lib/domain/mutations';
import { executeMutation, type Refusal } from '$lib/domain/pipeline';
import { PRIVACY_NOTICE_VERSION } from '$lib/domain/reference';
import type { Rows, Station, TableName } from '$lib/domain/schemas';
import type { Db } from '$lib/server/database';
import { SqlRecordStore } from '$lib/server/record-store';
import { testDevice, testServer } from './harness';
import { testDatabaseKind } from './test-databases';

/** The instant every test's story starts at; shifts lie after it. */
export const T0 = Date.parse('2026-03-01T01:00:00.000Z');

/** T0 plus some minutes, as a stored instant. */
export function at(minutes = 0): string {
	return new Date(T0 + minutes * 60_000).toISOString();
}

/** A valid mainland mobile number, different for each n. */
export function phoneNo(n: number): string {
	return `139${String(n).padStart(8, '0')}`;
}

export function station(overrides: Partial<Station> = {}): Station {
	return {
		id: crypto.randomUUID(),
		createdAt: at(),
		updatedAt: at(),
		version: 0,
		updatedBy: null,
		name: '西总布社区妇女志愿服务站',
		district: 'dongcheng',
		street: '建国门街道',
		community: '西总布',
		address: '北京市东城区西总布社区1号',
		level: 'community',
		levelAwardedOn: null,
		status: 'open',
		contactName: '王老师',
		contactPhone: '010-65120000',
		openingHours: '周一至周五 9:00–17:00',
		services: ['elderly_care'],
		...overrides
	};
}

export function registration(
	overrides: Partial<ArgsOf<'volunteer.register'>> = {}
): ArgsOf<'volunteer.register'> {
	return {
		id: crypto.randomUUID(),
		name: '李秀英',
		phone: phoneNo(1),
		gender: 'female',
		birthYear: 1975,
		district: 'dongcheng',
		community: '西总布',
		skills: ['elderly_care'],
		languages: ['zh'],
		availability: '周末',
		emergencyResponder: false,
		consent: true,
		consentVersion: PRIVACY_NOTICE_VERSION,
		homeStationId: null,
		source: 'staff',
		at: at(),
		...overrides
	};
}

export function newProject(
	stationId: string,
	overrides: Partial<ArgsOf<'project.create'>> = {}
): ArgsOf<'project.create'> {
	return {
		id: crypto.randomUUID(),
		stationId,
		title: '空巢老人探访',
		description: '',
		category: 'elderly_care',
		place: '西总布社区活动中心',
		requiredSkills: [],
		urgent: false,
		at: at(),
		...overrides
	};
}

/** A shift one day after T0, 09:00–12:00 Beijing time. */
export function newShift(
	projectId: string,
	overrides: Partial<ArgsOf<'shift.add'>> = {}
): ArgsOf<'shift.add'> {
	return {
		id: crypto.randomUUID(),
		projectId,
		start: at(24 * 60),
		end: at(27 * 60),
		capacity: 2,
		at: at(),
		...overrides
	};
}

/**
 * A call-out led by `stationId`, reaching that station only: a day after T0, 09:00–13:00 Beijing
 * time, needing three on duty.
 */
export function newCallout(
	stationId: string,
	overrides: Partial<ArgsOf<'callout.create'>> = {}
): ArgsOf<'callout.create'> {
	return {
		id: crypto.randomUUID(),
		projectId: crypto.randomUUID(),
		shiftId: crypto.randomUUID(),
		title: '防汛备勤',
		description: '',
		place: '社区居委会',
		community: '',
		start: at(24 * 60),
		end: at(28 * 60),
		urgency: 'urgent',
		roles: [{ role: 'duty', headcount: 3 }],
		stationId,
		reach: 'stations',
		reachStationIds: [],
		at: at(3),
		...overrides
	};
}

export type Outcome =
	| { ok: true }
	| { ok: false; code: string; path: (string | number)[]; detail: Record<string, string> };

/** Where a rule runs: the server's store or a device's. */
export interface Side {
	readonly authority: 'server' | 'device';
	run<N extends MutationName>(name: N, args: ArgsOf<N>): Promise<Outcome>;
	get<T extends TableName>(table: T, id: string): Promise<Rows[T] | undefined>;
	/** Stations are reference data: the server has them from the start, a device from a pull. */
	addStation(row: Station): Promise<void>;
}

/**
 * The clock a test's rules read: by default the moment the args say the person acted, so a story
 * told in args' times is judged at those times on either side.
 */
const storyTime = (args: unknown) =>
	(args as { at?: unknown }).at && typeof (args as { at: unknown }).at === 'string'
		? (args as { at: string }).at
		: at();

/** The server's rules: each mutation through the pipeline in its own transaction. */
export function serverSide(db: Db): Side {
	return {
		authority: 'server',
		async run(name, args) {
			const outcome = await db
				.transaction()
				.execute(async (trx) => {
					const done = await executeMutation(new SqlRecordStore(trx), name, args, {
						authority: 'server',
						actor: null,
						now: storyTime(args)
					});
					// Undo what a refused mutation wrote before it was refused.
					if (!done.ok) throw new RefusedInTest(done.refusal);
					return done;
				})
				.catch((error: unknown) => {
					if (error instanceof RefusedInTest) return { ok: false as const, refusal: error.refusal };
					throw error;
				});
			return outcome.ok ? { ok: true } : { ok: false, ...outcome.refusal };
		},
		get: (table, id) => db.transaction().execute((trx) => new SqlRecordStore(trx).get(table, id)),
		async addStation(row) {
			await db.transaction().execute((trx) => new SqlRecordStore(trx).put('stations', row));
		}
	};
}

class RefusedInTest extends Error {
	constructor(readonly refusal: Refusal) {
		super(refusal.code);
	}
}

/** A device's rules: `runMutation` on its own database. */
export function deviceSide(db: LocalDb): Side {
	return {
		authority: 'device',
		async run(name, args) {
			const outcome = await runMutation(db, name, args, undefined, storyTime(args));
			return outcome.ok ? { ok: true } : outcome;
		},
		get: async (table, id) => (await db.table(table).get(id)) as Rows[typeof table] | undefined,
		async addStation(row) {
			await db.stations.put(row);
		}
	};
}

/**
 * Both places a rule runs, fresh for each test. The `postgres` project tests the server side
 * only: the device's side has no server database, and the `unit` project runs it already.
 */
export const bothSides: [string, () => Promise<Side>][] = [
	['server', async () => serverSide(await testServer())],
	...(testDatabaseKind() === 'postgres'
		? []
		: [['device', async () => deviceSide(testDevice())] as [string, () => Promise<Side>]])
];

/** Runs a mutation that the test expects to succeed, failing loudly with the code if not. */
export async function must<N extends MutationName>(
	side: Side,
	name: N,
	args: ArgsOf<N>
): Promise<void> {
	const outcome = await side.run(name, args);
	if (!outcome.ok) throw new Error(`${name} refused: ${outcome.code} at ${outcome.path.join('.')}`);
}

/** A station with a published project and one shift: the usual start of a sign-up story. */
export async function openShift(side: Side, capacity = 2) {
	const home = station();
	await side.addStation(home);
	const project = newProject(home.id);
	await must(side, 'project.create', project);
	const shift = newShift(project.id, { capacity });
	await must(side, 'shift.add', shift);
	await must(side, 'project.publish', { id: project.id, at: at(1) });
	return { station: home, projectId: project.id, shiftId: shift.id };
}

/** Registers and activates a member; returns its id. */
export async function activeMember(side: Side, n: number): Promise<string> {
	const args = registration({ phone: phoneNo(n), name: `成员${n}` });
	await must(side, 'volunteer.register', args);
	await must(side, 'volunteer.setStatus', { id: args.id, status: 'active', at: at() });
	return args.id;
}
