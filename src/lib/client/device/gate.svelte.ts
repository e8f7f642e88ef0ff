/**
 * What the device shows before anyone's data: the sign-in screen, PIN setup, the lock screen, or
 * kiosk mode; and the moves between them. Decided from the device registry and the tab's unlocked
 * state, so it works offline from the prerendered shell.
 *
 * Guarantees: no account's database is opened until her PIN (or, for a volunteer on her own
 * phone, her choice) unlocks it; locking reloads the page, so nothing of the last person's screens
 * stays in memory; a staff account whose idle time ran out while the tab was closed or asleep
 * opens locked.
 */
import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import type { AccountInfo } from '$lib/domain/accounts';
import { isStaff } from '$lib/domain/roles';
import { setCurrentAccount } from './account.svelte';
import {
	accountDataReady,
	closeAccountData,
	openAccountData,
	openedAccountId,
	syncEngine
} from '$lib/client/data/app.svelte';
import { watchSignOuts } from './account-channel';
import {
	addDeviceAccount,
	DEFAULT_IDLE_MINUTES,
	deviceAccounts,
	forgetSignOut,
	idleMinutes,
	kioskState,
	localDbName,
	pendingSignOuts,
	setIdleMinutes,
	startKiosk,
	type DeviceAccount,
	type KioskState
} from './device';
import type { LegacyOutcome } from './legacy-db';
import { textSize } from './text-size.svelte';
import {
	choosingAccount,
	clearUnlocked,
	lastUnlockedAccount,
	readUnlocked,
	writeUnlocked
} from './unlocked';

export type GateScreen =
	| { kind: 'loading' }
	/** Sign in with a password: the first account, another one, or one whose PIN is not set. */
	| { kind: 'sign_in'; login: string | null }
	| { kind: 'pin_setup'; account: DeviceAccount }
	| { kind: 'locked' }
	| { kind: 'kiosk'; account: DeviceAccount; kiosk: KioskState }
	| { kind: 'unlocked'; account: DeviceAccount };

/** How soon, and at most how long after, a sign-out the server has not heard of is sent again. */
const SIGN_OUT_RETRY_MIN_MS = 5_000;
const SIGN_OUT_RETRY_MAX_MS = 5 * 60_000;

/** Whether an account's screens may stay open past the idle time (volunteers on their own phone). */
export const locksWhenIdle = (account: AccountInfo) => isStaff(account.role);

class Gate {
	screen = $state<GateScreen>({ kind: 'loading' });
	/** The accounts signed in on this device, for the lock screen. */
	accounts = $state.raw<DeviceAccount[]>([]);
	/** Changes of the database from before accounts that were handed to the account just signed in. */
	legacy = $state<LegacyOutcome | null>(null);
	/** Minutes without activity before a staff account locks (a device setting). */
	idleMinutes = $state(DEFAULT_IDLE_MINUTES);
	#started = false;

	async start(): Promise<void> {
		if (this.#started) return;
		this.#started = true;
		watchSignOuts((accountId) => {
			// Another tab signed this account out: drop its screens here too.
			if (openedAccountId() === accountId) location.reload();
			else void this.refresh();
		});
		window.addEventListener('online', () => {
			this.#signOutDelayMs = SIGN_OUT_RETRY_MIN_MS;
			void this.#finishSignOuts();
		});
		void this.#finishSignOuts();
		// Before the first screen, so nobody reads it at the wrong size first.
		await textSize.useDevice();
		await this.refresh();
		void this.#sweep();
	}

	#signOutRetry: ReturnType<typeof setTimeout> | undefined;
	#signOutDelayMs = SIGN_OUT_RETRY_MIN_MS;

	/**
	 * Ends the server sessions of accounts signed out offline; the code loads only if there are any.
	 * The `online` event alone is not enough: the network can be back before the server is, so while
	 * any are left it tries again, waiting longer each time.
	 */
	async #finishSignOuts() {
		clearTimeout(this.#signOutRetry);
		if ((await pendingSignOuts()).length === 0) return;
		const { sendPendingSignOuts } = await import('./auth');
		await sendPendingSignOuts().catch(() => undefined);
		if ((await pendingSignOuts()).length === 0) {
			this.#signOutDelayMs = SIGN_OUT_RETRY_MIN_MS;
			return;
		}
		this.#signOutRetry = setTimeout(() => void this.#finishSignOuts(), this.#signOutDelayMs);
		this.#signOutDelayMs = Math.min(this.#signOutDelayMs * 2, SIGN_OUT_RETRY_MAX_MS);
	}

	/** Deletes account databases the registry no longer names (a sign-out cut off halfway). */
	async #sweep() {
		if (typeof indexedDB.databases !== 'function') return;
		const prefix = localDbName('');
		const known = new Set(this.accounts.map((a) => localDbName(a.id)));
		const found = await indexedDB.databases();
		if (!found.some((d) => d.name?.startsWith(prefix) && !known.has(d.name))) return;
		const { sweepOrphanDatabases } = await import('./sign-out');
		await sweepOrphanDatabases();
	}

	/** Decides the screen from the registry, kiosk mode and this tab's unlocked state. */
	async refresh(): Promise<void> {
		const [accounts, idle, kiosk] = await Promise.all([
			deviceAccounts(),
			idleMinutes(),
			kioskState()
		]);
		this.accounts = accounts;
		this.idleMinutes = idle;
		const kioskAccount = kiosk && accounts.find((a) => a.id === kiosk.accountId);
		if (kiosk && kioskAccount) {
			await this.#open(kioskAccount);
			this.screen = { kind: 'kiosk', account: kioskAccount, kiosk };
			return;
		}
		if (accounts.length === 0) {
			this.screen = { kind: 'sign_in', login: null };
			return;
		}
		const unlocked = readUnlocked();
		const account = unlocked && accounts.find((a) => a.id === unlocked.accountId);
		if (account && unlocked) {
			const idleMs = this.idleMinutes * 60_000;
			if (!locksWhenIdle(account) || Date.now() - unlocked.lastActivity < idleMs) {
				if (locksWhenIdle(account) && !account.hasPin) {
					this.screen = { kind: 'pin_setup', account };
					return;
				}
				await this.#open(account);
				this.screen = { kind: 'unlocked', account };
				return;
			}
			clearUnlocked();
		}
		// A volunteer alone on her own phone has nothing to lock against, unless she asked for the
		// lock screen (to sign another account in).
		const [only] = accounts;
		if (accounts.length === 1 && only && !locksWhenIdle(only) && !choosingAccount()) {
			await this.enter(only);
			return;
		}
		this.screen = { kind: 'locked' };
	}

	async #open(account: DeviceAccount) {
		await Promise.all([textSize.useAccount(account.id), openAccountData(account)]);
		setCurrentAccount(account);
		const engine = syncEngine();
		// Also when that write failed: the engine's first sync then fails too, and says so.
		const start = () => engine.start();
		void accountDataReady().then(start, start);
	}

	/** "Sign in another account", or sign in again for an account with no PIN on this device. */
	showSignIn(login: string | null = null) {
		this.screen = { kind: 'sign_in', login };
	}

	showLock() {
		this.screen = this.accounts.length > 0 ? { kind: 'locked' } : { kind: 'sign_in', login: null };
	}

	/**
	 * After the server accepted a password: the account joins the device registry; a staff account
	 * takes over the queue of the database from before accounts, then sets her PIN if she has none.
	 */
	async signedIn(info: AccountInfo, login: string): Promise<void> {
		await forgetSignOut(info.id);
		const account = await addDeviceAccount(info, login);
		if (locksWhenIdle(account)) {
			try {
				const { adoptLegacyOutbox } = await import('./legacy-db');
				const outcome = await adoptLegacyOutbox(account.id);
				if (outcome.kind !== 'none') this.legacy = outcome;
			} catch {
				// The old database could not be read: it is left as it was, nothing is lost.
			}
		}
		this.accounts = await deviceAccounts();
		if (locksWhenIdle(account) && !account.hasPin) {
			// Unlocked already, so a reload during PIN setup comes back to it, not to the lock screen.
			writeUnlocked(account.id);
			this.screen = { kind: 'pin_setup', account };
			return;
		}
		await this.enter(account);
	}

	/** The PIN was set: on into the app. */
	async pinSet(account: DeviceAccount): Promise<void> {
		await this.enter({ ...account, hasPin: true });
	}

	/**
	 * Unlocks an account (its PIN already checked). A page that has another account's data open
	 * reloads, so none of it carries over; another account's screen is left for the home page.
	 */
	async enter(account: DeviceAccount): Promise<void> {
		const previous = lastUnlockedAccount();
		writeUnlocked(account.id);
		if (openedAccountId() !== null && openedAccountId() !== account.id) {
			location.assign(resolve('/'));
			return;
		}
		if (previous !== null && previous !== account.id) {
			await goto(resolve('/'), { replaceState: true });
		}
		await this.#open(account);
		this.screen = { kind: 'unlocked', account };
	}

	/** Changes the idle time for every staff account on this device; it applies at once. */
	async setIdleMinutes(minutes: number): Promise<void> {
		await setIdleMinutes(minutes);
		this.idleMinutes = minutes;
	}

	/** Locks now: the page reloads to the lock screen, keeping nothing of what was on screen. */
	lock() {
		clearUnlocked();
		location.reload();
	}

	/** The lock screen, to hand the device to someone else (or sign another account in). */
	switchUser() {
		clearUnlocked({ choosing: true });
		location.reload();
	}

	/** Starts kiosk mode for a station worker's station; leaving it needs a staff PIN. */
	async startKiosk(account: DeviceAccount): Promise<void> {
		if (!account.stationId) return;
		await startKiosk(account.id, account.stationId);
		clearUnlocked();
		location.reload();
	}

	/**
	 * Signs the unlocked account out: ends her server session (or remembers to, when offline) and
	 * wipes what the device holds of her. Her queued changes are gone after this: the caller has
	 * warned about them.
	 */
	async signOut(account: DeviceAccount): Promise<void> {
		closeAccountData();
		const [{ signOutOnServer }, { wipeAccount }] = await Promise.all([
			import('./auth'),
			import('./sign-out')
		]);
		await signOutOnServer(account.id);
		await wipeAccount(account.id);
		setCurrentAccount(null);
		location.assign(resolve('/'));
	}
}

export const gate = new Gate();
