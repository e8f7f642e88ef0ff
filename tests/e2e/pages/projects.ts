import { expect, type Page } from '@playwright/test';
import { AppShell } from './app';

export interface NewShift {
	/** `YYYY-MM-DDTHH:mm`, Beijing time */
	start: string;
	end: string;
	capacity: number;
}

export interface NewProject {
	title: string;
	description: string;
	station: string;
	category: string;
	place: string;
	shifts: NewShift[];
	/** The station's team that organises it, by name. */
	team?: string;
	/** Social organizations that organise it with the station, by name. */
	coOrganizers?: string[];
}

/** `YYYY-MM-DDTHH:mm` for a day from now, in Beijing time. */
export function beijingInput(daysFromNow: number, hour: number): string {
	const day = new Date(Date.now() + 8 * 3_600_000 + daysFromNow * 86_400_000);
	return `${day.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
}

export class ProjectScreens {
	readonly app: AppShell;
	constructor(readonly page: Page) {
		this.app = new AppShell(page);
	}

	async release(project: NewProject, action: 'Publish' | 'Save draft' = 'Publish') {
		const page = this.page;
		await this.app.goViaNav('Projects');
		await page.getByRole('link', { name: 'New project', exact: true }).first().click();
		await page.getByLabel('Title', { exact: true }).fill(project.title);
		await page.getByLabel(/^Description/).fill(project.description);
		await page.getByLabel('Station', { exact: true }).selectOption({ label: project.station });
		await page.getByLabel('Category', { exact: true }).selectOption({ label: project.category });
		await page.getByLabel('Place', { exact: true }).fill(project.place);
		if (project.team) {
			await page
				.getByLabel('Organising team', { exact: true })
				.selectOption({ label: project.team });
		}
		const organizers = page.getByRole('group', { name: /^Co-organisers/ });
		for (const name of project.coOrganizers ?? []) {
			await organizers.getByRole('checkbox', { name, exact: true }).check();
		}
		for (const [index, shift] of project.shifts.entries()) {
			if (index > 0) await page.getByRole('button', { name: 'Add shift' }).click();
			await page.getByLabel('Start', { exact: true }).nth(index).fill(shift.start);
			await page.getByLabel('End', { exact: true }).nth(index).fill(shift.end);
			await page.getByLabel('Capacity', { exact: true }).nth(index).fill(String(shift.capacity));
		}
		await page.getByRole('button', { name: action, exact: true }).click();
		await expect(page.getByRole('heading', { level: 1, name: project.title })).toBeVisible();
		return new URL(page.url()).pathname;
	}

	/** The card of the n-th shift (from 0) on a project page. */
	shift(index = 0) {
		return this.page.getByRole('article').nth(index);
	}

	async signUp(shiftIndex: number, search: string, memberName: string) {
		const card = this.shift(shiftIndex);
		await card.getByLabel('Find a volunteer', { exact: true }).fill(search);
		await card.getByRole('button', { name: memberName }).click();
		await card.getByRole('button', { name: `Sign up: ${memberName}` }).click();
		await expect(card.getByRole('status')).toContainText(memberName);
	}

	/** The status shown for a member's sign-up on a shift card. */
	signupOf(shiftIndex: number, memberName: string) {
		return this.shift(shiftIndex)
			.getByRole('region', { name: /^Sign-ups for this shift/ })
			.getByRole('listitem')
			.filter({ hasText: memberName });
	}
}
