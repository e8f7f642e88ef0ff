/**
 * The running server tried as an attacker would, over HTTP only: the headers on every kind of
 * answer, sign-in limits against a burst, device ids bound to their account, refusals that name
 * no one out of scope; and a tablet that worked offline syncing on its own once the server is back.
 */
import { SCHEMA_VERSION } from '../../src/lib/domain/sync';
import { expect, test } from './fixtures';
import { AppShell } from './pages/app';
import { MembersScreens } from './pages/members';
import { startAppServer } from './support/server';
import {
	DEMO_PASSWORD,
	latestRows,
	postJson,
	pullAll,
	pushBatch,
	signIn
} from './support/sync-client';

interface RouteKind {
	kind: string;
	path: string;
	method?: 'GET' | 'POST';
	/** A page (HTML) or an answer that may carry personal data (no-store). */
	page?: boolean;
	api?: boolean;
	/** The service worker's own scripts: revalidated on every update check. */
	worker?: boolean;
}

const API: RouteKind[] = [
	{ kind: 'health', path: '/api/health' },
	{ kind: 'session', path: '/api/auth/session' },
	{ kind: 'sign-in', path: '/api/auth/sign-in', method: 'POST' },
	{ kind: 'register', path: '/api/auth/register', method: 'POST' },
	{ kind: 'sign-out', path: '/api/auth/sign-out', method: 'POST' },
	{ kind: 'push', path: '/api/sync/push', method: 'POST' },
	{ kind: 'pull', path: '/api/sync/pull', method: 'POST' },
	{
		kind: 'disable',
		path: '/api/accounts/00000000-0000-4000-8000-000000000000/disable',
		method: 'POST'
	},
	{ kind: 'member search', path: '/api/members/search?q=%E7%8E%8B%E7%A7%80' },
	{
		kind: 'open member',
		path: '/api/members/00000000-0000-4000-8000-000000000000/open',
		method: 'POST'
	}
].map((r) => ({ ...r, api: true }) as RouteKind);

async function routeKinds(base: string): Promise<RouteKind[]> {
	const shell = await (await fetch(`${base}/shell`)).text();
	const script = shell.match(/\/_app\/immutable\/[^"']+\.js/)?.[0];
	if (!script) throw new Error('the shell names no script');
	return [
		{ kind: 'home page', path: '/', page: true },
		{ kind: 'deep route', path: '/members/4f1c2a9e-0000-4000-8000-000000000001', page: true },
		{ kind: 'prerendered shell', path: '/shell', page: true },
		{ kind: 'unknown page', path: '/no-such-page', page: true },
		{ kind: 'immutable script', path: script },
		{ kind: 'service worker', path: '/sw.js', worker: true },
		{ kind: 'service worker routes', path: '/sw-routes.js', worker: true },
		{ kind: 'web manifest', path: '/manifest.webmanifest' },
		{ kind: 'icon', path: '/pwa-192x192.png' },
		{ kind: 'version file', path: '/_app/version.json' },
		...API
	];
}

async function answer(base: string, route: RouteKind) {
	return fetch(`${base}${route.path}`, {
		method: route.method ?? 'GET',
		headers: route.method === 'POST' ? { 'content-type': 'application/json', origin: base } : {},
		body: route.method === 'POST' ? '{}' : undefined
	});
}

test('every kind of answer carries every security header', async ({ server }) => {
	for (const route of await routeKinds(server.url)) {
		const response = await answer(server.url, route);
		const h = (name: string) => response.headers.get(name) ?? '';
		const where = `${route.kind} ${route.path} (${response.status})`;
		expect(h('x-content-type-options'), where).toBe('nosniff');
		expect(h('x-frame-options'), where).toBe('DENY');
		expect(h('referrer-policy'), where).toBe('same-origin');
		expect(h('permissions-policy'), where).toContain('camera=(self)');
		expect(h('permissions-policy'), where).toContain('microphone=()');
		const csp = h('content-security-policy');
		expect(csp, where).toContain("frame-ancestors 'none'");
		if (route.page) {
			const scripts = csp.match(/script-src ([^;]*)/)?.[1] ?? '';
			expect(scripts, where).toContain("'self'");
			expect(scripts, where).not.toContain('unsafe-inline');
			// No eval of JavaScript; WebAssembly may compile (the roster's QR reader, served by us).
			expect(scripts.split(/\s+/), where).not.toContain("'unsafe-eval'");
			expect(scripts.replace("'wasm-unsafe-eval'", ''), where).not.toContain('eval');
			expect(csp, where).toContain("object-src 'none'");
		} else {
			expect(csp, where).toMatch(/default-src '(none|self)'/);
		}
		if (route.api) expect(h('cache-control'), where).toContain('no-store');
		if (route.worker) expect(h('cache-control'), where).toBe('no-cache');
		// Plain http on this machine: no HSTS.
		expect(h('strict-transport-security'), where).toBe('');
	}
});

test('a server whose origin is https tells browsers to keep to it', async () => {
	const https = await startAppServer({ env: { ORIGIN: 'https://stations.example.cn' } });
	try {
		for (const path of ['/shell', '/favicon.ico', '/api/health']) {
			const response = await fetch(`${https.url}${path}`);
			expect(response.headers.get('strict-transport-security'), path).toMatch(/max-age=\d{7,}/);
		}
	} finally {
		await https.dispose();
	}
});

test('the app runs under its policy: no violation while a worker uses it', async ({ device }) => {
	const violations: string[] = [];
	const { page } = await device({ account: 'xizongbu' });
	page.on('console', (message) => {
		if (/content security policy|permissions-policy/i.test(message.text())) {
			violations.push(message.text());
		}
	});
	const app = new AppShell(page);
	await app.openReadyForOffline('/');
	for (const section of ['Volunteers', 'Projects', 'Stations', 'Home'] as const) {
		await app.goViaNav(section);
	}
	await page.reload();
	await expect(app.syncStatus).toBeVisible();
	expect(violations).toEqual([]);
});

test('41 sign-ins sent at once for one login check at most 5 passwords', async ({ server }) => {
	const attempt = (password: string) =>
		fetch(`${server.url}/api/auth/sign-in`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify({ login: 'xizongbu2', password })
		});
	const answers = await Promise.all([
		...Array.from({ length: 40 }, (_, i) => attempt(`guess-${i}`)),
		attempt(DEMO_PASSWORD)
	]);
	const statuses = answers.map((r) => r.status);
	expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
	expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(35);
	expect(statuses).not.toContain(200);
	const retry = answers.find((r) => r.status === 429)!;
	expect(Number(retry.headers.get('retry-after'))).toBeGreaterThan(0);
});

test('another account’s device id is refused, and the owner’s queue is intact', async ({
	server
}) => {
	const owner = await signIn(server.url, 'xizongbu');
	const intruder = await signIn(server.url, 'chaoyang1');
	const clientId = crypto.randomUUID();
	const world = latestRows((await pullAll(owner, clientId)).changes);
	const stationId = String(world.of('stations').find((s) => s.community === '西总布')!.id);
	const member = (n: number) => ({
		id: crypto.randomUUID(),
		name: `韩${n}`,
		phone: `1390000${String(8000 + n)}`,
		gender: null,
		birthYear: null,
		district: 'dongcheng',
		community: '西总布',
		skills: [],
		languages: [],
		availability: '',
		emergencyResponder: false,
		consent: true,
		consentVersion: '2026-01',
		homeStationId: stationId,
		source: 'staff',
		at: new Date().toISOString()
	});
	expect(
		(await pushBatch(owner, clientId, [{ id: 1, name: 'volunteer.register', args: member(1) }]))
			.results
	).toEqual([{ id: 1, status: 'applied' }]);

	const stolenPull = await postJson(intruder, '/api/sync/pull', {
		clientId,
		schemaVersion: SCHEMA_VERSION,
		cursor: 0,
		resultsAfter: 0
	});
	expect(stolenPull.status).toBe(403);
	const stolenPush = await postJson(intruder, '/api/sync/push', {
		clientId,
		schemaVersion: SCHEMA_VERSION,
		mutations: [{ id: 2, name: 'volunteer.register', args: member(2) }]
	});
	expect(stolenPush.status).toBe(403);
	expect(await stolenPush.json()).toEqual({ code: 'client_not_yours' });

	const next = await pushBatch(owner, clientId, [
		{ id: 2, name: 'volunteer.register', args: member(3) }
	]);
	expect(next).toEqual({ lastMutationId: 2, results: [{ id: 2, status: 'applied' }] });
});

test('a refusal never names a member outside the caller’s scope', async ({ server }) => {
	// A Chaoyang station's tablet holds her; every device holds the stations.
	const chaoyang = await signIn(server.url, 'chaoyang1');
	const all = latestRows((await pullAll(chaoyang, crypto.randomUUID())).changes);
	const stations = new Map(all.of('stations').map((s) => [String(s.id), s]));
	const xizongbu = all.of('stations').find((s) => s.community === '西总布')!;
	const other = all
		.of('volunteers')
		.find(
			(v) => v.homeStationId && stations.get(String(v.homeStationId))?.district === 'chaoyang'
		)!;
	const worker = await signIn(server.url, 'xizongbu');
	const answer = await pushBatch(worker, crypto.randomUUID(), [
		{
			id: 1,
			name: 'volunteer.register',
			args: {
				id: crypto.randomUUID(),
				name: '冒名',
				phone: String(other.phone),
				gender: null,
				birthYear: null,
				district: 'dongcheng',
				community: '西总布',
				skills: [],
				languages: [],
				availability: '',
				emergencyResponder: false,
				consent: true,
				consentVersion: '2026-01',
				homeStationId: String(xizongbu.id),
				source: 'staff',
				at: new Date().toISOString()
			}
		}
	]);
	expect(answer.results[0]).toEqual({
		id: 1,
		status: 'refused',
		code: 'duplicate_phone',
		path: ['phone'],
		detail: {}
	});
	expect(JSON.stringify(answer)).not.toContain(String(other.name));
});

test('after a server restart, a tablet that worked meanwhile syncs within a minute on its own', async ({
	device,
	server
}) => {
	const { page } = await device({ account: 'xizongbu' });
	await page.clock.install();
	const members = new MembersScreens(page);
	// The tablet stays unlocked for the hour this story fast-forwards through.
	await members.app.openReadyForOffline('/about');
	await page.locator('#idle-minutes').selectOption('60');
	await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

	await server.stop();
	await members.register({
		name: '卫秋菊',
		phone: '13900006161',
		district: 'Dongcheng',
		community: '西总布',
		skills: []
	});
	// Twenty minutes of the server being away: every try fails and the wait grows.
	for (let i = 0; i < 40; i++) {
		await page.clock.fastForward('00:30');
		await page.waitForTimeout(50);
	}
	await expect(members.app.syncStatus).toContainText('1 change waiting');

	await server.start();
	await page.clock.runFor(60_000);
	// Her station's other tablet receives her once the server has her.
	const colleague = await signIn(server.url, 'xizongbu2');
	await expect
		.poll(
			async () =>
				latestRows((await pullAll(colleague, crypto.randomUUID())).changes)
					.of('volunteers')
					.some((v) => v.phone === '13900006161'),
			{ timeout: 15_000 }
		)
		.toBe(true);
});
