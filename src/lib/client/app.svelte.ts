/**
 * The running app's device state: its database and sync engine, made once per page load.
 * Screens call `mutate` to change anything; it saves locally, queues, and nudges sync.
 */
import type { ArgsOf, MutationName } from '$lib/domain/mutations';
import { openLocalDb, type LocalDb } from './db';
import type { MutationOutcome } from './mutate';
import { SyncEngine } from './sync-engine.svelte';

let db: LocalDb | undefined;
let engine: SyncEngine | undefined;

export function localDb(): LocalDb {
	db ??= openLocalDb();
	return db;
}

export function syncEngine(): SyncEngine {
	engine ??= new SyncEngine(localDb());
	return engine;
}

export async function mutate<N extends MutationName>(
	name: N,
	args: ArgsOf<N>
): Promise<MutationOutcome> {
	// The rules of every mutation load with the first change, not with the first page.
	const { runMutation } = await import('./mutate');
	const outcome = await runMutation(localDb(), name, args);
	if (outcome.ok) syncEngine().changed();
	return outcome;
}
