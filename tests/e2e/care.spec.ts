/**
 * One-to-one pairing end to end, against the built server: the demo volunteer, on her phone with
 * no network, logs a visit to 张奶奶, whom she keeps company; it shows at once as waiting, and
 * syncs when she is online again. Xizongbu's worker verifies it on the station's tablet, and after
 * her next sync the volunteer's hours on her home have grown by the visit's hours. The district's
 * admin, who never receives one-to-one records, sees nothing of 张奶奶.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DEMO_VOLUNTEER_PHONE } from './pages/account';
import { AppShell } from './pages/app';

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 1024, height: 768 };

/** The hours figure on her home ("12.5 h"), as a number. */
async function hoursOnHome(page: Page): Promise<number> {
	const value = page.getByRole('region', { name: 'Service hours' }).getByText(/^[\d.,]+ h$/);
	const text = (await value.textContent()) ?? '';
	const match = /([\d.,]+)\s*h/.exec(text);
	expect(match, `hours figure "${text}"`).not.toBeNull();
	return Number(match![1]!.replace(/,/g, ''));
}

test('a visit logged offline on her phone is verified by her station and adds to her hours', async ({
	device
}) => {
	test.setTimeout(180_000);

	// Her phone, ready for the network to go.
	const phone = await device({ account: DEMO_VOLUNTEER_PHONE });
	await phone.page.setViewportSize(PHONE);
	const app = new AppShell(phone.page);
	await app.openReadyForOffline('/');
	const pairings = phone.page.getByRole('region', { name: 'My pairings' });
	const zhang = pairings.getByRole('article', { name: '张奶奶' });
	await expect(zhang).toContainText('Companion to an older person');
	await expect(zhang).toContainText(/Verified: 1\.5 h/);
	const before = await hoursOnHome(phone.page);

	await phone.context.setOffline(true);
	await zhang.getByRole('button', { name: 'Log a visit' }).click();
	const form = zhang.locator('form');
	await expect(form.getByLabel('Date of the visit')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
	await form.getByRole('button', { name: '2 h', exact: true }).click();
	await expect(form.getByRole('spinbutton').first()).toHaveValue('2');
	await form.getByLabel('Note').fill('陪张奶奶去社区医院量血压');
	await form.getByRole('button', { name: 'Save the visit' }).click();

	// At once, offline: her visit is there, waiting for the station and to be sent.
	await expect(zhang.getByRole('status')).toContainText('Visit saved');
	const logged = zhang.getByRole('listitem').filter({ hasText: '陪张奶奶去社区医院量血压' });
	await expect(logged).toContainText('2 h');
	await expect(logged).toContainText('Waiting for verification');
	await expect(logged).toContainText('Saved on this device');

	// Online again, it is sent.
	await phone.context.setOffline(false);
	await app.reloadAndSync();
	await expect(logged).not.toContainText('Saved on this device');
	await expect(logged).toContainText('Waiting for verification');

	// The station's tablet: the way in from its home, the visit at the top, verified.
	const tablet = await device({ account: 'xizongbu' });
	await tablet.page.setViewportSize(TABLET);
	const desk = new AppShell(tablet.page);
	await desk.open('/');
	await desk.waitUntilSynced();
	await tablet.page.getByRole('link', { name: /One-to-one pairing.*to verify/ }).click();
	await expect(tablet.page.getByRole('heading', { level: 1 })).toHaveText('One-to-one pairing');
	const toVerify = tablet.page.getByRole('region', { name: /visits? to verify/ });
	const row = toVerify.getByRole('listitem').filter({ hasText: '陪张奶奶去社区医院量血压' });
	await expect(row).toContainText('张奶奶');
	await expect(row).toContainText('Credits 2 h');
	await row.getByRole('button', { name: 'Verify' }).click();
	await expect(row).toHaveCount(0);
	// The person's page keeps her guardian's phone, where only the station sees it.
	await expect(tablet.page.getByRole('region', { name: 'People helped' })).not.toContainText(
		'13900000388'
	);
	await desk.waitUntilSynced();

	// Her phone, after its next sync: verified, and her hours have grown by the visit's two.
	await app.reloadAndSync();
	await expect(logged).toContainText('Verified: 2 h');
	await expect.poll(() => hoursOnHome(phone.page)).toBeCloseTo(before + 2, 2);
	await expect(phone.page.getByRole('region', { name: 'Service hours' })).toContainText(
		/verified visits?/
	);
	await app.open('/me');
	await expect(
		phone.page.getByRole('region', { name: 'Service hours record' }).getByRole('listitem')
	).toContainText(['Visit: 张奶奶']);
});

test('a district admin’s device is offered no one-to-one pairing and holds no one helped', async ({
	device
}) => {
	const admin = await device({ account: 'dongcheng' });
	const desk = new AppShell(admin.page);
	await desk.open('/');
	await desk.waitUntilSynced();
	const main = admin.page.getByRole('main');
	await expect(main.getByRole('link', { name: /One-to-one pairing/ })).toHaveCount(0);
	await expect(main).not.toContainText('张奶奶');

	await desk.open('/care');
	await expect(main).toContainText("kept by each station's own workers");
	await expect(main).not.toContainText('张奶奶');
	// Not even out of sight: the device's own database has no one helped.
	const held = await admin.page.evaluate(async () => {
		const names = (await indexedDB.databases()).map((d) => d.name ?? '');
		let count = 0;
		for (const name of names) {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(new Error(String(open.error)));
			});
			for (const table of ['helpedPeople', 'carePairings', 'careVisits']) {
				if (!db.objectStoreNames.contains(table)) continue;
				count += await new Promise<number>((resolve) => {
					const request = db.transaction(table).objectStore(table).count();
					request.onsuccess = () => resolve(request.result);
				});
			}
			db.close();
		}
		return { count, names: names.length };
	});
	expect(held.names).toBeGreaterThan(0);
	expect(held.count).toBe(0);
});
