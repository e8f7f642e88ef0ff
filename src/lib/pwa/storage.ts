/**
 * How much this device stores for the app, and whether the browser may evict it. Without
 * persistent storage a browser short of space can delete IndexedDB, outbox included: changes made
 * offline and not yet synced would be lost.
 */

export interface StorageFigures {
	/** Bytes used by this origin (IndexedDB, caches, service worker). */
	usage: number;
	/** Bytes this origin may use in all. */
	quota: number;
}

function storageManager(): StorageManager | undefined {
	return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

/** Used and allowed bytes, or null when the browser does not tell. */
export async function storageEstimate(): Promise<StorageFigures | null> {
	const storage = storageManager();
	if (!storage?.estimate) return null;
	try {
		const { usage, quota } = await storage.estimate();
		return usage === undefined || quota === undefined ? null : { usage, quota };
	} catch {
		return null;
	}
}

/** Whether the browser keeps this origin's data under storage pressure; null when unknown. */
export async function isStoragePersistent(): Promise<boolean | null> {
	const storage = storageManager();
	if (!storage?.persisted) return null;
	try {
		return await storage.persisted();
	} catch {
		return null;
	}
}

/**
 * Asks the browser to keep this origin's data; answers whether it now does (null: cannot ask).
 * Chromium decides silently (installed apps and often-used sites are granted); Firefox asks the
 * user once and remembers the answer.
 */
export async function requestPersistence(): Promise<boolean | null> {
	const storage = storageManager();
	if (!storage?.persist) return null;
	try {
		if (await storage.persisted()) return true;
		return await storage.persist();
	} catch {
		return null;
	}
}

let askedThisLoad = false;

/**
 * Asks for persistent storage once per page load, when the device first holds synced data (so
 * from the first successful sync on) and when the app is installed. That is when the data on this
 * device becomes worth keeping, and a moment a user asked by Firefox can make sense of; asking on
 * the first visit would prompt people who only looked.
 */
export function askForPersistenceOnce(): void {
	if (askedThisLoad) return;
	askedThisLoad = true;
	void requestPersistence();
}
