/**
 * The one bridge from Dexie's `liveQuery` to Svelte runes. The query re-runs when the tables it
 * read change (in this tab or another) and when the reactive values read by `deps` change.
 *
 * Use in a component's script: `const members = live(() => search(db, term), [], () => term)`.
 *
 * Inside the query, await only Dexie calls: awaiting any other promise (even an async helper that
 * returns early without touching the database) ends Dexie's tracking of what the query read, and
 * the screen would stop updating.
 */
import { liveQuery } from 'dexie';

export interface Live<T> {
	readonly current: T;
	/** False until the first answer arrives. */
	readonly ready: boolean;
	readonly error: unknown;
}

export function live<T>(query: () => Promise<T>, initial: T, deps?: () => unknown): Live<T> {
	let current = $state.raw(initial);
	let ready = $state(false);
	let error = $state.raw<unknown>(null);
	$effect(() => {
		deps?.();
		const subscription = liveQuery(query).subscribe({
			next: (value) => {
				current = value;
				ready = true;
				error = null;
			},
			error: (e: unknown) => {
				error = e;
				ready = true;
			}
		});
		return () => subscription.unsubscribe();
	});
	return {
		get current() {
			return current;
		},
		get ready() {
			return ready;
		},
		get error() {
			return error;
		}
	};
}
