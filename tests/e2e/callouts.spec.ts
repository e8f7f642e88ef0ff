/**
 * Emergency mobilization end to end, against the built server: Chaoyang's district admin makes a
 * night's flood duty (防汛值班备勤, 20 people, 20:00–08:00) with no network; only the members who
 * fit are listed, each with why, and those left out say why; she asks them, and after she syncs a
 * matching volunteer's phone shows the call-out at the top of its home; the volunteer accepts
 * offline, and when her phone syncs the admin's headcount moves; the admin stands it down, and the
 * volunteer's phone says so.
 */
import { expect, test } from './fixtures';
import { AccountScreens } from './pages/account';
import { AppShell } from './pages/app';
import {
	latestRows,
	postJson,
	pullAll,
	pushBatch,
	signIn,
	type Session
} from './support/sync-client';

const PRIVACY_NOTICE_VERSION = '2026-05';
const VOLUNTEER_PASSWORD = 'flood-duty-2026';
const every = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Tomorrow at `hour`:00 in Beijing, as the datetime-local fields show it and as an instant. */
function beijing(dayOffset: number, hour: number) {
	const now = new Date(Date.now() + 8 * 3_600_000);
	const day = new Date(
		Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + dayOffset, hour)
	);
	const local = day.toISOString().slice(0, 16);
	return { local, instant: new Date(day.getTime() - 8 * 3_600_000).toISOString() };
}

interface Person {
	name: string;
	ready: boolean;
	weekly: string[];
	standby?: { from: string; to: string }[];
	roles?: string[];
}

/**
 * Members of a Chaoyang station, registered by the admin herself (an admin's device holds the
 * members she registered), each saying when she can come; the first gets an account for her phone.
 */
async function chaoyangMembers(admin: Session, people: Person[]) {
	const rows = latestRows((await pullAll(admin, crypto.randomUUID())).changes);
	const station = rows
		.of('stations')
		.find((s) => s.district === 'chaoyang' && s.status === 'open')!;
	const prefix = `197${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
	const at = new Date().toISOString();
	const members = people.map((person, k) => ({
		...person,
		id: crypto.randomUUID(),
		phone: `${prefix}${String(k).padStart(5, '0')}`
	}));
	const answer = await pushBatch(admin, crypto.randomUUID(), [
		...members.map((m, k) => ({
			id: k + 1,
			name: 'volunteer.register',
			args: {
				id: m.id,
				name: m.name,
				phone: m.phone,
				gender: 'female',
				birthYear: 1975,
				district: 'chaoyang',
				community: station.community,
				skills: [],
				languages: ['zh'],
				availability: '',
				emergencyResponder: false,
				consent: true,
				consentVersion: PRIVACY_NOTICE_VERSION,
				homeStationId: station.id,
				source: 'staff',
				at
			}
		})),
		...members.map((m, k) => ({
			id: members.length + k + 1,
			name: 'volunteer.setReadiness',
			args: {
				id: m.id,
				emergencyResponder: m.ready,
				readiness: {
					weekly: m.weekly,
					standby: m.standby ?? [],
					roles: m.roles ?? ['duty'],
					firstAidExpiresOn: null
				},
				at
			}
		}))
	]);
	expect(answer.results.filter((r) => r.status !== 'applied')).toEqual([]);
	// Her station's code, claimed with a password of her own, as she would at /register.
	const first = members[0]!;
	const code = await postJson(admin, `/api/members/${first.id}/claim-code`, {});
	expect(code.status).toBe(200);
	const { code: claimCode } = (await code.json()) as { code: string };
	const claimed = await fetch(`${admin.base}/api/auth/claim`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: admin.base },
		body: JSON.stringify({ phone: first.phone, code: claimCode, password: VOLUNTEER_PASSWORD })
	});
	expect(claimed.status, await claimed.clone().text()).toBe(201);
	return { station, members };
}

test('a flood duty call-out made offline reaches a fitting volunteer, whose answer moves the headcount', async ({
	device,
	server
}) => {
	test.setTimeout(180_000);
	const start = beijing(1, 20);
	const end = beijing(2, 8);
	const admin = await signIn(server.url, 'chaoyang');
	const { station, members } = await chaoyangMembers(admin, [
		{
			name: '刘桂香',
			ready: true,
			weekly: every.flatMap((d) => [`${d}_evening`, `${d}_night`, `${d}_morning`])
		},
		{
			name: '王敏华',
			ready: true,
			weekly: [],
			standby: [{ from: beijing(0, 0).instant, to: beijing(3, 0).instant }]
		},
		{ name: '陈玉兰', ready: false, weekly: every.map((d) => `${d}_evening`) },
		{ name: '张丽娟', ready: true, weekly: every.map((d) => `${d}_afternoon`) }
	]);
	const [liu, wang, chen, zhang] = members as [
		(typeof members)[number],
		(typeof members)[number],
		(typeof members)[number],
		(typeof members)[number]
	];

	// The admin's tablet, ready for the network to go.
	const tablet = await device({ account: 'chaoyang' });
	const desk = new AppShell(tablet.page);
	await desk.openReadyForOffline('/callouts');
	await tablet.context.setOffline(true);

	const main = tablet.page.getByRole('main');
	await main.getByRole('link', { name: 'New call-out' }).click();
	await main.getByLabel('What for').fill('防汛值班备勤');
	await main.getByLabel('Where to gather').fill('望京街道防汛值班室');
	await main.getByLabel('Starts').fill(start.local);
	await main.getByLabel('Ends').fill(end.local);
	await main.getByLabel('People needed').first().fill('20');
	await main.getByLabel('Lead station').selectOption({ label: String(station.name) });
	await main.getByRole('radio', { name: /^Every station in Chaoyang/ }).check();

	// Only those who fit, each with why; the others left out, with why.
	const preview = main.getByRole('region', { name: 'Volunteers who fit' });
	await expect(preview).toContainText('No network: the list shows only the volunteers kept');
	const fit = preview.locator('li.person');
	await expect(fit).toHaveCount(2);
	await expect(fit.filter({ hasText: wang.name })).toContainText('On standby');
	await expect(fit.filter({ hasText: liu.name })).toContainText('Free the whole time');
	await expect(fit.filter({ hasText: liu.name })).toContainText('Task: Duty and standby');
	const leftOut = preview.locator('details.left-out');
	await expect(leftOut.locator('summary')).toContainText('Not listed (2)');
	await leftOut.locator('summary').click();
	await expect(leftOut).toContainText(
		new RegExp(`Has not said she will help in emergencies \\(1\\)\\s*${chen.name}`)
	);
	await expect(leftOut).toContainText(new RegExp(`Not free at that time \\(1\\)\\s*${zhang.name}`));

	await main.getByRole('button', { name: 'Start the call-out' }).click();
	await expect(tablet.page.getByRole('heading', { level: 1, name: '防汛值班备勤' })).toBeVisible();
	await main.getByRole('checkbox', { name: /^Select all/ }).check();
	await main.getByRole('button', { name: /^Ask selected/ }).click();
	const asked = main.getByRole('region', { name: 'Volunteers asked' });
	await expect(asked).toContainText(liu.name);
	await expect(asked).toContainText(wang.name);
	const headcount = main.getByRole('region', { name: 'How many are coming' });
	await expect(headcount).toContainText('0 will come / 20 needed');

	// Back online: the call-out and who it asked reach the server.
	await tablet.context.setOffline(false);
	await desk.reloadAndSync();

	// Her phone: the call-out is at the top of her home after her sync.
	const phone = await device();
	await new AccountScreens(phone.page).signIn(liu.phone, VOLUNTEER_PASSWORD);
	const app = new AppShell(phone.page);
	await app.waitUntilSynced();
	await app.waitForOfflineReady();
	const calls = phone.page.getByRole('region', { name: 'Emergency call-outs' });
	const call = calls.getByRole('article', { name: '防汛值班备勤' });
	await expect(call).toBeVisible();
	// At the top of her home: before anything else in it.
	const firstSection = phone.page.getByRole('main').locator('section').first();
	await expect(firstSection).toHaveAttribute('aria-labelledby', 'home-callouts');
	await phone.context.setOffline(true);
	await call.getByRole('button', { name: 'I can come' }).click();
	await expect(call).toContainText('You said you can come');
	await expect(call).toContainText('Saved on this phone');

	// The headcount moves only when her phone has synced.
	await desk.reloadAndSync();
	await expect(headcount).toContainText('0 will come / 20 needed');
	await phone.context.setOffline(false);
	await app.reloadAndSync();
	await desk.reloadAndSync();
	await expect(headcount).toContainText('1 will come / 20 needed');
	await expect(asked.locator('li').filter({ hasText: liu.name })).toContainText(
		'She answered on her phone'
	);

	// Stood down: her phone says she need not come.
	await main.getByRole('button', { name: 'Stand down', exact: true }).click();
	await main.getByRole('button', { name: 'Yes, stand down' }).click();
	await expect(main.getByRole('status').filter({ hasText: 'Stood down' }).first()).toBeVisible();
	await desk.reloadAndSync();
	await app.reloadAndSync();
	await expect(call).toContainText('Stood down: no need to come');
});
