import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { FigureScope } from '$lib/domain/figures';
import { figuresAnswer } from '$lib/testing/figures-fixture';
import { testDevice } from '$lib/testing/harness';
import { openLocalDb } from './db';
import { fetchFigures, keptFigures, ownFigureScope } from './figures';

const dongcheng: FigureScope = { level: 'district', district: 'dongcheng' };
const accountId = '9d0f3a3e-6c2b-4b8e-8f51-2a7d4c1e0b99';
const at = (iso: string) => () => new Date(iso);

function answering(status: number, body: unknown) {
	const calls: { url: string; init: RequestInit }[] = [];
	const fetcher = async (url: string, init: RequestInit) => {
		calls.push({ url, init });
		return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
	};
	return { fetcher, calls };
}

const offline = async (): Promise<Response> => {
	throw new TypeError('Failed to fetch');
};

describe('figures kept on the device', () => {
	it('asks for the scope as the signed-in account and keeps the answer', async () => {
		const db = testDevice();
		const server = answering(200, figuresAnswer());
		const outcome = await fetchFigures(db, accountId, dongcheng, '2026-11', {
			fetcher: server.fetcher,
			now: at('2026-11-30T03:00:00.000Z')
		});
		expect(outcome.ok).toBe(true);
		expect(server.calls[0]?.url).toBe('/api/figures?period=2026-11&district=dongcheng');
		expect(new Headers(server.calls[0]?.init.headers).get('x-account')).toBe(accountId);
		const kept = await keptFigures(db, dongcheng, '2026-11');
		expect(kept?.keptAt).toBe('2026-11-30T03:00:00.000Z');
		expect(kept?.answer.totals.serviceVisits).toBe(20);
	});

	it('offline, gives the copy kept from before', async () => {
		const db = testDevice();
		await fetchFigures(db, accountId, dongcheng, '2026-11', {
			fetcher: answering(200, figuresAnswer()).fetcher,
			now: at('2026-11-30T03:00:00.000Z')
		});
		const outcome = await fetchFigures(db, accountId, dongcheng, '2026-11', { fetcher: offline });
		expect(outcome).toMatchObject({ ok: false, code: 'offline' });
		expect(outcome.kept?.answer.asOf).toBe('2026-11-30T02:00:00.000Z');
		expect(outcome.kept?.keptAt).toBe('2026-11-30T03:00:00.000Z');
	});

	it('offline with nothing kept for that question, says there is none', async () => {
		const db = testDevice();
		await fetchFigures(db, accountId, dongcheng, '2026-11', {
			fetcher: answering(200, figuresAnswer()).fetcher
		});
		const otherMonth = await fetchFigures(db, accountId, dongcheng, '2026-10', {
			fetcher: offline
		});
		expect(otherMonth).toEqual({ ok: false, code: 'offline', kept: null });
	});

	it('an answer that does not read as figures is refused, and the old copy stays', async () => {
		const db = testDevice();
		await fetchFigures(db, accountId, dongcheng, '2026-11', {
			fetcher: answering(200, figuresAnswer()).fetcher
		});
		const broken = { ...figuresAnswer(), totals: { serviceVisits: -1 } };
		const outcome = await fetchFigures(db, accountId, dongcheng, '2026-11', {
			fetcher: answering(200, broken).fetcher
		});
		expect(outcome).toMatchObject({ ok: false, code: 'invalid_response' });
		expect(outcome.kept?.answer.totals.serviceVisits).toBe(20);
		expect((await keptFigures(db, dongcheng, '2026-11'))?.answer.totals.serviceVisits).toBe(20);
	});

	it('an answer about another district is refused, never kept as hers', async () => {
		const db = testDevice();
		const chaoyang = figuresAnswer({ level: 'district', district: 'chaoyang' });
		const outcome = await fetchFigures(db, accountId, dongcheng, '2026-11', {
			fetcher: answering(200, chaoyang).fetcher
		});
		expect(outcome).toEqual({ ok: false, code: 'invalid_response', kept: null });
		expect(await db.figures.count()).toBe(0);
	});

	it("passes on the server's refusal, and a page that is not JSON is read as unreadable", async () => {
		const db = testDevice();
		const refused = await fetchFigures(db, accountId, dongcheng, '2026-11', {
			fetcher: answering(403, { code: 'forbidden' }).fetcher
		});
		expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
		const html = await fetchFigures(db, accountId, dongcheng, '2026-11', {
			fetcher: answering(404, '<html>not here</html>').fetcher
		});
		expect(html).toMatchObject({ ok: false, code: 'invalid_response' });
		const down = await fetchFigures(db, accountId, dongcheng, '2026-11', {
			fetcher: answering(503, 'busy').fetcher
		});
		expect(down).toMatchObject({ ok: false, code: 'offline' });
	});

	it('a kept copy that no longer reads as figures is not shown', async () => {
		const db = testDevice();
		await db.figures.put({
			key: 'period=2026-11&district=dongcheng',
			period: '2026-11',
			answer: { scope: dongcheng },
			keptAt: '2026-11-30T03:00:00.000Z'
		});
		expect(await keptFigures(db, dongcheng, '2026-11')).toBeNull();
	});

	it("each account's own scope: the city, her district, her station", () => {
		const stationId = '0b7e6a52-3c1d-4f8e-9a2b-5c6d7e8f9a01';
		expect(ownFigureScope({ role: 'city_admin', district: null, stationId: null })).toEqual({
			level: 'city'
		});
		expect(ownFigureScope({ role: 'district_admin', district: 'dongcheng', stationId: null })).toEqual(
			dongcheng
		);
		expect(ownFigureScope({ role: 'station_worker', district: 'dongcheng', stationId })).toEqual({
			level: 'station',
			stationId
		});
		expect(ownFigureScope({ role: 'volunteer', district: null, stationId: null })).toBeNull();
	});
});

describe('the device database, one version on', () => {
	it('opens a database of the previous version with its rows, and an empty figures table', async () => {
		const name = `v4-device-${crypto.randomUUID()}`;
		// Version 4 as it shipped (src/lib/client/data/db.ts before figures were kept).
		const old = new Dexie(name);
		old.version(1).stores({
			stations: 'id, district, name',
			volunteers: 'id, name, phone, district, homeStationId, status, updatedAt',
			projects: 'id, stationId, district, category, status, updatedAt',
			shifts: 'id, projectId, stationId, start',
			signups: 'id, shiftId, volunteerId, projectId, [shiftId+volunteerId]',
			outbox: 'id',
			base: 'key',
			refusals: 'mutationId',
			meta: 'key'
		});
		old.version(3).stores({
			volunteers: 'id, name, phone, district, homeStationId, status, updatedAt, erasureRequestedAt',
			staff: 'id, stationId, district, role',
			transfers: 'id, volunteerId, fromStationId, toStationId, status'
		});
		old.version(4).stores({
			attendance: 'id, [shiftId+volunteerId], shiftId, volunteerId',
			roster: 'id, shiftId',
			hoursRules: 'id, district'
		});
		await old.table('meta').put({ key: 'clientId', value: 'kept-client' });
		await old.table('outbox').put({ id: 1, name: 'volunteer.register', args: {}, createdAt: 'x' });
		old.close();

		const db = openLocalDb(name);
		expect(await db.meta.get('clientId')).toEqual({ key: 'clientId', value: 'kept-client' });
		expect(await db.outbox.count()).toBe(1);
		expect(await db.figures.count()).toBe(0);
		db.close();
	});
});
