/**
 * Accounts on a device, as a person uses them: signing in, setting and entering a PIN, locking,
 * switching, kiosk mode and signing out. Works in English and Chinese (the labels of both).
 */
import { expect, type Page } from '@playwright/test';
import { DEMO_STAFF_NAMES } from '../../../src/lib/domain/demo-names';

/** What the demo staff are called on screen (header, lock screen), by login. */
export { DEMO_STAFF_NAMES };

/** The password of every demo account (README). */
export const DEMO_PASSWORD = 'demo-pass-2026';
/** The PIN the specs give a staff account unless they choose one. */
export const DEMO_PIN = '2468';
/** Demo logins: staff by username, the volunteer by phone. */
export const DEMO_VOLUNTEER_PHONE = '13800000001';

const label = {
	login: /^(Username or phone|用户名或手机号)$/,
	password: /^(Password|密码)$/,
	signIn: /^(Sign in|登录)$/,
	pin: /^(PIN|PIN 码)$/,
	pinAgain: /^(PIN again|再次输入 PIN 码)$/,
	savePin: /^(Save PIN|保存 PIN 码)$/,
	unlock: /^(Unlock|解锁)$/,
	signInAnother: /^(Sign in another account|登录其他账号)$/,
	accountMenu: /^(Account:|账号：)/,
	lock: /^(Lock|锁定)$/,
	switchUser: /^(Switch user|切换用户)$/,
	startKiosk: /^(Start kiosk|启动自助登记)$/,
	signOut: /^(Sign out|退出登录)$/,
	signOutAnyway: /^(Sign out anyway|仍然退出)$/,
	syncStatus: /^(Sync status|同步状态)$/,
	pinSetupTitle: /^(Set a PIN for this device|为本设备设置 PIN 码)$/,
	lockTitle: /^(Who is using this device\?|谁在使用本设备？)$|: enter your PIN$|：请输入 PIN 码$/,
	signInTitle: /^(Sign in|登录)$/,
	kioskTitle: /^(Volunteer registration|志愿者登记)$/
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class AccountScreens {
	constructor(readonly page: Page) {}

	get syncStatus() {
		return this.page.getByRole('region', { name: label.syncStatus });
	}

	get signInHeading() {
		return this.page.getByRole('heading', { level: 1, name: label.signInTitle });
	}

	get lockScreenHeading() {
		return this.page.getByRole('heading', { level: 1, name: label.lockTitle });
	}

	get pinSetupHeading() {
		return this.page.getByRole('heading', { level: 1, name: label.pinSetupTitle });
	}

	/** The sign-in form's own error line (wrong password, offline...). */
	get signInError() {
		return this.page.getByRole('main').getByRole('alert');
	}

	/**
	 * Signs an account in with its password, from wherever the device is (no account yet, or the
	 * lock screen). A staff account then sets its PIN (`pin`, or DEMO_PIN); pass `pin: null` to
	 * stop at the PIN screen. Ends with the app unlocked for that account.
	 */
	async signIn(login: string, password = DEMO_PASSWORD, options: { pin?: string | null } = {}) {
		await this.fillSignIn(login, password);
		await expect(this.pinSetupHeading.or(this.syncStatus)).toBeVisible();
		if (await this.pinSetupHeading.isVisible()) {
			if (options.pin === null) return;
			await this.setPin(options.pin ?? DEMO_PIN);
		}
		await expect(this.syncStatus).toBeVisible();
	}

	/** Opens the sign-in form (from the lock screen if needed) and submits it, nothing more. */
	async fillSignIn(login: string, password = DEMO_PASSWORD) {
		if (!this.page.url().startsWith('http')) await this.page.goto('/');
		await expect(this.signInHeading.or(this.lockScreenHeading).or(this.syncStatus)).toBeVisible();
		if (await this.syncStatus.isVisible()) await this.switchUser();
		if (await this.lockScreenHeading.isVisible()) {
			await this.page.getByRole('button', { name: label.signInAnother }).click();
		}
		await expect(this.signInHeading).toBeVisible();
		await this.page.getByRole('textbox', { name: label.login }).fill(login);
		await this.page.getByRole('textbox', { name: label.password }).fill(password);
		await this.page.getByRole('button', { name: label.signIn }).click();
	}

	/** On the PIN setup screen: the PIN, typed twice. */
	async setPin(pin: string) {
		await expect(this.pinSetupHeading).toBeVisible();
		await this.page.getByRole('textbox', { name: label.pin }).fill(pin);
		await this.page.getByRole('textbox', { name: label.pinAgain }).fill(pin);
		await this.page.getByRole('button', { name: label.savePin }).click();
		await expect(this.syncStatus).toBeVisible();
	}

	async openMenu() {
		const toggle = this.page.getByRole('button', { name: label.accountMenu });
		if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
		return this.page.getByRole('region', { name: /^(Account|账号)$/ });
	}

	/** Locks the device from the account menu; the lock screen follows. */
	async lock() {
		const menu = await this.openMenu();
		await menu.getByRole('button', { name: label.lock }).click();
		await expect(this.lockScreenHeading).toBeVisible();
	}

	/** Hands the device over: the lock screen, for a colleague to choose her account. */
	async switchUser() {
		const menu = await this.openMenu();
		await menu.getByRole('button', { name: label.switchUser }).click();
		await expect(this.lockScreenHeading).toBeVisible();
	}

	/** On the lock screen: chooses the account (if a choice is offered) and enters its PIN. */
	async enterPin(displayName: string, pin: string) {
		await expect(this.lockScreenHeading).toBeVisible();
		// "xizongbu" must not pick "xizongbu2": the name is followed by the role.
		const name = escape(displayName);
		const choice = this.page
			.getByRole('list')
			.getByRole('button', { name: new RegExp(`^${name}(\\s|$)`) });
		if (await choice.isVisible()) await choice.click();
		await expect(
			this.page.getByRole('heading', { level: 1, name: new RegExp(`^${name}[:：]`) })
		).toBeVisible();
		await this.page.getByRole('textbox', { name: label.pin }).fill(pin);
		await this.page.getByRole('button', { name: label.unlock }).click();
	}

	/** Unlocks an account with its PIN and waits for its screens. */
	async unlockAs(displayName: string, pin = DEMO_PIN) {
		await this.enterPin(displayName, pin);
		await expect(this.syncStatus).toBeVisible();
	}

	/**
	 * Signs the unlocked account out. With changes still waiting, the dialog warns; `confirmDiscard`
	 * signs out anyway (they are lost), otherwise the dialog is left open for the test to look at.
	 */
	async signOut(options: { confirmDiscard?: boolean } = {}) {
		const menu = await this.openMenu();
		await menu.getByRole('button', { name: label.signOut }).click();
		const dialog = this.page.getByRole('dialog');
		await expect(dialog).toBeVisible();
		const anyway = dialog.getByRole('button', { name: label.signOutAnyway });
		const plain = dialog.getByRole('button', { name: label.signOut });
		await expect(anyway.or(plain)).toBeVisible();
		if (await anyway.isVisible()) {
			if (!options.confirmDiscard) return dialog;
			await anyway.click();
		} else {
			await plain.click();
		}
		await expect(this.signInHeading.or(this.lockScreenHeading)).toBeVisible();
		return dialog;
	}

	/** Starts kiosk mode (station workers): only the registration form is left on screen. */
	async startKiosk() {
		const menu = await this.openMenu();
		await menu.getByRole('button', { name: label.startKiosk }).click();
		await expect(
			this.page.getByRole('heading', { level: 1, name: label.kioskTitle })
		).toBeVisible();
	}

	/** The id of the account unlocked in this tab, or null when locked. */
	async unlockedAccountId(): Promise<string | null> {
		return this.page.evaluate(() => {
			const raw = sessionStorage.getItem('vs-unlocked');
			return raw ? (JSON.parse(raw) as { accountId: string }).accountId : null;
		});
	}

	/** The name of the unlocked account's own IndexedDB database. */
	async localDbName(): Promise<string> {
		const id = await this.unlockedAccountId();
		if (!id) throw new Error('no account is unlocked in this tab');
		return `volunteer-stations:${id}`;
	}
}
