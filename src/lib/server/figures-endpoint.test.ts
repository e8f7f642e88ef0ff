/**
 * `GET /api/figures` through its real handler, as a signed-in browser calls it: each role gets
 * its own scope, a scope that is not hers is refused, bad input gets a specific 400.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { AccountInfo } from '$lib/domain/accounts';
import { demoData, type DemoOptions } from '$lib/domain/demo';
import { figuresAnswerSchema, type FiguresAnswer } from '$lib/domain/figures';
import { APP_ORIGIN, TestBrowser } from '$lib/testing/browser-client';
import { testServer } from '$lib/testing/harness';
import { GET as figures } from '../../routes/api/figures/+server';
import { POST as signIn } from '../../routes/api/auth/sign-in/+server';
import type { Db } from './database';
import { DEMO_PASSWORD, loadDemoData } from './seed';

const server = vi.hoisted(() => ({ db: undefined as unknown as Db }));
vi.mock('$lib/server/context', () => ({
	serverContext: () => Promise.resolve({ db: server.db, schemaVersion: 2 })
}));

const DEMO: DemoOptions = { stations: 18, members: 30, projects: 4 };
const data = demoData(DEMO);
const [xizongbu, xicheng] = data.stations;

let nextAddress = 1;
const browser = () => new TestBrowser(APP_ORIGIN, `198.51.100.${nextAddress++}`);

beforeAll(async () => {
	server.db = await testServer();
	await loadDemoData(server.db, DEMO);
}, 60_000);

async function signedIn(login: string) {
	const as = browser();
	const response = await as.call(signIn, '/api/auth/sign-in', {
		body: { login, password: DEMO_PASSWORD }
	});
	expect(response.status).toBe(200);
	const { account } = (await response.json()) as { account: AccountInfo };
	return (query: string) =>
		as.call(figures, `/api/figures?${query}`, { method: 'GET', account: account.id });
}

async function answer(response: Response): Promise<FiguresAnswer> {
	expect(response.status, await response.clone().text()).toBe(200);
	expect(response.headers.get('cache-control')).toBe('no-store');
	return figuresAnswerSchema.parse(await response.json());
}

describe('GET /api/figures', () => {
	it('gives each role her own scope when she names none', async () => {
		const city = await answer(await (await signedIn('beijing'))('period=2026'));
		expect(city.scope).toEqual({ level: 'city' });
		expect(city.units).toHaveLength(16);
		const district = await answer(await (await signedIn('dongcheng'))('period=2026-11'));
		expect(district.scope).toEqual({ level: 'district', district: 'dongcheng' });
		expect(district.stations.every((s) => s.district === 'dongcheng')).toBe(true);
		const station = await answer(await (await signedIn('xizongbu'))('period=2026'));
		expect(station.scope).toEqual({ level: 'station', stationId: xizongbu!.id });
	});

	it('refuses a district admin another district and its stations, and any volunteer', async () => {
		const dongcheng = await signedIn('dongcheng');
		for (const query of [
			'period=2026&district=xicheng',
			`period=2026&station=${xicheng!.id}`,
			`period=2026&district=xicheng&street=${encodeURIComponent(xicheng!.street)}`
		]) {
			const refused = await dongcheng(query);
			expect(refused.status, query).toBe(403);
			expect(await refused.json()).toEqual({ code: 'forbidden' });
		}
		const worker = await signedIn('xizongbu');
		expect((await worker('period=2026&district=dongcheng')).status).toBe(403);
		const volunteer = await signedIn('13800000001');
		expect((await volunteer('period=2026')).status).toBe(403);
	});

	it('answers bad input with the field at fault, and a stranger 401', async () => {
		const city = await signedIn('beijing');
		const bad = await city('period=2026-13');
		expect(bad.status).toBe(400);
		expect(await bad.json()).toEqual({ code: 'invalid', path: ['period'] });
		expect(await (await city('period=2026&district=atlantis')).json()).toEqual({
			code: 'invalid',
			path: ['district']
		});
		expect((await city('period=2026&sort=1')).status).toBe(400);
		const stranger = await browser().call(figures, '/api/figures?period=2026', { method: 'GET' });
		expect(stranger.status).toBe(401);
	});
});
