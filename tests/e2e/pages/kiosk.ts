/**
 * Kiosk mode as walk-up people and staff meet it: the self-registration form, the thank-you
 * between two people, and the staff PIN that leaves it.
 */
import { expect, type Page } from '@playwright/test';

export interface WalkUpPerson {
	name: string;
	phone: string;
	community?: string;
	skills?: string[];
	/** `YYYY-MM-DD`; an adult's unless given. */
	birthDate?: string;
	/** A minor's parent or guardian, there with her, who ticks the consent. */
	guardian?: { name: string; phone: string };
}

/** A birth date that makes a walk-up person an adult. */
export const ADULT_BIRTH_DATE = '1978-03-08';

export class KioskScreens {
	constructor(readonly page: Page) {}

	get heading() {
		return this.page.getByRole('heading', { level: 1, name: 'Volunteer registration' });
	}

	get form() {
		return this.page.getByRole('form', { name: 'Volunteer registration' });
	}

	get name() {
		return this.form.getByLabel('Your name', { exact: true });
	}

	get phone() {
		return this.form.getByLabel('Mobile phone', { exact: true });
	}

	get birthDate() {
		return this.form.getByLabel('Date of birth', { exact: true });
	}

	/** The guardian's fields, shown once the birth date says she is under 18. */
	get guardian() {
		return this.form.getByRole('group', { name: 'Parent or guardian' });
	}

	/** What the form says when the birth date is under 14. */
	get tooYoung() {
		return this.form.getByRole('alert').filter({ hasText: 'Under 14' });
	}

	get district() {
		return this.form.getByLabel('District', { exact: true });
	}

	get community() {
		return this.form.getByLabel('Community', { exact: true });
	}

	get consent() {
		return this.form.getByLabel('I agree to the privacy notice');
	}

	get thanksHeading() {
		return this.page.getByRole('heading', { level: 1, name: 'Thank you, you are registered.' });
	}

	get leaveHeading() {
		return this.page.getByRole('heading', { level: 1, name: 'Leave kiosk mode' });
	}

	/** The error shown on the leave screen (wrong PIN, a wait). */
	get leaveError() {
		return this.page.getByRole('main').getByText(/Wrong PIN|Too many wrong PINs/);
	}

	/** Fills the form as a walk-up person does and submits it; the thank-you follows. */
	async register(person: WalkUpPerson) {
		await expect(this.heading).toBeVisible();
		await this.name.fill(person.name);
		await this.phone.fill(person.phone);
		await this.birthDate.fill(person.birthDate ?? ADULT_BIRTH_DATE);
		if (person.guardian) {
			await this.guardian.getByLabel("Guardian's name").fill(person.guardian.name);
			await this.guardian.getByLabel("Guardian's mobile phone").fill(person.guardian.phone);
			await this.guardian.getByRole('checkbox').check();
		}
		if (person.community !== undefined) await this.community.fill(person.community);
		const skills = this.form.getByRole('group', { name: /^What you can help with/ });
		for (const skill of person.skills ?? [])
			await skills.getByLabel(skill, { exact: true }).check();
		await this.consent.check();
		await this.form.getByRole('button', { name: 'Register', exact: true }).click();
		await expect(this.thanksHeading).toBeVisible();
	}

	/** From the thank-you, hands the tablet to the next person: the empty form. */
	async nextPerson() {
		await this.page.getByRole('button', { name: 'Next person' }).click();
		await expect(this.heading).toBeVisible();
	}

	/** Opens the staff screen for leaving the kiosk. */
	async openLeave() {
		await this.page.getByRole('button', { name: 'Staff: leave kiosk' }).click();
		await expect(this.leaveHeading).toBeVisible();
	}

	/** On the leave screen: chooses the staff member (if given) and submits her PIN. */
	async submitPin(pin: string, staffName?: string) {
		await expect(this.leaveHeading).toBeVisible();
		const main = this.page.getByRole('main');
		if (staffName) await main.getByLabel('Staff member').selectOption({ label: staffName });
		await main.getByLabel('PIN', { exact: true }).fill(pin);
		await main.getByRole('button', { name: 'Leave kiosk' }).click();
	}

	/** Back from the leave screen to the form. */
	async cancelLeave() {
		await this.page.getByRole('main').getByRole('button', { name: 'Cancel' }).click();
		await expect(this.heading).toBeVisible();
	}
}
