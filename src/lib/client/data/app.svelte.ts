/**
 * The running app's device state: the unlocked account's database and sync engine, opened once
 * per page load (see src/routes/+layout.svelte, which opens them only after an unlock, so nothing
 * reads anyone's data while the app is locked). Screens call `mutate` to change anything; it saves
 * locally as the signed-in account, queues, and nudges sync.
 *
 * One account per page load: switching to another reloads the page, so no live query, form or
 * module state of the previous person survives into the next one's screens.
 */
import type { AccountInfo } from '$lib/domain/accounts';
import type { Actor } from '$lib/domain/authorization';
import type { ArgsOf, MutationName } from '$lib/domain/mutations';
import { account } from '$lib/client/device/account.svelte';
import type { LocalDb } from './db';
import { localDbName } from '$lib/client/device/device';
import type { MutationOutcome } from './mutate';
import type { SyncEngine } from './sync-engine.svelte';

interface Opened {
	accountId: string;
	db: LocalDb;
	engine: SyncEngine;
	/** Settles once the account is written into her database, which the first sync needs. */
	ready: Promise<void>;
}

let opened: Opened | undefined;

/**
 * The code an unlocked account's screens open with: the sync engine and Dexie with her database.
 * Fetched once; the sign-in and lock screens never download it.
 */
export const accountDataCode = () =>
	Promise.all([import('./sync-engine.svelte'), import('./db')]);

/**
 * Opens an account's database and makes its sync engine (not started). Once per page load: asking
 * for another account throws, since its screens would mix with the first one's. Her screens may
 * read the database at once; start the engine once `accountDataReady()` settles.
 */
export async function openAccountData(info: AccountInfo): Promise<void> {
	const [{ SyncEngine }, { openLocalDb, setMeta }] = await accountDataCode();
	if (opened) {
		if (opened.accountId !== info.id) throw new Error('another account is open: reload first');
		return;
	}
	const db = openLocalDb(localDbName(info.id));
	// The rebase after a pull judges, as this account, which members left its care (a transfer).
	// Written while her first screen renders: IndexedDB runs the sync's reads after this write.
	const ready = setMeta(db, 'actor', actorOf(info));
	// Its failure is the engine's to report (see accountDataReady), not an unhandled rejection.
	ready.catch(() => {});
	opened = {
		accountId: info.id,
		db,
		engine: new SyncEngine(db, undefined, { accountId: info.id }),
		ready
	};
}

/** Settles (or fails, as writing to her database failed) once the opened account is written. */
export function accountDataReady(): Promise<void> {
	return current().ready;
}

/** The account whose data this page opened, if any. */
export function openedAccountId(): string | null {
	return opened?.accountId ?? null;
}

/** Stops syncing and closes the database (before it is deleted at sign-out). */
export function closeAccountData(): void {
	opened?.engine.stop();
	opened?.db.close();
}

function current(): Opened {
	if (!opened) throw new Error('no account is unlocked');
	return opened;
}

export function localDb(): LocalDb {
	return current().db;
}

export function syncEngine(): SyncEngine {
	return current().engine;
}

/** The signed-in account as the rules see it. */
export function actorOf(info: AccountInfo): Actor {
	return {
		accountId: info.id,
		role: info.role,
		district: info.district,
		stationId: info.stationId,
		volunteerId: info.volunteerId
	};
}

export async function mutate<N extends MutationName>(
	name: N,
	args: ArgsOf<N>
): Promise<MutationOutcome> {
	// The rules of every mutation load with the first change, not with the first page.
	const { runMutation } = await import('./mutate');
	const signedIn = account.current;
	const outcome = await runMutation(
		localDb(),
		name,
		args,
		signedIn ? actorOf(signedIn) : undefined
	);
	if (outcome.ok) syncEngine().changed();
	return outcome;
}
