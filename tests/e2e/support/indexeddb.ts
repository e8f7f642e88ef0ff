/** Reading a device's IndexedDB from a test, as it is stored (no app code involved). */
import type { Page } from '@playwright/test';

/**
 * Every record of one store of an existing IndexedDB database, read in the page; null when the
 * database does not exist (it is not created by looking).
 */
export async function readStore(
	page: Page,
	dbName: string,
	store: string
): Promise<unknown[] | null> {
	return page.evaluate(
		async ({ dbName, store }) => {
			const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
				const request = indexedDB.open(dbName);
				request.onupgradeneeded = () => request.transaction?.abort();
				request.onsuccess = () => resolve(request.result);
				request.onerror = () =>
					request.error?.name === 'AbortError' ? resolve(null) : reject(request.error);
			});
			if (!db) return null;
			try {
				if (!db.objectStoreNames.contains(store)) return [];
				return await new Promise<unknown[]>((resolve, reject) => {
					const request = db.transaction(store).objectStore(store).getAll();
					request.onsuccess = () => resolve(request.result as unknown[]);
					request.onerror = () => reject(request.error);
				});
			} finally {
				db.close();
			}
		},
		{ dbName, store }
	);
}

/** Every record of every store of a database, as one JSON text: to look for a trace of someone. */
export async function dumpDatabase(page: Page, dbName: string): Promise<string> {
	return page.evaluate(async (dbName) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open(dbName);
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const all: Record<string, unknown[]> = {};
		for (const store of db.objectStoreNames) {
			all[store] = await new Promise<unknown[]>((resolve, reject) => {
				const request = db.transaction(store).objectStore(store).getAll();
				request.onsuccess = () => resolve(request.result as unknown[]);
				request.onerror = () => reject(request.error);
			});
		}
		db.close();
		return JSON.stringify(all);
	}, dbName);
}
