/**
 * Kiosk mode at an event: walk-up people register themselves in turn on a station's tablet, with
 * no network, and nobody sees anything of the person before; there is nowhere to go but the form,
 * leaving it takes a staff PIN, and the registrations reach the server as the station's, "kiosk".
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AccountScreens, DEMO_PIN, DEMO_STAFF_NAMES } from './pages/account';
import { AppShell } from './pages/app';
import { KioskScreens, type WalkUpPerson } from './pages/kiosk';
import { latestRows, pullAll, sessionHeaders, signIn, type Session } from './support/sync-client';

const first: WalkUpPerson = {
	name: '郑晓梅',
	phone: '17700001111',
	community: '东四',
	skills: ['Elderly care']
};
const second: WalkUpPerson = { name: '冯丽娟', phone: '17700002222' };

/** What the server says about a signed-in account (its station, for a worker). */
async function accountOf(session: Session) {
	const response = await fetch(`${session.base}/api/auth/session`, {
		headers: sessionHeaders(session)
	});
	expect(response.status).toBe(200);
	return ((await response.json()) as { account: { id: string; stationId: string | null } }).account;
}

/** Every value the page's form controls hold, and whether any box is ticked. */
async function formState(page: Page) {
	return page.evaluate(() => ({
		values: [...document.querySelectorAll<HTMLInputElement>('input:not([type=checkbox])')].map(
			(input) => input.value
		),
		ticked: [...document.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].some(
			(box) => box.checked
		)
	}));
}

/** Nothing of a person on screen or in the page's controls: not her name, phone or its end. */
async function expectNoTraceOf(page: Page, person: WalkUpPerson) {
	const text = await page.locator('body').innerText();
	for (const part of [person.name, person.phone, person.phone.slice(-4)]) {
		expect(text).not.toContain(part);
	}
	const html = await page.content();
	expect(html).not.toContain(person.name);
	expect(html).not.toContain(person.phone);
	const { values } = await formState(page);
	expect(values).not.toContain(person.name);
	expect(values).not.toContain(person.phone);
}

test('two people register in turn offline; the second sees nothing of the first; leaving needs a PIN; both sync as the station’s kiosk registrations', async ({
	device,
	server
}) => {
	const { context, page } = await device({ account: 'xizongbu' });
	const app = new AppShell(page);
	await app.openReadyForOffline('/');
	const account = new AccountScreens(page);
	await account.startKiosk();
	const kiosk = new KioskScreens(page);

	// Nowhere to go: no links, and opening a staff screen's address still shows the kiosk.
	await expect(kiosk.form).toBeVisible();
	await expect(page.getByRole('link')).toHaveCount(0);
	await expect(page.getByRole('navigation')).toHaveCount(0);
	await page.goto('/members');
	await expect(kiosk.form).toBeVisible();
	await expect(page.getByRole('link')).toHaveCount(0);
	await expect(app.syncStatus).toHaveCount(0);

	// The event has no network: the server is out of reach, for the service worker too.
	await server.stop();
	await context.setOffline(true);

	await kiosk.register(first);
	// The thank-you repeats nothing the person typed, and offers no way elsewhere.
	await expectNoTraceOf(page, first);
	await expect(page.getByRole('link')).toHaveCount(0);

	await kiosk.nextPerson();
	// The next person gets an empty form: no name, phone, or the first person's community or skills.
	await expect(kiosk.name).toHaveValue('');
	await expect(kiosk.phone).toHaveValue('');
	await expect(kiosk.community).not.toHaveValue(first.community!);
	await expect(kiosk.consent).not.toBeChecked();
	expect((await formState(page)).ticked).toBe(false);
	await expectNoTraceOf(page, first);

	await kiosk.register(second);
	await expectNoTraceOf(page, first);
	await expectNoTraceOf(page, second);
	await kiosk.nextPerson();
	await expectNoTraceOf(page, second);

	// A wrong PIN keeps the kiosk; so does a reload.
	await kiosk.openLeave();
	await expect(page.getByRole('link')).toHaveCount(0);
	await kiosk.submitPin('9999');
	await expect(kiosk.leaveError).toContainText('Wrong PIN');
	await expect(kiosk.leaveHeading).toBeVisible();
	await expect(app.syncStatus).toHaveCount(0);
	await kiosk.cancelLeave();
	await page.reload();
	await expect(kiosk.form).toBeVisible();
	await expect(page.getByRole('link')).toHaveCount(0);

	// The worker's PIN leaves it, into her own screens.
	await kiosk.openLeave();
	await kiosk.submitPin(DEMO_PIN, DEMO_STAFF_NAMES.xizongbu);
	await expect(app.syncStatus).toBeVisible();
	await expect(kiosk.heading).toHaveCount(0);
	await expect(app.syncStatus).toContainText('2 changes waiting');

	// Back online: both registrations go to the server.
	await server.start();
	await context.setOffline(false);
	await app.waitUntilSynced();

	// Seen from the server by her colleague: the station's members, registered at the kiosk.
	const worker = await signIn(server.url, 'xizongbu');
	const { id: workerId, stationId } = await accountOf(worker);
	expect(stationId).toBeTruthy();
	const colleague = await signIn(server.url, 'xizongbu2');
	const members = latestRows((await pullAll(colleague, crypto.randomUUID())).changes).of(
		'volunteers'
	);
	for (const person of [first, second]) {
		const found = members.filter((m) => m.phone === person.phone);
		expect(found, person.name).toHaveLength(1);
		expect(found[0]).toMatchObject({
			name: person.name,
			source: 'kiosk',
			homeStationId: stationId,
			registeredBy: workerId
		});
	}
});

test('a half-filled kiosk form left alone for a minute is cleared for the next person', async ({
	device
}) => {
	const { page } = await device();
	// Fake time, so the minute passes at once; it flows on by itself meanwhile.
	await page.clock.install();
	await new AccountScreens(page).signIn('xizongbu');
	await new AccountScreens(page).startKiosk();
	const kiosk = new KioskScreens(page);
	await kiosk.name.fill(first.name);
	await kiosk.phone.fill(first.phone);
	await kiosk.consent.check();

	// Still being typed after half a minute: kept.
	await page.clock.fastForward('00:30');
	await expect(kiosk.name).toHaveValue(first.name);

	await page.clock.fastForward('00:31');
	await expect(kiosk.name).toHaveValue('');
	await expect(kiosk.phone).toHaveValue('');
	await expect(kiosk.consent).not.toBeChecked();
	await expectNoTraceOf(page, first);
	await expect(kiosk.heading).toBeVisible();
});
