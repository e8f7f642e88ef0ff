/**
 * Test fixtures: `server` is a fresh app server with demo data for each test; `device()` opens a
 * new browser context on it (a separate device: its own IndexedDB and service worker), and with
 * `account` signs that demo account in first (staff set the demo PIN), since every screen but
 * sign-in needs an account.
 */
import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { AccountScreens } from './pages/account';
import { chromiumLaunchArgs } from './support/chromium';
import { startAppServer, type AppServer } from './support/server';

export interface Device {
	context: BrowserContext;
	page: Page;
}

export const test = base.extend<{
	server: AppServer;
	device: (options?: {
		locale?: string;
		serviceWorkers?: 'allow' | 'block';
		/** A demo login (`xizongbu`, `beijing`, `13800000001`...) to sign in with at once. */
		account?: string;
	}) => Promise<Device>;
}>({
	// Playwright's flags and ours, with the address bar's page turned off (see chromiumLaunchArgs).
	launchOptions: [
		async ({ launchOptions }, use) => use({ ...launchOptions, args: await chromiumLaunchArgs() }),
		{ scope: 'worker' }
	],
	// eslint-disable-next-line no-empty-pattern
	server: async ({}, use) => {
		const server = await startAppServer();
		await use(server);
		await server.dispose();
	},
	device: async ({ browser, server }, use) => {
		const contexts: BrowserContext[] = [];
		await use(async (options = {}) => {
			const context = await browser.newContext({
				baseURL: server.url,
				locale: options.locale ?? 'en-US',
				serviceWorkers: options.serviceWorkers ?? 'allow'
			});
			contexts.push(context);
			const page = await context.newPage();
			if (options.account) await new AccountScreens(page).signIn(options.account);
			return { context, page };
		});
		for (const context of contexts) await context.close();
	}
});

export { expect } from '@playwright/test';
