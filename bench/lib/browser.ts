/**
 * Headless Chromium for the benchmark, found the way the tests find it. Profiles live on disk
 * (`launchPersistentContext`): an incognito context keeps IndexedDB in memory and would flatter
 * every device figure.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from '../../tests/e2e/support/chromium';
import { pageBundle } from './builds';

export interface Profile {
	dir: string;
	launch(options?: { serviceWorkers?: 'allow' | 'block' }): Promise<BrowserContext>;
	dispose(): void;
}

/**
 * Features that make desktop Chromium's address bar popup a web page of its own. A browser
 * window started on a profile loads that page in a renderer of its own (some 400 modules) while
 * the tab's page starts, and on 2 cores that costs a cold start about 90 ms. An installed app's
 * window has no address bar, nor has a phone's browser, so the benchmark turns them off for every
 * line, baselines included.
 */
const ADDRESS_BAR_PAGE = ['WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup'];

let profileArgs: Promise<string[]> | undefined;

/**
 * The tests' flags and one `--disable-features`: Playwright's own list (read back from
 * chrome://version of a browser it launched) and the address bar's. Chromium keeps only the last
 * of a repeated switch, so passing ours alone would turn Playwright's back on.
 */
function argsForProfiles(): Promise<string[]> {
	profileArgs ??= (async () => {
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
	return profileArgs;
}

/** A fresh on-disk browser profile; each `launch` starts a new browser process on it. */
export function newProfile(label: string): Profile {
	const dir = mkdtempSync(join(tmpdir(), `vs-bench-${label}-`));
	return {
		dir,
		launch: async (options = {}) =>
			chromium.launchPersistentContext(dir, {
				executablePath: chromiumPath(),
				args: await argsForProfiles(),
				headless: true,
				serviceWorkers: options.serviceWorkers ?? 'allow'
			}),
		dispose: () => rmSync(dir, { recursive: true, force: true })
	};
}

/**
 * Opens an empty page on the server's origin (so IndexedDB and same-origin sync requests work,
 * without loading the app itself) and loads the benchmark's page code into it. The route that
 * answers the empty page is removed before anything is measured.
 */
export async function openBenchPage(context: BrowserContext, origin: string): Promise<Page> {
	const page = await context.newPage();
	const url = `${origin}/__bench`;
	await page.route(url, (route) =>
		route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' })
	);
	await page.goto(url);
	await page.unrouteAll();
	await page.addScriptTag({ path: pageBundle });
	await page.waitForFunction(() => 'vsBench' in globalThis);
	return page;
}

export async function chromiumVersion(): Promise<string> {
	const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
	const version = browser.version();
	await browser.close();
	return version;
}
