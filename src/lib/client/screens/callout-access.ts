/**
 * What the unlocked account may do with a call-out, for its screens: the domain's permission
 * rules (the same the mutations' authorization asks, `callsMember` there), with the facts the
 * screen holds. The server decides again; this only keeps a screen from offering what it would
 * refuse.
 */
import { mayManage, noFacts, readsCallout } from '$lib/domain/permissions';
import type { Callout } from '$lib/domain/schemas';
import { account } from '$lib/client/device/account.svelte';
import { actorOf } from '$lib/client/data/app.svelte';

/** Its lead station's staff, its district's admin and the city's: close it, muster people. */
export function managesCallout(callout: Callout): boolean {
	const current = account.current;
	return (
		current !== null && mayManage(actorOf(current), { table: 'callouts', row: callout }, noFacts)
	);
}

/**
 * Whether the account may ask, call and record the answer of a member whose home station is
 * `stationId`: those who manage the call-out anyone's; a worker of a station it reaches her own
 * station's members.
 */
export function callsMemberOf(callout: Callout, stationId: string | null): boolean {
	const current = account.current;
	if (!current || current.role === 'volunteer') return false;
	const actor = actorOf(current);
	if (mayManage(actor, { table: 'callouts', row: callout }, noFacts)) return true;
	return readsCallout(actor, callout) && stationId !== null && stationId === actor.stationId;
}
