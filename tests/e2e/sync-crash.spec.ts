/**
 * The server process is killed (SIGKILL) while it applies a push of 200 mutations, restarted on
 * the same data folder, and the device pushes the same batch again. The outcome must be as if the
 * push had happened once: every mutation applied exactly once, in order, lastMutationId = 200.
 *
 * A push is applied in one transaction, so a kill leaves none of it or all of it (when the answer
 * was lost after the commit), never part. The batch is 200 sign-ups for one shift, so each one
 * reads the shift's growing list and applying it takes long enough for a kill to land before the
 * commit; the kill comes later on each attempt until one does.
 */
import { expect, test } from './fixtures';
import {
	demoWorld,
	latestRows,
	openShift,
	pullAll,
	pushBatch,
	signIn,
	type PushItem
} from './support/sync-client';

const BATCH = 200;
const CAPACITY = 20;
const KILL_AFTER_MS = [40, 80, 150, 250, 400, 600, 900];

test.setTimeout(180_000);

test('a push interrupted by SIGKILL and sent again is applied exactly once', async ({ server }) => {
	// The city admin may sign any member up; her session lives in the database, so it outlasts
	// the restarts.
	const admin = await signIn(server.url);
	const observer = crypto.randomUUID();
	const start = await demoWorld(admin, observer, BATCH);
	const { stationId, members } = start;
	expect(members.length).toBeGreaterThanOrEqual(BATCH);

	let cutBeforeCommit = 0;
	const attempts: string[] = [];
	for (const delay of KILL_AFTER_MS) {
		const { shiftId, at } = await openShift(admin, stationId, CAPACITY);
		const device = crypto.randomUUID();
		const batch: PushItem[] = members.slice(0, BATCH).map((volunteerId, k) => ({
			id: k + 1,
			name: 'signup.request',
			args: { id: crypto.randomUUID(), shiftId, volunteerId, at }
		}));

		const inFlight = pushBatch(admin, device, batch).then(
			() => 'answered' as const,
			() => 'cut off' as const
		);
		await new Promise((resolve) => setTimeout(resolve, delay));
		await server.stop('SIGKILL');
		const fate = await inFlight;
		await server.start();

		const survived = (await pullAll(admin, device, 0)).lastMutationId;
		attempts.push(`kill after ${delay} ms: push ${fate}, ${survived} of ${BATCH} had been applied`);
		// All or nothing: never part of a push.
		expect([0, BATCH], attempts.join('\n')).toContain(survived);
		if (fate === 'cut off' && survived === 0) cutBeforeCommit++;

		// The device never got an answer (or did): either way it sends the same batch again.
		const again = await pushBatch(admin, device, batch);
		expect(again.lastMutationId).toBe(BATCH);
		expect(again.results.map((r) => r.status)).toEqual(Array(BATCH).fill('applied'));

		const after = await pullAll(admin, device, 0);
		expect(after.lastMutationId).toBe(BATCH);
		const latest = latestRows(after.changes);
		const signups = latest.of('signups').filter((s) => s.shiftId === shiftId);
		expect(signups).toHaveLength(BATCH);
		const byId = new Map(signups.map((s) => [String(s.id), s]));
		// Applied once each, in batch order: the first CAPACITY confirmed, the rest waiting 1, 2, ...
		const outcome = batch.map((m) => {
			const signup = byId.get((m.args as { id: string }).id)!;
			return [signup.status, signup.waitlistOrder];
		});
		expect(outcome).toEqual(
			batch.map((_, k) => (k < CAPACITY ? ['confirmed', null] : ['waitlisted', k - CAPACITY + 1]))
		);
		const shift = latest.of('shifts').find((s) => s.id === shiftId)!;
		expect([shift.confirmedCount, shift.waitlistCount, shift.waitlistSeq]).toEqual([
			CAPACITY,
			BATCH - CAPACITY,
			BATCH - CAPACITY
		]);
		if (cutBeforeCommit > 0) break;
	}
	// At least one kill hit the server while it was applying the batch.
	expect(cutBeforeCommit, attempts.join('\n')).toBeGreaterThan(0);
});
