/**
 * The installable, offline app against the production build. Playwright's setOffline does not
 * cut off the service worker's own fetches, so where the worker's network matters the tests also
 * stop the server: then nothing can come from anywhere but the worker's cache.
 */
import { existsSync } from 'node:fs';
import { expect, test } from './fixtures';
import { AppShell } from './pages/app';
import { MembersScreens } from './pages/members';

/** The second build the update test deploys (`npm run build:v2`). */
const V2 = process.env.E2E_BUILD_V2_DIR ?? 'build-v2';

test('the manifest is linked and valid, and the service worker controls the page', async ({
	device,
	server
}) => {
	const { page } = await device({ account: 'xizongbu' });
	const app = new AppShell(page);
	await app.open('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBeTruthy();
	const response = await page.request.get(new URL(href!, server.url).toString());
	expect(response.ok()).toBe(true);
	const manifest = (await response.json()) as Record<string, unknown>;
	expect(manifest).toMatchObject({ display: 'standalone', start_url: '/', scope: '/' });
	expect(String(manifest.name)).toContain('志愿服务站');
	expect(String(manifest.name)).toContain('Volunteer Stations');
	const icons = manifest.icons as { sizes: string; purpose?: string; src: string }[];
	expect(icons.some((i) => i.sizes === '192x192')).toBe(true);
	expect(icons.some((i) => i.sizes === '512x512' && i.purpose === 'maskable')).toBe(true);
	for (const icon of icons) {
		const image = await page.request.get(new URL(icon.src, server.url).toString());
		expect(image.ok(), icon.src).toBe(true);
		expect(image.headers()['content-type']).toContain('image/png');
	}
	await app.waitForOfflineReady();
	// The worker may take control while it is still activating (clients.claim); it then finishes.
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state))
		.toBe('activated');
});

test('a first install of the service worker that fails is tried again without a reload', async ({
	device
}) => {
	const { page, context } = await device();
	// The first worker the browser fetches fails its install, as one whose precache was cut off.
	let served = 0;
	await context.route('**/sw.js', async (route) => {
		served += 1;
		if (served > 1) return route.continue();
		await route.fulfill({
			contentType: 'text/javascript',
			body: "self.addEventListener('install', (e) => e.waitUntil(Promise.reject(new Error('cut off'))));"
		});
	});
	// The sign-in screen is the first any new device opens.
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await new AppShell(page).waitForOfflineReady();
	expect(served).toBeGreaterThan(1);
	// The worker may take control while it is still activating (clients.claim); it then finishes.
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state))
		.toBe('activated');
});

test('with the server gone, every route opens from the device, never visited ones too', async ({
	device,
	server
}) => {
	const { page, context } = await device({ account: 'xizongbu' });
	const app = new AppShell(page);
	await app.openReadyForOffline('/');
	const dbName = await app.account.localDbName();
	const ids = await page.evaluate(async (name) => {
		const open = indexedDB.open(name);
		const db = await new Promise<IDBDatabase>(
			(resolve) => (open.onsuccess = () => resolve(open.result))
		);
		const first = (store: string) =>
			new Promise<string>((resolve) => {
				const request = db.transaction(store).objectStore(store).openCursor();
				request.onsuccess = () => resolve(String(request.result?.key));
			});
		const result = {
			station: await first('stations'),
			member: await first('volunteers'),
			project: await first('projects')
		};
		db.close();
		return result;
	}, dbName);

	await server.stop();
	await context.setOffline(true);
	const routes: [string, RegExp][] = [
		['/', /Overview/],
		['/stations', /Stations/],
		['/members', /Volunteers/],
		['/projects', /Projects/],
		['/projects/new', /Release a project/],
		['/members/new', /Register a volunteer/],
		['/sync', /Sync/],
		['/about', /About/],
		[`/stations/${ids.station}`, /社区妇女志愿服务站/],
		[`/members/${ids.member}`, /.+/],
		[`/members/${ids.member}/card`, /.+/],
		[`/projects/${ids.project}`, /.+/]
	];
	for (const [path, heading] of routes) {
		const response = await page.goto(path);
		expect(response?.fromServiceWorker(), path).toBe(true);
		await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(heading);
		await expect(page.getByText('Internal Error')).toHaveCount(0);
	}
	// The page shows real records from the device, not an empty shell.
	await page.goto(`/stations/${ids.station}`);
	await expect(page.getByRole('main')).toContainText('北京市');
	await expect(page.getByRole('main')).toContainText('Opening hours');
	// Its content-hashed files came from the precache by the worker's static route, without
	// running the worker's script for each (Chromium 123 on; elsewhere its handler serves them).
	const sources = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.filter((entry) => new URL(entry.name).pathname.startsWith('/_app/immutable/'))
			.map((entry) => (entry as { workerFinalSourceType?: string }).workerFinalSourceType)
	);
	expect(sources.length).toBeGreaterThan(0);
	expect(new Set(sources)).toEqual(new Set(['cache']));

	const health = await page.evaluate(async () => {
		try {
			const response = await fetch('/api/health');
			return `${response.status} ${response.headers.get('content-type')}`;
		} catch {
			return 'failed';
		}
	});
	expect(health).toBe('failed');
});

test('a record made offline is still there after an offline reload', async ({ device, server }) => {
	const { page, context } = await device({ account: 'xizongbu' });
	const members = new MembersScreens(page);
	await members.app.openReadyForOffline('/members');
	await server.stop();
	await context.setOffline(true);

	await members.register({
		name: '赵丽娟',
		phone: '13900005555',
		district: 'Dongcheng',
		community: '和平里',
		skills: ['Legal aid']
	});
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: '赵丽娟' })).toBeVisible();
	await expect(members.app.syncStatus).toContainText('1 change waiting');
	await expect(members.app.syncStatus).toContainText('Offline');
});

test('an update waits for the user, keeps the queued change, and the change then syncs', async ({
	device,
	server
}) => {
	expect(existsSync(`${V2}/index.js`), 'needs the second build: npm run build:v2').toBe(true);
	const { page, context } = await device({ account: 'xizongbu' });
	const members = new MembersScreens(page);
	await members.app.openReadyForOffline('/about');
	const v1 = await page.getByTestId('about-version').textContent();

	// Offline: a change is queued on the device.
	await server.stop();
	await context.setOffline(true);
	await members.register({
		name: '孙晓敏',
		phone: '13900006666',
		district: 'Dongcheng',
		community: '东四',
		skills: []
	});
	await expect(members.app.syncStatus).toContainText('1 change waiting');

	// Version 2 is deployed; the device comes back online and finds it.
	await server.start(V2);
	await context.setOffline(false);
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect(page.getByText('A new version is ready')).toBeVisible({ timeout: 30_000 });
	// The new version takes over only now: after the outbox was pushed, or if the user confirms.
	const reloaded = page.waitForEvent('load', { timeout: 30_000 });
	await page.getByRole('button', { name: 'Reload to update' }).click();
	const anyway = page.getByRole('button', { name: 'Update anyway' });
	await Promise.race([
		reloaded,
		anyway
			.waitFor({ timeout: 30_000 })
			.then(() => anyway.click())
			.catch(() => undefined)
	]);
	await reloaded;
	await members.app.open('/about');
	await expect(page.getByTestId('about-version')).toHaveText('e2e-v2');
	expect(v1).not.toBe('e2e-v2');
	await expect(page.getByText('A new version is ready')).toHaveCount(0);
	await members.app.waitUntilSynced();
	const found = await members.search('孙晓敏');
	await expect(found).toHaveCount(1);

	const other = await device({ account: 'xizongbu2' });
	const elsewhere = new MembersScreens(other.page);
	await expect(await elsewhere.search('13900006666')).toHaveCount(1);
});
