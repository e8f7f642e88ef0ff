/**
 * Screenshots of every screen at tablet (1024 × 768) and phone (390 × 844) sizes, in Chinese and
 * English, with normal and large text, for people to look at. Not a check, so it runs only when
 * asked: `SHOTS_DIR=/tmp/shots-ui npx playwright test screenshots`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AccountScreens, DEMO_PIN, DEMO_STAFF_NAMES, DEMO_VOLUNTEER_PHONE } from './pages/account';
import { AppShell } from './pages/app';
import { seedReadiness, startCallout } from './support/callouts';
import {
	adminFiguresScreens,
	calloutScreens,
	adminScreens,
	finishPinSetup,
	gateScreens,
	setLanguage,
	setTextSize,
	toPinSetup,
	readinessScreens,
	teamScreens,
	volunteerScreens,
	workerScreens,
	type Lang,
	type Screen,
	type TextSize
} from './support/screens';
import { careVolunteerScreens, careWorkerScreens } from './support/care-screens';
import { calloutStory } from './support/callout-story';
import { organizationScreens } from './support/organization-screens';

const dir = process.env.SHOTS_DIR ?? '';
test.skip(!dir, 'screenshots only when SHOTS_DIR is set');
test.setTimeout(Number(process.env.SHOTS_TIMEOUT ?? 20 * 60_000));

const viewports = {
	tablet: { width: 1024, height: 768 },
	phone: { width: 390, height: 844 }
};
const langs: Lang[] = ['zh', 'en'];
const sizes: TextSize[] = ['normal', 'large'];

async function shoot(page: Page, screen: Screen, lang: Lang, size: TextSize) {
	for (const [device, viewport] of Object.entries(viewports)) {
		await page.setViewportSize(viewport);
		await screen.open(page);
		await page.screenshot({
			path: join(dir, `${screen.name}.${lang}.${size}.${device}.png`),
			fullPage: true
		});
	}
}

async function tour(page: Page, screens: Screen[]) {
	for (const lang of langs) {
		await setLanguage(page, lang);
		for (const size of sizes) {
			await setTextSize(page, size);
			for (const screen of screens) await shoot(page, screen, lang, size);
		}
	}
	await setTextSize(page, 'normal');
}

test('every screen, in both languages and both text sizes, at tablet and phone sizes', async ({
	device
}) => {
	mkdirSync(dir, { recursive: true });

	const gate = await device({ locale: 'zh-CN' });
	await gate.page.goto('/');
	await tour(gate.page, [gateScreens.signIn, gateScreens.register]);

	const worker = await device({ locale: 'zh-CN' });
	await toPinSetup(worker.page, 'xizongbu');
	for (const lang of langs) {
		await setLanguage(worker.page, lang);
		for (const size of sizes) {
			await setTextSize(worker.page, size);
			await shoot(worker.page, { name: 'pin-setup', open: async () => {} }, lang, size);
		}
	}
	await finishPinSetup(worker.page);
	await tour(worker.page, await workerScreens(worker.page));

	const account = new AccountScreens(worker.page);
	await account.lock();
	await tour(worker.page, [
		{
			name: 'lock',
			open: async (p) => {
				await p.reload();
				await expect(account.lockScreenHeading).toBeVisible();
			}
		}
	]);
	await account.unlockAs(DEMO_STAFF_NAMES.xizongbu, DEMO_PIN);
	await account.startKiosk();
	await tour(worker.page, [
		{
			name: 'kiosk',
			open: async (p) => {
				await p.reload();
				await expect(p.getByRole('heading', { level: 1 })).toBeVisible();
			}
		}
	]);

	const admin = await device({ locale: 'zh-CN', account: 'beijing' });
	await tour(admin.page, await adminScreens(admin.page));

	const phone = await device({ locale: 'zh-CN', account: DEMO_VOLUNTEER_PHONE });
	await tour(phone.page, await volunteerScreens(phone.page));
});

test('figures: the dashboards of a district, the city and a station, and the monthly report', async ({
	device
}) => {
	mkdirSync(dir, { recursive: true });
	const screens = adminFiguresScreens();
	const district = await device({ locale: 'zh-CN', account: 'dongcheng' });
	await tour(
		district.page,
		screens.filter((s) => s.name !== 'figures-city')
	);
	const city = await device({ locale: 'zh-CN', account: 'beijing' });
	await tour(
		city.page,
		screens.filter((s) => s.name === 'figures-city')
	);
	const worker = await device({ locale: 'zh-CN', account: 'xizongbu' });
	const station = (await workerScreens(worker.page)).filter((s) => s.name === 'figures-station');
	await tour(worker.page, station);
});

test('emergency readiness and call-outs: her home and her page, and her station’s page about her', async ({
	device,
	server
}) => {
	mkdirSync(dir, { recursive: true });
	const { volunteerId } = await calloutStory(server.url);
	const phone = await device({ locale: 'zh-CN', account: DEMO_VOLUNTEER_PHONE });
	await tour(phone.page, readinessScreens('v-', '/me'));
	const worker = await device({ locale: 'zh-CN', account: 'xizongbu' });
	await tour(worker.page, readinessScreens('', `/members/${volunteerId}`));
});

test('emergency call-outs: the list, a new one and one under way, on a station’s tablet and its district admin’s', async ({
	device,
	server
}) => {
	mkdirSync(dir, { recursive: true });
	await seedReadiness(server.url);
	const worker = await device({ account: 'xizongbu' });
	const callout = await startCallout(worker.page);
	await tour(worker.page, calloutScreens(callout));
	const admin = await device({ account: 'dongcheng' });
	await new AppShell(admin.page).waitUntilSynced();
	await tour(admin.page, calloutScreens(callout, true));
});

test('social organizations and pairings: the registry, an organization, a new pairing and a pairing’s log, for the district admin and the station', async ({
	device
}) => {
	mkdirSync(dir, { recursive: true });
	const admin = await device({ account: 'dongcheng' });
	const screens = await organizationScreens(admin.page);
	await tour(admin.page, screens.admin);
	const worker = await device({ account: 'xizongbu' });
	await new AppShell(worker.page).waitUntilSynced();
	await tour(worker.page, screens.station);
});

test('volunteer teams: the list, a new team, a team’s page and its project, on a station’s tablet and its district admin’s', async ({
	device
}) => {
	mkdirSync(dir, { recursive: true });
	const worker = await device({ locale: 'zh-CN', account: 'xizongbu' });
	await tour(worker.page, await teamScreens(worker.page));
	const admin = await device({ account: 'dongcheng' });
	await new AppShell(admin.page).waitUntilSynced();
	await tour(
		admin.page,
		(await teamScreens(admin.page, true)).filter((s) => s.name.startsWith('teams'))
	);
});

test('one-to-one pairing: a station’s list, recording a person, her page; a volunteer’s pairings and hours', async ({
	device
}) => {
	mkdirSync(dir, { recursive: true });
	const worker = await device({ locale: 'zh-CN', account: 'xizongbu' });
	await tour(worker.page, await careWorkerScreens(worker.page));
	const phone = await device({ locale: 'zh-CN', account: DEMO_VOLUNTEER_PHONE });
	await tour(phone.page, careVolunteerScreens());
});
