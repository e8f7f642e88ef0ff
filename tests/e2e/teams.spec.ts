/**
 * Volunteer teams end to end, against the built server: Xizongbu's worker, with no network, sets up
 * a team with a leader and two members and releases a project it organises; once her tablet is
 * back online and has synced, a second Xizongbu tablet shows the team, its members and the
 * project under it.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppShell } from './pages/app';
import { beijingInput, ProjectScreens } from './pages/projects';
import { TeamScreens } from './pages/teams';

/** What a project's page says under "Organised by". */
const organisedBy = (page: Page) =>
	page.getByRole('main').locator('dt:text-is("Organised by") + dd');

test('a team set up offline, with a project it organises, reaches the station’s other tablet', async ({
	device
}) => {
	test.setTimeout(180_000);
	const tablet = await device({ account: 'xizongbu' });
	const desk = new AppShell(tablet.page);
	await desk.openReadyForOffline('/teams');
	const teams = new TeamScreens(tablet.page);
	await expect(teams.main.getByRole('link', { name: '西总布巾帼志愿服务队' })).toBeVisible();
	await tablet.context.setOffline(true);

	await teams.startNew();
	const [leader, first, second] = await teams.offeredMembers();
	if (!leader || !first || !second) throw new Error('the station has too few volunteers');
	const team = {
		name: '西总布邻里守望队',
		leader,
		members: [first, second],
		focus: ['Elderly care', 'Community safety']
	};
	await teams.setUp(team);
	await expect(teams.members.getByRole('heading')).toHaveText('Members (3)');
	for (const name of [leader, first, second]) {
		await expect(teams.members.getByRole('link', { name, exact: true })).toBeVisible();
	}
	await expect(teams.projects).toContainText('It has not organised a project yet.');

	// A project the team organises, released offline too.
	const projects = new ProjectScreens(tablet.page);
	await projects.release({
		title: '楼道安全巡查',
		description: '检查楼道堆物和灭火器。',
		station: '西总布社区妇女志愿服务站',
		category: 'Community safety',
		place: '西总布胡同',
		team: team.name,
		shifts: [{ start: beijingInput(3, 9), end: beijingInput(3, 11), capacity: 6 }]
	});
	await expect(organisedBy(tablet.page)).toHaveText(team.name);
	await tablet.page.getByRole('link', { name: team.name }).click();
	await expect(teams.projects.getByRole('link', { name: /楼道安全巡查/ })).toBeVisible();

	// Back online: the team and its project reach the server.
	await tablet.context.setOffline(false);
	await desk.reloadAndSync();

	const other = await device({ account: 'xizongbu' });
	const otherDesk = new AppShell(other.page);
	await otherDesk.open('/teams');
	await otherDesk.waitUntilSynced();
	const otherTeams = new TeamScreens(other.page);
	const card = otherTeams.main.getByRole('article').filter({ hasText: team.name });
	await expect(card).toContainText(`Leader: ${leader}`);
	await expect(card).toContainText('Members: 3');
	await card.getByRole('link', { name: team.name }).click();
	await expect(other.page.getByRole('heading', { level: 1, name: team.name })).toBeVisible();
	for (const name of [leader, first, second]) {
		await expect(otherTeams.members.getByRole('link', { name, exact: true })).toBeVisible();
	}
	await otherTeams.projects.getByRole('link', { name: /楼道安全巡查/ }).click();
	await expect(organisedBy(other.page)).toHaveText(team.name);
});
