import { afterEach, describe, expect, it } from 'vitest';
import { loadDemoData } from '$lib/server/seed';
import { serverFetch, testDevice, testServer } from '$lib/testing/harness';
import { clientId, getMeta } from './db';
import { SyncEngine } from './sync-engine.svelte';

/** What the browser does when it evicts the site's data or the user clears it. */
function deleteFromOutside(name: string) {
	return new Promise<void>((resolve, reject) => {
		const request = indexedDB.deleteDatabase(name);
		request.onsuccess = () => resolve();
		request.onerror = () => reject(request.error);
	});
}

describe('a device database deleted while the app runs', () => {
	let engine: SyncEngine | undefined;
	afterEach(() => engine?.stop());

	it('is reopened and filled again from the server, and says so', async () => {
		const server = await testServer();
		await loadDemoData(server, { stations: 2, members: 10, projects: 2 });
		const toServer = serverFetch(server);
		const db = testDevice();
		engine = new SyncEngine(db, (input, init) => toServer(String(input), init ?? {}));

		await engine.syncNow();
		expect(engine.lastError).toBeNull();
		expect(engine.rebuilt).toBe(false);
		expect(await db.volunteers.count()).toBe(10);
		const before = await clientId(db);

		await deleteFromOutside(db.name);
		// Dexie reopens the (now empty) database on the next read.
		expect(await db.volunteers.count()).toBe(0);

		await engine.syncNow();
		expect(engine.rebuilt).toBe(true);
		expect(engine.lastError).toBeNull();
		expect(await db.volunteers.count()).toBe(10);
		expect(await getMeta(db, 'cursor', 0)).toBeGreaterThan(0);
		// A database made anew is a new device to the server: its mutation ids start again at 1.
		expect(await clientId(db)).not.toBe(before);
	});

	it('does not cry wolf on an ordinary second sync', async () => {
		const server = await testServer();
		await loadDemoData(server, { stations: 1, members: 3, projects: 1 });
		const toServer = serverFetch(server);
		engine = new SyncEngine(testDevice(), (input, init) => toServer(String(input), init ?? {}));
		await engine.syncNow();
		await engine.syncNow();
		expect(engine.rebuilt).toBe(false);
	});
});
