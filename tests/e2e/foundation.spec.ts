/**
 * The foundation's promise, end to end in real Chromium against the built app: what one device
 * saves reaches the others, also when it was saved offline, and the server alone decides who gets
 * the last place on a shift. The two workers of one station, xizongbu and xizongbu2, each on
 * their own tablet, see the same station's members and projects.
 */
import { expect, test } from './fixtures';
import { MembersScreens } from './pages/members';
import { beijingInput, ProjectScreens } from './pages/projects';

const XIZONGBU = '西总布社区妇女志愿服务站';

test('a member and a project made on one device appear on a second device', async ({ device }) => {
	const tablet = await device({ account: 'xizongbu' });
	const members = new MembersScreens(tablet.page);
	await members.register({
		name: '林晓燕',
		phone: '139 0000 1111',
		district: 'Dongcheng',
		community: '西总布',
		skills: ['Elderly care', 'First aid']
	});
	const projects = new ProjectScreens(tablet.page);
	const projectPath = await projects.release({
		title: '冬季助老探访',
		description: 'Visit older neighbours who live alone.',
		station: XIZONGBU,
		category: 'Elderly care',
		place: '西总布社区活动中心',
		shifts: [{ start: beijingInput(3, 9), end: beijingInput(3, 12), capacity: 4 }]
	});
	await projects.app.waitUntilSynced();

	const second = await device({ account: 'xizongbu2' });
	const elsewhere = new MembersScreens(second.page);
	const found = await elsewhere.search('13900001111');
	await expect(found).toHaveCount(1);
	await expect(found.first()).toContainText('林晓燕');
	await second.page.goto(projectPath);
	await expect(second.page.getByRole('heading', { level: 1, name: '冬季助老探访' })).toBeVisible();
	await expect(new ProjectScreens(second.page).shift(0)).toContainText('0 confirmed / 4 places');
});

test('a member registered offline reaches the other device exactly once', async ({ device }) => {
	const tablet = await device({ account: 'xizongbu' });
	const members = new MembersScreens(tablet.page);
	await members.app.openReadyForOffline('/members');

	await tablet.context.setOffline(true);
	await members.register({
		name: '周雪梅',
		phone: '+86 139-0000-2222',
		district: 'Dongcheng',
		community: '东四',
		skills: ['Tutoring']
	});
	await expect(members.app.syncStatus).toContainText('1 change waiting');
	await tablet.context.setOffline(false);
	await tablet.page.evaluate(() => window.dispatchEvent(new Event('online')));
	await members.app.waitUntilSynced();

	const second = await device({ account: 'xizongbu2' });
	const elsewhere = new MembersScreens(second.page);
	const found = await elsewhere.search('周雪梅');
	await expect(found).toHaveCount(1);
	await expect(found.first()).toContainText('139****2222');
	// Another round of syncing on both devices changes nothing.
	await members.app.reloadAndSync();
	await elsewhere.app.reloadAndSync();
	await expect(await elsewhere.search('1390000222')).toHaveCount(1);
});

test('two devices race for the last place: one confirmed, one waitlisted', async ({ device }) => {
	const a = await device({ account: 'xizongbu' });
	const members = new MembersScreens(a.page);
	await members.register({
		name: '陈静怡',
		phone: '13900003333',
		district: 'Dongcheng',
		community: '西总布',
		skills: []
	});
	await members.register({
		name: '刘佳琪',
		phone: '13900004444',
		district: 'Dongcheng',
		community: '西总布',
		skills: []
	});
	const onA = new ProjectScreens(a.page);
	const projectPath = await onA.release({
		title: '最后一个名额',
		description: '',
		station: XIZONGBU,
		category: 'First aid',
		place: '社区卫生站',
		shifts: [{ start: beijingInput(2, 14), end: beijingInput(2, 16), capacity: 1 }]
	});
	await onA.app.waitUntilSynced();

	const b = await device({ account: 'xizongbu2' });
	const onB = new ProjectScreens(b.page);
	await onB.app.open(projectPath);
	await onB.app.waitUntilSynced();
	await onB.app.waitForOfflineReady();
	await expect(onB.shift(0)).toContainText('0 confirmed / 1 places');

	// Device B is offline and asks first; device A is online and asks second.
	await b.context.setOffline(true);
	await onB.signUp(0, '刘佳琪', '刘佳琪');
	await expect(onB.signupOf(0, '刘佳琪')).toContainText('Pending (waiting for sync)');

	await onA.signUp(0, '陈静怡', '陈静怡');
	await expect(onA.signupOf(0, '陈静怡')).toContainText('Confirmed');

	await b.context.setOffline(false);
	await b.page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect(onB.signupOf(0, '刘佳琪')).toContainText('Waitlisted (#1)');
	await expect(onB.signupOf(0, '陈静怡')).toContainText('Confirmed');
	await expect(onB.shift(0)).toContainText('1 confirmed / 1 places');
	await expect(onB.shift(0)).toContainText('Waitlist: 1');

	await onA.app.reloadAndSync();
	await expect(onA.signupOf(0, '陈静怡')).toContainText('Confirmed');
	await expect(onA.signupOf(0, '刘佳琪')).toContainText('Waitlisted (#1)');
});
