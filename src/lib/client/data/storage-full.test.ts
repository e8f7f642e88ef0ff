import { afterEach, describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '$lib/domain/reference';
import { loadDemoData } from '$lib/server/seed';
import { serverFetch, testDevice, testServer } from '$lib/testing/harness';
import { clientId, type LocalDb } from './db';
import { isStorageFull, runMutation } from './mutate';
import { SyncEngine } from './sync-engine.svelte';

const station = {
	id: '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
	createdAt: '2026-01-01T00:00:00.000Z',
	updatedAt: '2026-01-01T00:00:00.000Z',
	version: 1,
	updatedBy: null,
	name: '西总布社区妇女志愿服务站',
	district: 'dongcheng' as const,
	street: '建国门街道',
	community: '西总布',
	levelAwardedOn: null,
	status: 'open' as const,
	address: '北京市东城区西总布社区1号',
	level: 'national' as const,
	contactName: '',
	contactPhone: '',
	openingHours: '',
	services: []
};

function registration(phone: string) {
	return {
		id: crypto.randomUUID(),
		name: '王秀英',
		phone,
		gender: 'female' as const,
		birthYear: 1970,
		district: 'dongcheng' as const,
		community: '西总布',
		skills: [],
		languages: ['zh' as const],
		availability: '',
		emergencyResponder: false,
		consent: true,
		consentVersion: PRIVACY_NOTICE_VERSION,
		homeStationId: station.id,
		source: 'staff' as const,
		at: '2026-03-01T02:00:00.000Z'
	};
}

/** Makes every IndexedDB write fail the way a browser does when the site's quota is used up. */
function fillStorage() {
	const store = IDBObjectStore.prototype;
	const { add, put } = store;
	const full = () => {
		throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
	};
	store.add = full;
	store.put = full;
	return () => {
		store.add = add;
		store.put = put;
	};
}

async function snapshot(db: LocalDb) {
	return {
		volunteers: await db.volunteers.toArray(),
		outbox: await db.outbox.toArray(),
		base: await db.base.toArray(),
		meta: await db.meta.toArray()
	};
}

describe('a device whose storage is full', () => {
	let restore: (() => void) | undefined;
	afterEach(() => restore?.());

	it('answers storage_full and keeps every change saved before', async () => {
		const db = testDevice();
		await db.stations.put(station);
		const first = await runMutation(db, 'volunteer.register', registration('13800000001'));
		expect(first).toEqual({ ok: true, mutationId: 1 });
		const before = await snapshot(db);

		restore = fillStorage();
		const refused = await runMutation(db, 'volunteer.register', registration('13800000002'));
		expect(refused).toEqual({ ok: false, code: 'storage_full', path: [], detail: {} });
		restore();
		restore = undefined;

		// Nothing of the refused change, everything of the earlier one.
		expect(await snapshot(db)).toEqual(before);
		// Once there is room again, the next change takes the next id.
		const next = await runMutation(db, 'volunteer.register', registration('13800000003'));
		expect(next).toEqual({ ok: true, mutationId: 2 });
		expect((await db.outbox.toArray()).map((e) => e.id)).toEqual([1, 2]);
	});

	it('shows storage_full when a sync cannot store what it pulled', async () => {
		const server = await testServer();
		await loadDemoData(server, { stations: 1, members: 3, projects: 1 });
		const toServer = serverFetch(server);
		const db = testDevice();
		await clientId(db);
		const engine = new SyncEngine(db, (input, init) => toServer(String(input), init ?? {}));
		restore = fillStorage();
		await engine.syncNow();
		engine.stop();
		expect(engine.lastError).toBe('storage_full');
		expect(await db.volunteers.count()).toBe(0);
	});

	it('recognises the quota error however Dexie wraps it', async () => {
		const quota = new DOMException('full', 'QuotaExceededError');
		expect(isStorageFull(quota)).toBe(true);
		expect(isStorageFull({ name: 'AbortError', inner: quota })).toBe(true);
		expect(isStorageFull({ name: 'AbortError', inner: { name: 'UnknownError' } })).toBe(false);
		expect(isStorageFull(new Error('boom'))).toBe(false);
		expect(isStorageFull(null)).toBe(false);
	});
});
