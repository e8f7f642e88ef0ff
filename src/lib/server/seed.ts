/** Loads the demo data into an empty database, through the real mutation rules, with its accounts. */
import { sql } from 'kysely';
import type { Role } from '$lib/domain/accounts';
import { demoData, type DemoData, type DemoOptions } from '$lib/domain/demo';
import { executeMutation } from '$lib/domain/pipeline';
import type { DistrictCode } from '$lib/domain/reference';
import { createAccount } from './accounts';
import type { Db } from './database';
import { hashPassword } from './passwords';
import { SqlRecordStore } from './record-store';
import { DEMO_STAFF_NAMES } from '$lib/domain/demo-names';

export { DEMO_STAFF_NAMES };

/** Every demo account's password (README, "Demo accounts"). */
export const DEMO_PASSWORD = 'demo-pass-2026';

export interface DemoAccount {
	id: string;
	role: Role;
	/** Staff sign in with it; the volunteer with her phone. */
	username: string | null;
	phone: string | null;
	district: DistrictCode | null;
	stationId: string | null;
	volunteerId: string | null;
	displayName: string;
}

/** The demo volunteer's phone: her member record is the first of the demo data. */
const DEMO_VOLUNTEER_PHONE = '13800000001';

interface DemoScope {
	/** In the order they were made: the first is 西总布, Dongcheng. */
	stations: readonly { id: string; district: DistrictCode }[];
	member: { id: string; name: string } | undefined;
}

/** What the demo accounts attach to in a generated data set. */
export function demoScope({ stations, steps }: DemoData): DemoScope {
	for (const step of steps) {
		if (step.name === 'volunteer.register' && step.args.phone === DEMO_VOLUNTEER_PHONE) {
			return { stations, member: { id: step.args.id, name: step.args.name } };
		}
	}
	return { stations, member: undefined };
}

/**
 * The demo accounts that fit this data set, with fixed ids: a city admin, Dongcheng's district
 * admin, two workers of the first station (西总布, Dongcheng), one of the first station in Chaoyang,
 * and the volunteer whose member record has the phone 13800000001. A smaller data set (the
 * benchmark's single station) gets only those whose station or member exists.
 */
export function demoAccounts({ stations, member }: DemoScope): DemoAccount[] {
	const staff = (
		n: number,
		role: Role,
		username: string,
		displayName: string,
		district: DistrictCode | null,
		stationId: string | null = null
	): DemoAccount => ({
		id: `d0000000-0000-4000-8000-00000000000${n}`,
		role,
		username,
		phone: null,
		district,
		stationId,
		volunteerId: null,
		displayName
	});
	const accounts = [staff(1, 'city_admin', 'beijing', DEMO_STAFF_NAMES.beijing, null)];
	accounts.push(staff(2, 'district_admin', 'dongcheng', DEMO_STAFF_NAMES.dongcheng, 'dongcheng'));
	const xizongbu = stations[0];
	if (xizongbu) {
		const { district, id } = xizongbu;
		accounts.push(staff(3, 'station_worker', 'xizongbu', DEMO_STAFF_NAMES.xizongbu, district, id));
		accounts.push(
			staff(4, 'station_worker', 'xizongbu2', DEMO_STAFF_NAMES.xizongbu2, district, id)
		);
	}
	const chaoyang = stations.find((s) => s.district === 'chaoyang');
	if (chaoyang) {
		accounts.push(staff(7, 'district_admin', 'chaoyang', DEMO_STAFF_NAMES.chaoyang, 'chaoyang'));
		accounts.push(
			staff(5, 'station_worker', 'chaoyang1', DEMO_STAFF_NAMES.chaoyang1, 'chaoyang', chaoyang.id)
		);
	}
	if (member) {
		accounts.push({
			id: 'd0000000-0000-4000-8000-000000000006',
			role: 'volunteer',
			username: null,
			phone: DEMO_VOLUNTEER_PHONE,
			district: null,
			stationId: null,
			volunteerId: member.id,
			displayName: member.name
		});
	}
	return accounts;
}

/**
 * Hashes of the demo password, one per account, each with its own salt. Made once per process:
 * tests load demo data many times, and seven scrypt hashes each time would add up.
 */
let demoHashes: Promise<string[]> | undefined;
const demoPasswordHashes = () =>
	(demoHashes ??= Promise.all(Array.from({ length: 7 }, () => hashPassword(DEMO_PASSWORD))));

export async function isEmpty(db: Db): Promise<boolean> {
	const row = await db.selectFrom('stations').select('id').limit(1).executeTakeFirst();
	return row === undefined;
}

/**
 * Takes the write lock that every change waits for (the version counter's row), so that what the
 * transaction reads next stays true until it commits, even with another server process starting
 * on the same database at the same moment.
 */
async function lockWriters(trx: Db) {
	await sql`UPDATE counters SET value = value WHERE name = 'server_version'`.execute(trx);
}

export async function loadDemoData(db: Db, options: DemoOptions = {}) {
	return (await load(db, options, { onlyIfEmpty: false }))!;
}

/**
 * The first start's demo data: loaded unless the database has records, checked under the write
 * lock, so of several servers starting together on an empty database one loads it and the others
 * find it there. Returns what was loaded, or null.
 */
export function loadDemoDataIfEmpty(db: Db, options: DemoOptions = {}) {
	return load(db, options, { onlyIfEmpty: true });
}

async function load(db: Db, options: DemoOptions, { onlyIfEmpty }: { onlyIfEmpty: boolean }) {
	const data = demoData(options);
	const { stations, steps } = data;
	const hashes = await demoPasswordHashes();
	return db.transaction().execute(async (trx) => {
		if (onlyIfEmpty) {
			await lockWriters(trx);
			if (!(await isEmpty(trx))) return null;
		}
		const store = new SqlRecordStore(trx);
		for (const station of stations) await store.put('stations', station);
		for (const step of steps) {
			// The demo's history happened at each step's own time, so time rules judge it then.
			const { at } = step.args as { at: string };
			const done = await executeMutation(store, step.name, step.args, {
				authority: 'server',
				actor: null,
				now: at
			});
			if (!done.ok) throw new Error(`demo step ${step.name} refused: ${done.refusal.code}`);
		}
		for (const [i, account] of demoAccounts(demoScope(data)).entries()) {
			await createAccount(trx, { ...account, passwordHash: hashes[i]! });
		}
		// An explicit id: only SQLite fills in an integer primary key by itself.
		await trx.insertInto('demo').values({ id: 1, loaded_at: new Date().toISOString() }).execute();
		return { stations: stations.length, steps: steps.length };
	});
}

/**
 * Gives a database whose demo data was loaded before accounts existed its demo accounts, so the
 * README's logins work after an upgrade too. They attach to the stations and the member found in
 * the database, in the order the demo data made them.
 */
export async function loadMissingDemoAccounts(db: Db): Promise<number> {
	const hashes = await demoPasswordHashes();
	return db.transaction().execute(async (trx) => {
		// Checked under the write lock: another server starting now may be adding them too.
		await lockWriters(trx);
		return addDemoAccounts(trx, hashes);
	});
}

async function addDemoAccounts(db: Db, hashes: string[]): Promise<number> {
	const demo = await db.selectFrom('demo').select('id').executeTakeFirst();
	const anyAccount = await db.selectFrom('accounts').select('id').limit(1).executeTakeFirst();
	if (!demo || anyAccount) return 0;
	const stations = await db
		.selectFrom('stations')
		.select(['id', 'district'])
		.where('deleted', '=', 0)
		.orderBy('version')
		.execute();
	const member = await db
		.selectFrom('volunteers')
		.select(['id', 'name'])
		.where('phone', '=', DEMO_VOLUNTEER_PHONE)
		.where('deleted', '=', 0)
		.executeTakeFirst();
	const accounts = demoAccounts({
		stations: stations.map((s) => ({ id: s.id, district: s.district as DistrictCode })),
		member
	});
	for (const [i, account] of accounts.entries()) {
		await createAccount(db, { ...account, passwordHash: hashes[i]! });
	}
	return accounts.length;
}
