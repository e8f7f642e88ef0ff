/** A shift's roster on the event day, as a station worker uses it. */
import { expect, type Page } from '@playwright/test';
import { AppShell } from './app';

export class RosterScreen {
	readonly app: AppShell;
	constructor(readonly page: Page) {
		this.app = new AppShell(page);
	}

	async open(shiftId: string) {
		await this.app.openReadyForOffline(`/shifts/${shiftId}`);
		await expect(this.page.getByRole('heading', { level: 1, name: 'Roster' })).toBeVisible();
	}

	/** One person's row. */
	person(name: string) {
		return this.page.getByRole('listitem').filter({ hasText: name }).first();
	}

	/** The line that says what the last action did. */
	get message() {
		return this.page.locator('p.message');
	}

	async checkIn(name: string) {
		await this.page.getByRole('button', { name: `Check in: ${name}` }).click();
		await expect(this.person(name)).toContainText('Checked in');
	}

	async checkOut(name: string) {
		await this.page.getByRole('button', { name: `Check out: ${name}` }).click();
		await expect(this.person(name)).toContainText('Checked out');
	}

	/** Opens the camera to check people in by their member cards. */
	async scanToCheckIn() {
		await this.page.getByRole('button', { name: 'Scan to check in' }).click();
	}

	/** Finds a volunteer of another station by her full phone number (online). */
	async findWalkIn(phone: string, name: string) {
		await this.page.getByRole('button', { name: 'Walk-in', exact: true }).click();
		await this.page.getByLabel('A volunteer of another station: her full phone number').fill(phone);
		await this.page.getByRole('button', { name: 'Find', exact: true }).click();
		await expect(this.page.getByRole('status').filter({ hasText: name })).toBeVisible();
	}

	async addWalkIn(name: string) {
		await this.page.getByRole('button', { name: `Add and check in: ${name}` }).click();
		await expect(this.message).toContainText(`Added as a walk-in and checked in: ${name}`);
	}

	async verify() {
		await this.page.getByRole('button', { name: "Verify this shift's hours" }).click();
		await this.page.getByRole('button', { name: 'Verify', exact: true }).click();
		await expect(this.page.getByText(/service hours were verified on/)).toBeVisible();
	}

	/** What each row says, in order: the roster as a person reads it. */
	async rows() {
		return (await this.page.locator('li.person').allInnerTexts()).map((t) =>
			t.replace(/\s+/g, ' ').replace(' Waiting to sync', '').trim()
		);
	}
}
