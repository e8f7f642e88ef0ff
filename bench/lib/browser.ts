/**
 * Headless Chromium for the benchmark, found the way the tests find it. Profiles live on disk
 * (`launchPersistentContext`): an incognito context keeps IndexedDB in memory and would flatter
 * every device figure.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumLaunchArgs, chromiumPath } from '../../tests/e2e/support/chromium';
import { pageBundle } from './builds';

export interface Profile {
	dir: string;
	launch(options?: { serviceWorkers?: 'allow' | 'block' }): Promise<BrowserContext>;
	dispose(): void;
}

/** A fresh on-disk browser profile; each `launch` starts a new browser process on it. */
export function newProfile(label: string): Profile {
	const dir = mkdtempSync(join(tmpdir(), `vs-bench-${label}-`));
	return {
		dir,
		launch: async (options = {}) =>
			chromium.launchPersistentContext(dir, {
				executablePath: chromiumPath(),
				args: await chromiumLaunchArgs(),
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
