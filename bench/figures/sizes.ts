/**
 * Figure 1: what the production build makes a device download. First-route JS and CSS come from
 * the size-budget test's own measurement (a first visit to `/`, no service worker); the precache
 * is every entry of the service worker's precache manifest, fetched from the server.
 */
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../tests/e2e/support/chromium';
import { measureFirstRoute } from '../../tests/e2e/support/first-route';
import { figure, missing, type Figure } from '../lib/figures';

/** The budget for first-route JS (gzip level 9) in DESIGN.md. */
const JS_BUDGET_KB = 80;
const SERVICE_WORKERS = ['/sw.js', '/service-worker.js'];

const kb = (bytes: number) => bytes / 1000;

async function precache(origin: string): Promise<{ bytes: number; entries: number } | null> {
	for (const path of SERVICE_WORKERS) {
		const response = await fetch(origin + path);
		if (!response.ok) continue;
		const source = await response.text();
		const urls = [...source.matchAll(/\burl:\s*["']([^"']+)["']/g)].map((m) => m[1]!);
		if (urls.length === 0) continue;
		let bytes = 0;
		for (const url of new Set(urls)) {
			const asset = await fetch(new URL(url, origin + path));
			if (!asset.ok) throw new Error(`precache entry ${url}: HTTP ${asset.status}`);
			bytes += (await asset.arrayBuffer()).byteLength;
		}
		return { bytes, entries: new Set(urls).size };
	}
	return null;
}

export async function sizeFigures(origin: string): Promise<Figure[]> {
	const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
	const size = await measureFirstRoute(browser, origin).finally(() => browser.close());
	const files = (type: 'script' | 'stylesheet') =>
		`${size.assets.filter((a) => a.type === type).length} files`;
	const one = (id: string, name: string, bytes: number, what: string, of: string) =>
		figure({ id, name, what, size: of, unit: 'KB', samples: [kb(bytes)] });
	const figures: Figure[] = [
		figure({
			id: '1a',
			name: 'first-route JS, gzip',
			what: 'scripts a first visit to / loads, gzip -9',
			size: files('script'),
			unit: 'KB',
			samples: [kb(size.js.gzip)],
			baseline: { what: 'budget in DESIGN.md', value: JS_BUDGET_KB }
		}),
		one(
			'1b',
			'first-route JS, raw',
			size.js.raw,
			'the same scripts, uncompressed',
			files('script')
		),
		one(
			'1c',
			'first-route CSS, gzip',
			size.css.gzip,
			'stylesheets of /, gzip -9',
			files('stylesheet')
		),
		one('1d', 'first-route CSS, raw', size.css.raw, 'the same, uncompressed', files('stylesheet'))
	];
	const cached = await precache(origin);
	const firstRoute = kb(size.js.raw + size.css.raw);
	figures.push(
		cached
			? figure({
					id: '1e',
					name: 'precache',
					what: "service worker's precache manifest, uncompressed",
					size: `${cached.entries} entries`,
					unit: 'KB',
					samples: [kb(cached.bytes)],
					baseline: { what: 'first-route JS + CSS raw', value: firstRoute }
				})
			: missing({
					id: '1e',
					name: 'precache',
					what: "service worker's precache manifest",
					size: '—',
					unit: 'KB',
					reason: 'n/a (no service worker in the build)'
				})
	);
	return figures;
}
