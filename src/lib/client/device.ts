/**
 * The device registry: which accounts are signed in on this device (a shared tablet holds
 * several), their PIN hashes and wrong-PIN counts, kiosk mode, and device settings. It lives in a
 * small database of its own, apart from each account's data (`localDbName`), so the lock screen
 * can list accounts without opening anyone's data, and signing one out removes all of hers.
 *
 * Everything here works offline; only signing an account in needs the network (account.svelte.ts).
 */
import { Dexie, type EntityTable } from 'dexie';
import type { AccountInfo } from '$lib/domain/accounts';
import {
	checkAccountInfo,
	checkAccountRow,
	readIdList,
	readKiosk,
	readMinutes,
	type AccountRow,
	type KioskState
} from './registry-rows';

export type { KioskState };
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

type DeviceDb = Dexie & {
	accounts: EntityTable<AccountRow, 'id'>;
	settings: EntityTable<SettingRow, 'key'>;
};

let opened: DeviceDb | undefined;

function deviceDb(): DeviceDb {
	if (opened) return opened;
	const db = new Dexie(DEVICE_DB_NAME) as DeviceDb;
	db.version(1).stores({ accounts: 'id', settings: 'key' });
	opened = db;
	return db;
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
	const raw = await deviceDb().accounts.get(accountId);
	return raw === undefined ? undefined : checkAccountRow(raw);
}

/** The accounts signed in on this device, in the order they first signed in. */
export async function deviceAccounts(): Promise<DeviceAccount[]> {
	const rows = await deviceDb().accounts.toArray();
	return rows
		.map((raw) => toDeviceAccount(checkAccountRow(raw)))
		.sort((a, b) => a.signedInAt.localeCompare(b.signedInAt));
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
	const db = deviceDb();
	return db.transaction('rw', db.accounts, async () => {
		const existing = await readRow(checked.id);
		const row: AccountRow = {
			...checked,
			signedInAt: existing?.signedInAt ?? new Date().toISOString(),
			login: login ?? existing?.login ?? null,
			pin: existing?.pin ?? null,
			misses: existing?.misses ?? 0,
			waitUntil: existing?.waitUntil ?? 0
		};
		await db.accounts.put(row);
		return toDeviceAccount(row);
	});
}

/** Forgets an account on this device: her entry, PIN hash and wrong-PIN count. */
export async function removeDeviceAccount(accountId: string): Promise<void> {
	const db = deviceDb();
	await db.transaction('rw', db.accounts, db.settings, async () => {
		await db.accounts.delete(accountId);
		const kiosk = await kioskState();
		if (kiosk?.accountId === accountId) await db.settings.delete('kiosk');
	});
}

/** Sets (or replaces) an account's PIN: 4 to 6 digits. Resets any wrong-PIN count. */
export async function setPin(accountId: string, pin: string): Promise<void> {
	const { hashPin, isValidPin } = await pinRules();
	if (typeof pin !== 'string' || !isValidPin(pin)) throw new DeviceError('invalid_pin');
	if (!(await readRow(accountId))) throw new DeviceError('unknown_account');
	// Hashed before the transaction: awaiting WebCrypto inside a Dexie transaction would end it.
	const hash = await hashPin(pin);
	const db = deviceDb();
	await db.transaction('rw', db.accounts, async () => {
		const row = await readRow(accountId);
		if (!row) throw new DeviceError('unknown_account');
		await db.accounts.put({ ...row, pin: hash, misses: 0, waitUntil: 0 });
	});
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
	const db = deviceDb();
	return db.transaction('rw', db.accounts, async (): Promise<PinCheck> => {
		// Read again: another tab may have counted a miss while the hash was computed.
		const latest = await readRow(accountId);
		if (!latest) throw new DeviceError('unknown_account');
		if (right) {
			await db.accounts.put({ ...latest, misses: 0, waitUntil: 0 });
			return { ok: true };
		}
		const misses = latest.misses + 1;
		const wait = pinWaitMs(misses);
		await db.accounts.put({ ...latest, misses, waitUntil: wait > 0 ? now + wait : 0 });
		if (wait > 0) return { ok: false, reason: 'wait', until: now + wait };
		return { ok: false, reason: 'wrong', attemptsLeft: PIN_FREE_ATTEMPTS - misses };
	});
}

/** When the account's next PIN try is allowed (epoch ms), if a wait is running. */
export async function pinWaitUntil(accountId: string, now = Date.now()): Promise<number | null> {
	const row = await readRow(accountId);
	return row && row.waitUntil > now ? row.waitUntil : null;
}

async function getSetting(key: string): Promise<unknown> {
	return (await deviceDb().settings.get(key))?.value;
}

async function putSetting(key: string, value: unknown): Promise<void> {
	await deviceDb().settings.put({ key, value });
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
	await deviceDb().settings.delete('kiosk');
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

/**
 * Accounts signed out while offline: their server sessions still need ending. The local data is
 * already gone; the ids are kept until the server has been told.
 */
export async function pendingSignOuts(): Promise<string[]> {
	return readIdList(await getSetting('pendingSignOuts'));
}

export async function rememberSignOut(accountId: string): Promise<void> {
	const db = deviceDb();
	await db.transaction('rw', db.settings, async () => {
		const pending = await pendingSignOuts();
		if (!pending.includes(accountId)) await putSetting('pendingSignOuts', [...pending, accountId]);
	});
}

export async function forgetSignOut(accountId: string): Promise<void> {
	const db = deviceDb();
	await db.transaction('rw', db.settings, async () => {
		const pending = await pendingSignOuts();
		await putSetting(
			'pendingSignOuts',
			pending.filter((id) => id !== accountId)
		);
	});
}
