/**
 * What the unlocked account may do with a district's registry of social organizations and its
 * pairings, for their screens: asked of the domain's permission rules, which the server applies
 * again. A district's admin and the city's keep the registry and make and end pairings; the
 * paired station's workers (and those admins) log what a pairing did.
 */
import { holdsStation, keepsOrganizationsOf } from '$lib/domain/permissions';
import type { DistrictCode } from '$lib/domain/reference';
import type { Pairing } from '$lib/domain/schemas';
import { account } from '$lib/client/device/account.svelte';
import { actorOf } from '$lib/client/data/app.svelte';

/** Keeps this district's registry and its pairings: adds, changes, pairs, ends. */
export function keepsRegistryOf(district: DistrictCode): boolean {
	const current = account.current;
	return current !== null && keepsOrganizationsOf(actorOf(current), district);
}

/** Adds organizations to some registry: a district's admin to hers, the city's to any. */
export function addsOrganizations(): boolean {
	const role = account.current?.role;
	return role === 'city_admin' || role === 'district_admin';
}

/** Logs what a pairing did: the paired station's staff and the admins over it. */
export function logsPairingActivity(pairing: Pairing): boolean {
	const current = account.current;
	if (!current || current.role === 'volunteer') return false;
	return holdsStation(actorOf(current), pairing.stationId, pairing.district);
}
