/**
 * A station worker at an event table: a newcomer registered and signed up for the shift in one
 * go, with the station's district and community filled in; anyone found by the last digits of
 * her phone or the initials of her name, with who is already signed up marked; and a volunteer
 * signed up from her own page.
 */
import { expect, test } from './fixtures';
import { AppShell } from './pages/app';
import { ProjectScreens } from './pages/projects';
import {
	latestRows,
	openShift,
	pullAll,
	pushBatch,
	sessionHeaders,
	signIn,
	type Session
} from './support/sync-client';

/** A published project of the worker's station with one shift of `capacity` places. */
async function projectAtStation(worker: Session, capacity: number, title: string) {
	const response = await fetch(`${worker.base}/api/auth/session`, {
		headers: sessionHeaders(worker)
	});
	const { account } = (await response.json()) as { account: { stationId: string } };
	return openShift(worker, account.stationId, capacity, title);
}

test('a newcomer is registered and signed up for the shift in one go, and the form is ready for the next', async ({
	device,
	server
}) => {
	const { projectId } = await projectAtStation(await signIn(server.url, 'xizongbu'), 5, '义务理发');
	const { page } = await device({ account: 'xizongbu' });
	await page.setViewportSize({ width: 1024, height: 768 });
	const app = new AppShell(page);
	await app.open(`/projects/${projectId}`);
	await new ProjectScreens(page)
		.shift(0)
		.getByRole('link', { name: 'New volunteer: register and sign up' })
		.click();

	const main = page.getByRole('main');
	await expect(main).toContainText('After registering, she is signed up for: 义务理发');
	const form = main.locator('form');
	// The station's district and community are filled in; the optional details are folded.
	await expect(form.getByLabel('District', { exact: true })).toHaveValue('dongcheng');
	await expect(form.getByLabel('Community', { exact: true })).toHaveValue('西总布');
	await expect(form.getByRole('group', { name: /^Skills/ })).toBeHidden();
	const submit = form.getByRole('button', { name: 'Register and sign up for this shift' });
	await expect(submit).toBeInViewport();

	// Two fields to type, one box to tick, one button.
	await form.getByLabel('Name', { exact: true }).fill('卫秀兰');
	await form.getByLabel('Phone', { exact: true }).fill('13900005151');
	await form.getByLabel('I agree to the privacy notice').check();
	await submit.click();

	await expect(main.getByRole('status')).toContainText(
		'卫秀兰 is registered and signed up for this shift.'
	);
	await expect(form.getByLabel('Name', { exact: true })).toHaveValue('');
	await expect(form.getByLabel('Name', { exact: true })).toBeFocused();
	await expect(form.getByLabel('Community', { exact: true })).toHaveValue('西总布');
	await expect(form.getByLabel('I agree to the privacy notice')).not.toBeChecked();

	await main.getByRole('link', { name: '义务理发' }).click();
	// Pending until the server answers, then confirmed: the shift has places left.
	await expect(new ProjectScreens(page).signupOf(0, '卫秀兰')).toContainText('Confirmed');
});

test('the search finds by the last four digits and by pinyin initials, and marks who is signed up', async ({
	device,
	server
}) => {
	const worker = await signIn(server.url, 'xizongbu');
	const { shiftId, projectId, at } = await projectAtStation(worker, 5, '旧衣回收');
	const members = latestRows((await pullAll(worker, crypto.randomUUID())).changes).of('volunteers');
	// 朱颖雪, the demo volunteer: phone 13800000001, pinyin initials zyx.
	const zhu = members.find((m) => m.name === '朱颖雪')!;
	await pushBatch(worker, crypto.randomUUID(), [
		{
			id: 1,
			name: 'signup.request',
			args: { id: crypto.randomUUID(), shiftId, volunteerId: zhu.id, at }
		}
	]);

	const { page } = await device({ account: 'xizongbu' });
	await new AppShell(page).open(`/projects/${projectId}`);
	const card = new ProjectScreens(page).shift(0);
	const search = card.getByLabel('Find a volunteer', { exact: true });
	const result = card
		.getByRole('list', { name: 'Search results' })
		.getByRole('button', { name: /朱颖雪/ });

	await search.fill('0001');
	await expect(result).toContainText('138****0001');
	await search.fill('zyx');
	await expect(result).toBeVisible();
	// Already on this shift: marked, and not offered again.
	await expect(result).toContainText('Signed up');
	await expect(result).toBeDisabled();

	// The volunteers' list searches the same way.
	await page.goto('/members');
	await page.getByRole('searchbox').fill('0001');
	const found = page.getByRole('main').getByRole('listitem');
	await expect(found.filter({ hasText: '朱颖雪' })).toHaveCount(1);
	await page.getByRole('searchbox').fill('zyx');
	await expect(found.filter({ hasText: '朱颖雪' })).toHaveCount(1);
});

test('a volunteer is signed up from her own page, which then says so', async ({
	device,
	server
}) => {
	const worker = await signIn(server.url, 'xizongbu');
	await projectAtStation(worker, 5, '敬老院探访');
	const member = latestRows((await pullAll(worker, crypto.randomUUID())).changes)
		.of('volunteers')
		.find((m) => m.status === 'active' && m.name !== '朱颖雪')!;

	const { page } = await device({ account: 'xizongbu' });
	await new AppShell(page).open(`/members/${String(member.id)}`);
	const section = page.getByRole('region', { name: 'Sign her up' });
	const row = section.getByRole('listitem').filter({ hasText: '敬老院探访' });
	// Soonest first, a page at a time: tomorrow's shift may be on a later page.
	for (let more = 0; more < 10 && !(await row.isVisible()); more++) {
		await section.getByRole('button', { name: 'Show more' }).click();
	}
	await row.getByRole('button', { name: 'Sign up: 敬老院探访' }).click();
	await expect(row.getByRole('status')).toContainText(`${String(member.name)} is signed up`);
	await expect(row).toContainText('Signed up · Pending');
	await expect(row.getByRole('button')).toHaveCount(0);
	await expect(page.getByRole('region', { name: 'Sign-ups', exact: true })).toContainText(
		'敬老院探访'
	);
});
