/**
 * The chunks an unlocked device shows first: the app's frame and the home of whoever unlocks. The
 * layout starts fetching them as soon as the device registry names an account, so they load while
 * her database opens rather than one after another once it has; each is fetched once, and never
 * on a first visit (the sign-in screen needs neither).
 */
import { accountDataCode } from '$lib/client/data/app.svelte';
import { isStaff, roles, type Role } from '$lib/domain/roles';

let frame: Promise<typeof import('./AppFrame.svelte')> | undefined;
let volunteerHome: Promise<typeof import('./VolunteerHome.svelte')> | undefined;
let staffHome: Promise<typeof import('./StaffHome.svelte')> | undefined;

export const loadFrame = () => (frame ??= import('./AppFrame.svelte'));
export const loadVolunteerHome = () => (volunteerHome ??= import('./VolunteerHome.svelte'));
export const loadStaffHome = () => (staffHome ??= import('./StaffHome.svelte'));

/** The home of an account with `role`. */
export const loadHome = (role: Role) => (isStaff(role) ? loadStaffHome() : loadVolunteerHome());

/** The role whose home the last start opened straight into: a role only, never who she is. */
const OPENED_HOME_KEY = 'vs-opened-home';

function storage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

/**
 * When the last start opened straight into a home (a volunteer alone on her own phone, or a
 * reload within the idle time), fetches that home, the frame and the database code at once,
 * before the device registry is read. A wrong guess costs a download, nothing more: what shows
 * is still the gate's to decide.
 */
export function prefetchOpenedHome(): void {
	const role = storage()?.getItem(OPENED_HOME_KEY);
	if (!role || !(roles as readonly string[]).includes(role)) return;
	// Only a head start: the screens await the same loads and meet any failure there.
	const ignore = () => {};
	loadFrame().catch(ignore);
	loadHome(role as Role).catch(ignore);
	accountDataCode().catch(ignore);
}

/** Records how this start opened: into the home of `role`, or (null) at any other screen. */
export function rememberOpenedHome(role: Role | null): void {
	try {
		if (role) storage()?.setItem(OPENED_HOME_KEY, role);
		else storage()?.removeItem(OPENED_HOME_KEY);
	} catch {
		// Storage full or refused: the next start simply fetches in turn.
	}
}
