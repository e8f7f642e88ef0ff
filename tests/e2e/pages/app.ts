/** What every screen shares: navigation, the account menu and the sync status line. */
import { expect, type Page } from '@playwright/test';
import { AccountScreens, DEMO_PASSWORD } from './account';

export class AppShell {
	readonly account: AccountScreens;
	constructor(readonly page: Page) {
		this.account = new AccountScreens(page);
	}

	/** Signs an account in on this device (staff then set the demo PIN): see AccountScreens. */
	async signIn(login: string, password = DEMO_PASSWORD) {
		await this.account.signIn(login, password);
	}

	get syncStatus() {
		return this.page.getByRole('region', { name: 'Sync status' });
	}

	/** Opens a route and waits until the app (not a browser error page) is on screen. */
	async open(path: string) {
		await this.page.goto(path);
		await expect(this.syncStatus).toBeVisible();
	}

	/**
	 * Moves to a main section through the app's own navigation, as a user would; this also works
	 * offline, where a fresh page load would need the service worker. Opens the app first if needed.
	 */
	async goViaNav(section: 'Home' | 'Stations' | 'Volunteers' | 'Projects' | 'Me') {
		if (!this.page.url().startsWith('http')) await this.open('/');
		await this.page
			.getByRole('navigation', { name: 'Main navigation' })
			.getByRole('link', { name: section, exact: true })
			.click();
		await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
	}

	/** Opens a route, waits for the first sync and for the service worker: ready to go offline. */
	async openReadyForOffline(path: string) {
		await this.open(path);
		await this.waitUntilSynced();
		await this.waitForOfflineReady();
	}

	/**
	 * Waits until the service worker controls the page: from then on the app works offline. It
	 * listens for the takeover rather than polling: a page whose clock a test has fixed may never
	 * run the animation frames that polling waits on.
	 */
	async waitForOfflineReady(timeoutMs = 45_000) {
		const state = await this.page.evaluate(
			(timeout) =>
				new Promise<string>((resolve) => {
					const controlled = () => resolve('controlled');
					if (navigator.serviceWorker.controller) return controlled();
					navigator.serviceWorker.addEventListener('controllerchange', controlled, { once: true });
					// Not in control in time: say where the worker got to, so a failure can be read.
					setTimeout(async () => {
						if (navigator.serviceWorker.controller) return controlled();
						const registration = await navigator.serviceWorker.getRegistration();
						const of = (worker: ServiceWorker | null | undefined) => worker?.state ?? 'none';
						resolve(
							registration
								? `not controlled: installing ${of(registration.installing)}, waiting ${of(registration.waiting)}, active ${of(registration.active)}`
								: 'not controlled: no registration'
						);
					}, timeout);
				}),
			timeoutMs
		);
		expect(state, 'the service worker took control of the page').toBe('controlled');
	}

	/**
	 * Waits until this device has sent every change and heard back from the server. A volunteer's
	 * phone says so in plain words ("Up to date"), shown only online, with nothing waiting, after a
	 * sync; staff see the three facts.
	 */
	async waitUntilSynced() {
		await expect(this.syncStatus).toBeVisible();
		if ((await this.syncStatus.getAttribute('data-audience')) === 'volunteer') {
			await expect(this.syncStatus).toContainText('Up to date');
			return;
		}
		await expect(this.syncStatus).toContainText('All changes synced');
		await expect(this.syncStatus).toContainText('Last synced');
		await expect(this.syncStatus).toContainText('Online');
	}

	/** Reopens the current screen, which syncs on start, and waits for it. */
	async reloadAndSync() {
		await this.page.reload();
		await expect(this.syncStatus).toBeVisible();
		await this.waitUntilSynced();
	}
}
