/**
 * What the signed-in account may do, for screens deciding which controls to show: the domain's
 * permission rules (`$lib/domain/permissions`) asked for the unlocked account, with the facts the
 * screen already holds. The server has the last word (the same rules refuse anything else); this
 * only keeps a screen from offering what would be refused. Reading `account.current` here inside
 * a component's markup or `$derived` keeps the answer in step with who is unlocked.
 * With nobody unlocked, nothing is offered.
 */
import {
	factsOf,
	holdsStation,
	keepsOnlyHeldMembers,
	mayManage,
	mayOpenStationIn,
	noFacts
} from '$lib/domain/permissions';
import type { DistrictCode } from '$lib/domain/reference';
import type { Station, Volunteer } from '$lib/domain/schemas';
import { account } from '$lib/client/device/account.svelte';
import { actorOf } from '$lib/client/data/app.svelte';

/** The unlocked account is a volunteer (her own phone: her record, her sign-ups). */
export function isVolunteer(): boolean {
	return account.current?.role === 'volunteer';
}

/** The unlocked account is a staff member of any level. */
export function isStaffAccount(): boolean {
	const role = account.current?.role;
	return role !== undefined && role !== 'volunteer';
}

/** The unlocked volunteer's own member record id; null for staff or nobody. */
export function ownVolunteerId(): string | null {
	return account.current?.role === 'volunteer' ? account.current.volunteerId : null;
}

/** A station worker's own station: members she registers belong to it. */
export function workerStationId(): string | null {
	return account.current?.role === 'station_worker' ? account.current.stationId : null;
}

/** A station (or its projects, shifts and sign-ups) lies in the staff member's scope. */
export function managesStation(stationId: string, district: DistrictCode): boolean {
	const current = account.current;
	return current !== null && holdsStation(actorOf(current), stationId, district);
}

/**
 * An admin: her device keeps only the members she registered or opened, so she finds the others on
 * the server (online), and her screens count only what the device holds.
 */
export function looksUpMembersOnline(): boolean {
	const current = account.current;
	return current !== null && keepsOnlyHeldMembers(actorOf(current));
}

/** Staff who may release projects and register members somewhere (any staff role). */
export const mayRegisterMembers = isStaffAccount;

/** City and district admins open stations; a district admin only in her own district. */
export function mayCreateStations(): boolean {
	const current = account.current;
	if (!current) return false;
	const actor = actorOf(current);
	return (
		actor.role === 'city_admin' ||
		(actor.district !== null && mayOpenStationIn(actor, actor.district))
	);
}

/** The district a new station must be in: a district admin's own; null when any will do. */
export function fixedStationDistrict(): DistrictCode | null {
	return account.current?.role === 'district_admin' ? account.current.district : null;
}

/**
 * A member in the staff member's care, as the server decides it: a worker's belong to her
 * station; a district admin's live in her district or belong to one of its stations.
 */
export function managesMember(member: Volunteer, homeStation: Station | null): boolean {
	const current = account.current;
	if (!current) return false;
	const facts = homeStation ? factsOf({ stations: [homeStation] }) : noFacts;
	return mayManage(actorOf(current), { table: 'volunteers', row: member }, facts);
}
