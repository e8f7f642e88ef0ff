import { Dexie } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountInfo } from '$lib/domain/accounts';
import {
	addDeviceAccount,
	DEVICE_DB_NAME,
	deviceAccounts,
	endKiosk,
	idleMinutes,
	kioskState,
	localDbName,
	pinWaitUntil,
	removeDeviceAccount,
	setIdleMinutes,
	setPin,
	setTextSizeSetting,
	startKiosk,
	textSizeSetting,
	verifyPin
} from './device';

const worker: AccountInfo = {
	id: '6f1c1f52-7a43-4c59-9d3e-0d7f6a1b2c01',
	role: 'station_worker',
	displayName: 'xizongbu',
	username: 'xizongbu',
	district: 'dongcheng',
	stationId: '6f1c1f52-7a43-4c59-9d3e-0d7f6a1b2c99',
	volunteerId: null
};
const other: AccountInfo = {
	...worker,
	id: '6f1c1f52-7a43-4c59-9d3e-0d7f6a1b2c02',
	displayName: 'xizongbu2',
	username: 'xizongbu2'
};

/** The registry as a fresh browser has it. */
beforeEach(async () => {
	await Dexie.delete(DEVICE_DB_NAME);
});

/** Everything stored about an account, read straight from IndexedDB. */
async function storedRows() {
	const db = new Dexie(DEVICE_DB_NAME);
	db.version(1).stores({ accounts: 'id', settings: 'key' });
	const rows = await db.table('accounts').toArray();
	db.close();
	return rows as Record<string, unknown>[];
}

describe('the device registry', () => {
	it('lists signed-in accounts without their PIN hash, and keeps the PIN on a second sign-in', async () => {
		await addDeviceAccount(worker);
		await addDeviceAccount(other);
		await setPin(worker.id, '2468');
		await addDeviceAccount({ ...worker, displayName: 'Xizongbu Li' });

		const accounts = await deviceAccounts();
		expect(accounts.map((a) => a.displayName)).toEqual(['Xizongbu Li', 'xizongbu2']);
		expect(accounts.map((a) => a.hasPin)).toEqual([true, false]);
		expect(JSON.stringify(accounts)).not.toContain('hash');
	});

	it('names each account its own database', () => {
		expect(localDbName(worker.id)).toBe(`volunteer-stations:${worker.id}`);
	});
});

describe('PINs', () => {
	beforeEach(async () => {
		await addDeviceAccount(worker);
	});

	it('accepts the PIN that was set and no other', async () => {
		await setPin(worker.id, '024680');
		expect(await verifyPin(worker.id, '024680')).toEqual({ ok: true });
		expect(await verifyPin(worker.id, '024681')).toEqual({
			ok: false,
			reason: 'wrong',
			attemptsLeft: 4
		});
	});

	it('stores a salted slow hash, never the PIN', async () => {
		await setPin(worker.id, '1357');
		const [row] = await storedRows();
		const pin = row?.pin as { algorithm: string; iterations: number; salt: string; hash: string };
		expect(pin.algorithm).toBe('PBKDF2-SHA256');
		expect(pin.iterations).toBeGreaterThanOrEqual(600_000);
		expect(JSON.stringify(row)).not.toContain('1357');

		// The same PIN for another account hashes differently (a random salt each time).
		await addDeviceAccount(other);
		await setPin(other.id, '1357');
		const rows = await storedRows();
		const hashes = rows.map((r) => (r.pin as { hash: string }).hash);
		expect(new Set(hashes).size).toBe(2);
	});

	it.each(['123', '1234567', '12a4', ' 1234', '', '١٢٣٤'])('refuses %j as a PIN', async (pin) => {
		await expect(setPin(worker.id, pin)).rejects.toMatchObject({ code: 'invalid_pin' });
		expect((await deviceAccounts())[0]?.hasPin).toBe(false);
	});

	it('refuses a PIN for an account not on this device', async () => {
		await expect(setPin(other.id, '1234')).rejects.toMatchObject({ code: 'unknown_account' });
	});

	it('makes the fifth wrong try start a wait, doubling, and a reload does not reset it', async () => {
		await setPin(worker.id, '4321');
		const start = 1_700_000_000_000;
		for (let left = 4; left >= 1; left--) {
			expect(await verifyPin(worker.id, '0000', start)).toEqual({
				ok: false,
				reason: 'wrong',
				attemptsLeft: left
			});
		}
		const first = await verifyPin(worker.id, '0000', start);
		expect(first).toEqual({ ok: false, reason: 'wait', until: start + 30_000 });

		// While the wait runs, not even the right PIN opens.
		expect(await verifyPin(worker.id, '4321', start + 10_000)).toEqual({
			ok: false,
			reason: 'wait',
			until: start + 30_000
		});

		// The wait is in IndexedDB, not in memory: a reload finds it.
		expect((await storedRows())[0]?.waitUntil).toBe(start + 30_000);
		expect(await pinWaitUntil(worker.id, start + 10_000)).toBe(start + 30_000);

		// Another miss after the wait doubles it.
		expect(await verifyPin(worker.id, '0000', start + 30_000)).toEqual({
			ok: false,
			reason: 'wait',
			until: start + 30_000 + 60_000
		});
		// The right PIN after the wait opens, and starts the count afresh.
		expect(await verifyPin(worker.id, '4321', start + 90_000)).toEqual({ ok: true });
		expect(await verifyPin(worker.id, '0000', start + 90_000)).toMatchObject({ attemptsLeft: 4 });
	});

	it('keeps the wrong-PIN count in IndexedDB, where a reload finds it', async () => {
		await setPin(worker.id, '4321');
		await verifyPin(worker.id, '1111');
		await verifyPin(worker.id, '2222');
		const [row] = await storedRows();
		expect(row?.misses).toBe(2);
	});

	it('does not unlock an account with no PIN set', async () => {
		expect(await verifyPin(worker.id, '1234')).toMatchObject({ ok: false, reason: 'wrong' });
	});
});

describe('kiosk mode', () => {
	it('is off, then on for the account and station that started it, then off again', async () => {
		await addDeviceAccount(worker);
		expect(await kioskState()).toBeNull();
		await startKiosk(worker.id, worker.stationId!);
		expect(await kioskState()).toMatchObject({ accountId: worker.id, stationId: worker.stationId });
		await endKiosk();
		expect(await kioskState()).toBeNull();
	});

	it('ends when the account that started it is removed', async () => {
		await addDeviceAccount(worker);
		await startKiosk(worker.id, worker.stationId!);
		await removeDeviceAccount(worker.id);
		expect(await kioskState()).toBeNull();
	});

	it('cannot be started for an account not signed in here', async () => {
		await expect(startKiosk(other.id, worker.stationId!)).rejects.toMatchObject({
			code: 'unknown_account'
		});
	});
});

describe('idle minutes', () => {
	it('default to 5 and keep a value from 1 to 60', async () => {
		expect(await idleMinutes()).toBe(5);
		await setIdleMinutes(1);
		expect(await idleMinutes()).toBe(1);
		await setIdleMinutes(60);
		expect(await idleMinutes()).toBe(60);
	});

	it.each([0, 61, 2.5, -1, Number.NaN])('refuse %d', async (minutes) => {
		await setIdleMinutes(10);
		await expect(setIdleMinutes(minutes)).rejects.toMatchObject({ code: 'invalid_idle_minutes' });
		expect(await idleMinutes()).toBe(10);
	});
});

describe('text size', () => {
	it('is remembered for the device and for the account that chose it', async () => {
		await addDeviceAccount(worker);
		await addDeviceAccount(other);
		expect(await textSizeSetting(null)).toBeNull();
		await setTextSizeSetting(worker.id, 'large');
		expect(await textSizeSetting(null)).toBe('large');
		expect(await textSizeSetting(worker.id)).toBe('large');
		expect(await textSizeSetting(other.id)).toBeNull();
		await setTextSizeSetting(other.id, 'normal');
		expect(await textSizeSetting(null)).toBe('normal');
		expect(await textSizeSetting(worker.id)).toBe('large');
	});

	it('is forgotten with the account, not on the device', async () => {
		await addDeviceAccount(worker);
		await setTextSizeSetting(worker.id, 'large');
		await removeDeviceAccount(worker.id);
		expect(await textSizeSetting(worker.id)).toBeNull();
		expect(await textSizeSetting(null)).toBe('large');
	});
});
