/**
 * An admin's device holds the members she works with, not her whole scope: the city admin's fresh
 * browser holds no member after its first sync; she finds one on the server by name and opens her,
 * and from then on the member's page works offline, from the one member record the device holds.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppShell } from './pages/app';
import { readStore } from './support/indexeddb';
import { latestRows, pullAll, signIn } from './support/sync-client';

/** How many member records the unlocked account's database holds. */
async function membersOnDevice(page: Page): Promise<number> {
	const name = await new AppShell(page).account.localDbName();
	return (await readStore(page, name, 'volunteers'))?.length ?? 0;
}

test('a city admin’s device holds no member records it did not open', async ({
	device,
	server
}) => {
	// A demo member, as her own station's tablet knows her.
	const station = await signIn(server.url, 'chaoyang1');
	const [member] = latestRows((await pullAll(station, crypto.randomUUID())).changes).of(
		'volunteers'
	);
	const name = String(member!.name);

	const { context, page } = await device({ account: 'beijing' });
	const app = new AppShell(page);
	await app.openReadyForOffline('/members');
	expect(await membersOnDevice(page)).toBe(0);

	const main = page.getByRole('main');
	await main.getByLabel('Find a volunteer').fill(name);
	await main.getByRole('button', { name: 'Find', exact: true }).click();
	const found = main
		.getByRole('listitem')
		.filter({ has: page.locator('.name', { hasText: new RegExp(`^${name}$`) }) })
		.first();
	await expect(found).toContainText(/\d{3}\*{4}\d{4}/);
	await expect(found).not.toContainText(String(member!.phone));
	await found.getByRole('button').click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	expect(await membersOnDevice(page)).toBe(1);

	// No network: finding needs it, and says so; the member she opened is still here.
	await context.setOffline(true);
	await app.goViaNav('Volunteers');
	await expect(main.getByRole('status').filter({ hasText: 'needs the network' })).toBeVisible();
	const held = main.getByRole('listitem');
	await expect(held).toHaveCount(1);
	await held.getByRole('link', { name: new RegExp(name) }).click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	await expect(app.syncStatus).toContainText('Offline');
	expect(await membersOnDevice(page)).toBe(1);
});
