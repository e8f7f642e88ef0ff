/**
 * Plain IndexedDB, with no library in between: the baselines the device figures are compared with.
 */
import type { Dexie } from 'dexie';

export function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
	});
}

export function committed(tx: IDBTransaction): Promise<void> {
	return new Promise((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
		tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
	});
}

/** Opens an existing database at its current version. */
export function openExisting(name: string): Promise<IDBDatabase> {
	return request(indexedDB.open(name));
}

/**
 * Creates a database with the same object stores and indexes as a Dexie database, so a raw write
 * maintains exactly the indexes the real one does.
 */
export function createMirror(name: string, like: Dexie): Promise<IDBDatabase> {
	const open = indexedDB.open(name, 1);
	open.onupgradeneeded = () => {
		for (const table of like.tables) {
			const { primKey, indexes } = table.schema;
			const store = open.result.createObjectStore(table.name, {
				keyPath: primKey.keyPath ?? null,
				autoIncrement: primKey.auto ?? false
			});
			for (const index of indexes) {
				if (!index.keyPath) continue;
				store.createIndex(index.name, index.keyPath, {
					unique: index.unique ?? false,
					multiEntry: index.multi ?? false
				});
			}
		}
	};
	return request(open);
}

export async function deleteDatabase(name: string): Promise<void> {
	await request(indexedDB.deleteDatabase(name));
}

/** Puts every row in one read-write transaction and waits for it to commit. */
export async function putAll(db: IDBDatabase, store: string, rows: unknown[]): Promise<void> {
	const tx = db.transaction(store, 'readwrite');
	const objectStore = tx.objectStore(store);
	for (const row of rows) objectStore.put(row);
	await committed(tx);
}

/** Reads up to `limit` rows whose index key starts with `prefix`, with a cursor. */
export function prefixCursor(
	db: IDBDatabase,
	store: string,
	index: string,
	prefix: string,
	limit: number
): Promise<unknown[]> {
	return new Promise((resolve, reject) => {
		const rows: unknown[] = [];
		const tx = db.transaction(store, 'readonly');
		const range = IDBKeyRange.bound(prefix, prefix + '\uffff', false, false);
		const cursor = tx.objectStore(store).index(index).openCursor(range);
		cursor.onsuccess = () => {
			const current = cursor.result;
			if (!current || rows.length >= limit) return resolve(rows);
			rows.push(current.value);
			current.continue();
		};
		cursor.onerror = () => reject(cursor.error ?? new Error('cursor failed'));
	});
}
