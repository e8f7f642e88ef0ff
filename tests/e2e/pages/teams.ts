import { expect, type Page } from '@playwright/test';

export interface NewTeam {
	name: string;
	leader: string;
	/** Members besides the leader. */
	members: string[];
	/** Service categories, as the checkboxes name them. */
	focus: string[];
}

/** The volunteer team screens: the list, "New team" and a team's page. */
export class TeamScreens {
	constructor(readonly page: Page) {}

	get main() {
		return this.page.getByRole('main');
	}

	/** Opens the teams list through the main navigation (works offline). */
	async openList() {
		await this.page
			.getByRole('navigation', { name: 'Main navigation' })
			.getByRole('link', { name: 'Teams', exact: true })
			.click();
		await expect(
			this.page.getByRole('heading', { level: 1, name: 'Volunteer teams' })
		).toBeVisible();
	}

	/**
	 * The names of the station's volunteers the leader list offers, with no name twice (so each
	 * picks one person).
	 */
	async offeredMembers(): Promise<string[]> {
		const names = await this.main
			.getByLabel('Leader', { exact: true })
			.locator('option')
			.allTextContents();
		const people = names.slice(1).map((n) => n.trim());
		return people.filter((n, i) => people.indexOf(n) === i && people.lastIndexOf(n) === i);
	}

	async startNew() {
		await this.main.getByRole('link', { name: 'New team', exact: true }).first().click();
		await expect(
			this.page.getByRole('heading', { level: 1, name: 'New volunteer team' })
		).toBeVisible();
	}

	/** Fills "New team" (open already) and saves; ends on the team's page. */
	async setUp(team: NewTeam) {
		const main = this.main;
		await main.getByLabel('Team name', { exact: true }).fill(team.name);
		await main.getByLabel('Leader', { exact: true }).selectOption({ label: team.leader });
		const members = main.getByRole('group', { name: 'Members' });
		for (const name of team.members) {
			await members.getByLabel('Find a volunteer', { exact: true }).fill(name);
			await members.getByRole('checkbox', { name, exact: true }).check();
		}
		const focus = main.getByRole('group', { name: /^Focus/ });
		for (const category of team.focus) {
			await focus.getByRole('checkbox', { name: category, exact: true }).check();
		}
		await main.getByRole('button', { name: 'Set up the team' }).click();
		await expect(this.page.getByRole('heading', { level: 1, name: team.name })).toBeVisible();
	}

	get members() {
		return this.main.getByRole('region', { name: /^Members/ });
	}

	get projects() {
		return this.main.getByRole('region', { name: 'Projects it organises' });
	}
}
