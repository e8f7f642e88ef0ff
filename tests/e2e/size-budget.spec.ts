import { expect, test } from './fixtures';
import { measureFirstRoute } from './support/first-route';

/**
 * Size is deterministic, so unlike speed it is a test: the first route may not grow.
 *
 * The target is 80 KB. It is not reached yet: the libraries a first visit cannot do without weigh
 * about 68.5 KB on their own (Dexie 27.5, Svelte 20.9, the SvelteKit client 10.6, zod/mini 9.5: the
 * first visit reads IndexedDB and checks every row it pulls), and the app's own code with the
 * generated route table about 19 KB. Until the target is met, this guards the measured size
 * (87.3 KB) against growth.
 */
const FIRST_ROUTE_JS_BUDGET = 88 * 1024;

test('the first route downloads at most 88 KB of gzipped JavaScript', async ({
	browser,
	server
}) => {
	const size = await measureFirstRoute(browser, server.url);
	const listing = size.assets.map((a) => `${a.url} ${a.gzip} B`).join('\n');
	expect(size.assets.length, 'scripts were downloaded').toBeGreaterThan(0);
	expect(size.js.gzip, `first-route scripts (gzip -9):\n${listing}`).toBeLessThanOrEqual(
		FIRST_ROUTE_JS_BUDGET
	);
});
