/**
 * Closes the attendance of shifts that have ended, by the server's clock: a stay with no
 * check-out ends at the shift's end (flagged for the station's review), and confirmed members
 * never checked in become no-shows. The server runs it every minute; each shift closes in its own
 * transaction, through the same derivation the mutations use, and gets a new version so every
 * device in scope receives the result.
 */
import { nowIso } from '$lib/domain/clock';
import { closeShiftAttendance } from '$lib/domain/mutations/attendance';
import type { Db } from './database';
import { SqlRecordStore, writeTransaction } from './record-store';

/** Shifts closed per run: a backlog is worked off over a few minutes, never in one long run. */
const BATCH = 100;

/** Closes every shift whose end has passed at `now`; returns how many it closed. */
export async function closeEndedShifts(db: Db, now: string = nowIso()): Promise<number> {
	const due = await db
		.selectFrom('shifts')
		.select('id')
		.where('closing_due', '<=', now)
		.where('deleted', '=', 0)
		.orderBy('closing_due')
		.limit(BATCH)
		.execute();
	let closed = 0;
	for (const { id } of due) {
		const done = await writeTransaction(db, (trx, versions) =>
			closeShiftAttendance(new SqlRecordStore(trx, versions), id, now)
		);
		if (done) closed++;
	}
	return closed;
}

/** Runs `closeEndedShifts` now and every minute, without keeping the process alive for it. */
export function closeShiftsEveryMinute(db: Db): () => void {
	let running = false;
	const run = () => {
		if (running) return;
		running = true;
		closeEndedShifts(db)
			.catch((error: unknown) => console.error('closing ended shifts failed', error))
			.finally(() => (running = false));
	};
	run();
	const timer = setInterval(run, 60_000);
	timer.unref();
	return () => clearInterval(timer);
}
