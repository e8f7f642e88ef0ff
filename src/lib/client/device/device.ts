/**
 * The device registry: which accounts are signed in on this device (a shared tablet holds
 * several), their PIN hashes and wrong-PIN counts, kiosk mode, and device settings. It lives in a
 * small database of its own, apart from each account's data (`localDbName`), so the lock screen
 * can list accounts without opening anyone's data, and signing one out removes all of hers.
 *
 * Everything here works offline; only signing an account in needs the network (account.svelte.ts).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { AccountInfo } from '$lib/domain/accounts';
import {
	checkAccountInfo,
	checkAccountRow,
	readIdList,
	readKiosk,
	readMinutes,
	readTextSize,
	type AccountRow,
	type KioskState,
	type TextSize
} from './registry-rows';
import { compareText } from '$lib/domain/order';

export type { KioskState, TextSize };
/** The KDF loads with the first PIN set or checked, not with the sign-in screen. */
const pinRules = () => import('./pin');

export const DEVICE_DB_NAME = 'volunteer-stations-device';

/** Each signed-in account's data lives in a database of its own. */
export const localDbName = (accountId: string) => `volunteer-stations:${accountId}`;

/** A refused device operation; `code` is translated like the domain's codes. */
export class DeviceError extends Error {
	constructor(readonly code: 'invalid_pin' | 'unknown_account' | 'invalid_idle_minutes') {
		super(code);
	}
}

interface SettingRow {
	key: string;
	value: unknown;
}

interface DeviceSchema extends DBSchema {
	accounts: { key: string; value: AccountRow };
	settings: { key: string; value: SettingRow };
}

/**
 * The version Dexie gives a database declared as its version 1 (it multiplies by ten), so the
 * registry reads the same with either library. The registry uses `idb`, a thin promise wrapper, so
 * the sign-in and lock screens, the first thing a device loads, do without Dexie.
 */
const DEVICE_DB_VERSION = 10;

let opening: Promise<IDBPDatabase<DeviceSchema>> | undefined;

function deviceDb(): Promise<IDBPDatabase<DeviceSchema>> {
	opening ??= openDB<DeviceSchema>(DEVICE_DB_NAME, DEVICE_DB_VERSION, {
		upgrade(db) {
			if (!db.objectStoreNames.contains('accounts')) {
				db.createObjectStore('accounts', { keyPath: 'id' });
			}
			if (!db.objectStoreNames.contains('settings')) {
				db.createObjectStore('settings', { keyPath: 'key' });
			}
		},
		// Another tab (or a test) deletes or upgrades the registry: let it, and reopen on next use.
		blocking(_current, _next, event) {
			(event.target as IDBDatabase).close();
			opening = undefined;
		},
		terminated() {
			opening = undefined;
		}
	});
	return opening;
}

/** A signed-in account as the lock screen and account menu see it: no PIN hash. */
export type DeviceAccount = AccountInfo & {
	hasPin: boolean;
	signedInAt: string;
	/** The username or phone she signed in with; null when not known. */
	login: string | null;
};

function toDeviceAccount(row: AccountRow): DeviceAccount {
	const info = checkAccountInfo(row);
	return {
		...info,
		hasPin: row.pin !== null,
		signedInAt: row.signedInAt,
		login: row.login ?? null
	};
}

async function readRow(accountId: string): Promise<AccountRow | undefined> {
	const raw = await (await deviceDb()).get('accounts', accountId);
	return raw === undefined ? undefined : checkAccountRow(raw);
}

/** The accounts signed in on this device, in the order they first signed in. */
export async function deviceAccounts(): Promise<DeviceAccount[]> {
	const rows = await (await deviceDb()).getAll('accounts');
	return rows
		.map((raw) => toDeviceAccount(checkAccountRow(raw)))
		.sort((a, b) => compareText(a.signedInAt, b.signedInAt));
}

export async function deviceAccount(accountId: string): Promise<DeviceAccount | null> {
	const row = await readRow(accountId);
	return row ? toDeviceAccount(row) : null;
}

/**
 * Records a successful sign-in. Signing in again (a session the server ended) refreshes what the
 * server said about the account and keeps her PIN.
 */
export async function addDeviceAccount(
	info: AccountInfo,
	login: string | null = null
): Promise<DeviceAccount> {
	const checked = checkAccountInfo(info);
	const tx = (await deviceDb()).transaction('accounts', 'readwrite');
	const stored = await tx.store.get(checked.id);
	const existing = stored === undefined ? undefined : checkAccountRow(stored);
	const row: AccountRow = {
		...checked,
		signedInAt: existing?.signedInAt ?? new Date().toISOString(),
		login: login ?? existing?.login ?? null,
		pin: existing?.pin ?? null,
		misses: existing?.misses ?? 0,
		waitUntil: existing?.waitUntil ?? 0
	};
	await tx.store.put(row);
	await tx.done;
	return toDeviceAccount(row);
}

/** Forgets an account on this device: her entry, PIN hash, wrong-PIN count and settings. */
export async function removeDeviceAccount(accountId: string): Promise<void> {
	const tx = (await deviceDb()).transaction(['accounts', 'settings'], 'readwrite');
	await tx.objectStore('accounts').delete(accountId);
	await tx.objectStore('settings').delete(textSizeKey(accountId));
	const kiosk = readKiosk((await tx.objectStore('settings').get('kiosk'))?.value);
	if (kiosk?.accountId === accountId) await tx.objectStore('settings').delete('kiosk');
	await tx.done;
}

/** Sets (or replaces) an account's PIN: 4 to 6 digits. Resets any wrong-PIN count. */
export async function setPin(accountId: string, pin: string): Promise<void> {
	const { hashPin, isValidPin } = await pinRules();
	if (typeof pin !== 'string' || !isValidPin(pin)) throw new DeviceError('invalid_pin');
	if (!(await readRow(accountId))) throw new DeviceError('unknown_account');
	// Hashed before the transaction: awaiting WebCrypto inside an IndexedDB transaction would end it.
	const hash = await hashPin(pin);
	const tx = (await deviceDb()).transaction('accounts', 'readwrite');
	const stored = await tx.store.get(accountId);
	if (!stored) throw new DeviceError('unknown_account');
	await tx.store.put({ ...checkAccountRow(stored), pin: hash, misses: 0, waitUntil: 0 });
	await tx.done;
}

export type PinCheck =
	| { ok: true }
	| { ok: false; reason: 'wrong'; attemptsLeft: number }
	| { ok: false; reason: 'wait'; until: number };

/**
 * Checks a PIN. The PIN_FREE_ATTEMPTS-th wrong one in a row starts a wait (30 s), and each further
 * miss doubles it (capped); the count and the wait are stored, so reloading the page does not reset
 * them. While a wait runs, no PIN is checked at all, not even the right one.
 */
export async function verifyPin(
	accountId: string,
	pin: string,
	now = Date.now()
): Promise<PinCheck> {
	const row = await readRow(accountId);
	if (!row) throw new DeviceError('unknown_account');
	if (row.waitUntil > now) return { ok: false, reason: 'wait', until: row.waitUntil };
	const { pinMatches, pinWaitMs, PIN_FREE_ATTEMPTS } = await pinRules();
	const right = row.pin !== null && typeof pin === 'string' && (await pinMatches(pin, row.pin));
	const tx = (await deviceDb()).transaction('accounts', 'readwrite');
	// Read again: another tab may have counted a miss while the hash was computed.
	const stored = await tx.store.get(accountId);
	if (!stored) throw new DeviceError('unknown_account');
	const latest = checkAccountRow(stored);
	let result: PinCheck;
	if (right) {
		await tx.store.put({ ...latest, misses: 0, waitUntil: 0 });
		result = { ok: true };
	} else {
		const misses = latest.misses + 1;
		const wait = pinWaitMs(misses);
		await tx.store.put({ ...latest, misses, waitUntil: wait > 0 ? now + wait : 0 });
		result =
			wait > 0
				? { ok: false, reason: 'wait', until: now + wait }
				: { ok: false, reason: 'wrong', attemptsLeft: PIN_FREE_ATTEMPTS - misses };
	}
	await tx.done;
	return result;
}

/** When the account's next PIN try is allowed (epoch ms), if a wait is running. */
export async function pinWaitUntil(accountId: string, now = Date.now()): Promise<number | null> {
	const row = await readRow(accountId);
	return row && row.waitUntil > now ? row.waitUntil : null;
}

async function getSetting(key: string): Promise<unknown> {
	return (await (await deviceDb()).get('settings', key))?.value;
}

async function putSetting(key: string, value: unknown): Promise<void> {
	await (await deviceDb()).put('settings', { key, value });
}

/** Kiosk mode: while set, the device shows only the self-registration form. */
export async function kioskState(): Promise<KioskState | null> {
	return readKiosk(await getSetting('kiosk'));
}

/** Starts kiosk mode for a signed-in account's station; its registrations are queued as hers. */
export async function startKiosk(accountId: string, stationId: string): Promise<KioskState> {
	if (!(await readRow(accountId))) throw new DeviceError('unknown_account');
	const state: KioskState = { accountId, stationId, startedAt: new Date().toISOString() };
	await putSetting('kiosk', state);
	return state;
}

export async function endKiosk(): Promise<void> {
	await (await deviceDb()).delete('settings', 'kiosk');
}

export const DEFAULT_IDLE_MINUTES = 5;
export const MIN_IDLE_MINUTES = 1;
export const MAX_IDLE_MINUTES = 60;

/** Minutes without a touch, click or key before a staff account locks itself. */
export async function idleMinutes(): Promise<number> {
	return (
		readMinutes(await getSetting('idleMinutes'), MIN_IDLE_MINUTES, MAX_IDLE_MINUTES) ??
		DEFAULT_IDLE_MINUTES
	);
}

export async function setIdleMinutes(minutes: number): Promise<void> {
	if (readMinutes(minutes, MIN_IDLE_MINUTES, MAX_IDLE_MINUTES) === null) {
		throw new DeviceError('invalid_idle_minutes');
	}
	await putSetting('idleMinutes', minutes);
}

const textSizeKey = (accountId: string | null) =>
	accountId === null ? 'textSize' : `textSize:${accountId}`;

/**
 * The text size chosen on this device (its last choice, shown before anyone unlocks), or by one
 * account (hers, wherever she unlocks on this device); null when never chosen.
 */
export async function textSizeSetting(accountId: string | null): Promise<TextSize | null> {
	return readTextSize(await getSetting(textSizeKey(accountId)));
}

/** Remembers a text size for the device and, when given, for the account that chose it. */
export async function setTextSizeSetting(accountId: string | null, size: TextSize): Promise<void> {
	const tx = (await deviceDb()).transaction('settings', 'readwrite');
	await tx.store.put({ key: textSizeKey(null), value: size });
	if (accountId !== null) await tx.store.put({ key: textSizeKey(accountId), value: size });
	await tx.done;
}

/**
 * Accounts signed out while offline: their server sessions still need ending. The local data is
 * already gone; the ids are kept until the server has been told.
 */
export async function pendingSignOuts(): Promise<string[]> {
	return readIdList(await getSetting('pendingSignOuts'));
}

/** Changes the list of pending sign-outs in one transaction, so two tabs cannot lose an entry. */
async function updateSignOuts(change: (pending: string[]) => string[]): Promise<void> {
	const tx = (await deviceDb()).transaction('settings', 'readwrite');
	const pending = readIdList((await tx.store.get('pendingSignOuts'))?.value);
	await tx.store.put({ key: 'pendingSignOuts', value: change(pending) });
	await tx.done;
}

export async function rememberSignOut(accountId: string): Promise<void> {
	await updateSignOuts((pending) =>
		pending.includes(accountId) ? pending : [...pending, accountId]
	);
}

export async function forgetSignOut(accountId: string): Promise<void> {
	await updateSignOuts((pending) => pending.filter((id) => id !== accountId));
}
