/**
 * What a person sees first: the sign-in screen in the browser's language (Chinese for a Chinese
 * browser, English otherwise); the app remembers a switch, and explains a refused form next to
 * the field.
 */
import { expect, test } from './fixtures';
import { DEMO_STAFF_NAMES } from './pages/account';
import { AppShell } from './pages/app';
import { MembersScreens } from './pages/members';

test('a Chinese browser gets Chinese, any other English, and a switch is remembered', async ({
	device
}) => {
	// The first screen of a new device is signing in, in the browser's language.
	const zh = await device({ locale: 'zh-CN' });
	await zh.page.goto('/');
	await expect(zh.page.getByRole('heading', { level: 1 })).toHaveText('登录');
	await expect(zh.page.getByLabel('用户名或手机号', { exact: true })).toBeVisible();
	await expect(zh.page.getByLabel('密码', { exact: true })).toBeVisible();
	await expect(zh.page.getByRole('button', { name: '登录', exact: true })).toBeVisible();
	await expect(zh.page.locator('html')).toHaveAttribute('lang', /^zh/);

	const fr = await device({ locale: 'fr-FR' });
	await fr.page.goto('/');
	await expect(fr.page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
	await expect(fr.page.getByLabel('Username or phone', { exact: true })).toBeVisible();
	await expect(fr.page.getByLabel('Password', { exact: true })).toBeVisible();
	await expect(fr.page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();

	// Signed in, in Chinese, the app speaks Chinese.
	await new AppShell(zh.page).signIn('xizongbu');
	await expect(zh.page.getByRole('heading', { level: 1 })).toHaveText('概览');

	// The choice outlives a reload and a new page.
	await zh.page
		.getByRole('group', { name: '语言' })
		.getByRole('button', { name: 'English' })
		.click();
	await expect(zh.page.getByRole('heading', { level: 1 })).toHaveText('Overview');
	await zh.page.reload();
	await expect(zh.page.getByRole('heading', { level: 1 })).toHaveText('Overview');
	// A new tab opens locked, in English: the PIN screen of the one account on the device.
	const again = await zh.context.newPage();
	await again.goto('/members');
	await expect(again.getByRole('heading', { level: 1 })).toHaveText(
		`${DEMO_STAFF_NAMES.xizongbu}: enter your PIN`
	);
	await expect(again.getByLabel('PIN', { exact: true })).toBeVisible();
	await new AppShell(again).account.unlockAs(DEMO_STAFF_NAMES.xizongbu);
	await expect(again.getByRole('heading', { level: 1 })).toHaveText('Volunteers');
});

test('a refused registration says why, next to the field, and keeps what was typed', async ({
	device
}) => {
	const { page } = await device({ account: 'xizongbu' });
	const members = new MembersScreens(page);
	await members.register({
		name: '郑美玲',
		phone: '13900008888',
		district: 'Dongcheng',
		community: '西总布',
		skills: []
	});

	await members.app.goViaNav('Volunteers');
	await page.getByRole('link', { name: 'Register a volunteer' }).first().click();
	const form = page.getByRole('main').locator('form');
	await form.getByLabel('Name', { exact: true }).fill('郑美');
	await form.getByLabel('Phone', { exact: true }).fill('139-0000-8888');
	await form.getByLabel('District', { exact: true }).selectOption({ label: 'Dongcheng' });
	await form.getByLabel('Community', { exact: true }).fill('西总布');
	await form.getByRole('button', { name: 'Register' }).click();

	// No consent: the checkbox says so, nothing is saved.
	const consent = form.getByLabel('I agree to the privacy notice');
	await expect(consent).toHaveAttribute('aria-invalid', 'true');
	await expect(form).toContainText('You must agree to the privacy notice to register');

	// The same phone typed differently: refused, naming the member who has it.
	await consent.check();
	await form.getByRole('button', { name: 'Register' }).click();
	const phone = form.getByLabel('Phone', { exact: true });
	await expect(phone).toHaveAttribute('aria-invalid', 'true');
	await expect(form).toContainText('already registered to volunteer “郑美玲”');
	await expect(phone).toHaveValue('139-0000-8888');
	await expect(await members.search('1390000888')).toHaveCount(1);
});
