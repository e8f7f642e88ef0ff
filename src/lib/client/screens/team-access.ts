/**
 * What the unlocked account may do with volunteer teams, for the team screens: a station's teams
 * are kept by its workers, its district's admin and the city's (the domain's `mayManage`). The
 * server decides again; this only keeps a screen from offering what it would refuse.
 */
import { holdsStation, mayManage, noFacts } from '$lib/domain/permissions';
import type { Station, Team } from '$lib/domain/schemas';
import { account } from '$lib/client/device/account.svelte';
import { actorOf } from '$lib/client/data/app.svelte';

/** May rename the team, change its leader, members and focus, disband or restore it. */
export function managesTeam(team: Team): boolean {
	const current = account.current;
	return current !== null && mayManage(actorOf(current), { table: 'teams', row: team }, noFacts);
}

/** May set up a team at this station: the same staff who keep its teams. */
export function keepsTeamsOf(station: Pick<Station, 'id' | 'district'>): boolean {
	const current = account.current;
	return current !== null && holdsStation(actorOf(current), station.id, station.district);
}
