/**
 * Running the platform, end to end against the built server: a district admin opens a station and
 * an account for its worker, who signs in on a fresh tablet; a volunteer registers herself at her
 * station and is approved there offline; a member registered by staff claims her record with the
 * station's code; the kiosk turns a child away and records a teenager's guardian; and an erasure
 * leaves nothing of her but the service hours kept, on the server and on the tablet.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AccountScreens, DEMO_PIN, DEMO_STAFF_NAMES, DEMO_VOLUNTEER_PHONE } from './pages/account';
import { AppShell } from './pages/app';
import { KioskScreens } from './pages/kiosk';
import { MembersScreens } from './pages/members';
import { dumpDatabase, readStore } from './support/indexeddb';
import { openShift, sessionHeaders, signIn } from './support/sync-client';

const NEW_PASSWORD = 'my-own-pass-2026';

/** A birth date that makes her `age` today (her birthday was on January 1st). */
function bornYearsAgo(age: number) {
	return `${new Date().getFullYear() - age}-01-01`;
}

/** The station a worker account belongs to, as the server says. */
async function stationOf(base: string, login: string) {
	const session = await signIn(base, login);
	const response = await fetch(`${base}/api/auth/session`, { headers: sessionHeaders(session) });
	const body = (await response.json()) as { account: { stationId: string | null } };
	return { session, stationId: body.account.stationId! };
}

/** The rows of the member list on the current device. */
function memberRows(page: Page) {
	return page.getByRole('main').getByRole('listitem');
}

test('Dongcheng’s admin opens a station and an account for its worker, who signs in on a fresh tablet and sees only her station’s members', async ({
	device
}) => {
	const admin = await device({ account: 'dongcheng' });
	const adminApp = new AppShell(admin.page);
	const stationName = '东四北社区妇女志愿服务站';
	await adminApp.open('/stations/new');
	const stationForm = admin.page.getByRole('main').locator('form');
	await stationForm.getByLabel('Name', { exact: true }).fill(stationName);
	await stationForm.getByLabel('Community', { exact: true }).fill('东四北');
	await stationForm.getByLabel(/^Street office/).fill('东四街道');
	await stationForm.getByLabel('Address', { exact: true }).fill('北京市东城区东四北大街12号');
	await stationForm.getByRole('button', { name: 'Open station' }).click();
	await expect(admin.page.getByRole('heading', { level: 1, name: stationName })).toBeVisible();
	// The station reaches the server before an account can be opened for it.
	await adminApp.waitUntilSynced();

	await admin.page.getByRole('link', { name: 'Manage staff accounts' }).click();
	await expect(admin.page.getByRole('heading', { level: 1, name: 'Staff accounts' })).toBeVisible();
	await admin.page.getByRole('button', { name: /Open an account/ }).click();
	const form = admin.page.getByRole('form', { name: 'Open a staff account' });
	await form.getByLabel('Name', { exact: true }).fill('周慧敏');
	await form.getByLabel('Username', { exact: true }).fill('zhouhm');
	await form.getByLabel('Station', { exact: true }).selectOption({ label: stationName });
	await expect(form.getByLabel('One-time setup code (recommended)')).toBeChecked();
	await form.getByRole('button', { name: 'Open account' }).click();
	const issued = admin.page.getByRole('status').filter({ hasText: 'Sign-in details for 周慧敏' });
	await expect(issued).toBeVisible();
	const code = (await issued.locator('dd.big').innerText()).trim();
	expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
	await issued.getByRole('button', { name: 'Handed over' }).click();
	const row = admin.page.getByRole('main').getByRole('listitem').filter({ hasText: '周慧敏' });
	await expect(row).toContainText('Never signed in');

	// Her first sign-in, on a tablet that never saw her: the code only lets her choose a password.
	const tablet = await device();
	const account = new AccountScreens(tablet.page);
	await account.fillSignIn('zhouhm', code);
	await expect(
		tablet.page.getByRole('heading', { name: 'Choose your own password' })
	).toBeVisible();
	await tablet.page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
	await tablet.page.getByLabel('New password again', { exact: true }).fill(NEW_PASSWORD);
	await tablet.page.getByRole('button', { name: 'Save password and sign in' }).click();
	await account.setPin(DEMO_PIN);
	// Colleagues know her by her name, not her login.
	await expect(tablet.page.getByRole('button', { name: /^Account: 周慧敏/ })).toBeVisible();

	const app = new AppShell(tablet.page);
	await app.waitUntilSynced();
	const members = new MembersScreens(tablet.page);
	await members.register({
		name: '冯秀梅',
		phone: '17733330001',
		district: 'Dongcheng',
		community: '东四北',
		skills: []
	});
	await app.goViaNav('Volunteers');
	// Dongcheng has hundreds of members; her tablet holds only the one of her station.
	await expect(memberRows(tablet.page)).toHaveCount(1);
	await expect(memberRows(tablet.page)).toContainText('冯秀梅');
	const local = (await readStore(tablet.page, await account.localDbName(), 'volunteers')) as {
		name: string;
	}[];
	expect(local.map((v) => v.name)).toEqual(['冯秀梅']);

	await account.lock();
	await expect(account.lockScreenHeading).toHaveText('周慧敏: enter your PIN');

	// Her admin sees the sign-in.
	await admin.page.reload();
	await expect(
		admin.page.getByRole('main').getByRole('listitem').filter({ hasText: '周慧敏' })
	).toContainText('Last signed in');
});

test('a volunteer registers herself choosing Xizongbu, waits for approval, is approved on the Xizongbu tablet offline, and then signs up', async ({
	device,
	server
}) => {
	const { session: worker, stationId } = await stationOf(server.url, 'xizongbu');
	await openShift(worker, stationId, 5);
	const title = '社区义诊';

	const tablet = await device({ account: 'xizongbu' });
	const tabletApp = new AppShell(tablet.page);
	await tabletApp.openReadyForOffline('/members/requests');

	const phone = await device();
	const app = new AppShell(phone.page);
	await phone.page.goto('/register');
	await expect(
		phone.page.getByRole('heading', { level: 1, name: 'Register as a volunteer' })
	).toBeVisible();
	const form = phone.page.getByRole('main').locator('form');
	await form.getByLabel('Mobile phone', { exact: true }).fill('17722220003');
	await form.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
	await form.getByLabel('Name', { exact: true }).fill('褚春燕');
	await form.getByLabel('Date of birth', { exact: true }).fill('1986-04-12');
	await form.getByLabel('District', { exact: true }).selectOption({ label: 'Dongcheng' });
	await form.getByLabel('Community', { exact: true }).fill('西总布');
	const station = form.getByLabel('Your station', { exact: true });
	// Nearest first: her own community's station leads the list.
	const first = station.locator('option').nth(1);
	await expect(first).toContainText('西总布社区妇女志愿服务站');
	await station.selectOption((await first.getAttribute('value'))!);
	await form.getByLabel('I agree to the privacy notice').check();
	await form.getByRole('button', { name: 'Create my account' }).click();

	// Signed in, on her own page, no PIN asked on her own phone.
	await expect(phone.page).toHaveURL(/\/me$/);
	await expect(phone.page.getByRole('heading', { level: 1, name: '褚春燕' })).toBeVisible();
	await app.waitUntilSynced();

	// Pending: a sign-up is refused, and the refusal says why.
	await app.goViaNav('Projects');
	await phone.page.getByRole('main').getByRole('link', { name: title }).first().click();
	await phone.page.getByRole('button', { name: 'Sign me up' }).click();
	await expect(phone.page.getByRole('main')).toContainText('still pending approval');

	// The Xizongbu tablet has her waiting after its next sync; approved there with the network gone.
	await tabletApp.reloadAndSync();
	const waiting = tablet.page
		.getByRole('region', { name: /Volunteers pending approval/ })
		.getByRole('listitem')
		.filter({ hasText: '褚春燕' });
	await expect(waiting).toContainText('Registered');
	await tablet.context.setOffline(true);
	await waiting.getByRole('button', { name: 'Approve 褚春燕' }).click();
	await expect(waiting).toHaveCount(0);
	await expect(tabletApp.syncStatus).toContainText('Offline');
	await tablet.context.setOffline(false);
	await tabletApp.waitUntilSynced();

	// Approved: her sign-up is confirmed.
	await app.reloadAndSync();
	await app.goViaNav('Projects');
	await phone.page.getByRole('main').getByRole('link', { name: title }).first().click();
	await phone.page.getByRole('button', { name: 'Sign me up' }).click();
	await expect(phone.page.getByRole('status').filter({ hasText: 'Sign-up sent.' })).toBeVisible();
	await app.waitUntilSynced();
	await app.goViaNav('Me');
	const upcoming = phone.page.getByRole('main').getByRole('listitem').filter({ hasText: title });
	await expect(upcoming).toHaveCount(1);
	await expect(upcoming).toContainText('Confirmed');
});

test('a member registered by staff redeems her station’s code at /register and signs in to /me', async ({
	device
}) => {
	const tablet = await device({ account: 'xizongbu' });
	const tabletApp = new AppShell(tablet.page);
	await tabletApp.waitUntilSynced();
	await new MembersScreens(tablet.page).register({
		name: '卫丽华',
		phone: '17744440001',
		district: 'Dongcheng',
		community: '西总布',
		skills: []
	});
	await expect(tablet.page.getByRole('main')).toContainText(
		`Recorded by ${DEMO_STAFF_NAMES.xizongbu}`
	);
	await tabletApp.waitUntilSynced();
	await tablet.page.getByRole('button', { name: 'Give her a sign-in code' }).click();
	const sheet = tablet.page.getByRole('status').filter({ hasText: 'Sign-in code for 卫丽华' });
	await expect(sheet).toBeVisible();
	const code = (await sheet.locator('.code').innerText()).trim();

	const phone = await device();
	await phone.page.goto('/register');
	// Knowing her phone is not enough: a new registration with it is sent to the code.
	await phone.page.getByRole('button', { name: 'I have a code from my station' }).click();
	const form = phone.page.getByRole('main').locator('form');
	await form.getByLabel('Mobile phone', { exact: true }).fill('17744440001');
	await form.getByLabel('Code', { exact: true }).fill('WRONG-CODE');
	await form.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
	await form.getByRole('button', { name: 'Open my account' }).click();
	await expect(form.getByLabel('Code', { exact: true })).toHaveAttribute('aria-invalid', 'true');
	await expect(form).toContainText('The phone number or code is wrong');
	await form.getByLabel('Code', { exact: true }).fill(code.toLowerCase());
	await form.getByRole('button', { name: 'Open my account' }).click();
	await expect(phone.page).toHaveURL(/\/me$/);
	await expect(phone.page.getByRole('heading', { level: 1, name: '卫丽华' })).toBeVisible();
	await new AppShell(phone.page).waitUntilSynced();

	// Her password opens it from now on; the code is spent.
	const again = await device();
	await new AccountScreens(again.page).signIn('17744440001', NEW_PASSWORD);
	await expect(again.page.getByRole('heading', { level: 1, name: '卫丽华' })).toBeVisible();
});

test('the kiosk turns away a 12-year-old and records a 16-year-old’s guardian', async ({
	device
}) => {
	const { page } = await device({ account: 'xizongbu' });
	const app = new AppShell(page);
	// The kiosk fills in the station's district once the tablet holds the station.
	await app.waitUntilSynced();
	const account = new AccountScreens(page);
	await account.startKiosk();
	const kiosk = new KioskScreens(page);

	await kiosk.name.fill('严小雨');
	await kiosk.phone.fill('17755550001');
	await kiosk.birthDate.fill(bornYearsAgo(12));
	await expect(kiosk.tooYoung).toBeVisible();
	await expect(kiosk.form.getByRole('button', { name: 'Register', exact: true })).toBeDisabled();

	await kiosk.name.fill('');
	await kiosk.phone.fill('');
	await kiosk.register({
		name: '严晓晴',
		phone: '17755550002',
		community: '西总布',
		birthDate: bornYearsAgo(16),
		guardian: { name: '严建国', phone: '13911112222' }
	});

	await kiosk.nextPerson();
	await kiosk.openLeave();
	await kiosk.submitPin(DEMO_PIN, DEMO_STAFF_NAMES.xizongbu);
	await expect(app.syncStatus).toBeVisible();
	await app.open('/members/requests');
	const waiting = page.getByRole('main').getByRole('listitem').filter({ hasText: '严晓晴' });
	await expect(waiting).toContainText('Under 18, guardian: 严建国');
	await expect(
		page.getByRole('main').getByRole('listitem').filter({ hasText: '严小雨' })
	).toHaveCount(0);
	const rows = (await readStore(page, await account.localDbName(), 'volunteers')) as {
		name: string;
		status: string;
		guardian: { name: string; phone: string; consentAt: string; consentVersion: string } | null;
	}[];
	const teen = rows.find((v) => v.name === '严晓晴')!;
	expect(teen.status).toBe('pending');
	expect(teen.guardian).toMatchObject({ name: '严建国', phone: '13911112222' });
	expect(teen.guardian?.consentAt).toBeTruthy();
	expect(teen.guardian?.consentVersion).toBeTruthy();
	expect(rows.some((v) => v.name === '严小雨')).toBe(false);
});

/**
 * Gives the demo volunteer a shift she served, with its hours, straight into the server's store
 * (the check-out that credits hours is not part of this app yet). Done with the server stopped.
 */
function recordServedShift(dataDir: string, volunteerId: string) {
	const db = new Database(join(dataDir, 'volunteer-stations.sqlite'));
	try {
		const template = db.prepare('SELECT * FROM signups WHERE deleted = 0 LIMIT 1').get() as Record<
			string,
			unknown
		>;
		const data = JSON.parse(String(template.data)) as Record<string, unknown>;
		const { value } = db
			.prepare(
				"UPDATE counters SET value = value + 1 WHERE name = 'server_version' RETURNING value"
			)
			.get() as { value: number };
		const id = crypto.randomUUID();
		const served = {
			...data,
			id,
			volunteerId,
			version: Number(value),
			status: 'completed',
			waitlistOrder: null,
			checkInAt: data.requestedAt,
			checkOutAt: data.requestedAt,
			hoursCredited: 3
		};
		const row: Record<string, unknown> = {
			...template,
			id,
			version: value,
			volunteer_id: volunteerId,
			active: 0,
			data: JSON.stringify(served)
		};
		const columns = Object.keys(row);
		db.prepare(
			`INSERT INTO signups (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`
		).run(...columns.map((c) => row[c]));
		return id;
	} finally {
		db.close();
	}
}

test('an erasure she asked for leaves nothing of her but the kept service hours, on the server and on the tablet after sync', async ({
	device,
	server
}) => {
	const session = await signIn(server.url, DEMO_VOLUNTEER_PHONE);
	const me = (await (
		await fetch(`${server.url}/api/auth/session`, { headers: sessionHeaders(session) })
	).json()) as { account: { volunteerId: string; displayName: string } };
	const volunteerId = me.account.volunteerId;
	const name = me.account.displayName;
	await server.stop();
	const kept = recordServedShift(server.dataDir, volunteerId);
	await server.start();

	const phone = await device({ account: DEMO_VOLUNTEER_PHONE });
	const phoneApp = new AppShell(phone.page);
	await phoneApp.open('/me');
	await phoneApp.waitUntilSynced();
	await phone.page.getByRole('button', { name: 'Ask to delete my data' }).click();
	await phone.page.getByRole('button', { name: 'Ask to delete', exact: true }).click();
	await expect(phone.page.getByRole('main')).toContainText('You asked for your data to be deleted');
	await phoneApp.waitUntilSynced();

	const tablet = await device({ account: 'xizongbu' });
	const app = new AppShell(tablet.page);
	await app.open('/members/requests');
	await app.waitUntilSynced();
	const request = tablet.page
		.getByRole('region', { name: /Data deletion requests/ })
		.getByRole('listitem')
		.filter({ hasText: name });
	await request.getByRole('button', { name: 'Delete her data' }).click();
	await request.getByRole('button', { name: 'Delete', exact: true }).click();
	await expect(request).toHaveCount(0);
	await app.waitUntilSynced();
	await app.reloadAndSync();

	// The tablet: no record of her, only the service she gave under an id nothing names any more.
	const dbName = await new AccountScreens(tablet.page).localDbName();
	const volunteers = (await readStore(tablet.page, dbName, 'volunteers')) as { id: string }[];
	expect(volunteers.some((v) => v.id === volunteerId)).toBe(false);
	const signups = (await readStore(tablet.page, dbName, 'signups')) as {
		id: string;
		volunteerId: string;
		hoursCredited: number | null;
	}[];
	const hers = signups.filter((s) => s.volunteerId === volunteerId);
	expect(hers.map((s) => [s.id, s.hoursCredited])).toContainEqual([kept, 3]);
	// Whatever else is left of her is service she gave (the demo's past activities), with hours.
	expect(hers.filter((s) => s.hoursCredited === null)).toEqual([]);
	const onTablet = await dumpDatabase(tablet.page, dbName);
	expect(onTablet).not.toContain(DEMO_VOLUNTEER_PHONE);
	expect(onTablet).not.toContain(name);

	// The server: no stored row holds her name or phone, and her account is gone.
	const db = new Database(join(server.dataDir, 'volunteer-stations.sqlite'), { readonly: true });
	try {
		const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
			name: string;
		}[];
		for (const { name: table } of tables) {
			const text = JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).all());
			expect(text, table).not.toContain(DEMO_VOLUNTEER_PHONE);
			expect(text, table).not.toContain(name);
		}
		const record = db.prepare('SELECT deleted, data FROM volunteers WHERE id = ?').get(volunteerId);
		expect(record).toEqual({ deleted: 1, data: '{}' });
		const servedRow = db.prepare('SELECT deleted, data FROM signups WHERE id = ?').get(kept) as {
			deleted: number;
			data: string;
		};
		expect(servedRow.deleted).toBe(0);
		expect(JSON.parse(servedRow.data)).toMatchObject({ hoursCredited: 3, status: 'completed' });
	} finally {
		db.close();
	}
	// Her password opens nothing any more.
	const refused = await fetch(`${server.url}/api/auth/sign-in`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: server.url },
		body: JSON.stringify({ login: DEMO_VOLUNTEER_PHONE, password: 'demo-pass-2026' })
	});
	expect(refused.ok).toBe(false);
});
