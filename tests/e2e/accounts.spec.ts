/**
 * Accounts on real devices, against the built server: a shared tablet where workers switch with
 * their PIN offline and see nothing of each other, the idle lock and the wrong-PIN wait, signing
 * out (the warning about unsynced changes, the wipe, the server session ended), what each role's
 * device receives in a pull. A volunteer registering herself is in platform.spec.ts.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { sessionCookieName } from '../../src/lib/domain/accounts';
import { SCHEMA_VERSION } from '../../src/lib/domain/sync';
import { expect, test } from './fixtures';
import {
	AccountScreens,
	DEMO_PASSWORD,
	DEMO_PIN,
	DEMO_STAFF_NAMES,
	DEMO_VOLUNTEER_PHONE
} from './pages/account';
import { AppShell } from './pages/app';
import { MembersScreens, type NewMember } from './pages/members';
import { dumpDatabase, readStore } from './support/indexeddb';
import {
	latestRows,
	postJson,
	pullAll,
	sessionHeaders,
	signIn,
	type Session
} from './support/sync-client';

const DEVICE_DB = 'volunteer-stations-device';
/** The second worker's PIN: not the first one's, so a mix-up would show. */
const PIN_B = '1357';

/** A member registered on the tablet, saved there, but not yet on the server. */
const saved: NewMember = {
	name: '韩玉珍',
	phone: '17711110001',
	district: 'Dongcheng',
	community: '西总布',
	skills: ['Elderly care']
};
/** What a worker was still typing when she left the tablet. */
const unsaved = { name: '蒋秀云', phone: '17711110002' };

/** What the server says about a signed-in account (its station, for a worker). */
async function accountOf(session: Session) {
	const response = await fetch(`${session.base}/api/auth/session`, {
		headers: sessionHeaders(session)
	});
	expect(response.status).toBe(200);
	return (
		(await response.json()) as {
			account: { id: string; stationId: string | null; volunteerId: string | null };
		}
	).account;
}

/** Every member the server sends an account, latest row of each. */
async function serverMembers(session: Session) {
	return latestRows((await pullAll(session, crypto.randomUUID())).changes).of('volunteers');
}

/** The names of the IndexedDB databases on the device. */
async function databaseNames(page: Page): Promise<string[]> {
	return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
}

/** The member records in the unlocked account's own database. */
async function localMembers(page: Page) {
	const name = await new AccountScreens(page).localDbName();
	return ((await readStore(page, name, 'volunteers')) ?? []) as {
		id: string;
		name: string;
		phone: string;
		homeStationId: string | null;
	}[];
}

/** The session cookie of an account, as the browser holds it. */
async function sessionCookie(context: BrowserContext, accountId: string) {
	const cookies = await context.cookies();
	return cookies.find((c) => c.name === sessionCookieName(accountId)) ?? null;
}

/** A sync request as a device would send it with that cookie: the server's status code. */
async function pullStatusWith(base: string, accountId: string, cookie: string) {
	const response = await postJson({ base, accountId, cookie }, '/api/sync/pull', {
		clientId: crypto.randomUUID(),
		schemaVersion: SCHEMA_VERSION,
		cursor: 0
	});
	return response.status;
}

/** The server is gone and the browser is offline: the service worker cannot reach it either. */
async function goOffline(context: BrowserContext, server: { stop(): Promise<void> }) {
	await server.stop();
	await context.setOffline(true);
}

async function goOnline(context: BrowserContext, server: { start(): Promise<void> }) {
	await server.start();
	await context.setOffline(false);
}

test('on a shared tablet offline, a worker switching in sees nothing of the last one’s unsaved form, screens or changes; her own saved work waits for her', async ({
	device,
	server
}) => {
	// Two accounts each download their station on one device: on busy cores, more than a minute.
	test.setTimeout(120_000);
	const { context, page } = await device();
	const account = new AccountScreens(page);
	const app = new AppShell(page);
	const members = new MembersScreens(page);

	// Worker B signed in on this tablet earlier, with her PIN; then worker A signs in online.
	await account.signIn('xizongbu2', DEMO_PASSWORD, { pin: PIN_B });
	await app.waitUntilSynced();
	await account.signIn('xizongbu', DEMO_PASSWORD, { pin: DEMO_PIN });
	await app.openReadyForOffline('/members');
	const accountA = await account.unlockedAccountId();

	await goOffline(context, server);

	// A saves one registration (it waits for the network), opens a project, and starts another.
	await members.register(saved);
	await expect(app.syncStatus).toContainText('1 change waiting');
	await app.goViaNav('Projects');
	await page.getByRole('main').getByRole('listitem').getByRole('link').first().click();
	await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
	await app.goViaNav('Volunteers');
	await page.getByRole('link', { name: 'Register a volunteer' }).first().click();
	const form = page.getByRole('main').locator('form');
	await form.getByLabel('Name', { exact: true }).fill(unsaved.name);
	await form.getByLabel('Phone', { exact: true }).fill(unsaved.phone);
	await expect(page).toHaveURL(/\/members\/new$/);

	// B takes the tablet, still offline.
	await account.switchUser();
	await expect(page.getByRole('main')).not.toContainText(unsaved.name);
	await account.unlockAs(DEMO_STAFF_NAMES.xizongbu2, PIN_B);
	expect(await account.unlockedAccountId()).not.toBe(accountA);
	await expect(page.getByRole('button', { name: /^Account:/ })).toContainText(
		DEMO_STAFF_NAMES.xizongbu2
	);

	// Not A's screen, nothing she typed, nothing she saved, in the page or in B's lists.
	expect(new URL(page.url()).pathname).toBe('/');
	for (const trace of [unsaved.name, unsaved.phone, saved.name, saved.phone]) {
		expect(await page.content()).not.toContain(trace);
	}
	const typed = await page.evaluate(() =>
		[...document.querySelectorAll('input, textarea')].map((e) => (e as HTMLInputElement).value)
	);
	expect(typed).not.toContain(unsaved.name);
	await expect(app.syncStatus).not.toContainText(/changes? waiting/);
	expect(await readStore(page, await account.localDbName(), 'outbox')).toEqual([]);
	await app.goViaNav('Volunteers');
	const list = page.getByRole('main').getByRole('listitem');
	await expect(list.first()).toBeVisible();
	await expect(page.getByRole('main')).not.toContainText(saved.name);
	await page.getByRole('searchbox').fill(saved.name);
	await expect(page.getByRole('main').getByRole('listitem')).toHaveCount(0);
	const bMembers = await localMembers(page);
	expect(bMembers.length).toBeGreaterThan(0);
	expect(bMembers.filter((m) => m.phone === saved.phone || m.name === unsaved.name)).toEqual([]);

	// A comes back, still offline: her saved registration is there, still waiting; the half-typed one is not.
	await account.switchUser();
	await account.unlockAs(DEMO_STAFF_NAMES.xizongbu, DEMO_PIN);
	await expect(app.syncStatus).toContainText('1 change waiting');
	const found = await members.search(saved.phone);
	await expect(found).toHaveCount(1);
	await expect(found).toContainText(saved.name);
	expect(await page.content()).not.toContain(unsaved.name);
	expect((await localMembers(page)).filter((m) => m.name === unsaved.name)).toEqual([]);
});

test('the device locks itself after the idle time; five wrong PINs bring a wait', async ({
	device
}) => {
	const { page } = await device();
	// Fake time, so minutes pass at once; it flows on by itself meanwhile.
	await page.clock.install();
	const account = new AccountScreens(page);
	const app = new AppShell(page);
	await account.signIn('xizongbu');
	await app.waitUntilSynced();

	await page
		.getByRole('navigation', { name: 'Main navigation' })
		.getByRole('link', { name: 'About', exact: true })
		.click();
	await page.getByLabel('Lock staff accounts after').selectOption({ label: '1 min' });
	await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

	await app.goViaNav('Volunteers');
	const firstMember = page.getByRole('main').getByRole('listitem').first();
	await expect(firstMember).toBeVisible();
	const shown = (await firstMember.innerText()).split('\n')[0]!.trim();
	expect(shown.length).toBeGreaterThan(0);

	// Under a minute without a touch: still open.
	await page.clock.fastForward('00:40');
	await expect(app.syncStatus).toBeVisible();
	await expect(account.lockScreenHeading).toHaveCount(0);
	expect(await account.unlockedAccountId()).not.toBeNull();

	// Past the minute: the lock screen, and nothing of the members list behind it.
	await page.clock.fastForward('00:30');
	await expect(account.lockScreenHeading).toBeVisible();
	await expect(app.syncStatus).toHaveCount(0);
	await expect(page.getByRole('navigation', { name: 'Main navigation' })).toHaveCount(0);
	expect(await page.content()).not.toContain(shown);
	expect(await account.unlockedAccountId()).toBeNull();

	// Four wrong PINs are counted down; the fifth brings a wait, in which no PIN is taken.
	for (let left = 4; left >= 1; left--) {
		await account.enterPin(DEMO_STAFF_NAMES.xizongbu, '0000');
		await expect(page.getByText(`Wrong PIN. Attempts left: ${left}.`)).toBeVisible();
	}
	await account.enterPin(DEMO_STAFF_NAMES.xizongbu, '0000');
	const wait = page
		.getByRole('alert')
		.filter({ hasText: /Too many wrong PINs\. Try again in \d+ s\./ });
	await expect(wait).toBeVisible();
	await expect(page.getByLabel('PIN', { exact: true })).toBeDisabled();
	await expect(page.getByRole('button', { name: 'Unlock' })).toBeDisabled();

	// A reload does not end the wait.
	await page.reload();
	await expect(account.lockScreenHeading).toBeVisible();
	await expect(wait).toBeVisible();
	await expect(page.getByRole('button', { name: 'Unlock' })).toBeDisabled();

	// Once it has run out, the right PIN opens the device again.
	await page.clock.fastForward('00:31');
	await expect(wait).toHaveCount(0);
	await account.unlockAs(DEMO_STAFF_NAMES.xizongbu, DEMO_PIN);
	await expect(app.syncStatus).toBeVisible();
});

test('signing out offline with an unsynced change warns with its count; after "sign out anyway" the device holds nothing of her, and the server ends her session once reachable', async ({
	device,
	server
}) => {
	// Two accounts each download their station on one device: on busy cores, more than a minute.
	test.setTimeout(120_000);
	const { context, page } = await device();
	const account = new AccountScreens(page);
	const app = new AppShell(page);
	const members = new MembersScreens(page);
	await account.signIn('xizongbu2', DEMO_PASSWORD, { pin: PIN_B });
	await app.waitUntilSynced();
	await account.signIn('xizongbu', DEMO_PASSWORD, { pin: DEMO_PIN });
	await app.openReadyForOffline('/members');
	const accountA = (await account.unlockedAccountId())!;
	const dbA = await account.localDbName();
	expect(await databaseNames(page)).toContain(dbA);
	const cookie = await sessionCookie(context, accountA);
	expect(cookie).not.toBeNull();
	const cookieHeader = `${cookie!.name}=${cookie!.value}`;

	await goOffline(context, server);
	await members.register(saved);
	await expect(app.syncStatus).toContainText('1 change waiting');

	const dialog = await account.signOut();
	await expect(dialog).toContainText(
		'Changes made with this account that have not reached the server yet: 1.'
	);
	await expect(dialog).toContainText(
		'You are offline: connect to the internet to send them first.'
	);
	await expect(dialog.getByRole('button', { name: 'Sign out anyway' })).toBeVisible();
	await dialog.getByRole('button', { name: 'Sign out anyway' }).click();

	// The next person sees the lock screen, with only the colleague's account left to unlock.
	await expect(
		page.getByRole('heading', { level: 1, name: `${DEMO_STAFF_NAMES.xizongbu2}: enter your PIN` })
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Choose another account' })).toHaveCount(0);
	for (const trace of [saved.name, saved.phone]) {
		expect(await page.content()).not.toContain(trace);
	}

	// Nothing of her is left in IndexedDB: no database of hers, no registry entry or PIN hash.
	const names = await databaseNames(page);
	expect(names.filter((n) => n.includes(accountA))).toEqual([]);
	const registry = (await readStore(page, DEVICE_DB, 'accounts')) as { id: string }[];
	expect(registry.map((r) => r.id)).not.toContain(accountA);
	expect(registry).toHaveLength(1);
	expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain(accountA);
	// The caches hold the app itself and nothing else.
	const cacheNames = await page.evaluate(async () => caches.keys());
	expect(cacheNames.filter((name) => !name.startsWith('workbox-precache'))).toEqual([]);

	// Her change was deleted with her data, and never reaches the server.
	await goOnline(context, server);
	// The sign-out made offline reaches the server once it can: her old cookie is refused.
	await expect
		.poll(() => pullStatusWith(server.url, accountA, cookieHeader), { timeout: 30_000 })
		.toBe(401);
	await expect.poll(async () => dumpDatabase(page, DEVICE_DB)).not.toContain(accountA);
	expect(await databaseNames(page)).not.toContain(dbA);
	const colleague = await signIn(server.url, 'xizongbu2');
	expect((await serverMembers(colleague)).filter((m) => m.phone === saved.phone)).toEqual([]);
});

test('signing out online offers to sync first; once synced she is signed out and her old session cookie is refused', async ({
	device,
	server
}) => {
	// No service worker: the page's own requests are what the test holds back.
	const { context, page } = await device({ account: 'xizongbu', serviceWorkers: 'block' });
	const account = new AccountScreens(page);
	const app = new AppShell(page);
	const members = new MembersScreens(page);
	await app.waitUntilSynced();
	const accountA = (await account.unlockedAccountId())!;
	const dbA = await account.localDbName();
	const cookie = await sessionCookie(context, accountA);
	expect(cookie).not.toBeNull();
	const cookieHeader = `${cookie!.name}=${cookie!.value}`;

	// The server is busy for a while: the change waits on the device.
	const busy = '**/api/sync/push';
	await page.route(busy, (route) =>
		route.fulfill({ status: 503, contentType: 'application/json', body: '{"code":"unavailable"}' })
	);
	await members.register(saved);
	await expect(app.syncStatus).toContainText('1 change waiting');
	await expect(app.syncStatus).toContainText('Sync failed');

	const dialog = await account.signOut();
	await expect(dialog).toContainText(
		'Changes made with this account that have not reached the server yet: 1.'
	);
	await expect(dialog.getByRole('button', { name: 'Sign out anyway' })).toBeVisible();
	const syncFirst = dialog.getByRole('button', { name: 'Sync now' });
	await expect(syncFirst).toBeVisible();

	// The server is back: she syncs first, and then nothing is in the way of signing out.
	await page.unroute(busy);
	await syncFirst.click();
	await expect(dialog.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
	await expect(dialog.getByRole('alert')).toHaveCount(0);
	await expect(dialog.getByRole('button', { name: 'Sign out anyway' })).toHaveCount(0);
	const colleague = await signIn(server.url, 'xizongbu2');
	expect((await serverMembers(colleague)).filter((m) => m.phone === saved.phone)).toHaveLength(1);
	await dialog.getByRole('button', { name: 'Sign out', exact: true }).click();

	// The device is back at the sign-in screen; nothing of hers is left.
	await expect(account.signInHeading).toBeVisible();
	expect(await page.content()).not.toContain(saved.name);
	expect((await databaseNames(page)).filter((n) => n.includes(accountA))).toEqual([]);
	expect(await readStore(page, DEVICE_DB, 'accounts')).toEqual([]);
	expect(await databaseNames(page)).not.toContain(dbA);

	// The server ended her session: the cookie she had is refused, and the browser dropped it.
	expect(await pullStatusWith(server.url, accountA, cookieHeader)).toBe(401);
	expect(await sessionCookie(context, accountA)).toBeNull();
});

test('chaoyang1’s device never receives a Xizongbu member; a volunteer’s device holds only her own record and sign-ups', async ({
	device,
	server
}) => {
	// On the server, the Xizongbu station has members, with their phones.
	const xizongbu = await signIn(server.url, 'xizongbu');
	const { stationId: xizongbuStation } = await accountOf(xizongbu);
	const theirs = (await serverMembers(xizongbu)).filter((m) => m.homeStationId === xizongbuStation);
	expect(theirs.length).toBeGreaterThanOrEqual(60);
	const theirPhones = new Set(theirs.map((m) => String(m.phone)));

	// chaoyang1 signs in and syncs everything her account may see.
	const { page } = await device({ account: 'chaoyang1' });
	const app = new AppShell(page);
	await app.waitUntilSynced();
	const chaoyang = await signIn(server.url, 'chaoyang1');
	const { stationId: chaoyangStation } = await accountOf(chaoyang);
	const local = await localMembers(page);
	expect(local.length).toBe((await serverMembers(chaoyang)).length);
	expect(local.length).toBeGreaterThan(0);
	expect(local.filter((m) => m.homeStationId === xizongbuStation)).toEqual([]);
	expect(local.filter((m) => theirPhones.has(m.phone))).toEqual([]);
	expect(local.every((m) => m.homeStationId === chaoyangStation)).toBe(true);
	const everything = await dumpDatabase(page, await new AccountScreens(page).localDbName());
	for (const phone of theirPhones) expect(everything).not.toContain(phone);

	// The volunteer's phone: her own member record, her own sign-ups, no one else's phone.
	const phone = await device({ account: DEMO_VOLUNTEER_PHONE });
	await new AppShell(phone.page).waitUntilSynced();
	const volunteer = await signIn(server.url, DEMO_VOLUNTEER_PHONE);
	const { volunteerId } = await accountOf(volunteer);
	const own = await localMembers(phone.page);
	expect(own).toHaveLength(1);
	expect(own[0]).toMatchObject({ id: volunteerId, phone: DEMO_VOLUNTEER_PHONE });
	const dbName = await new AccountScreens(phone.page).localDbName();
	const signups = ((await readStore(phone.page, dbName, 'signups')) ?? []) as {
		volunteerId: string;
	}[];
	expect(signups.filter((s) => s.volunteerId !== volunteerId)).toEqual([]);
	const onPhone = await dumpDatabase(phone.page, dbName);
	const mobiles = new Set(onPhone.match(/(?<!\d)1[3-9]\d{9}(?!\d)/g) ?? []);
	expect([...mobiles]).toEqual([DEMO_VOLUNTEER_PHONE]);
});

test('a volunteer’s phone remembers that it opens on her home, as her role alone; a start at the lock or sign-in screen forgets it, and a wrong guess changes nothing shown', async ({
	device
}) => {
	const hint = (page: Page) => page.evaluate(() => localStorage.getItem('vs-opened-home'));
	// A new device given a guess that does not hold: it still opens at sign-in, and drops it.
	const { page, context } = await device();
	await page.goto('/');
	await page.evaluate(() => localStorage.setItem('vs-opened-home', 'volunteer'));
	await page.reload();
	const account = new AccountScreens(page);
	await expect(account.signInHeading).toBeVisible();
	await expect.poll(() => hint(page)).toBeNull();

	await account.signIn(DEMO_VOLUNTEER_PHONE);
	// A new start (a new tab, as the installed app opens) goes straight to her home.
	const next = await context.newPage();
	await next.goto('/');
	await expect(next.getByRole('heading', { level: 1, name: /^(Hello|你好)/ })).toBeVisible();
	await expect.poll(() => hint(next)).toBe('volunteer');

	// She asks for the lock screen (to let someone else sign in): that start forgets it.
	await new AccountScreens(next).switchUser();
	await expect.poll(() => hint(next)).toBeNull();
});
