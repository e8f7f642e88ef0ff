/**
 * The social organization and pairing screens, as the demo's Dongcheng has them: the district's
 * registry, the organization paired with Xizongbu's women volunteers' team, a new organization with
 * its errors, a new pairing and the pairing's activity log; and the registry and the pairing as the
 * paired station sees them.
 */
import { expect, type Page } from '@playwright/test';
import { AppShell } from '../pages/app';
import { go, type Screen } from './screens';

export interface OrganizationScreens {
	/** For the district admin. */
	admin: Screen[];
	/** For a station worker of the paired station. */
	station: Screen[];
}

/** Finds the demo's organization and pairing on `page`, a signed-in district admin's. */
export async function organizationScreens(page: Page): Promise<OrganizationScreens> {
	const desk = new AppShell(page);
	await desk.open('/organizations');
	await desk.waitUntilSynced();
	const main = page.getByRole('main');
	// The demo's pairing with Xizongbu's team, which has logged activities.
	const paired = main.getByRole('article').filter({ hasText: '暖心' }).first();
	const organization = (await paired.getByRole('link').first().getAttribute('href'))!;
	await page.goto(organization);
	const pairing = (await main
		.locator('a[href^="/pairings/"]:not([href^="/pairings/new"])')
		.first()
		.getAttribute('href'))!;
	return {
		admin: [
			{ name: 'organizations', open: (p) => go(p, '/organizations') },
			{ name: 'organization', open: (p) => go(p, organization) },
			{
				name: 'organization-new-errors',
				async open(p) {
					await go(p, '/organizations/new');
					await p.getByRole('button', { name: /^(添加社会组织|Add organization)$/ }).click();
					await expect(p.getByRole('alert').first()).toBeVisible();
				}
			},
			{
				name: 'pairing-new',
				open: (p) => go(p, `/pairings/new?organization=${organization.split('/').pop()}`)
			},
			{ name: 'pairing', open: (p) => go(p, pairing) }
		],
		station: [
			{ name: 'organizations-station', open: (p) => go(p, '/organizations') },
			{ name: 'pairing-station', open: (p) => go(p, pairing) }
		]
	};
}
