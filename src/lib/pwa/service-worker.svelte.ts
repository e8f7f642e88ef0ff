/**
 * The app's service worker, as the screens see it: whether a new version is waiting, and the means
 * to let it take over. Registration uses `registerType: 'prompt'`: a new worker installs in the
 * background and waits; it takes over only when `activate()` is called (after the outbox has been
 * pushed or the user accepted to keep it for later). Queued changes live in IndexedDB, which every
 * version shares, so an update never loses them.
 */
import { registerSW } from 'virtual:pwa-register';

/** How often an open app asks the server for a newer service worker. */
const CHECK_EVERY_MS = 60 * 60_000;

class ServiceWorkerState {
	/** A new version is installed and waiting to take over. */
	waiting = $state(false);
	/** The app has just been cached for offline use for the first time. */
	offlineReady = $state(false);

	#registration: ServiceWorkerRegistration | undefined;
	#started = false;

	/** Registers the worker once per page load; later calls do nothing. */
	register() {
		if (this.#started || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) {
			return;
		}
		this.#started = true;
		registerSW({
			onNeedRefresh: () => (this.waiting = true),
			onOfflineReady: () => (this.offlineReady = true),
			onRegisteredSW: (_url, registration) => {
				this.#registration = registration;
				if (!registration) return;
				const check = () => void this.checkForUpdate();
				setInterval(check, CHECK_EVERY_MS);
				window.addEventListener('online', check);
			}
		});
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
