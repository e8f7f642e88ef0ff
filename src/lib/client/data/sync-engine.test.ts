/**
 * When a device tries again after failing to reach the server: a tablet that worked offline must
 * sync soon after the server is back, without anyone touching it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testDevice, testServer, serverFetch } from '$lib/testing/harness';
import { registration } from '$lib/testing/fixtures';
import { runMutation } from './mutate';
import { backoffMs, SyncEngine } from './sync-engine.svelte';

describe('backoffMs', () => {
	it('doubles from 4 s, up to a minute while changes wait and five minutes otherwise', () => {
		const full = (failures: number, waiting: boolean) => backoffMs(failures, waiting, 1);
		expect([1, 2, 3, 4, 5].map((n) => full(n, true))).toEqual([
			4_000, 8_000, 16_000, 32_000, 60_000
		]);
		expect(full(20, true)).toBe(60_000);
		expect(full(20, false)).toBe(300_000);
		// With jitter, between half and all of it.
		expect(backoffMs(3, true, 0)).toBe(8_000);
	});
});

describe('a device that worked offline, when the server comes back', () => {
	let engine: SyncEngine | undefined;
	const browser = { onLine: false };

	beforeEach(() => {
		browser.onLine = false;
		vi.stubGlobal('navigator', browser);
		vi.stubGlobal('window', new EventTarget());
		vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
	});
	afterEach(() => {
		engine?.stop();
		vi.unstubAllGlobals();
	});

	it('waits no longer for having been offline, a minute at most while changes wait, then sends them', async () => {
		const server = await testServer();
		const reach = serverFetch(server);
		let serverUp = false;
		const fetcher = async (input: RequestInfo | URL, init?: RequestInit) => {
			if (!serverUp || !browser.onLine) throw new TypeError('Failed to fetch');
			return reach(String(input), init ?? {});
		};
		const db = testDevice();
		for (let i = 1; i <= 5; i++) {
			const args = registration({ phone: `1390000${String(i).padStart(4, '0')}` });
			expect((await runMutation(db, 'volunteer.register', args)).ok).toBe(true);
		}
		engine = new SyncEngine(db, fetcher);
		const waits = async (tries: number) => {
			const seen: number[] = [];
			for (let i = 0; i < tries; i++) {
				await engine!.syncNow();
				seen.push(engine!.nextTryInMs ?? 0);
			}
			return seen;
		};

		// Many failed tries while the browser has no network: the wait does not grow.
		expect(Math.max(...(await waits(12)))).toBeLessThanOrEqual(4_000);
		expect(engine.connection).toBe('offline');

		// The network is back but the server is not (a restart): it backs off, a minute at most.
		browser.onLine = true;
		const backingOff = await waits(12);
		expect(backingOff.at(-1)).toBeGreaterThanOrEqual(30_000);
		expect(Math.max(...backingOff)).toBeLessThanOrEqual(60_000);

		// The server is up: the next try sends everything.
		serverUp = true;
		await engine.syncNow();
		expect(engine.connection).toBe('online');
		expect(await db.outbox.count()).toBe(0);
		expect(await server.selectFrom('volunteers').select('id').execute()).toHaveLength(5);
	});

	it('waits up to five minutes when nothing waits to be sent', async () => {
		browser.onLine = true;
		engine = new SyncEngine(testDevice(), async () => {
			throw new TypeError('Failed to fetch');
		});
		for (let i = 0; i < 12; i++) await engine.syncNow();
		expect(engine.nextTryInMs).toBeGreaterThan(60_000);
	});

	it('starts over, and tries at once, when the browser comes online or the page is shown', async () => {
		let calls = 0;
		browser.onLine = true;
		engine = new SyncEngine(testDevice(), async () => {
			calls++;
			throw new TypeError('Failed to fetch');
		});
		for (let i = 0; i < 10; i++) await engine.syncNow();
		expect(engine.nextTryInMs).toBeGreaterThan(60_000);
		engine.start();
		await vi.waitFor(() => expect(engine!.syncing).toBe(false));
		for (const [target, event] of [
			[window, 'online'],
			[window, 'focus'],
			[document, 'visibilitychange']
		] as const) {
			const before = calls;
			target.dispatchEvent(new Event(event));
			await vi.waitFor(() => expect(calls).toBe(before + 1));
			await vi.waitFor(() => expect(engine!.syncing).toBe(false));
			// Started over: the next wait is the first one's.
			expect(engine.nextTryInMs).toBeLessThanOrEqual(4_000);
		}
	});

	it('sends a change made while a round is under way right after that round, not at the next period', async () => {
		browser.onLine = true;
		const server = await testServer();
		const reach = serverFetch(server);
		const db = testDevice();
		let madeDuringRound = false;
		engine = new SyncEngine(db, async (input, init) => {
			const url = String(input);
			// The round has pushed an empty outbox and now pulls: she records a member meanwhile.
			if (url.endsWith('/api/sync/pull') && !madeDuringRound) {
				madeDuringRound = true;
				expect((await runMutation(db, 'volunteer.register', registration())).ok).toBe(true);
				engine!.changed();
			}
			return reach(url, init ?? {});
		});
		await engine.syncNow();
		expect(madeDuringRound).toBe(true);
		expect(await db.outbox.count()).toBe(1);
		// The next round comes at once, not at the 30-second period.
		expect(engine.nextTryInMs).toBe(0);
		await vi.waitFor(async () => expect(await db.outbox.count()).toBe(0));
		expect(await server.selectFrom('volunteers').select('id').execute()).toHaveLength(1);
	});
});
