/**
 * Who may do and see what. Until accounts exist every actor is the anonymous station and may do
 * and see everything; the sync handler asks these two questions for every mutation and every pull,
 * so accounts change only this file's answers.
 */
import type { MutationName } from '$lib/domain/mutations';

export interface Actor {
	/** The account speaking; null until accounts exist. */
	accountId: string | null;
}

export const anonymousActor: Actor = { accountId: null };

/** Returns a refusal code when the actor may not run this mutation, else null. */
export function refuseMutation(_actor: Actor, _name: MutationName, _args: unknown): string | null {
	return null;
}

/** Whether a changed record may be sent to this actor's device. */
export function mayRead(_actor: Actor, _table: string, _row: unknown): boolean {
	return true;
}
