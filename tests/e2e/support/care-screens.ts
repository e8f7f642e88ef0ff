/**
 * The one-to-one pairing screens, for the screenshot tour: a station's list, recording a person
 * (empty, with a minor's guardian, with its errors), a person's page, and the station's home; and
 * a volunteer's home with a visit being logged, and her hours record.
 */
import { expect, type Page } from '@playwright/test';
import { go, type Screen } from './screens';

/** The page of the demo person called `alias`, found on the station's list. */
async function personPath(page: Page, alias: string): Promise<string> {
	await go(page, '/care');
	const href = await page.getByRole('link', { name: alias, exact: true }).getAttribute('href');
	expect(href).toMatch(/^\/care\//);
	return href!;
}

export async function careWorkerScreens(page: Page): Promise<Screen[]> {
	const zhang = await personPath(page, '张奶奶');
	const yu = await personPath(page, '小雨');
	const form = (name: string, then?: (p: Page) => Promise<void>): Screen => ({
		name,
		async open(p) {
			await go(p, '/care/new');
			await then?.(p);
		}
	});
	return [
		{ name: 'home-care', open: (p) => go(p, '/') },
		{ name: 'care', open: (p) => go(p, '/care') },
		form('care-new'),
		form('care-new-minor-errors', async (p) => {
			await p.getByRole('checkbox', { name: /^(未成年人|She is a minor)/ }).check();
			await p.getByRole('button', { name: /^(登记帮扶对象|Record a person helped)$/ }).click();
			await expect(p.getByRole('alert')).toBeVisible();
		}),
		{ name: 'care-person', open: (p) => go(p, zhang) },
		{
			name: 'care-person-minor-end',
			async open(p) {
				await go(p, yu);
				await p.getByRole('button', { name: /^(结束结对|End this pairing)$/ }).click();
			}
		}
	];
}

export function careVolunteerScreens(): Screen[] {
	return [
		{
			name: 'v-home-pairings',
			async open(p) {
				await go(p, '/');
				const pairings = p.getByRole('region', { name: /^(我的结对|My pairings)$/ });
				await pairings.getByRole('button', { name: /^(记录探访|Log a visit)$/ }).click();
				await pairings.scrollIntoViewIfNeeded();
			}
		},
		{
			name: 'v-me-history',
			async open(p) {
				await go(p, '/me');
				await p
					.getByRole('heading', { name: /^(服务时长记录|Service hours record)$/ })
					.scrollIntoViewIfNeeded();
			}
		}
	];
}
