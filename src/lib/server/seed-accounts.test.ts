/** The demo accounts of the README: there, scoped as it says, and signing in with its password. */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { AccountInfo } from '$lib/domain/accounts';
import { TestBrowser } from '$lib/testing/browser-client';
import { testServer } from '$lib/testing/harness';
import { openPostgresDatabase, testDatabaseName } from '$lib/testing/test-databases';
import { POST as signIn } from '../../routes/api/auth/sign-in/+server';
import type { Db } from './database';
import { DEMO_PASSWORD, loadDemoData, loadDemoDataIfEmpty, loadMissingDemoAccounts } from './seed';

const server = vi.hoisted(() => ({ db: undefined as unknown as Db }));
vi.mock('$lib/server/context', () => ({
	serverContext: () => Promise.resolve({ db: server.db, schemaVersion: 2 })
}));

let stations: { id: string; district: string; community: string }[];
let demoMember: { id: string; name: string };

beforeAll(async () => {
	server.db = await testServer();
	await loadDemoData(server.db, { today: new Date('2026-03-01T00:00:00Z') });
	const rows = await server.db.selectFrom('stations').select('data').execute();
	stations = rows.map((r) => JSON.parse(r.data) as (typeof stations)[number]);
	const member = await server.db
		.selectFrom('volunteers')
		.select(['id', 'name'])
		.where('phone', '=', '13800000001')
		.executeTakeFirstOrThrow();
	demoMember = member;
});

async function signInAs(login: string, password = DEMO_PASSWORD) {
	const response = await new TestBrowser().call(signIn, '/api/auth/sign-in', {
		body: { login, password }
	});
	return { status: response.status, ...((await response.json()) as { account?: AccountInfo }) };
}

describe('demo accounts', () => {
	it('sign in with demo-pass-2026, each with its role and scope', async () => {
		const xizongbu = stations.find((s) => s.community === '西总布' && s.district === 'dongcheng')!;
		const chaoyang = stations.filter((s) => s.district === 'chaoyang');
		const signedIn = await Promise.all(
			['beijing', 'dongcheng', 'xizongbu', 'xizongbu2', 'chaoyang1', '13800000001'].map((login) =>
				signInAs(login)
			)
		);
		expect(signedIn.map((s) => s.status)).toEqual(Array(6).fill(200));
		const scope = signedIn.map(({ account }) => ({
			login: account!.username ?? account!.displayName,
			role: account!.role,
			district: account!.district,
			stationId: account!.stationId,
			volunteerId: account!.volunteerId
		}));
		expect(scope).toEqual([
			{ login: 'beijing', role: 'city_admin', district: null, stationId: null, volunteerId: null },
			{
				login: 'dongcheng',
				role: 'district_admin',
				district: 'dongcheng',
				stationId: null,
				volunteerId: null
			},
			{
				login: 'xizongbu',
				role: 'station_worker',
				district: 'dongcheng',
				stationId: xizongbu.id,
				volunteerId: null
			},
			{
				login: 'xizongbu2',
				role: 'station_worker',
				district: 'dongcheng',
				stationId: xizongbu.id,
				volunteerId: null
			},
			{
				login: 'chaoyang1',
				role: 'station_worker',
				district: 'chaoyang',
				stationId: expect.any(String),
				volunteerId: null
			},
			{
				login: demoMember.name,
				role: 'volunteer',
				district: null,
				stationId: null,
				volunteerId: demoMember.id
			}
		]);
		expect(chaoyang.map((s) => s.id)).toContain(scope[4]!.stationId);
		expect(stations[0]!.id).toBe(xizongbu.id);
	});

	it('refuse any other password', async () => {
		expect((await signInAs('beijing', 'demo-pass-2025')).status).toBe(401);
	});

	it('each have their own salt', async () => {
		const hashes = await server.db.selectFrom('accounts').select('password_hash').execute();
		expect(hashes).toHaveLength(7);
		expect(new Set(hashes.map((h) => h.password_hash)).size).toBe(7);
	});

	it('are only those whose station or member the data set has', async () => {
		const small = await testServer();
		await loadDemoData(small, { stations: 1, members: 3, projects: 1 });
		const logins = await small
			.selectFrom('accounts')
			.select(['username', 'phone'])
			.orderBy('id')
			.execute();
		expect(logins.map((a) => a.username ?? a.phone)).toEqual([
			'beijing',
			'dongcheng',
			'xizongbu',
			'xizongbu2',
			'13800000001'
		]);
	});

	it('are added to demo data loaded before accounts existed, once', async () => {
		const older = await testServer();
		await loadDemoData(older, { stations: 3, members: 5, projects: 1 });
		await older.deleteFrom('accounts').execute();
		expect(await loadMissingDemoAccounts(older)).toBe(7);
		expect(await loadMissingDemoAccounts(older)).toBe(0);
		const empty = await testServer();
		expect(await loadMissingDemoAccounts(empty)).toBe(0);
	});

	it('are loaded once when several servers start together on one empty database', async () => {
		const first = await testServer();
		// Each server process has its own pool; SQLite's one connection runs them one by one.
		const servers = [first, ...(await alsoOpen(first, 2))];
		const small = { stations: 2, members: 4, projects: 1 };
		const loaded = await Promise.all(servers.map((db) => loadDemoDataIfEmpty(db, small)));
		expect(loaded.filter((l) => l !== null)).toHaveLength(1);
		const accounts = await first.selectFrom('accounts').select('id').execute();
		expect(accounts.length).toBeGreaterThan(0);
		const added = await Promise.all(servers.map((db) => loadMissingDemoAccounts(db)));
		expect(added).toEqual([0, 0, 0]);
		await first.deleteFrom('accounts').execute();
		const readded = await Promise.all(servers.map((db) => loadMissingDemoAccounts(db)));
		expect(readded.sort((a, b) => a - b)).toEqual([0, 0, accounts.length]);
		expect(await first.selectFrom('stations').select('id').execute()).toHaveLength(2);
	});
});

/** More pools on the same PostgreSQL database, as more server processes would open; on SQLite, the same one. */
async function alsoOpen(db: Db, count: number): Promise<Db[]> {
	const name = testDatabaseName(db);
	return Array.from({ length: count }, () => (name ? openPostgresDatabase(name) : db));
}
