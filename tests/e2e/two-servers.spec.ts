/**
 * A city deployment: two server processes (`node server`) on one PostgreSQL, behind one reverse
 * proxy. They start together (migrations and demo data once), a session made by one works on the
 * other, a device keeps syncing when the proxy sends it elsewhere, and 50 devices racing for the
 * last place through both get exactly one.
 */
import { expect, test } from './fixtures';
import { AccountScreens } from './pages/account';
import { MembersScreens } from './pages/members';
import { raceForLastPlace, RACERS } from './support/last-place-race';
import { startPostgres, type TestPostgres } from './support/postgres';
import { startProxy, type Proxy } from './support/proxy';
import { startAppServer, type AppServer } from './support/server';
import { latestRows, pullAll, signIn } from './support/sync-client';

test.describe.configure({ mode: 'serial' });

let postgres: TestPostgres;
let proxy: Proxy;
let servers: AppServer[] = [];

test.beforeAll(async () => {
	test.setTimeout(120_000);
	postgres = await startPostgres();
	proxy = await startProxy();
	const env = { DATABASE_URL: postgres.url, ORIGIN: proxy.url };
	servers = await Promise.all([startAppServer({ env }), startAppServer({ env })]);
	proxy.targets = servers.map((s) => s.url);
});

test.afterAll(async () => {
	await Promise.all(servers.map((s) => s.dispose()));
	await proxy?.close();
	await postgres?.stop();
});

const served = (server: number, path: string) => proxy.served[server]?.get(path) ?? 0;

test('a tablet signed in through one server syncs through the other', async ({ browser }) => {
	proxy.route = 0;
	const context = await browser.newContext({ baseURL: proxy.url, locale: 'en-US' });
	const page = await context.newPage();
	await new AccountScreens(page).signIn('xizongbu');
	const members = new MembersScreens(page);
	await members.app.waitUntilSynced();
	expect(served(0, '/api/auth/sign-in')).toBe(1);

	// The proxy now sends everything to the second process, which never saw the sign-in.
	proxy.route = 1;
	const pushesBefore = served(0, '/api/sync/push');
	await members.register({
		name: '赵桂兰',
		phone: '13911112222',
		district: 'Dongcheng',
		community: '西总布',
		skills: ['Elderly care']
	});
	await members.app.waitUntilSynced();
	expect(served(1, '/api/sync/push')).toBeGreaterThanOrEqual(1);
	expect(served(0, '/api/sync/push')).toBe(pushesBefore);

	// The first process reads what the second one stored (for her colleague's device).
	proxy.route = 0;
	const colleague = await signIn(proxy.url, 'xizongbu2');
	const everything = await pullAll(colleague, crypto.randomUUID());
	const names = latestRows(everything.changes)
		.of('volunteers')
		.map((v) => v.name);
	expect(names).toContain('赵桂兰');
	await context.close();
});

test('50 devices racing for the last place through both servers: exactly one gets it', async () => {
	proxy.route = 'each in turn';
	const admin = await signIn(proxy.url);
	const before = [0, 1].map((k) => served(k, '/api/sync/push'));
	await raceForLastPlace(admin, () => admin);
	const racedOn = [0, 1].map((k) => served(k, '/api/sync/push') - before[k]!);
	// Each process took about half of the racers (and of the few set-up pushes).
	for (const count of racedOn) expect(count).toBeGreaterThanOrEqual(RACERS / 2 - 1);
});
