/**
 * Pairing a social organization with a station's team (paired assistance, 结对帮扶) end to end, against the built
 * server: Dongcheng's district admin, with no network, adds an organization to her district's
 * registry, pairs it with Xizongbu's team and releases a project the two organise together; once
 * her tablet syncs, Xizongbu's worker sees the pairing on the station's tablet, and the joint
 * project under the organization and under the team; offline again, she logs what they did with a photo (a file that
 * is no picture is refused with its name); once that syncs, the admin sees the activity.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { AppShell } from './pages/app';
import { beijingInput, ProjectScreens } from './pages/projects';
import { TeamScreens } from './pages/teams';

const ORGANIZATION = '东城区银龄互助协会';
const TEAM = '西总布巾帼志愿服务队';
const JOINT = '银龄结对探访';
const PHOTO = readFileSync(new URL('../../static/pwa-512x512.png', import.meta.url));

test('an organization paired offline by the admin gets an activity logged offline by the station', async ({
	device
}) => {
	test.setTimeout(180_000);

	// The admin's tablet, ready for the network to go.
	const tablet = await device({ account: 'dongcheng' });
	const desk = new AppShell(tablet.page);
	await desk.openReadyForOffline('/organizations');
	await tablet.context.setOffline(true);

	const main = tablet.page.getByRole('main');
	await main.getByRole('link', { name: 'Add organization' }).click();
	await main.getByLabel('Name', { exact: true }).fill(ORGANIZATION);
	await main.getByLabel('Type').selectOption({ label: 'Community group' });
	await main.getByLabel('Contact name').fill('赵阿姨');
	await main.getByLabel('Contact phone').fill('010-6512 3456');
	await main.getByLabel('What it offers').fill('低龄老人结对探访高龄老人');
	await main.getByRole('button', { name: 'Add organization' }).click();
	await expect(tablet.page.getByRole('heading', { level: 1, name: ORGANIZATION })).toBeVisible();
	await expect(main).toContainText('010-6512 3456');

	await main.getByRole('link', { name: 'Pair with a station or team' }).click();
	await expect(
		tablet.page.getByRole('heading', { level: 1, name: 'Pair with a station or team' })
	).toBeVisible();
	const station = main.getByLabel('Station', { exact: true });
	const xizongbu = (await station.locator('option', { hasText: '西总布' }).first().textContent())!;
	await station.selectOption({ label: xizongbu.trim() });
	await main.getByLabel(/^Team/).selectOption({ label: TEAM });
	await main.getByRole('checkbox', { name: 'Elderly care' }).check();
	await main.getByRole('button', { name: 'Pair', exact: true }).click();
	const heading = tablet.page.getByRole('heading', {
		level: 1,
		name: `${ORGANIZATION} and ${TEAM}`
	});
	await expect(heading).toBeVisible();
	await expect(main).toContainText('Focus');
	await expect(main).toContainText('Elderly care');
	await expect(desk.syncStatus).toContainText(/2 changes? waiting/);
	const pairingPage = new URL(tablet.page.url()).pathname;

	// A project of the team and the organization together, released offline too.
	await new ProjectScreens(tablet.page).release({
		title: JOINT,
		description: '协会会员与服务队一起探访高龄老人。',
		station: '西总布社区妇女志愿服务站',
		category: 'Elderly care',
		place: '西总布社区活动中心',
		team: TEAM,
		coOrganizers: [ORGANIZATION],
		shifts: [{ start: beijingInput(5, 9), end: beijingInput(5, 11), capacity: 6 }]
	});
	await expect(tablet.page.getByRole('main')).toContainText(ORGANIZATION);

	// Back online: the organization and its pairing reach the server.
	await tablet.context.setOffline(false);
	await desk.reloadAndSync();

	// The station's tablet: the registry shows the pairing under way.
	const station2 = await device({ account: 'xizongbu' });
	const app = new AppShell(station2.page);
	await app.openReadyForOffline('/organizations');
	const worker = station2.page.getByRole('main');
	await expect(worker.getByRole('link', { name: 'Add organization' })).toHaveCount(0);
	const card = worker.getByRole('article', { name: ORGANIZATION });
	await expect(card).toContainText('Active pairings: 1');
	await expect(card).toContainText('赵阿姨 · 010-6512 3456');

	// The joint project is under the organization, and under the team.
	await card.getByRole('link', { name: ORGANIZATION }).click();
	const joint = worker.getByRole('region', { name: 'Joint projects' });
	await expect(joint.getByRole('link', { name: new RegExp(JOINT) })).toBeVisible();
	const teams = new TeamScreens(station2.page);
	await teams.openList();
	await teams.main.getByRole('link', { name: TEAM }).click();
	await expect(teams.projects.getByRole('link', { name: new RegExp(JOINT) })).toBeVisible();
	await app.open('/organizations');

	// Offline, she opens the pairing and logs what they did, with a photo.
	await station2.context.setOffline(true);
	await card.getByRole('link', { name: ORGANIZATION }).click();
	await worker.getByRole('link', { name: TEAM }).click();
	await expect(station2.page.getByRole('heading', { level: 1 })).toContainText(TEAM);
	await expect(worker.getByRole('button', { name: 'End pairing' })).toHaveCount(0);
	const log = worker.getByRole('region', { name: 'Log an activity' });
	await log.getByLabel('What was done').fill('结对探访独居老人8户');
	await log.getByLabel('Who took part').fill('协会3人，队员4人');
	const picker = log.locator('input[type="file"]');
	await picker.setInputFiles({
		name: 'notes.jpg',
		mimeType: 'image/jpeg',
		buffer: Buffer.from('not a picture')
	});
	await expect(log.getByRole('alert')).toContainText('“notes.jpg” could not be read as a picture');
	await picker.setInputFiles({ name: 'visit.png', mimeType: 'image/png', buffer: PHOTO });
	await expect(log.getByRole('img', { name: 'Photo 1, to be saved' })).toBeVisible();
	await expect(log.getByRole('alert')).toHaveCount(0);
	await log.getByRole('button', { name: 'Log activity' }).click();
	await expect(log.getByRole('status')).toContainText('Activity logged on this device');
	const activities = worker.getByRole('region', { name: 'Activity log' });
	await expect(activities).toContainText('结对探访独居老人8户');
	await expect(activities.getByRole('img', { name: /^Photo 1 of the activity/ })).toBeVisible();

	// Once her tablet syncs, the admin sees it.
	await station2.context.setOffline(false);
	await app.reloadAndSync();
	await desk.open(pairingPage);
	await desk.waitUntilSynced();
	const seen = main.getByRole('region', { name: 'Activity log' });
	await expect(seen).toContainText('结对探访独居老人8户');
	await expect(seen).toContainText('Who took part: 协会3人，队员4人');
	const photo = seen.getByRole('img', { name: /^Photo 1 of the activity/ });
	await expect(photo).toBeVisible();
	// Shrunk on the device: a JPEG of at most 640 px on its long side.
	expect(await photo.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
	expect(
		await photo.evaluate((img: HTMLImageElement) => Math.max(img.naturalWidth, img.naturalHeight))
	).toBeLessThanOrEqual(640);
});
