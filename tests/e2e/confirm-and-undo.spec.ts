/**
 * No one-tap accidents: whatever takes away a place, a status or data asks first (and "keep"
 * changes nothing), or, where it can truly be put back, offers to undo it.
 */
import { expect, test } from './fixtures';
import { AppShell } from './pages/app';
import { DEMO_VOLUNTEER_PHONE } from './pages/account';
import { MembersScreens } from './pages/members';
import { beijingInput, ProjectScreens } from './pages/projects';
import {
	latestRows,
	openShift,
	pullAll,
	pushBatch,
	sessionHeaders,
	signIn,
	type Session
} from './support/sync-client';

interface Member {
	id: string;
	name: string;
	phone: string;
	status: string;
}

/** The active volunteers an account's device receives. */
async function membersOf(session: Session): Promise<Member[]> {
	const rows = latestRows((await pullAll(session, crypto.randomUUID())).changes).of('volunteers');
	return rows
		.map((r) => ({
			id: String(r.id),
			name: String(r.name),
			phone: String(r.phone),
			status: String(r.status)
		}))
		.filter((m) => m.status === 'active');
}

/** A shift of one place at the worker's station, taken by `first`, with `second` waiting. */
async function fullShift(worker: Session, first: Member, second: Member) {
	const stationId = (await pullStation(worker))!;
	const { projectId, shiftId, at } = await openShift(worker, stationId, 1);
	await pushBatch(worker, crypto.randomUUID(), [
		{
			id: 1,
			name: 'signup.request',
			args: { id: crypto.randomUUID(), shiftId, volunteerId: first.id, at }
		},
		{
			id: 2,
			name: 'signup.request',
			args: { id: crypto.randomUUID(), shiftId, volunteerId: second.id, at }
		}
	]);
	return `/projects/${projectId}`;
}

/** The station a worker's account belongs to. */
async function pullStation(worker: Session): Promise<string | null> {
	const response = await fetch(`${worker.base}/api/auth/session`, {
		headers: sessionHeaders(worker)
	});
	return ((await response.json()) as { account: { stationId: string | null } }).account.stationId;
}

test('cancelling a sign-up on a shift’s list asks first; keeping it changes nothing', async ({
	device,
	server
}) => {
	const worker = await signIn(server.url, 'xizongbu');
	const [first, second] = await membersOf(worker);
	const path = await fullShift(worker, first!, second!);

	const { page } = await device({ account: 'xizongbu' });
	const app = new AppShell(page);
	const projects = new ProjectScreens(page);
	await app.open(path);
	const hers = projects.signupOf(0, first!.name);
	await expect(hers).toContainText('Confirmed');

	await hers.getByRole('button', { name: `Cancel sign-up: ${first!.name}` }).click();
	const question = hers.getByRole('group', { name: `Cancel the sign-up of ${first!.name}?` });
	await expect(question).toContainText('Her place goes to the first person on the waitlist');
	await expect(question.getByRole('button', { name: 'Keep the sign-up' })).toBeFocused();
	await question.getByRole('button', { name: 'Keep the sign-up' }).click();
	await expect(question).toHaveCount(0);
	await expect(hers).toContainText('Confirmed');
	await expect(app.syncStatus).not.toContainText(/changes? waiting/);

	await hers.getByRole('button', { name: `Cancel sign-up: ${first!.name}` }).click();
	await question.getByRole('button', { name: 'Yes, cancel it' }).click();
	await expect(hers).toContainText('Cancelled');
	// The server gives her place to the first one waiting.
	await app.waitUntilSynced();
	await expect(projects.signupOf(0, second!.name)).toContainText('Confirmed');
});

test('deactivating a volunteer asks first, apart from the everyday buttons', async ({
	device,
	server
}) => {
	const [member] = await membersOf(await signIn(server.url, 'xizongbu'));
	const { page } = await device({ account: 'xizongbu' });
	await new AppShell(page).open(`/members/${member!.id}`);
	const main = page.getByRole('main');
	await expect(main.getByRole('heading', { level: 1, name: member!.name })).toBeVisible();
	// The first buttons on her page do not take anything away.
	await expect(main.getByRole('button').first()).toHaveText('Edit details');

	const deactivate = main.getByRole('button', { name: 'Deactivate this volunteer' });
	await deactivate.click();
	const question = main.getByRole('group', { name: `Deactivate ${member!.name}?` });
	await expect(question).toContainText('her existing sign-ups stay');
	await question.getByRole('button', { name: 'Keep her active' }).click();
	await expect(question).toHaveCount(0);
	await expect(deactivate).toBeFocused();
	await expect(main.locator('[data-status="active"]').first()).toBeVisible();

	await deactivate.click();
	await question.getByRole('button', { name: 'Yes, deactivate' }).click();
	await expect(main.locator('[data-status="inactive"]').first()).toHaveText('Deactivated');
	await expect(main.getByRole('button', { name: 'Reactivate' })).toBeVisible();
});

test('a volunteer cancelling her own sign-up is asked first', async ({ device }) => {
	const { page } = await device({ account: DEMO_VOLUNTEER_PHONE });
	const app = new AppShell(page);
	await app.goViaNav('Me');
	const upcoming = page.getByRole('main').getByRole('listitem');
	const first = upcoming.first();
	const title = (await first.getByRole('link').first().textContent())!.trim();
	const status = first.locator('[data-status]');
	const before = (await status.textContent())!.trim();
	await first.getByRole('button', { name: /^Cancel sign-up:/ }).click();
	const question = first.getByRole('group', { name: 'Cancel this sign-up?' });
	await expect(question).toContainText('Your place goes to the next person waiting');
	await question.getByRole('button', { name: 'Keep it' }).click();
	await expect(question).toHaveCount(0);
	await expect(status).toHaveText(before);

	await first.getByRole('button', { name: /^Cancel sign-up:/ }).click();
	await question.getByRole('button', { name: 'Yes, cancel' }).click();
	const cancelled = page
		.getByRole('main')
		.getByRole('listitem')
		.filter({ hasText: title })
		.filter({ hasText: 'Cancelled' });
	await expect(cancelled).toHaveCount(1);
});

test('a refused change discarded on this device can be put back', async ({ device, server }) => {
	// Someone at another station already has this phone: the server refuses the registration.
	const [elsewhere] = await membersOf(await signIn(server.url, 'chaoyang1'));
	const { page } = await device({ account: 'xizongbu' });
	const members = new MembersScreens(page);
	await members.register({
		name: '褚淑芬',
		phone: elsewhere!.phone,
		district: 'Dongcheng',
		community: '西总布',
		skills: []
	});
	const refused = members.app.syncStatus.getByRole('link', { name: /1 change refused/ });
	await refused.click();
	const main = page.getByRole('main');
	await expect(main).toContainText('This phone number is already registered');

	await main.getByRole('button', { name: 'Discard' }).click();
	await expect(main.getByText('No refused changes.')).toBeVisible();
	const undo = main.getByRole('status').filter({ hasText: 'One refused change discarded' });
	await expect(undo).toContainText('Register a volunteer');
	await undo.getByRole('button', { name: 'Undo' }).click();
	await expect(main).toContainText('This phone number is already registered');
	await expect(main.getByRole('link', { name: 'Edit and register again' })).toBeVisible();
	await expect(undo).toHaveCount(0);
});

test('a shift removed from a new project’s form can be put back where it was', async ({
	device
}) => {
	const { page } = await device({ account: 'xizongbu' });
	const app = new AppShell(page);
	await app.open('/projects/new');
	const capacity = page.getByLabel('Capacity', { exact: true });
	await capacity.first().fill('7');
	await page.getByRole('button', { name: 'Add shift' }).click();
	await capacity.nth(1).fill('9');
	await page.getByLabel('Start', { exact: true }).nth(1).fill(beijingInput(5, 9));

	await page.getByRole('button', { name: 'Remove shift' }).first().click();
	await expect(capacity).toHaveCount(1);
	await expect(capacity.first()).toHaveValue('9');
	const undo = page.getByRole('status').filter({ hasText: 'Shift 1 removed.' });
	await undo.getByRole('button', { name: 'Undo' }).click();
	await expect(capacity).toHaveCount(2);
	await expect(capacity.first()).toHaveValue('7');
	await expect(capacity.nth(1)).toHaveValue('9');
	await expect(undo).toHaveCount(0);
});

test('closing a project asks first', async ({ device, server }) => {
	const worker = await signIn(server.url, 'xizongbu');
	const { projectId } = await openShift(worker, (await pullStation(worker))!, 3);
	const { page } = await device({ account: 'xizongbu' });
	await new AppShell(page).open(`/projects/${projectId}`);
	const header = page.getByRole('main').locator('header');
	await header.getByRole('button', { name: 'Close project' }).click();
	const question = header.getByRole('group', { name: /^Close this project\?/ });
	await question.getByRole('button', { name: 'Keep it open' }).click();
	await expect(header.locator('[data-status="published"]')).toBeVisible();

	await header.getByRole('button', { name: 'Close project' }).click();
	await question.getByRole('button', { name: 'Yes, close it' }).click();
	await expect(header.locator('[data-status="closed"]')).toBeVisible();
});
