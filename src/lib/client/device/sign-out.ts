/**
 * Wiping a signed-out account from the device: her database, her registry entry (with the PIN
 * hash) and the caches the app made while she used it. Only the service worker's precache (the
 * app itself, the same for everyone) is kept, so the device still opens offline afterwards.
 */
import { Dexie } from 'dexie';
import { deviceAccounts, localDbName, removeDeviceAccount } from './device';
import { announceSignOut } from './account-channel';
import { forgetUnlocked } from './unlocked';

const DB_PREFIX = localDbName('');

/** Workbox names its precache `workbox-precache-v2-<scope>`: the one cache that holds no one's data. */
export const isPrecache = (cacheName: string) => cacheName.startsWith('workbox-precache');

/** Deletes every Cache Storage cache but the precache. */
export async function deleteRuntimeCaches(): Promise<void> {
	if (typeof caches === 'undefined') return;
	for (const name of await caches.keys()) {
		if (!isPrecache(name)) await caches.delete(name);
	}
}

/**
 * Removes everything the device holds of an account. Call with her database closed in this
 * page. The registry entry goes first, so a tab that reloads meanwhile no longer finds her; her
 * database last (a tab still holding it open is asked to close it, and is told to reload).
 */
export async function wipeAccount(accountId: string): Promise<void> {
	await removeDeviceAccount(accountId);
	forgetUnlocked(accountId);
	announceSignOut(accountId);
	await Dexie.delete(localDbName(accountId));
	await deleteRuntimeCaches();
}

/**
 * Deletes account databases the registry no longer names: left by a sign-out that was cut off
 * between its steps, or reopened by a tab that was still running. Needs
 * `indexedDB.databases()` (every current browser); without it there is nothing to find.
 */
export async function sweepOrphanDatabases(): Promise<string[]> {
	if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return [];
	// Listed before the registry is read: an account signs in (registry) before her database is
	// made, so a database found here whose account is not yet in the registry is a real orphan.
	const names = (await indexedDB.databases()).map((d) => d.name ?? '');
	const known = new Set((await deviceAccounts()).map((a) => localDbName(a.id)));
	const orphans = names.filter((name) => name.startsWith(DB_PREFIX) && !known.has(name));
	for (const name of orphans) await Dexie.delete(name);
	return orphans;
}
