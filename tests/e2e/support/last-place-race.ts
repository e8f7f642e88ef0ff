/**
 * 50 devices ask for the last place of a shift at the same time: exactly one must be confirmed,
 * the others wait in the order the server took them. Shared by the one-server and the
 * two-servers specs.
 */
import { expect } from '@playwright/test';
import { demoWorld, latestRows, openShift, pullAll, pushBatch, type Session } from './sync-client';

export const RACERS = 50;

/**
 * Every device speaks for the city admin, who may sign any member up. `racer(k)` is the session
 * the k-th device sends with (the same account through different servers, for instance).
 */
export async function raceForLastPlace(admin: Session, racer: (k: number) => Session) {
	const observer = crypto.randomUUID();
	const start = await demoWorld(admin, observer, RACERS + 2);
	const { stationId, members } = start;
	expect(members.length).toBeGreaterThanOrEqual(RACERS + 2);

	const { shiftId, at } = await openShift(admin, stationId, 3);
	// Two of the three places go first.
	const early = await pushBatch(
		admin,
		crypto.randomUUID(),
		[0, 1].map((k) => ({
			id: k + 1,
			name: 'signup.request',
			args: { id: crypto.randomUUID(), shiftId, volunteerId: members[k]!, at }
		}))
	);
	expect(early.results.map((r) => r.status)).toEqual(['applied', 'applied']);

	const racers = members.slice(2, 2 + RACERS).map((volunteerId) => ({
		signupId: crypto.randomUUID(),
		volunteerId
	}));
	const answers = await Promise.all(
		racers.map((r, k) =>
			pushBatch(racer(k), crypto.randomUUID(), [
				{
					id: 1,
					name: 'signup.request',
					args: { id: r.signupId, shiftId, volunteerId: r.volunteerId, at }
				}
			])
		)
	);
	expect(answers.every((a) => a.results[0]?.status === 'applied')).toBe(true);

	const after = await pullAll(admin, observer, start.cursor);
	const latest = latestRows(after.changes);
	const signups = new Map(latest.of('signups').map((s) => [String(s.id), s]));
	// The version of a sign-up's first write is the order the server committed the requests in.
	const firstVersion = new Map<string, number>();
	for (const change of after.changes) {
		if (change.table === 'signups' && !firstVersion.has(change.id)) {
			firstVersion.set(change.id, change.version);
		}
	}
	const byArrival = [...racers].sort(
		(a, b) => firstVersion.get(a.signupId)! - firstVersion.get(b.signupId)!
	);
	const statuses = byArrival.map((r) => signups.get(r.signupId)?.status);
	expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(1);
	expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(RACERS - 1);
	expect(statuses[0]).toBe('confirmed');
	expect(byArrival.slice(1).map((r) => signups.get(r.signupId)?.waitlistOrder)).toEqual(
		Array.from({ length: RACERS - 1 }, (_, k) => k + 1)
	);

	const shift = latest.of('shifts').find((s) => s.id === shiftId)!;
	expect(shift.confirmedCount).toBe(3);
	expect(shift.capacity).toBe(3);
	expect(shift.waitlistCount).toBe(RACERS - 1);
}
