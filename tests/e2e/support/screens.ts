/**
 * Every screen of the app, by who sees it, for the checks that look at all of them (accessibility,
 * sizes, screenshots). A tour signs its account in on one page, finds the records its screens
 * show (a project with shifts, a volunteer, a station) and then opens each screen in place; the
 * language and the text size are switched in place too, as a person would.
 */
import { expect, type Page } from '@playwright/test';
import { AccountScreens, DEMO_PIN } from '../pages/account';

export type Lang = 'zh' | 'en';
export type TextSize = 'normal' | 'large';

export interface Screen {
	/** A short name for reports and file names. */
	name: string;
	open(page: Page): Promise<void>;
}

const loading = /^(加载中…|Loading…|正在准备搜索…|Getting the search ready…)$/;

/** Waits until the app shows a screen: its h1, and nothing still loading in the main area. */
export async function settled(page: Page) {
	await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
	await expect(page.getByRole('main').getByText(loading)).toHaveCount(0);
	// Icons, fonts and late live queries: one more frame.
	await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
}

/** Opens `path` and waits until its screen has settled. */
export async function go(page: Page, path: string) {
	await page.goto(path);
	await settled(page);
}

/** A figures screen, once the server's answer is on it and its charts are drawn. */
function figuresScreen(name: string, path: string): Screen {
	return {
		name,
		async open(page) {
			await go(page, path);
			await expect(
				page.getByRole('main').locator('[role="status"][data-fresh="true"]')
			).toBeAttached();
			const charts = page.getByRole('main').locator('canvas');
			for (const chart of await charts.all()) await expect(chart).toBeVisible();
		}
	};
}

/** This month in Beijing: the figures screens' default period. */
const beijingMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

/** The path of the first link in the main area whose address starts with `prefix`. */
async function firstLink(page: Page, path: string, prefix: string): Promise<string> {
	await go(page, path);
	const link = page
		.getByRole('main')
		.locator(
			`a[href^="${prefix}"]:not([href$="/new"]):not([href*="/new?"]):not([href$="/requests"])`
		)
		.first();
	await expect(link).toBeVisible();
	const href = await link.getAttribute('href');
	if (!href) throw new Error(`no link to ${prefix} on ${path}`);
	return href;
}

/** Switches the language the way the app remembers it (its cookie), then reloads. */
export async function setLanguage(page: Page, lang: Lang) {
	const url = new URL(page.url());
	await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: lang, url: url.origin }]);
	await page.reload();
	await settled(page);
}

/** Turns large text on or off with the header's switch, as a person does. */
export async function setTextSize(page: Page, size: TextSize) {
	const html = page.locator('html');
	if (((await html.getAttribute('data-text')) ?? 'normal') === size) return;
	await page
		.getByRole('banner')
		.getByRole('button', { name: /^(长辈模式|Large text|大字|Large)$/ })
		.click();
	await expect(html).toHaveAttribute('data-text', size);
}

/** A station worker's screens (xizongbu): her home, stations, volunteers, projects, sync. */
export async function workerScreens(page: Page): Promise<Screen[]> {
	const project = await firstLink(page, '/projects', '/projects/');
	await go(page, project);
	const forShift = page.locator('a[href^="/members/new?shift="]');
	const registerForShift =
		(await forShift.count()) > 0 ? await forShift.first().getAttribute('href') : null;
	const roster = await firstLink(page, project, '/shifts/');
	const member = await firstLink(page, '/members', '/members/');
	const station = await firstLink(page, '/stations', '/stations/');
	const paths: [string, string][] = [
		['home', '/'],
		['stations', '/stations'],
		['station', station],
		['volunteers', '/members'],
		['volunteer', member],
		['member-card', `${member}/card`],
		['register', '/members/new'],
		['projects', '/projects'],
		['project', project],
		['roster', roster],
		['release', '/projects/new'],
		['callouts', '/callouts'],
		['callout-new', '/callouts/new'],
		['requests', '/members/requests'],
		['sync', '/sync'],
		['about', '/about'],
		['privacy', '/privacy'],
		['account', '/me']
	];
	if (registerForShift) paths.splice(6, 0, ['register-for-shift', registerForShift]);
	const screens: Screen[] = paths.map(([name, path]) => ({ name, open: (p) => go(p, path) }));
	screens.push(figuresScreen('figures-station', '/figures'));
	screens.push(
		{
			name: 'volunteers-search',
			async open(p) {
				await go(p, '/members');
				await p.getByRole('searchbox').fill('z');
				await expect(p.getByRole('main').getByRole('listitem').first()).toBeVisible();
			}
		},
		{
			name: 'register-optional-open',
			async open(p) {
				await go(p, '/members/new');
				await p.getByRole('main').locator('summary').first().click();
			}
		},
		{
			name: 'project-cancel-asks',
			async open(p) {
				await go(p, project);
				const cancel = p.getByRole('button', { name: /^(取消报名：|Cancel sign-up: )/ });
				if ((await cancel.count()) > 0) await cancel.first().click();
			}
		},
		{
			name: 'account-menu',
			async open(p) {
				await go(p, '/');
				await new AccountScreens(p).openMenu();
			}
		},
		readinessEditScreen('volunteer-readiness-edit', member)
	);
	return screens;
}

/**
 * The city admin's own screens: opening a station, editing one, staff accounts, the service
 * hours rule, and the figures from the city down to a street, with a district's monthly report.
 */
export async function adminScreens(page: Page): Promise<Screen[]> {
	const station = await firstLink(page, '/stations', '/stations/');
	const paths: [string, string][] = [
		['open-station', '/stations/new'],
		['station-edit', `${station}/edit`],
		['accounts', '/accounts'],
		['hours-rule', '/settings/hours']
	];
	return [
		...paths.map(([name, path]): Screen => ({ name, open: (p) => go(p, path) })),
		...adminFiguresScreens()
	];
}

/** The figures as federation staff see them: the city, a district, its report, a street. */
export function adminFiguresScreens(): Screen[] {
	const month = beijingMonth();
	return [
		figuresScreen('figures-city', '/figures'),
		figuresScreen('figures-district', `/figures?period=${month}&district=dongcheng`),
		figuresScreen('figures-year', `/figures?period=${month.slice(0, 4)}&district=dongcheng`),
		figuresScreen('figures-report', `/figures/report?district=dongcheng&period=${month}`),
		{ name: 'home-figures', open: (p) => go(p, '/') }
	];
}

/**
 * The emergency call-out screens around one call-out (see support/callouts.ts): the list, the
 * form with its live matching, the form refusing an empty need, and the call-out under way; for
 * an admin also the form with a lead station chosen, offering its district's stations.
 */
export function calloutScreens(callout: string, admin = false): Screen[] {
	/** An admin's matching asks the server too: wait for its answer (or its absence) to show. */
	const matched = (p: Page) =>
		expect(
			p.getByText(/^(正在向服务器查询完整名单…|Getting the full list from the server…)$/)
		).toHaveCount(0);
	const screens: Screen[] = [
		{ name: 'callouts', open: (p) => go(p, '/callouts') },
		{ name: 'callout-new', open: (p) => go(p, '/callouts/new') },
		{
			name: 'callout-new-errors',
			async open(p) {
				await go(p, '/callouts/new');
				await p.getByRole('button', { name: /^(发起召集|Start the call-out)$/ }).click();
				await expect(p.getByRole('alert').first()).toBeVisible();
			}
		},
		{
			name: 'callout',
			async open(p) {
				await go(p, callout);
				await expect(p.getByRole('table').first()).toBeVisible();
				await matched(p);
			}
		}
	];
	if (admin) {
		screens.splice(2, 0, {
			name: 'callout-new-reach',
			async open(p) {
				await go(p, '/callouts/new');
				await p.locator('#callout-lead').selectOption({ index: 1 });
				await expect(
					p.getByRole('group', { name: /^(要通知的服务站|Stations to ask)$/ })
				).toBeVisible();
				await matched(p);
			}
		});
	}
	return screens.map((s) => (admin ? { ...s, name: `${s.name}-admin` } : s));
}

/** The demo volunteer's screens on her phone: home, projects, a project, her page. */
export async function volunteerScreens(page: Page): Promise<Screen[]> {
	const project = await firstLink(page, '/projects', '/projects/');
	const paths: [string, string][] = [
		['v-home', '/'],
		['v-projects', '/projects'],
		['v-project', project],
		['v-me', '/me'],
		['v-about', '/about'],
		['v-volunteers', '/members']
	];
	return [
		...paths.map(([name, path]): Screen => ({ name, open: (p) => go(p, path) })),
		readinessEditScreen('v-readiness-edit', '/me')
	];
}

/** A member's emergency readiness editor, opened on `path` (her own page or her station's). */
function readinessEditScreen(name: string, path: string): Screen {
	return {
		name,
		async open(p) {
			await go(p, path);
			await p.getByRole('button', { name: /^(修改应急准备|Change emergency readiness)$/ }).click();
			await expect(
				p.getByRole('button', { name: /^(保存应急准备|Save emergency readiness)$/ })
			).toBeVisible();
		}
	};
}

/**
 * A member's emergency readiness on `path` (her own page, or her station's page about her) and
 * its editor opened; on her phone (`prefix` 'v-') her home first, with the call-outs that asked her.
 */
export function readinessScreens(prefix: string, path: string): Screen[] {
	const screens: Screen[] = [
		{
			name: `${prefix}readiness`,
			async open(p) {
				await go(p, path);
				await p
					.getByRole('heading', { name: /^(应急准备|Emergency readiness)$/ })
					.scrollIntoViewIfNeeded();
			}
		},
		readinessEditScreen(`${prefix}readiness-edit`, path)
	];
	if (prefix === 'v-') screens.unshift({ name: 'v-home-callouts', open: (p) => go(p, '/') });
	return screens;
}

/** Screens before anyone is unlocked: signing in, registering, setting a PIN, the lock screen. */
export const gateScreens = {
	signIn: { name: 'sign-in', open: (p: Page) => go(p, '/') },
	register: { name: 'self-register', open: (p: Page) => go(p, '/register') }
} satisfies Record<string, Screen>;

/** Signs a staff account in and stops at PIN setup: the screen a first sign-in shows. */
export async function toPinSetup(page: Page, login: string) {
	const account = new AccountScreens(page);
	await page.goto('/');
	await account.signIn(login, undefined, { pin: null });
	await expect(account.pinSetupHeading).toBeVisible();
}

export async function finishPinSetup(page: Page) {
	await new AccountScreens(page).setPin(DEMO_PIN);
}

/**
 * The volunteer team screens, as the demo's Xizongbu has them: the list, a new team (blank and with
 * its errors), its first team's page and the joint project that team organises.
 */
export async function teamScreens(page: Page, admin = false): Promise<Screen[]> {
	const team = await firstLink(page, '/teams', '/teams/');
	const project = await firstLink(page, team, '/projects/');
	const screens: Screen[] = [
		{ name: 'teams', open: (p) => go(p, '/teams') },
		{ name: 'team-new', open: (p) => go(p, '/teams/new') },
		{
			name: 'team-new-errors',
			async open(p) {
				await go(p, '/teams/new');
				await p.getByRole('button', { name: /^(成立服务队|Set up the team)$/ }).click();
				await expect(p.getByRole('alert').first()).toBeVisible();
			}
		},
		{ name: 'team', open: (p) => go(p, team) },
		{
			name: 'team-edit',
			async open(p) {
				await go(p, team);
				await p.getByRole('button', { name: /^(编辑服务队|Edit team)$/ }).click();
				await expect(p.getByRole('heading', { level: 1 })).toHaveText(/^(编辑服务队|Edit team)$/);
			}
		},
		{ name: 'team-project', open: (p) => go(p, project) }
	];
	return screens.map((s) => (admin ? { ...s, name: `${s.name}-admin` } : s));
}
