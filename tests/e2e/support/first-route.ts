/**
 * What a first visit to `/` costs: every script and stylesheet the page downloads (the service
 * worker excluded), raw and gzipped at level 9. Used by the size budget test and the benchmark.
 */
import type { Browser } from '@playwright/test';
import { gzipSync } from 'node:zlib';

export interface AssetSize {
	url: string;
	type: 'script' | 'stylesheet';
	raw: number;
	gzip: number;
}

export interface FirstRouteSize {
	assets: AssetSize[];
	js: { raw: number; gzip: number };
	css: { raw: number; gzip: number };
}

export async function measureFirstRoute(
	browser: Browser,
	baseURL: string
): Promise<FirstRouteSize> {
	// No service worker: a first visit downloads everything from the network.
	const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
	const page = await context.newPage();
	const pending: Promise<AssetSize | null>[] = [];
	page.on('response', (response) => {
		const resource = response.request().resourceType();
		if (resource !== 'script' && resource !== 'stylesheet') return;
		const type: AssetSize['type'] = resource;
		pending.push(
			response
				.body()
				.then((body) => ({
					url: new URL(response.url()).pathname,
					type,
					raw: body.length,
					gzip: gzipSync(body, { level: 9 }).length
				}))
				.catch(() => null)
		);
	});
	await page.goto('/', { waitUntil: 'networkidle' });
	const assets = (await Promise.all(pending)).filter((a): a is AssetSize => a !== null);
	await context.close();
	const sum = (type: AssetSize['type']) =>
		assets
			.filter((a) => a.type === type)
			.reduce((t, a) => ({ raw: t.raw + a.raw, gzip: t.gzip + a.gzip }), { raw: 0, gzip: 0 });
	return { assets, js: sum('script'), css: sum('stylesheet') };
}
