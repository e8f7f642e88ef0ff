/**
 * Recovery: changes queued in a tab that was closed before it could sync are sent when the app
 * opens again (and is unlocked with the PIN), and a first download interrupted halfway resumes
 * where it stopped.
 */
import type { Page, Route } from '@playwright/test';
import { expect, test } from './fixtures';
import { DEMO_STAFF_NAMES } from './pages/account';
import { AppShell } from './pages/app';
import { MembersScreens } from './pages/members';

/** Counts in the unlocked account's own database, read in the page. */
async function localCounts(page: Page) {
	const name = await new AppShell(page).account.localDbName();
	return page.evaluate(async (name) => {
		const open = indexedDB.open(name);
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const count = (store: string) =>
			new Promise<number>((resolve) => {
				const request = db.transaction(store).objectStore(store).count();
				request.onsuccess = () => resolve(request.result);
			});
		const cursor = await new Promise<unknown>((resolve) => {
			const request = db.transaction('meta').objectStore('meta').get('cursor');
			request.onsuccess = () => resolve((request.result as { value?: unknown } | undefined)?.value);
		});
		const result = {
			volunteers: await count('volunteers'),
			outbox: await count('outbox'),
			cursor: Number(cursor ?? 0)
		};
		db.close();
		return result;
	}, name);
}

test('changes queued in a closed tab are sent when the app opens again', async ({
	device,
	server
}) => {
	const { context, page } = await device({ account: 'xizongbu' });
	const members = new MembersScreens(page);
	await members.app.openReadyForOffline('/members');

	await server.stop();
	await context.setOffline(true);
	await members.register({
		name: '吴春兰',
		phone: '13900007777',
		district: 'Dongcheng',
		community: '朝阳门',
		skills: ['Childcare']
	});
	await expect(members.app.syncStatus).toContainText('1 change waiting');
	await page.close();

	await server.start();
	await context.setOffline(false);
	const reopened = await context.newPage();
	const app = new AppShell(reopened);
	// A new tab starts locked: the worker unlocks with her PIN, and the queue goes out.
	await reopened.goto('/');
	await app.account.unlockAs(DEMO_STAFF_NAMES.xizongbu);
	await app.waitUntilSynced();
	expect((await localCounts(reopened)).outbox).toBe(0);

	const other = await device({ account: 'xizongbu2' });
	const found = await new MembersScreens(other.page).search('13900007777');
	await expect(found).toHaveCount(1);
});

test('a first download cut off halfway resumes from where it stopped', async ({ device }) => {
	// No service worker here: this is about the sync protocol, and the page's own requests.
	const { context, page } = await device({ serviceWorkers: 'block' });
	const cursors: number[] = [];
	let pages = 0;
	const smallPages = async (route: Route) => {
		const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
		cursors.push(Number(body.cursor));
		pages++;
		// Three pages of 100 get through, then the network goes.
		if (pages > 3) return route.abort('internetdisconnected');
		await route.continue({ postData: JSON.stringify({ ...body, limit: 100 }) });
	};
	await context.route('**/api/sync/pull', smallPages);
	const app = new AppShell(page);
	// A station's tablet receives its members, projects, shifts, sign-ups and rosters (over 300
	// rows; an admin's device holds far fewer): the first download starts on unlock.
	await app.signIn('xizongbu');
	await expect(app.syncStatus).toContainText('Offline');
	const cut = await localCounts(page);
	expect(cut.cursor).toBeGreaterThan(0);
	expect(cut.volunteers).toBeGreaterThan(0);

	// The network is back; the device goes on from its cursor, showing its progress.
	await context.unroute('**/api/sync/pull', smallPages);
	const resumed: number[] = [];
	await context.route('**/api/sync/pull', async (route) => {
		const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
		resumed.push(Number(body.cursor));
		// Smaller pages now, so what is left takes several and the progress bar has time to be seen.
		await new Promise((r) => setTimeout(r, 150));
		await route.continue({ postData: JSON.stringify({ ...body, limit: 10 }) });
	});
	await page.reload();
	await expect(page.getByRole('progressbar')).toBeVisible();
	await app.waitUntilSynced();
	expect(resumed[0]).toBe(cut.cursor);
	const done = await localCounts(page);
	expect(done.cursor).toBeGreaterThan(cut.cursor);
	expect(done.volunteers).toBeGreaterThanOrEqual(cut.volunteers);
	await page.goto('/');
	await expect(page.getByRole('main')).toContainText(String(done.volunteers));
});
