/**
 * Figure 2: offline cold start. The app is visited once online until its service worker controls
 * the page; then the server is stopped, and each run starts a new browser process on that on-disk
 * profile and opens `/` in a new page, answered by the service worker. Baseline: the same cold
 * start online with service workers blocked (the document from the server on loopback, the
 * assets from the browser's HTTP cache, filled by one earlier visit).
 */
import type { AppServer } from '../../tests/e2e/support/server';
import { newProfile, type Profile } from '../lib/browser';
import { figure, missing, type Figure } from '../lib/figures';

interface Load {
	firstPaint: number | null;
	content: number | null;
	fromServiceWorker: boolean;
}

const CONTENT = 'main h1';

/**
 * The demo volunteer: alone on her own phone she opens straight to her home, with no PIN, so each
 * cold start renders her data from IndexedDB (a staff account would stop at the lock screen).
 */
const VOLUNTEER = { login: '13800000001', password: 'demo-pass-2026' };

/** Signs the volunteer in and waits until her data is on the device. */
async function signIn(page: import('@playwright/test').Page) {
	await page
		.getByRole('textbox', { name: /^(Username or phone|用户名或手机号)$/ })
		.fill(VOLUNTEER.login);
	await page.getByRole('textbox', { name: /^(Password|密码)$/ }).fill(VOLUNTEER.password);
	await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
	await page
		.getByRole('region', { name: /^(Sync status|同步状态)$/ })
		// A volunteer's own phone shows the short form.
		.getByText(/^(All changes synced|已全部上传|Up to date|已是最新)/)
		.waitFor({ timeout: 30_000 });
}

/** A first visit that signs the volunteer in, so later cold starts open on her home. */
async function signInOnce(profile: Profile, url: string, serviceWorkers: 'allow' | 'block') {
	const context = await profile.launch({ serviceWorkers });
	try {
		const page = await context.newPage();
		await page.goto(url);
		await signIn(page);
	} finally {
		await context.close();
	}
}

/**
 * Notes when the app's main heading enters the page, in ms since navigation start. Pages render
 * on the device (ssr = false), so the heading exists only once the app's code has run.
 */
function watchContent(selector: string) {
	const seen = globalThis as { benchContentAt?: number };
	const check = () => {
		if (seen.benchContentAt === undefined && document.querySelector(selector)) {
			seen.benchContentAt = performance.now();
		}
		return seen.benchContentAt !== undefined;
	};
	new MutationObserver((_records, observer) => {
		if (check()) observer.disconnect();
	}).observe(document, { childList: true, subtree: true });
}

async function coldLoad(
	profile: Profile,
	url: string,
	serviceWorkers: 'allow' | 'block'
): Promise<Load> {
	const context = await profile.launch({ serviceWorkers });
	try {
		await context.addInitScript(watchContent, CONTENT);
		const page = await context.newPage();
		const response = await page.goto(url);
		await page.waitForSelector(CONTENT, { timeout: 20_000 });
		const times = await page.evaluate(async () => {
			const paint = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
			for (let i = 0; i < 40 && paint() === undefined; i++) {
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
			const firstPaint = paint() ?? null;
			const inPage = (globalThis as { benchContentAt?: number }).benchContentAt ?? null;
			// Interactive: the app has rendered its heading (client-side, so its code has run) and
			// the page has been painted.
			return {
				firstPaint,
				content: inPage === null || firstPaint === null ? null : Math.max(inPage, firstPaint)
			};
		});
		return { ...times, fromServiceWorker: response?.fromServiceWorker() ?? false };
	} finally {
		await context.close();
	}
}

/** Visits once online and waits until the service worker controls the page. */
async function installWorker(profile: Profile, url: string): Promise<string | null> {
	const context = await profile.launch({ serviceWorkers: 'allow' });
	try {
		const page = await context.newPage();
		await page.goto(url);
		await signIn(page);
		await page.waitForSelector(CONTENT, { timeout: 20_000 });
		const active = await page.evaluate(() =>
			'serviceWorker' in navigator
				? Promise.race([
						navigator.serviceWorker.ready.then(() => true),
						new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 20_000))
					])
				: false
		);
		if (!active) {
			const built = (await fetch(new URL('/sw.js', url))).ok;
			return built
				? 'n/a (no service worker: sw.js is built, but the app does not register it)'
				: 'n/a (no service worker)';
		}
		await page.reload();
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
			timeout: 15_000
		});
		return null;
	} catch (error) {
		return `n/a (service worker never took control: ${(error as Error).message.split('\n')[0]})`;
	} finally {
		await context.close();
	}
}

async function coldLoads(profile: Profile, url: string, runs: number, sw: 'allow' | 'block') {
	const loads: Load[] = [];
	for (let i = 0; i < runs; i++) loads.push(await coldLoad(profile, url, sw));
	return loads;
}

export async function coldStartFigures(server: AppServer, runs: number): Promise<Figure[]> {
	const url = `${server.url}/`;
	const online = newProfile('online');
	const offline = newProfile('offline');
	try {
		await signInOnce(online, url, 'block'); // and fills the HTTP cache, as an earlier visit would
		await coldLoad(online, url, 'block');
		const baseline = await coldLoads(online, url, runs, 'block');
		const notInstalled = await installWorker(offline, url);
		let loads: Load[] = [];
		let reason = notInstalled;
		if (!reason) {
			await server.stop();
			try {
				loads = await coldLoads(offline, url, runs, 'allow');
				if (loads.some((l) => !l.fromServiceWorker)) {
					reason = 'n/a (the service worker did not answer the navigation)';
				}
			} catch (error) {
				reason = `n/a (offline load failed: ${(error as Error).message.split('\n')[0]})`;
			} finally {
				await server.start();
			}
		}
		const values = (list: Load[], key: 'firstPaint' | 'content') =>
			list.map((l) => l[key]).filter((v): v is number => v !== null);
		const shared = { size: 'demo volunteer signed in, / route', unit: 'ms' as const };
		const baselineWhat = 'same cold start online, no service worker';
		if (reason) {
			return [
				missing({
					id: '2a',
					name: 'offline cold start, first paint',
					what: 'navigation start → first contentful paint',
					...shared,
					baselineWhat,
					reason
				}),
				missing({
					id: '2b',
					name: 'offline cold start, interactive',
					what: `navigation start → ${CONTENT} rendered and painted`,
					...shared,
					baselineWhat,
					reason
				})
			];
		}
		return [
			figure({
				id: '2a',
				name: 'offline cold start, first paint',
				what: 'navigation start → first contentful paint',
				...shared,
				samples: values(loads, 'firstPaint'),
				baseline: { what: baselineWhat, samples: values(baseline, 'firstPaint') },
				note: 'new browser process per run, server stopped'
			}),
			figure({
				id: '2b',
				name: 'offline cold start, interactive',
				what: `navigation start → ${CONTENT} rendered and painted`,
				...shared,
				samples: values(loads, 'content'),
				baseline: { what: baselineWhat, samples: values(baseline, 'content') },
				note: 'new browser process per run, server stopped'
			})
		];
	} finally {
		online.dispose();
		offline.dispose();
	}
}
