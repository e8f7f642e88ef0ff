/**
 * Every screen, as each kind of user meets it, in Chinese and English, with normal and large text
 * (长辈模式): axe-core finds nothing (see support/audit.ts for the rules), and at phone and tablet
 * sizes touch targets and text are as large as the text size promises. Axe runs once per screen,
 * language and text size: at tablet size with normal text, at phone size with large text, where
 * space is shortest. One browser context per account; the language, the text size and the window
 * size change in place.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AccountScreens, DEMO_STAFF_NAMES, DEMO_VOLUNTEER_PHONE } from './pages/account';
import { axeViolations, sizeProblems } from './support/audit';
import { AppShell } from './pages/app';
import { seedReadiness, startCallout } from './support/callouts';
import { careVolunteerScreens, careWorkerScreens } from './support/care-screens';
import { organizationScreens } from './support/organization-screens';
import {
	adminScreens,
	calloutScreens,
	finishPinSetup,
	gateScreens,
	setLanguage,
	setTextSize,
	settled,
	teamScreens,
	toPinSetup,
	volunteerScreens,
	workerScreens,
	type Lang,
	type Screen,
	type TextSize
} from './support/screens';

const viewports = {
	tablet: { width: 1024, height: 768 },
	phone: { width: 390, height: 844 }
};
/** Where axe runs for each text size. */
const axeOn: Record<TextSize, keyof typeof viewports> = { normal: 'tablet', large: 'phone' };
const langs: Lang[] = ['zh', 'en'];

/**
 * Shows the page at `size` in place. Large text is the root's `data-text` and the CSS that scales
 * from it (the switch that sets it is tested in large-text.spec.ts), so flipping the attribute
 * shows the very screen that was open, an open menu or confirmation included, without opening it
 * again.
 */
async function showTextSize(page: Page, size: TextSize) {
	await page.evaluate((s) => {
		document.documentElement.dataset.text = s;
		return new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
	}, size);
}

/**
 * Opens each screen once per language and checks it at each text size and window size, collecting
 * what is wrong to report all at once. Normal text is checked from tablet to phone size and large
 * text back again, so each screen costs two window resizes and the next one opens at tablet size.
 */
async function audit(page: Page, screens: Screen[]): Promise<string[]> {
	const found: string[] = [];
	const order: [TextSize, (keyof typeof viewports)[]][] = [
		['normal', ['tablet', 'phone']],
		['large', ['phone', 'tablet']]
	];
	await setTextSize(page, 'normal');
	await page.setViewportSize(viewports.tablet);
	for (const lang of langs) {
		await setLanguage(page, lang);
		for (const screen of screens) {
			await screen.open(page);
			for (const [size, devices] of order) {
				await showTextSize(page, size);
				for (const device of devices) {
					if (page.viewportSize()?.width !== viewports[device].width) {
						await page.setViewportSize(viewports[device]);
					}
					const where = `${screen.name} ${lang} ${size} ${device}`;
					if (axeOn[size] === device) {
						for (const problem of await axeViolations(page)) found.push(`${where}: ${problem}`);
					}
					for (const problem of await sizeProblems(page, size)) found.push(`${where}: ${problem}`);
				}
			}
		}
	}
	return found;
}

test.describe.configure({ timeout: 8 * 60_000 });

test('signing in, registering, setting a PIN, the lock screen and the kiosk', async ({
	device
}) => {
	const { page } = await device({ locale: 'zh-CN' });
	await page.goto('/');
	await settled(page);
	const found = await audit(page, [gateScreens.signIn, gateScreens.register]);

	await toPinSetup(page, 'xizongbu');
	found.push(...(await audit(page, [{ name: 'pin-setup', open: (p) => settled(p) }])));
	await finishPinSetup(page);

	const account = new AccountScreens(page);
	await account.lock();
	const reopen = (p: Page) => p.reload().then(() => settled(p));
	found.push(...(await audit(page, [{ name: 'lock', open: reopen }])));
	await account.unlockAs(DEMO_STAFF_NAMES.xizongbu);
	await account.startKiosk();
	found.push(...(await audit(page, [{ name: 'kiosk', open: reopen }])));
	expect(found).toEqual([]);
});

// The tours are cut into parts of a few minutes each, so the end-to-end workers share them evenly.
const WORKER_PARTS = 3;
for (let part = 0; part < WORKER_PARTS; part++) {
	test(`a station worker’s screens, part ${part + 1} of ${WORKER_PARTS}`, async ({ device }) => {
		const { page } = await device({ account: 'xizongbu' });
		const screens = await workerScreens(page);
		const size = Math.ceil(screens.length / WORKER_PARTS);
		expect(await audit(page, screens.slice(part * size, (part + 1) * size))).toEqual([]);
	});
}

test('a volunteer’s screens on her phone', async ({ device }) => {
	const phone = await device({ account: DEMO_VOLUNTEER_PHONE });
	const screens = [...(await volunteerScreens(phone.page)), ...careVolunteerScreens()];
	expect(await audit(phone.page, screens)).toEqual([]);
});

test('a station’s volunteer teams and one-to-one pairings', async ({ device }) => {
	const { page } = await device({ account: 'xizongbu' });
	const screens = [...(await teamScreens(page)), ...(await careWorkerScreens(page))];
	expect(await audit(page, screens)).toEqual([]);
});

test('a district’s social organizations, pairings and teams, for its admin and the paired station', async ({
	device
}) => {
	const admin = await device({ account: 'dongcheng' });
	const organizations = await organizationScreens(admin.page);
	const teams = (await teamScreens(admin.page, true)).filter((s) => s.name.startsWith('teams'));
	const found = await audit(admin.page, [...organizations.admin, ...teams]);
	const worker = await device({ account: 'xizongbu' });
	await new AppShell(worker.page).waitUntilSynced();
	found.push(...(await audit(worker.page, organizations.station)));
	expect(found).toEqual([]);
});

test('the city admin’s own screens', async ({ device }) => {
	const admin = await device({ account: 'beijing' });
	expect(await audit(admin.page, await adminScreens(admin.page))).toEqual([]);
});

test('an emergency call-out under way, on a station’s tablet and its district admin’s', async ({
	device,
	server
}) => {
	await seedReadiness(server.url);
	const worker = await device({ account: 'xizongbu' });
	const callout = await startCallout(worker.page);
	const found = await audit(worker.page, calloutScreens(callout));
	const admin = await device({ account: 'dongcheng' });
	found.push(...(await audit(admin.page, calloutScreens(callout, true))));
	expect(found).toEqual([]);
});
