/**
 * The app's service worker, as the screens see it: whether a new version is waiting, and the means
 * to let it take over. Registration uses `registerType: 'prompt'`: a new worker installs in the
 * background and waits; it takes over only when `activate()` is called (after the outbox has been
 * pushed or the user accepted to keep it for later). Queued changes live in IndexedDB, which every
 * version shares, so an update never loses them.
 *
 * A page no worker serves (a first visit) registers with the browser's API alone: no update can
 * be waiting yet, and the first visit does not download workbox-window. A page a worker serves
 * loads the register helper (virtual:pwa-register, workbox-window) from the worker's precache.
 */

/** Where @vite-pwa/sveltekit writes the worker (its default `sw.js`) and the scope it serves. */
const SW_URL = '/sw.js';
const SW_SCOPE = '/';

/** How often an open app asks the server for a newer service worker. */
const CHECK_EVERY_MS = 60 * 60_000;

/**
 * A first install that fails (a file of the precache not fetched: a dropped connection, a busy
 * server) leaves the page without a worker until the next visit. It is tried again after this
 * long, doubling, a few times: the app should be ready offline without the user reloading.
 */
const FIRST_INSTALL_RETRY_MS = 5_000;
const FIRST_INSTALL_TRIES = 5;

class ServiceWorkerState {
	/** A new version is installed and waiting to take over. */
	waiting = $state(false);
	/** The app has just been cached for offline use for the first time. */
	offlineReady = $state(false);

	#registration: ServiceWorkerRegistration | undefined;
	#started = false;
	#firstInstallTries = 0;
	#watching = false;

	/** Registers the worker once per page load; later calls do nothing. */
	register() {
		if (this.#started || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) {
			return;
		}
		this.#started = true;
		if (navigator.serviceWorker.controller) void this.#registerServed();
		else void this.#registerFirst();
	}

	/** A worker serves this page: an update may be on its way, which the register helper follows. */
	async #registerServed() {
		const { registerSW } = await import('virtual:pwa-register');
		registerSW({
			onNeedRefresh: () => (this.waiting = true),
			onOfflineReady: () => (this.offlineReady = true),
			onRegisteredSW: (_url, registration) => {
				if (registration) this.#watchForUpdates(registration);
			}
		});
	}

	/**
	 * No worker serves this page yet. The first worker to install makes the app ready offline; a
	 * worker that installs while another is active (a newer build, found by the hourly check) is
	 * an update, and waits for the user as on any later visit.
	 */
	async #registerFirst() {
		// As the register helper does: wait for the page to load before the worker downloads the
		// precache, so the two do not compete.
		if (document.readyState !== 'complete') {
			await new Promise((loaded) => window.addEventListener('load', loaded, { once: true }));
		}
		this.#firstInstallTries += 1;
		let registration: ServiceWorkerRegistration | undefined;
		try {
			registration = await navigator.serviceWorker.register(SW_URL, { scope: SW_SCOPE });
		} catch {
			// Not allowed here (private mode, blocked): the app works online without it.
			return;
		}
		// A browser whose workers are switched off (e.g. by policy) may answer with nothing.
		if (!registration) return;
		this.#watchForUpdates(registration);
		// Loaded without the worker (a hard reload): a worker may already be waiting.
		if (registration.waiting && registration.active) this.waiting = true;
		let watched: ServiceWorker | null = null;
		const watch = (worker: ServiceWorker | null) => {
			if (!worker || worker === watched) return;
			watched = worker;
			const isUpdate = registration.active !== null;
			const settle = () => {
				if (worker.state === 'installing' || worker.state === 'parsed') return false;
				if (worker.state === 'redundant') {
					if (!isUpdate && !navigator.serviceWorker.controller) this.#retryFirstInstall();
					return true;
				}
				if (isUpdate) this.waiting = true;
				else this.offlineReady = true;
				return true;
			};
			if (settle()) return;
			const onChange = () => {
				if (settle()) worker.removeEventListener('statechange', onChange);
			};
			worker.addEventListener('statechange', onChange);
		};
		watch(registration.installing);
		registration.addEventListener('updatefound', () => watch(registration.installing));
	}

	/** The first install failed: try again a little later, a few times. */
	#retryFirstInstall() {
		if (this.#firstInstallTries >= FIRST_INSTALL_TRIES) return;
		const delay = FIRST_INSTALL_RETRY_MS * 2 ** (this.#firstInstallTries - 1);
		setTimeout(() => {
			if (!navigator.serviceWorker.controller) void this.#registerFirst();
		}, delay);
	}

	#watchForUpdates(registration: ServiceWorkerRegistration) {
		this.#registration = registration;
		if (this.#watching) return;
		this.#watching = true;
		const check = () => void this.checkForUpdate();
		setInterval(check, CHECK_EVERY_MS);
		window.addEventListener('online', check);
	}

	/** Asks the server for a newer worker (it then installs in the background). */
	async checkForUpdate(): Promise<void> {
		const registration = this.#registration;
		if (!registration || registration.installing || !navigator.onLine) return;
		try {
			await registration.update();
		} catch {
			// Server out of reach: the next check will try again.
		}
	}

	/**
	 * Looks for a newer worker now and waits until it is installed. Answers whether one is waiting.
	 * Without a registered worker there is nothing to wait for: a reload reaches the server.
	 */
	async fetchUpdate(timeoutMs = 60_000): Promise<boolean> {
		const registration = this.#registration;
		if (!registration) return false;
		if (!registration.waiting && !registration.installing) {
			try {
				await registration.update();
			} catch {
				return false;
			}
		}
		const installing = registration.installing;
		if (installing) {
			await new Promise<void>((done) => {
				const timer = setTimeout(done, timeoutMs);
				installing.addEventListener('statechange', () => {
					if (installing.state !== 'installing') {
						clearTimeout(timer);
						done();
					}
				});
			});
		}
		return Boolean(registration.waiting);
	}

	/** Whether a service worker serves this app (so reloading alone would not update it). */
	get registered(): boolean {
		return this.#registration !== undefined;
	}

	/** Lets the waiting worker take over; the page reloads into the new version. */
	activate() {
		const waiting = this.#registration?.waiting;
		if (!waiting) {
			location.reload();
			return;
		}
		// Reload on the switch ourselves: the register helper only listens once it has announced
		// the waiting worker, which may not have happened yet when an outdated app updates at once.
		let reloading = false;
		navigator.serviceWorker.addEventListener('controllerchange', () => {
			if (reloading) return;
			reloading = true;
			location.reload();
		});
		waiting.postMessage({ type: 'SKIP_WAITING' });
	}
}

let state: ServiceWorkerState | undefined;

export function serviceWorker(): ServiceWorkerState {
	state ??= new ServiceWorkerState();
	return state;
}
