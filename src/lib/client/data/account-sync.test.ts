/**
 * The device's account requests against the real request handlers, on a real database with the
 * demo accounts: sign-in answers as the form shows them, sync speaks for one account, and a
 * session the server ended pauses sync with the queue kept until the account signs in again.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ACCOUNT_HEADER } from '$lib/domain/accounts';
import type { DemoOptions } from '$lib/domain/demo';
import { TestBrowser } from '$lib/testing/browser-client';
import { registration } from '$lib/testing/fixtures';
import { testDevice, testServer } from '$lib/testing/harness';
import type { Db } from '$lib/server/database';
import { DEMO_PASSWORD, loadDemoData } from '$lib/server/seed';
import { POST as signIn } from '../../../routes/api/auth/sign-in/+server';
import { POST as signOut } from '../../../routes/api/auth/sign-out/+server';
import { POST as pull } from '../../../routes/api/sync/pull/+server';
import { POST as push } from '../../../routes/api/sync/push/+server';
import { requestSignIn, requestSignOut, type Fetch } from '$lib/client/device/auth';
import { runMutation } from './mutate';
import { SyncEngine } from './sync-engine.svelte';

const server = vi.hoisted(() => ({ db: undefined as unknown as Db }));
vi.mock('$lib/server/context', () => ({
	serverContext: () => Promise.resolve({ db: server.db, schemaVersion: 2 })
}));

const DEMO: DemoOptions = { stations: 3, members: 12, projects: 2 };

beforeAll(async () => {
	server.db = await testServer();
	await loadDemoData(server.db, DEMO);
});

let nextAddress = 1;

/** One browser (its cookie jar) reaching the real handlers; `seen` records each request's headers. */
function device() {
	const browser = new TestBrowser(undefined, `192.0.2.${nextAddress++}`);
	const seen: { path: string; account: string | null; credentials?: RequestCredentials }[] = [];
	const fetcher: Fetch = async (url, init) => {
		const path = new URL(url, browser.origin).pathname;
		const headers = new Headers(init.headers);
		seen.push({ path, account: headers.get(ACCOUNT_HEADER), credentials: init.credentials });
		const options = { body: String(init.body), account: headers.get(ACCOUNT_HEADER) ?? undefined };
		switch (path) {
			case '/api/auth/sign-in':
				return browser.call(signIn, path, options);
			case '/api/auth/sign-out':
				return browser.call(signOut, path, options);
			case '/api/sync/pull':
				return browser.call(pull, path, options);
			case '/api/sync/push':
				return browser.call(push, path, options);
			default:
				return new Response('not found', { status: 404 });
		}
	};
	return { browser, fetcher, seen };
}

describe('signing in', () => {
	it('answers the account for the right password', async () => {
		const { fetcher } = device();
		const result = await requestSignIn('xizongbu', DEMO_PASSWORD, fetcher);
		expect(result).toMatchObject({
			ok: true,
			account: { role: 'station_worker', username: 'xizongbu' }
		});
	});

	it('says wrong_credentials for a wrong password, and too_many_attempts with the wait', async () => {
		const { fetcher } = device();
		expect(await requestSignIn('xizongbu2', 'not-the-password', fetcher)).toEqual({
			ok: false,
			code: 'wrong_credentials',
			path: undefined,
			retryAfter: undefined
		});
		let last = await requestSignIn('xizongbu2', 'not-the-password', fetcher);
		for (let i = 0; i < 20 && last.ok === false && last.code === 'wrong_credentials'; i++) {
			last = await requestSignIn('xizongbu2', 'not-the-password', fetcher);
		}
		expect(last).toMatchObject({ ok: false, code: 'too_many_attempts' });
		expect(last.ok === false && last.retryAfter).toBeGreaterThan(0);
	});

	it('says offline when the server cannot be reached', async () => {
		const unreachable: Fetch = () => Promise.reject(new TypeError('Failed to fetch'));
		expect(await requestSignIn('xizongbu', DEMO_PASSWORD, unreachable)).toEqual({
			ok: false,
			code: 'offline'
		});
		expect(await requestSignOut('any', unreachable)).toBe(false);
	});
});

describe('sync for a signed-in account', () => {
	let engine: SyncEngine | undefined;
	afterEach(() => engine?.stop());

	it('names the account on every request, and pauses with the queue kept once her session ends', async () => {
		const { fetcher, seen } = device();
		const signedIn = await requestSignIn('xizongbu', DEMO_PASSWORD, fetcher);
		if (!signedIn.ok) throw new Error(signedIn.code);
		const { account } = signedIn;
		const db = testDevice();
		engine = new SyncEngine(db, (input, init) => fetcher(String(input), init ?? {}), {
			accountId: account.id
		});

		await engine.syncNow();
		expect(engine.lastError).toBeNull();
		expect(engine.signedOut).toBe(false);
		const syncs = seen.filter((r) => r.path.startsWith('/api/sync/'));
		expect(syncs.length).toBeGreaterThan(0);
		for (const request of syncs) {
			expect(request).toMatchObject({ account: account.id, credentials: 'same-origin' });
		}

		// Her session ends on the server (signed out elsewhere); she goes on working offline-style.
		expect(await requestSignOut(account.id, fetcher)).toBe(true);
		const member = registration({ phone: '13977776666', homeStationId: account.stationId });
		expect((await runMutation(db, 'volunteer.register', member)).ok).toBe(true);
		await engine.syncNow();
		expect(engine.signedOut).toBe(true);
		expect(engine.lastError).toBeNull();
		expect(await db.outbox.count()).toBe(1);

		// Paused: asking again sends nothing.
		const before = seen.length;
		await engine.syncNow();
		expect(seen.length).toBe(before);

		// She signs in again; syncing resumes and the queued change reaches the server.
		expect((await requestSignIn('xizongbu', DEMO_PASSWORD, fetcher)).ok).toBe(true);
		engine.resume();
		await vi.waitFor(async () => expect(await db.outbox.count()).toBe(0));
		expect(engine.signedOut).toBe(false);
		expect(await db.volunteers.get(member.id)).toMatchObject({ phone: '13977776666' });
	});
});
