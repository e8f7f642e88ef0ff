/**
 * Installing the app to the home screen or desktop, where the browser offers it (Chromium's
 * `beforeinstallprompt`). Safari and Firefox have no such event: there the button never shows and
 * people use the browser's own menu.
 */
import { requestPersistence } from './storage';

/** Chromium's install prompt event; not in TypeScript's DOM types. */
interface BeforeInstallPromptEvent extends Event {
	prompt(): Promise<void>;
	readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed'; platform: string }>;
}

class InstallState {
	/** The browser would install the app if asked now. */
	available = $state(false);
	/** The app was installed during this visit. */
	installed = $state(false);

	#deferred: BeforeInstallPromptEvent | undefined;
	#listening = false;

	/** Starts listening for the browser's offer; later calls do nothing. */
	listen() {
		if (this.#listening || typeof window === 'undefined') return;
		this.#listening = true;
		window.addEventListener('beforeinstallprompt', (event) => {
			// Keep the browser's own mini-infobar away: the app offers installing with its button.
			event.preventDefault();
			this.#deferred = event as BeforeInstallPromptEvent;
			this.available = true;
		});
		window.addEventListener('appinstalled', () => {
			this.#deferred = undefined;
			this.available = false;
			this.installed = true;
			// An installed app is what Chromium grants persistent storage to.
			void requestPersistence();
		});
	}

	/** Shows the browser's install dialog; answers whether the user accepted. */
	async install(): Promise<boolean> {
		const event = this.#deferred;
		if (!event) return false;
		// The event can prompt only once.
		this.#deferred = undefined;
		this.available = false;
		await event.prompt();
		const { outcome } = await event.userChoice;
		return outcome === 'accepted';
	}
}

let state: InstallState | undefined;

export function installState(): InstallState {
	state ??= new InstallState();
	return state;
}
