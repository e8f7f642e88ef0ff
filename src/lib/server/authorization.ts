/**
 * Who may do and see what. The sync handler asks these questions for every mutation and every
 * pull; an actor is the signed-in account a request speaks for.
 */
import type { MutationName } from '$lib/domain/mutations';
import type { Role } from '$lib/domain/accounts';
import type { DistrictCode } from '$lib/domain/reference';

export interface Actor {
	/** The account speaking; null only for the system itself (demo data, tests). */
	accountId: string | null;
	role: Role;
	district: DistrictCode | null;
	stationId: string | null;
	volunteerId: string | null;
}

/** The system itself: loads demo data and drives tests; never the actor of an HTTP request. */
export const systemActor: Actor = {
	accountId: null,
	role: 'city_admin',
	district: null,
	stationId: null,
	volunteerId: null
};

/** Returns a refusal code when the actor may not run this mutation, else null. */
export function refuseMutation(_actor: Actor, _name: MutationName, _args: unknown): string | null {
	return null;
}

/** Whether a changed record may be sent to this actor's device. */
export function mayRead(_actor: Actor, _table: string, _row: unknown): boolean {
	return true;
}
