/**
 * What the unlocked account may do to a station, for the station screens: its own workers keep
 * its everyday details; its admins also its name, level and status. Asked of the domain's
 * permission rules, which the server applies again.
 */
import { mayEditStationDetails, mayManage, noFacts } from '$lib/domain/permissions';
import type { StationStatus } from '$lib/domain/reference';
import type { Station } from '$lib/domain/schemas';
import { account } from '$lib/client/device/account.svelte';
import { actorOf } from '$lib/client/data/app.svelte';
import { m } from '$lib/paraglide/messages';

/** May change the station's name, level, street and status (its admins). */
export function mayManageStation(station: Station): boolean {
	const current = account.current;
	return (
		current !== null && mayManage(actorOf(current), { table: 'stations', row: station }, noFacts)
	);
}

/** May change at least its everyday details (its workers too). */
export function mayEditStation(station: Station): boolean {
	const current = account.current;
	return current !== null && mayEditStationDetails(actorOf(current), station);
}

const statusNames: Record<StationStatus, () => string> = {
	open: m.station_status_open,
	suspended: m.station_status_suspended,
	closed: m.station_status_closed
};

export const stationStatusName = (status: StationStatus) => statusNames[status]();
