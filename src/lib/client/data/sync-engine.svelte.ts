/**
 * When to sync, and what the user sees of it. Syncs on start, when the browser says it is online,
 * when the page becomes visible, shortly after each change, and on a timer that backs off after
 * failures. Only one tab of a device syncs at a time (Web Locks). Whether the device is online is
 * decided by reaching the server, not by `navigator.onLine` alone.
 */
import { liveQuery, type Subscription } from 'dexie';
import { ACCOUNT_HEADER } from '$lib/domain/account-names';
import { nowIso } from '$lib/domain/clock';
import { clientId, getMeta, isStorageFull, type LocalDb } from './db';
import type { PullProgress } from './sync';

const PERIOD_MS = 30_000;
/** The longest wait between tries with nothing to send. */
const MAX_BACKOFF_MS = 5 * 60_000;
/** The longest wait while changes wait to be sent: a server back up is reached within a minute. */
const MAX_BACKOFF_WAITING_MS = 60_000;
const DEBOUNCE_MS = 400;

/**
 * The wait before the next try after `failures` failed ones in a row, with jitter (half to all of
 * it): doubling from 4 s up to a minute while changes wait, five minutes otherwise.
 */
export function backoffMs(failures: number, changesWaiting: boolean, random = Math.random()) {
	const cap = changesWaiting ? MAX_BACKOFF_WAITING_MS : MAX_BACKOFF_MS;
	const backoff = Math.min(cap, 2_000 * 2 ** Math.min(Math.max(failures, 1), 8));
	return backoff / 2 + random * (backoff / 2);
}

export type Connection = 'unknown' | 'online' | 'offline';

const browserOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

export class SyncEngine {
	connection = $state<Connection>('unknown');
	syncing = $state(false);
	waiting = $state(0);
	lastSyncedAt = $state<string | null>(null);
	refusedCount = $state(0);
	/** Set when the server said this app is too old to sync: update to continue. */
	outdated = $state(false);
	/** Bootstrap progress, 0..1, while a first sync of this device is under way; else null. */
	progress = $state<number | null>(null);
	lastError = $state<string | null>(null);
	/** The wait before the next try, as last scheduled. */
	nextTryInMs = $state<number | null>(null);
	/**
	 * Set when this device's database vanished while the app ran (the browser evicted it, or it was
	 * cleared): it was reopened empty and everything is fetched from the server again; changes that
	 * had not been sent are gone.
	 */
	rebuilt = $state(false);
	/**
	 * Set when the server no longer knows this account's session (401): it expired, or was ended
	 * elsewhere. Syncing pauses with the outbox kept until the user signs in again (`resume`).
	 */
	signedOut = $state(false);

	#db: LocalDb;
	#fetch: typeof fetch;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#failures = 0;
	#stopped = false;
	#again = false;
	#subscriptions: Subscription[] = [];
	#cleanups: (() => void)[] = [];
	/** The database's sync identity as last seen: a new one means the database was made anew. */
	#clientId: string | null = null;

	/**
	 * `accountId` names the account each request speaks for (the server picks her session cookie
	 * by it); without one (tests, the time before accounts) requests carry no account.
	 */
	constructor(
		db: LocalDb,
		fetcher: typeof fetch = (...a) => fetch(...a),
		options: { accountId?: string } = {}
	) {
		this.#db = db;
		const accountId = options.accountId;
		this.#fetch = accountId
			? (input, init) => {
					const headers = new Headers(init?.headers);
					headers.set(ACCOUNT_HEADER, accountId);
					return fetcher(input, { ...init, headers, credentials: 'same-origin' });
				}
			: fetcher;
	}

	start() {
		this.#stopped = false;
		this.#subscriptions.push(
			liveQuery(() => this.#db.outbox.count()).subscribe((n) => (this.waiting = n)),
			liveQuery(() => this.#db.refusals.count()).subscribe((n) => (this.refusedCount = n)),
			liveQuery(() => getMeta<string | null>(this.#db, 'lastSyncedAt', null)).subscribe(
				(at) => (this.lastSyncedAt = at)
			)
		);
		// Coming back online, or to the app, is a fresh start: try now, and wait from the beginning.
		const now = () => {
			this.#failures = 0;
			void this.syncNow();
		};
		const visible = () => document.visibilityState === 'visible' && now();
		const offline = () => (this.connection = 'offline');
		window.addEventListener('online', now);
		window.addEventListener('focus', now);
		window.addEventListener('offline', offline);
		document.addEventListener('visibilitychange', visible);
		this.#cleanups.push(() => {
			window.removeEventListener('online', now);
			window.removeEventListener('focus', now);
			window.removeEventListener('offline', offline);
			document.removeEventListener('visibilitychange', visible);
		});
		void this.syncNow();
	}

	stop() {
		this.#stopped = true;
		clearTimeout(this.#timer);
		this.#again = false;
		for (const s of this.#subscriptions) s.unsubscribe();
		for (const c of this.#cleanups) c();
		this.#subscriptions = [];
		this.#cleanups = [];
	}

	/** Called after each local change: sync soon, once, however many changes follow quickly. */
	changed() {
		// A round under way may have sent the outbox before this change, and schedules its next
		// round at the period when it ends: it must come again at once instead.
		if (this.syncing) this.#again = true;
		this.#schedule(DEBOUNCE_MS);
	}

	/** Syncing again after the user signed in anew: the queue kept meanwhile is sent now. */
	resume() {
		this.signedOut = false;
		this.#failures = 0;
		void this.syncNow();
	}

	#schedule(ms: number) {
		clearTimeout(this.#timer);
		if (this.#stopped || this.signedOut) return;
		this.nextTryInMs = ms;
		this.#timer = setTimeout(() => void this.syncNow(), ms);
	}

	async syncNow(): Promise<void> {
		if (this.signedOut) return;
		if (this.syncing) {
			this.#again = true;
			return;
		}
		this.syncing = true;
		try {
			await this.#withLock(() => this.#round());
		} finally {
			this.syncing = false;
		}
		if (this.#again) {
			this.#again = false;
			this.#schedule(0);
		}
	}

	/**
	 * Runs work that writes server rows into the device outside a pull (opening a member) while no
	 * sync round runs, in this tab or another: waits for a round under way to finish first.
	 */
	async exclusive<T>(work: () => Promise<T>): Promise<T> {
		if (typeof navigator !== 'undefined' && 'locks' in navigator) {
			return navigator.locks.request(`sync:${this.#db.name}`, work);
		}
		return work();
	}

	async #withLock(work: () => Promise<void>) {
		if (typeof navigator !== 'undefined' && 'locks' in navigator) {
			// Another tab syncing already does the work for this database: skip rather than queue,
			// but come back soon, since that tab may have read the outbox before this change.
			await navigator.locks.request(
				`sync:${this.#db.name}`,
				{ ifAvailable: true },
				async (lock) => {
					if (lock) await work();
					else this.#schedule(DEBOUNCE_MS * 4);
				}
			);
		} else {
			await work();
		}
	}

	async #round() {
		// Until one sync has completed, this device is still bootstrapping (maybe resuming one).
		const firstSync = (await getMeta<string | null>(this.#db, 'lastSyncedAt', null)) === null;
		let changesWaiting = this.waiting > 0;
		// The sync code (schemas, rules, rebase) loads with the first round, not with the first
		// screen: the home shows from the device's data while it loads.
		let sync: typeof import('./sync') | undefined;
		try {
			sync = await import('./sync');
			changesWaiting = (await this.#db.outbox.count()) > 0;
			const id = await clientId(this.#db);
			if (this.#clientId !== null && id !== this.#clientId) this.rebuilt = true;
			this.#clientId = id;
			await sync.syncOnce(this.#db, this.#fetch, '', (p) => this.#onPage(p, firstSync));
			this.connection = 'online';
			this.outdated = false;
			this.lastError = null;
			this.#failures = 0;
			await this.#db.meta.put({ key: 'lastSyncedAt', value: nowIso() });
			this.#schedule(PERIOD_MS);
		} catch (error) {
			// Failing while the browser knows it has no network says nothing about the server: the
			// wait does not grow, so the first try once it is back comes soon.
			if (!browserOffline()) this.#failures++;
			if (isStorageFull(error)) {
				this.lastError = 'storage_full';
			} else if (sync && error instanceof sync.SyncHttpError) {
				this.connection = 'online';
				if (error.status === 426) this.outdated = true;
				if (error.status === 401) {
					// Not an error to retry: nothing will sync until she signs in again.
					this.signedOut = true;
					this.lastError = null;
					return;
				}
				this.lastError = error.code;
			} else if (error instanceof Error && error.name === '$ZodError') {
				// The server answered, but not in the protocol's shape: not a network problem.
				this.connection = 'online';
				this.lastError = 'invalid_response';
			} else {
				// fetch failed: the server is out of reach, whatever navigator.onLine says.
				this.connection = 'offline';
				this.lastError = null;
			}
			this.#schedule(backoffMs(this.#failures, changesWaiting));
		} finally {
			this.progress = null;
		}
	}

	#onPage(progress: PullProgress, firstSync: boolean) {
		if (firstSync && progress.cursor < progress.headVersion) {
			this.progress = progress.cursor / Math.max(1, progress.headVersion);
		}
	}
}
