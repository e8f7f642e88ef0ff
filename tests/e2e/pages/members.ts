import { expect, type Page } from '@playwright/test';
import { AppShell } from './app';

export interface NewMember {
	name: string;
	phone: string;
	district: string;
	community: string;
	skills: string[];
}

export class MembersScreens {
	readonly app: AppShell;
	constructor(readonly page: Page) {
		this.app = new AppShell(page);
	}

	async register(member: NewMember) {
		await this.app.goViaNav('Volunteers');
		await this.page.getByRole('link', { name: 'Register a volunteer' }).first().click();
		const form = this.page.getByRole('main').locator('form');
		await form.getByLabel('Name', { exact: true }).fill(member.name);
		await form.getByLabel('Phone', { exact: true }).fill(member.phone);
		await form.getByLabel('District', { exact: true }).selectOption({ label: member.district });
		await form.getByLabel('Community', { exact: true }).fill(member.community);
		if (member.skills.length > 0) {
			// Skills are among the optional details, folded at first.
			await form.locator('summary', { hasText: 'More details' }).click();
			const skills = form.getByRole('group', { name: /^Skills/ });
			for (const skill of member.skills) await skills.getByLabel(skill, { exact: true }).check();
		}
		await form.getByLabel('I agree to the privacy notice').check();
		await form.getByRole('button', { name: 'Register' }).click();
		await expect(this.page.getByRole('heading', { level: 1, name: member.name })).toBeVisible();
	}

	/** The member list rows that match a search (name or phone prefix). */
	async search(term: string) {
		await this.app.goViaNav('Volunteers');
		await this.page.getByRole('searchbox').fill(term);
		return this.page.getByRole('main').getByRole('listitem');
	}
}
