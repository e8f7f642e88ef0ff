/** The figures dashboard and the district's monthly report, as federation staff use them. */
import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { AppShell } from './app';

const label = {
	title: /^(Figures|数据统计)$/,
	asOf: /^(Figures as of|数据截至) /,
	keptCopy: /(showing the copy kept on this device|显示的是本设备上次保存的数据)/,
	forbidden: /^(You may not see the figures for this area\.|您无权查看这个范围的数据。)$/,
	download: /^(Download CSV: |下载表格（CSV）：)/,
	print: /^(Print|打印)$/
};

export class FiguresScreens {
	readonly app: AppShell;
	constructor(readonly page: Page) {
		this.app = new AppShell(page);
	}

	/** Opens the dashboard (`query` picks a unit or period), in either language. */
	async open(query = '') {
		await this.page.goto(`/figures${query}`);
		await expect(this.heading).toBeVisible();
	}

	get heading() {
		return this.page.getByRole('heading', { level: 1, name: label.title });
	}

	/** "Figures as of …": when the figures shown were computed. */
	get asOf() {
		return this.page.getByRole('main').getByText(label.asOf);
	}

	/** The note that the copy on screen is the one kept on this device. */
	get keptCopyNote() {
		return this.page.getByRole('main').getByText(label.keptCopy);
	}

	get forbidden() {
		return this.page.getByRole('main').getByText(label.forbidden);
	}

	/** The tile of one figure, by its data key (`serviceVisits`...). */
	tile(key: string) {
		return this.page.locator(`[data-figure="${key}"]`);
	}

	/** A table of the dashboard: `totals`, `trend`, `compare`, `units` or `stations`. */
	table(id: string) {
		return this.page.locator(`table[data-table="${id}"]`);
	}

	/** The names in the first column of a table. */
	async rowNames(id: string): Promise<string[]> {
		return (await this.table(id).locator('tbody th').allTextContents()).map((t) => t.trim());
	}

	/** Downloads a table as CSV and reads it as Excel would: rows of cells. */
	async downloadCsv(id: string): Promise<{ name: string; bom: boolean; rows: string[][] }> {
		const caption = (await this.table(id).locator('caption').textContent())?.trim() ?? '';
		const [download] = await Promise.all([
			this.page.waitForEvent('download'),
			this.page
				.getByRole('button', { name: label.download })
				.and(this.page.locator(`[aria-label$="${caption}"]`))
				.click()
		]);
		const path = await download.path();
		const text = await readFile(path, 'utf8');
		const rows = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;
		return { name: download.suggestedFilename(), bom: text.startsWith('\ufeff'), rows };
	}

	get printButton() {
		return this.page.getByRole('button', { name: label.print });
	}
}
