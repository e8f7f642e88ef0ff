/**
 * Which account this tab has unlocked, and when its user last did something. Kept in
 * sessionStorage: a reload within the idle time stays unlocked, while closing the tab (or the
 * installed app) locks it. Idle time is measured from `lastActivity`, so a reload cannot extend it.
 */
const KEY = 'vs-unlocked';
/** The account whose screen the tab showed when it locked: another account unlocking starts at home. */
const LAST_KEY = 'vs-last-account';
/** Set when the user locked on purpose (switch user): the lock screen shows even for a volunteer. */
const CHOOSING_KEY = 'vs-choosing';

export interface Unlocked {
	accountId: string;
	/** Epoch ms of the last touch, click or key. */
	lastActivity: number;
}

function storage(): Storage | null {
	try {
		return typeof sessionStorage === 'undefined' ? null : sessionStorage;
	} catch {
		// Storage refused (a sandboxed frame): every load starts locked.
		return null;
	}
}

export function readUnlocked(): Unlocked | null {
	const raw = storage()?.getItem(KEY);
	if (!raw) return null;
	try {
		const value = JSON.parse(raw) as Partial<Unlocked>;
		if (typeof value.accountId !== 'string' || typeof value.lastActivity !== 'number') return null;
		return { accountId: value.accountId, lastActivity: value.lastActivity };
	} catch {
		return null;
	}
}

export function writeUnlocked(accountId: string, now = Date.now()): void {
	const store = storage();
	store?.setItem(KEY, JSON.stringify({ accountId, lastActivity: now } satisfies Unlocked));
	store?.setItem(LAST_KEY, accountId);
	store?.removeItem(CHOOSING_KEY);
}

/** Records activity for the unlocked account (no-op when the tab is locked). */
export function touchUnlocked(now = Date.now()): void {
	const current = readUnlocked();
	if (current) storage()?.setItem(KEY, JSON.stringify({ ...current, lastActivity: now }));
}

/** Locks the tab. `choosing`: the user asked for the lock screen, to let someone else in. */
export function clearUnlocked(options: { choosing?: boolean } = {}): void {
	const store = storage();
	store?.removeItem(KEY);
	if (options.choosing) store?.setItem(CHOOSING_KEY, '1');
}

/** Whether the lock screen was asked for, rather than reached by idling or a new tab. */
export function choosingAccount(): boolean {
	return storage()?.getItem(CHOOSING_KEY) === '1';
}

/** The account whose screens this tab last showed, if any. */
export function lastUnlockedAccount(): string | null {
	return storage()?.getItem(LAST_KEY) ?? null;
}

/** Forgets a signed-out account entirely, so nothing in the tab still names it. */
export function forgetUnlocked(accountId: string): void {
	if (readUnlocked()?.accountId === accountId) clearUnlocked();
	if (lastUnlockedAccount() === accountId) storage()?.removeItem(LAST_KEY);
}
