/**
 * The event day, end to end: two station tablets, offline, check people in and out of one shift
 * (one by her member card, shown to a tablet's camera as a fake camera stream; one walk-in from
 * another station, found by her phone number while online); after sync both rosters agree, the
 * server holds one attendance each, and once verified the volunteer's phone shows her hours.
 */
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { AccountScreens, DEMO_STAFF_NAMES } from './pages/account';
import { AppShell } from './pages/app';
import { RosterScreen } from './pages/roster';
import { chromiumArgs, chromiumPath } from './support/chromium';
import { writeY4m } from './support/fake-camera';
import { latestRows, pullAll, pushBatch, signIn } from './support/sync-client';

const MINUTE = 60_000;

/** The card's QR image as the volunteer's phone draws it, in shades of gray. */
async function cardImage(page: Page) {
	const card = page.locator('img[data-card-qr]');
	await expect(card).toBeVisible();
	return page.evaluate(() => {
		const img = document.querySelector<HTMLImageElement>('img[data-card-qr]')!;
		const canvas = document.createElement('canvas');
		canvas.width = img.naturalWidth;
		canvas.height = img.naturalHeight;
		const context = canvas.getContext('2d')!;
		context.drawImage(img, 0, 0);
		const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
		const gray: number[] = [];
		for (let i = 0; i < rgba.length; i += 4) gray.push(rgba[i]!);
		return { width: canvas.width, height: canvas.height, gray };
	});
}

test('two tablets offline check one shift in and out; after sync the rosters agree, the server holds one attendance each, and the volunteer sees her verified hours', async ({
	server,
	device
}) => {
	test.setTimeout(180_000);
	// A shift under way at 西总布: it started three hours ago.
	const worker = await signIn(server.url, 'xizongbu');
	const world = latestRows((await pullAll(worker, crypto.randomUUID())).changes);
	const members = world.of('volunteers');
	const volunteer = members.find((v) => v.phone === '13800000001')!;
	const stationId = String(volunteer.homeStationId);
	const other = members.find(
		(v) => v.status === 'active' && v.id !== volunteer.id && v.homeStationId === stationId
	)!;
	const neighbour = await signIn(server.url, 'chaoyang1');
	const walker = latestRows((await pullAll(neighbour, crypto.randomUUID())).changes)
		.of('volunteers')
		.find((v) => v.status === 'active')!;
	const start = Date.now() - 3 * 60 * MINUTE;
	const [projectId, shiftId] = [crypto.randomUUID(), crypto.randomUUID()];
	const at = new Date().toISOString();
	const setup = await pushBatch(worker, crypto.randomUUID(), [
		{
			id: 1,
			name: 'project.create',
			args: {
				id: projectId,
				stationId,
				title: '社区义诊日',
				description: '',
				category: 'health_promotion',
				place: '西总布社区活动中心',
				requiredSkills: [],
				urgent: false,
				at
			}
		},
		{
			id: 2,
			name: 'shift.add',
			args: {
				id: shiftId,
				projectId,
				start: new Date(start).toISOString(),
				end: new Date(start + 5 * 60 * MINUTE).toISOString(),
				capacity: 5,
				at
			}
		},
		{ id: 3, name: 'project.publish', args: { id: projectId, at } },
		...[volunteer, other].map((v, i) => ({
			id: 4 + i,
			name: 'signup.request',
			args: { id: crypto.randomUUID(), shiftId, volunteerId: v.id, at }
		}))
	]);
	expect(setup.results.map((r) => r.status)).toEqual(Array(5).fill('applied'));
	const her = String(volunteer.name);
	const second = String(other.name);
	const walkIn = String(walker.name);

	// Her phone shows her member card; its picture becomes tablet A's camera.
	const phone = await device({ account: '13800000001' });
	const phoneApp = new AppShell(phone.page);
	await phoneApp.openReadyForOffline('/me');
	const image = await cardImage(phone.page);
	const folder = mkdtempSync(join(tmpdir(), 'vs-camera-'));
	const cameraFile = join(folder, 'card.y4m');
	writeY4m(cameraFile, {
		width: image.width,
		height: image.height,
		pixels: Uint8Array.from(image.gray)
	});
	const cameraBrowser = await chromium.launch({
		executablePath: chromiumPath(),
		args: [
			...chromiumArgs,
			'--use-fake-ui-for-media-stream',
			'--use-fake-device-for-media-stream',
			`--use-file-for-fake-video-capture=${cameraFile}`
		]
	});
	try {
		const contextA = await cameraBrowser.newContext({
			baseURL: server.url,
			locale: 'en-US',
			serviceWorkers: 'allow'
		});
		await contextA.grantPermissions(['camera'], { origin: server.url });
		const pageA = await contextA.newPage();
		await new AccountScreens(pageA).signIn('xizongbu');
		const tabletA = new RosterScreen(pageA);
		const b = await device({ account: 'xizongbu2' });
		const tabletB = new RosterScreen(b.page);
		// The tablets' clocks say the shift's first minutes (every tap records the tablet's time).
		const checkInTime = start + 5 * MINUTE;
		await pageA.clock.setFixedTime(checkInTime);
		await b.page.clock.setFixedTime(checkInTime + MINUTE);
		await tabletA.open(shiftId);
		await tabletB.open(shiftId);

		// Tablet B finds a volunteer of a Chaoyang station by her phone number while online...
		await tabletB.findWalkIn(String(walker.phone), walkIn);
		// ...then the network goes, for both tablets.
		await server.stop();
		await contextA.setOffline(true);
		await b.context.setOffline(true);

		await tabletB.addWalkIn(walkIn);
		await tabletA.scanToCheckIn();
		await expect(tabletA.message).toContainText(`Checked in: ${her}`, { timeout: 30_000 });
		await expect(tabletA.person(her)).toContainText('Checked in');
		// Both tablets check the second volunteer in, neither knowing of the other.
		await tabletB.checkIn(second);
		await pageA.clock.setFixedTime(checkInTime + 2 * MINUTE);
		await tabletA.checkIn(second);

		// Two and a half hours later both tablets have locked themselves, idle: the workers unlock.
		const checkOutTime = checkInTime + 150 * MINUTE;
		for (const [page, login] of [
			[pageA, DEMO_STAFF_NAMES.xizongbu],
			[b.page, DEMO_STAFF_NAMES.xizongbu2]
		] as const) {
			await page.clock.setFixedTime(checkOutTime);
			await new AccountScreens(page).unlockAs(login);
		}
		await tabletA.checkOut(her);
		await tabletA.checkOut(second);
		await tabletB.checkOut(walkIn);

		// The network is back: both tablets sync, A once more for B's changes.
		await server.start();
		await contextA.setOffline(false);
		await b.context.setOffline(false);
		await tabletA.app.reloadAndSync();
		await tabletB.app.reloadAndSync();
		await tabletA.app.reloadAndSync();
		await expect(tabletA.person(walkIn)).toContainText('Checked out');
		const rowsA = await tabletA.rows();
		expect(rowsA).toHaveLength(3);
		expect(await tabletB.rows()).toEqual(rowsA);
		for (const name of [her, second, walkIn]) {
			expect(rowsA.find((r) => r.includes(name))).toContain('2.5 h');
		}
		await expect(tabletA.person(walkIn)).toContainText('Walk-in');

		// The server holds one attendance for each person, whoever recorded it and how often.
		// Read as a third Xizongbu device receives them (an admin's holds only who she opened).
		const station = await signIn(server.url, 'xizongbu');
		const held = latestRows((await pullAll(station, crypto.randomUUID())).changes);
		const signups = held.of('signups').filter((s) => s.shiftId === shiftId);
		expect(signups).toHaveLength(3);
		for (const signup of signups) {
			expect(signup).toMatchObject({ status: 'completed', hoursCredited: 2.5 });
		}
		const events = held.of('attendance').filter((e) => e.shiftId === shiftId);
		expect(events.filter((e) => e.volunteerId === other.id && e.kind === 'check_in')).toHaveLength(
			2
		);

		// Tablet A verifies the shift; her phone shows the hours as verified.
		await tabletA.verify();
		await tabletA.app.waitUntilSynced();
		await phoneApp.reloadAndSync();
		const record = phone.page.getByRole('region', { name: 'Service hours record' });
		const day = record.getByRole('listitem').filter({ hasText: '社区义诊日' });
		await expect(day).toContainText('2.5 h');
		await expect(day).toContainText('Verified');
		await contextA.close();
	} finally {
		await cameraBrowser.close();
		rmSync(folder, { recursive: true, force: true });
	}
});
