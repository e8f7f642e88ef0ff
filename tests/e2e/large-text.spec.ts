/**
 * Large text (长辈模式) is one tap away on every screen, applies at once, and is remembered for
 * the device (its sign-in and lock screens) and for each account on a shared tablet.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AccountScreens, DEMO_STAFF_NAMES } from './pages/account';

const textSize = (page: Page) => page.locator('html').getAttribute('data-text');
const largeSwitch = (page: Page) =>
	page.getByRole('banner').getByRole('button', { name: 'Large text' });

test('large text is remembered for the device and for each account on it', async ({ device }) => {
	const { page } = await device();
	const account = new AccountScreens(page);
	await page.goto('/');
	await expect(account.signInHeading).toBeVisible();

	// On the first screen, before anyone signs in: one tap, everything larger at once.
	await largeSwitch(page).click();
	await expect(largeSwitch(page)).toHaveAttribute('aria-pressed', 'true');
	expect(await textSize(page)).toBe('large');
	const h1 = await account.signInHeading.evaluate((el) =>
		parseFloat(getComputedStyle(el).fontSize)
	);
	expect(h1).toBeGreaterThanOrEqual(30);
	const body = await page
		.locator('label')
		.first()
		.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
	expect(body).toBeGreaterThanOrEqual(18);
	await page.reload();
	await expect(account.signInHeading).toBeVisible();
	expect(await textSize(page)).toBe('large');

	// A worker signs in: the device's choice holds until she makes her own.
	await account.signIn('xizongbu');
	expect(await textSize(page)).toBe('large');
	await largeSwitch(page).click();
	await expect(page.locator('html')).toHaveAttribute('data-text', 'normal');

	// A colleague on the same tablet chooses large text for herself.
	await account.signIn('xizongbu2');
	expect(await textSize(page)).toBe('normal');
	await largeSwitch(page).click();
	await expect(page.locator('html')).toHaveAttribute('data-text', 'large');

	// Each gets her own back when she unlocks.
	await account.switchUser();
	await account.unlockAs(DEMO_STAFF_NAMES.xizongbu);
	await expect(page.locator('html')).toHaveAttribute('data-text', 'normal');
	await account.switchUser();
	await account.unlockAs(DEMO_STAFF_NAMES.xizongbu2);
	await expect(page.locator('html')).toHaveAttribute('data-text', 'large');
});
