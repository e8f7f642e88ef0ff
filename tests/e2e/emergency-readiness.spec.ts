/**
 * Emergency mobilization as a volunteer and her station meet it: she answers a call-out on her
 * phone with no network and changes her mind, her station sees her last answer once she is back
 * online; a call-out stood down after she said yes tells her not to come; her station keeps her
 * readiness, with a mistake shown beside its field; and call-out musters stay off her project list.
 */
import { expect, test } from './fixtures';
import { DEMO_VOLUNTEER_PHONE } from './pages/account';
import { AppShell } from './pages/app';
import { calloutStory } from './support/callout-story';
import { latestRows, pullAll, signIn } from './support/sync-client';

test('she answers a call-out offline and changes her mind; her station gets her last answer', async ({
	device,
	server
}) => {
	const { volunteerId } = await calloutStory(server.url);
	const phone = await device({ account: DEMO_VOLUNTEER_PHONE });
	const app = new AppShell(phone.page);
	await app.openReadyForOffline('/');

	const open = phone.page.getByRole('article', { name: '暴雨预警：社区低洼处巡查' });
	await expect(open).toContainText('Urgent');
	await expect(open).toContainText('Patrol and watch');
	const stoodDown = phone.page.getByRole('article', { name: '防汛沙袋装运' });
	await expect(stoodDown).toContainText('Stood down: no need to come');
	await expect(stoodDown).toContainText('雨势减弱，沙袋已够用。');
	await expect(stoodDown.getByRole('button')).toHaveCount(0);

	await server.stop();
	await phone.context.setOffline(true);
	await open.getByRole('button', { name: 'I can come' }).click();
	await expect(open).toContainText('You said you can come');
	await expect(open).toContainText('Saved on this phone');
	await open.getByRole('button', { name: "Change to: I can't come" }).click();
	await expect(open).toContainText("You said you can't come");

	await server.start();
	await phone.context.setOffline(false);
	await app.reloadAndSync();
	await expect(open).toContainText("You said you can't come");
	await expect(open).not.toContainText('Saved on this phone');

	const station = await signIn(server.url, 'xizongbu');
	const responses = latestRows((await pullAll(station, crypto.randomUUID())).changes)
		.of('calloutResponses')
		.filter((r) => r.volunteerId === volunteerId && r.answeredBy === 'member');
	expect(responses).toEqual([expect.objectContaining({ answer: 'declined', role: 'patrol' })]);

	// The musters are not projects she signs up for: her list leaves them out.
	await app.goViaNav('Projects');
	await expect(phone.page.getByRole('main').getByRole('listitem').first()).toBeVisible();
	await expect(phone.page.getByRole('link', { name: '暴雨预警：社区低洼处巡查' })).toHaveCount(0);
	await expect(phone.page.getByRole('link', { name: '防汛沙袋装运' })).toHaveCount(0);
});

test('her station keeps her readiness: a standby that ends before it starts is shown on its field', async ({
	device,
	server
}) => {
	const { volunteerId } = await calloutStory(server.url);
	const tablet = await device({ account: 'xizongbu' });
	const page = tablet.page;
	await new AppShell(page).open(`/members/${volunteerId}`);
	const readiness = page.getByRole('region', { name: 'Emergency readiness' });
	await expect(readiness).toContainText('Monday to Wednesday: Evening; Saturday, Sunday: Morning');
	await expect(readiness).toContainText('Valid until 1 May 2027');

	await readiness.getByRole('button', { name: 'Change emergency readiness' }).click();
	await readiness.getByRole('checkbox', { name: /^Friday Night/ }).check();
	await readiness.getByRole('button', { name: 'Add a standby time' }).click();
	const second = readiness.getByRole('listitem').filter({ hasText: 'Standby time 2' });
	await second.getByLabel('Until').fill('2030-01-01T08:00');
	await second.getByLabel('From').fill('2030-01-01T20:00');
	await readiness.getByRole('button', { name: 'Save emergency readiness' }).click();
	await expect(second.getByLabel('Until')).toHaveAttribute('aria-invalid', 'true');
	await expect(second).toContainText('The end must be after the start');

	await second.getByLabel('Until').fill('2030-01-02T08:00');
	await readiness.getByRole('button', { name: 'Save emergency readiness' }).click();
	await expect(readiness).toContainText('Emergency readiness saved.');
	await expect(readiness).toContainText(
		'Monday to Wednesday: Evening; Friday: Night; Saturday, Sunday: Morning'
	);
	await expect(readiness.getByRole('listitem')).toHaveCount(2);

	// Staff see the musters on their list, marked as such.
	await page.goto('/projects');
	const muster = page.getByRole('listitem').filter({ hasText: '暴雨预警：社区低洼处巡查' });
	await expect(muster).toContainText('Emergency call-out');
});
