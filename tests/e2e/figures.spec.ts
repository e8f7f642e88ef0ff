/**
 * Federation figures on a district admin's laptop: her district's dashboard (and no other's), the
 * same dashboard offline from the copy kept on the device, the tables as CSV files Excel opens with
 * the Chinese intact, and the monthly report as it prints.
 */
import { expect, test } from './fixtures';
import { AccountScreens } from './pages/account';
import { FiguresScreens } from './pages/figures';

/** This month in Beijing, as the dashboard opens. */
const beijingMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

interface AnswerSeen {
	scope: { level: string; district?: string };
	stations: { name: string; district: string }[];
}

// Each test walks several dashboards and fetches their figures; on two busy cores that passes a
// minute.
test.describe.configure({ timeout: 3 * 60_000 });

test('a district admin sees her district’s figures, and offline the kept copy with its time', async ({
	device,
	server
}) => {
	const { page, context } = await device({ account: 'dongcheng' });
	const figures = new FiguresScreens(page);
	await figures.open();
	await expect(figures.asOf).toBeVisible();
	// What the server says about her scope, asked as she is.
	const accountId = await new AccountScreens(page).unlockedAccountId();
	const seen = await page.evaluate(
		async ({ id, period }) => {
			const response = await fetch(`/api/figures?period=${period}`, {
				headers: { 'x-account': id }
			});
			return (await response.json()) as AnswerSeen;
		},
		{ id: accountId ?? '', period: beijingMonth() }
	);
	expect(seen.scope).toEqual({ level: 'district', district: 'dongcheng' });
	expect(seen.stations.length).toBeGreaterThan(0);
	expect(seen.stations.every((s) => s.district === 'dongcheng')).toBe(true);

	await expect(figures.asOf).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Area' })).toContainText('Dongcheng');
	await expect(page.getByRole('navigation', { name: 'Area' })).not.toContainText('Beijing');
	expect(await figures.rowNames('stations')).toEqual(seen.stations.map((s) => s.name));
	await expect(figures.table('units')).toBeVisible();
	const visits = (await figures.tile('serviceVisits').textContent()) ?? '';
	expect(visits).toMatch(/Service visits\s*[\d,]+/);

	// Another district's figures are not hers to see.
	await figures.open('?district=chaoyang');
	await expect(figures.forbidden).toBeVisible();
	await expect(figures.tile('serviceVisits')).toHaveCount(0);

	// Back to hers, then the network goes: a reload opens the same figures from the device.
	await figures.open();
	await expect(figures.asOf).toBeVisible();
	const asOf = await figures.asOf.textContent();
	await figures.app.waitForOfflineReady();
	await server.stop();
	await context.setOffline(true);
	await page.reload();
	await expect(figures.heading).toBeVisible();
	await expect(figures.keptCopyNote).toBeVisible();
	await expect(figures.asOf).toHaveText(asOf ?? '');
	await expect(figures.tile('serviceVisits')).toHaveText(visits);
	expect(await figures.rowNames('stations')).toEqual(seen.stations.map((s) => s.name));
});

test('each table downloads as CSV that reads back with its Chinese names and headings', async ({
	device
}) => {
	const { page } = await device({ locale: 'zh-CN', account: 'dongcheng' });
	const figures = new FiguresScreens(page);
	await figures.open();
	await expect(figures.asOf).toBeVisible();

	const stations = await figures.downloadCsv('stations');
	expect(stations.bom, 'a byte-order mark, so Excel reads UTF-8').toBe(true);
	expect(stations.name).toMatch(/^东城区.*\.csv$/);
	expect(stations.rows[0]).toEqual([
		'服务站',
		'街道（乡镇）',
		'级别',
		'状态',
		'最后同步',
		'数据情况'
	]);
	const names = stations.rows.slice(1).map((row) => row[0]);
	expect(names).toEqual(await figures.rowNames('stations'));
	expect(names.every((name) => /[\u4e00-\u9fff]/.test(name ?? ''))).toBe(true);

	const units = await figures.downloadCsv('units');
	expect(units.rows[0]?.slice(0, 2)).toEqual(['街道（乡镇）', '服务站数']);
	expect(units.rows.length).toBeGreaterThan(1);
	expect(units.rows.slice(1).every((row) => /[\u4e00-\u9fff]/.test(row[0] ?? ''))).toBe(true);

	const trend = await figures.downloadCsv('trend');
	expect(trend.rows).toHaveLength(13);
	expect(trend.rows[12]?.[0]).toBe(beijingMonth());
});

test('the monthly report prints on A4 with the district, the month and the as-of time, and nothing else', async ({
	device
}) => {
	const { page } = await device({ account: 'dongcheng' });
	const figures = new FiguresScreens(page);
	const month = beijingMonth();
	await figures.app.open(`/figures/report?district=dongcheng&period=${month}`);
	await expect(
		page.getByRole('heading', { level: 1, name: /^Dongcheng women's federation/ })
	).toBeVisible();
	await expect(figures.asOf).toBeVisible();
	await expect(figures.printButton).toBeVisible();

	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByText(/^Month: /)).toBeVisible();
	await expect(figures.asOf).toBeVisible();
	await expect(figures.table('totals')).toBeVisible();
	await expect(figures.table('stations')).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeHidden();
	await expect(figures.app.syncStatus).toBeHidden();
	await expect(figures.printButton).toBeHidden();
	await expect(page.getByRole('main').getByRole('button')).toHaveCount(0);

	// The page's own size wins: A4 (595 × 842 points).
	const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
	const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
	expect(Math.round(Number(box?.[1]))).toBe(595);
	expect(Math.round(Number(box?.[2]))).toBe(842);
});
