/**
 * Test fixtures: `server` is a fresh app server with demo data for each test; `device()` opens a
 * new browser context on it (a separate device: its own IndexedDB and service worker).
 */
import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { startAppServer, type AppServer } from './support/server';

export interface Device {
	context: BrowserContext;
	page: Page;
}

export const test = base.extend<{
	server: AppServer;
	device: (options?: { locale?: string; serviceWorkers?: 'allow' | 'block' }) => Promise<Device>;
}>({
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
			return { context, page };
		});
		for (const context of contexts) await context.close();
	}
});

export { expect } from '@playwright/test';
