/**
 * An emergency call-out worth looking at: some of a station's members say when they can come and
 * what they can do (the demo data has no readiness yet), then the station's worker starts a
 * call-out on her tablet, asks the volunteers who fit, records their answers, shows one number
 * and checks one in, all through the screens.
 */
import { expect, type Page } from '@playwright/test';
import { AppShell } from '../pages/app';
import { latestRows, pullAll, pushBatch, signIn, type PushItem } from './sync-client';

const DAY = 86_400_000;

/** Every part of every day of the week. */
const everySlot = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].flatMap((day) =>
	['morning', 'afternoon', 'evening', 'night'].map((part) => `${day}_${part}`)
);

/**
 * Gives `count` active members of the worker's station a readiness of each kind: on standby, free
 * every day with first aid, free every day, free only on Monday mornings, not ready at all.
 */
export async function seedReadiness(base: string, login = 'xizongbu', count = 10) {
	const session = await signIn(base, login);
	const rows = latestRows((await pullAll(session, crypto.randomUUID())).changes);
	const members = rows
		.of('volunteers')
		.filter((v) => v.status === 'active' && !v.consentWithdrawnAt && !v.erasureRequestedAt)
		.slice(0, count);
	const now = Date.now();
	const at = new Date(now).toISOString();
	const standby = [
		{ from: new Date(now - DAY).toISOString(), to: new Date(now + 3 * DAY).toISOString() }
	];
	const firstAidUntil = new Date(now + 365 * DAY).toISOString().slice(0, 10);
	const mutations: PushItem[] = members.map((member, k) => {
		const kind = k % 5;
		return {
			id: k + 1,
			name: 'volunteer.setReadiness',
			args: {
				id: member.id,
				emergencyResponder: kind !== 4,
				readiness: {
					weekly: kind === 1 || kind === 2 ? everySlot : kind === 3 ? ['mon_morning'] : [],
					standby: kind === 0 ? standby : [],
					roles: kind === 0 ? ['duty', 'patrol'] : kind === 1 ? ['first_aid'] : [],
					firstAidExpiresOn: kind === 1 ? firstAidUntil : null
				},
				at
			}
		};
	});
	const answer = await pushBatch(session, crypto.randomUUID(), mutations);
	const refused = answer.results.filter((r) => r.status !== 'applied');
	if (refused.length > 0) throw new Error(`readiness refused: ${JSON.stringify(refused)}`);
	return members.length;
}

/**
 * On a signed-in worker's tablet: starts a call-out, asks everyone who fits, records three
 * answers, shows one number and checks one volunteer in, and waits until the server has it all.
 * Returns the call-out's page.
 */
export async function startCallout(page: Page): Promise<string> {
	const app = new AppShell(page);
	await app.reloadAndSync();
	await app.open('/callouts/new');
	await page.locator('#callout-title').fill('暴雨防汛值守');
	await page.locator('#callout-place').fill('西总布社区居委会');
	await page.getByRole('button', { name: /^(再加一项任务|Add a task)$/ }).click();
	await page.getByRole('button', { name: /^(发起召集|Start the call-out)$/ }).click();
	await expect(page).toHaveURL(/\/callouts\/[0-9a-f-]{36}$/);
	const path = new URL(page.url()).pathname;

	await page.getByRole('checkbox', { name: /^(全选|Select all)/ }).check();
	await page.getByRole('button', { name: /^(通知所选|Ask selected)/ }).click();
	await expect(page.getByText(/^(已通知 \d+ 人|\d+ asked)/).first()).toBeVisible();

	const answers = page.getByRole('group', { name: /^(记下答复：|Her answer:)$/ });
	await expect(answers.first()).toBeVisible();
	// Each answer recorded moves her out of the waiting group, first on the page.
	const recorded = page.getByRole('main').getByRole('button', { pressed: true });
	const said = [/^(响应|Will come)$/, /^(响应|Will come)$/, /^(不能参加|Can't come)$/];
	for (const [k, answer] of said.entries()) {
		await answers.first().getByRole('button', { name: answer }).click();
		await expect(recorded).toHaveCount(k + 1);
	}
	await page
		.getByRole('button', { name: /^(显示号码|Show number)$/ })
		.first()
		.click();
	await expect(page.locator('a[href^="tel:"]')).toBeVisible();
	await page
		.getByRole('button', { name: /^(到场签到|Arrived)$/ })
		.first()
		.click();
	await expect(page.getByText(/(已签到|checked in)/).first()).toBeVisible();
	// On the server too, for the district admin's device.
	await app.waitUntilSynced();
	return path;
}
