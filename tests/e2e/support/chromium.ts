/** How tests and benchmarks find Chromium: CHROMIUM_PATH, else Debian's, else Playwright's own. */
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';

export function chromiumPath(): string | undefined {
	if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
	return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

/** Flags for headless Chromium as root on a machine with no outside network. */
export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

/**
 * Features that make desktop Chromium's address bar popup a web page of its own. Every new
 * window (each browser context's first page) loads that page in a renderer of its own, some 400
 * modules, while the app's page starts: on 2 cores about 90 ms of a cold start, and a second
 * renderer for every device a test opens. An installed app's window has no address bar, nor has
 * a phone's browser, so the tests and the benchmark turn them off.
 */
const ADDRESS_BAR_PAGE = ['WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup'];

let launchArgs: Promise<string[]> | undefined;

/**
 * `chromiumArgs` and one `--disable-features`: Playwright's own list (read back from
 * chrome://version of a browser it launched, once per process) and the address bar's. Chromium
 * keeps only the last of a repeated switch, so passing ours alone would turn Playwright's back on.
 */
export function chromiumLaunchArgs(): Promise<string[]> {
	launchArgs ??= (async () => {
		const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
		try {
			const page = await browser.newPage();
			await page.goto('chrome://version');
			const commandLine = (await page.locator('#command_line').textContent()) ?? '';
			const lists = [...commandLine.matchAll(/--disable-features=(\S+)/g)];
			const playwrights = lists.at(-1)?.[1]?.split(',') ?? [];
			return [
				...chromiumArgs,
				`--disable-features=${[...playwrights, ...ADDRESS_BAR_PAGE].join(',')}`
			];
		} finally {
			await browser.close();
		}
	})();
	return launchArgs;
}
