/**
 * The roster's taps, as mutations: each saves on this tablet at once (offline too) and syncs.
 * The time recorded is this tablet's clock: what the worker saw.
 */
import { mutate } from '$lib/client/data/app.svelte';
import { nowIso } from '$lib/domain/clock';

/** The person a worker picked to add to a shift. */
export interface Picked {
	id: string;
	name: string;
	/** Masked. */
	phone: string;
	/** Found on the server: this device holds no record of her. */
	fromServer: boolean;
	homeStationName?: string | null;
}

export function checkIn(shiftId: string, volunteerId: string, overCapacity = false) {
	return mutate('attendance.checkIn', {
		id: crypto.randomUUID(),
		shiftId,
		volunteerId,
		overCapacity,
		at: nowIso()
	});
}

export function checkOut(shiftId: string, volunteerId: string) {
	return mutate('attendance.checkOut', {
		id: crypto.randomUUID(),
		shiftId,
		volunteerId,
		at: nowIso()
	});
}

/** Someone not signed up, added and checked in at once; `shown` keeps her name on an offline tablet. */
export function addWalkIn(
	shiftId: string,
	volunteerId: string,
	overCapacity: boolean,
	shown?: { name: string; phone: string }
) {
	return mutate('attendance.walkIn', {
		id: crypto.randomUUID(),
		signupId: crypto.randomUUID(),
		shiftId,
		volunteerId,
		overCapacity,
		...(shown ? { shown } : {}),
		at: nowIso()
	});
}
