import { Dexie } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountInfo } from '$lib/domain/accounts';
import { openLocalDb } from '$lib/client/data/db';
import {
	addDeviceAccount,
	DEVICE_DB_NAME,
	deviceAccounts,
	localDbName,
	setPin,
	startKiosk,
	kioskState
} from './device';
import { runMutation } from '$lib/client/data/mutate';
import { isPrecache, sweepOrphanDatabases, wipeAccount } from './sign-out';
import { registration } from '$lib/testing/fixtures';

const worker = (n: number): AccountInfo => ({
	id: `3a0e7d1c-1111-4c59-9d3e-0d7f6a1b2c0${n}`,
	role: 'station_worker',
	displayName: `worker${n}`,
	username: `worker${n}`,
	district: 'dongcheng',
	stationId: '3a0e7d1c-1111-4c59-9d3e-0d7f6a1b2c99',
	volunteerId: null
});

async function databaseNames(): Promise<string[]> {
	return (await indexedDB.databases()).map((d) => d.name ?? '');
}

/** What IndexedDB holds that names or belongs to the account, read from outside the app. */
async function tracesOf(accountId: string): Promise<string[]> {
	const traces = (await databaseNames()).filter((name) => name.includes(accountId));
	const registry = new Dexie(DEVICE_DB_NAME);
	registry.version(1).stores({ accounts: 'id', settings: 'key' });
	const rows = [
		...(await registry.table('accounts').toArray()),
		...(await registry.table('settings').toArray())
	];
	registry.close();
	if (JSON.stringify(rows).includes(accountId)) traces.push(`registry`);
	return traces;
}

beforeEach(async () => {
	for (const name of await databaseNames()) await Dexie.delete(name);
});

describe('signing an account out of the device', () => {
	it('deletes her database, her registry entry and PIN hash, and leaves the others alone', async () => {
		const [a, b] = [worker(1), worker(2)];
		for (const account of [a, b]) {
			await addDeviceAccount(account, account.username);
			await setPin(account.id, '1357');
			const db = openLocalDb(localDbName(account.id));
			const outcome = await runMutation(db, 'volunteer.register', registration());
			expect(outcome.ok).toBe(true);
			// Figures kept for the dashboards go with the rest of her data.
			await db.figures.put({ key: 'period=2026-11', period: '2026-11', answer: {}, keptAt: '' });
			db.close();
		}
		await startKiosk(a.id, a.stationId!);
		expect(await tracesOf(a.id)).toEqual([localDbName(a.id), 'registry']);

		await wipeAccount(a.id);

		expect(await tracesOf(a.id)).toEqual([]);
		const reopened = openLocalDb(localDbName(a.id));
		expect(await reopened.figures.count()).toBe(0);
		reopened.close();
		await Dexie.delete(localDbName(a.id));
		expect(await kioskState()).toBeNull();
		expect((await deviceAccounts()).map((x) => x.id)).toEqual([b.id]);
		const kept = openLocalDb(localDbName(b.id));
		expect(await kept.outbox.count()).toBe(1);
		kept.close();
	});

	it('sweeps away an account database the registry no longer names', async () => {
		const [kept, orphan] = [worker(3), worker(4)];
		await addDeviceAccount(kept);
		for (const account of [kept, orphan]) {
			const db = openLocalDb(localDbName(account.id));
			await db.meta.put({ key: 'clientId', value: 'x' });
			db.close();
		}
		// The database from before accounts is not an account's: it is not swept.
		const legacy = openLocalDb();
		await legacy.meta.put({ key: 'clientId', value: 'y' });
		legacy.close();

		expect(await sweepOrphanDatabases()).toEqual([localDbName(orphan.id)]);
		const names = await databaseNames();
		expect(names).toContain(localDbName(kept.id));
		expect(names).toContain('volunteer-stations');
		expect(names).not.toContain(localDbName(orphan.id));
	});

	it('keeps only the service worker precache of the Cache Storage', () => {
		expect(isPrecache('workbox-precache-v2-http://127.0.0.1:4173/')).toBe(true);
		expect(isPrecache('workbox-runtime-http://127.0.0.1:4173/')).toBe(false);
		expect(isPrecache('api-responses')).toBe(false);
	});
});
