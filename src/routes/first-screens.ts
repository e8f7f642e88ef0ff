/**
 * The chunks an unlocked device shows first: the app's frame and the home of whoever unlocks. The
 * layout starts fetching them as soon as the device registry names an account, so they load while
 * her database opens rather than one after another once it has; each is fetched once, and never
 * on a first visit (the sign-in screen needs neither).
 */
import { isStaff, type Role } from '$lib/domain/roles';

let frame: Promise<typeof import('./AppFrame.svelte')> | undefined;
let volunteerHome: Promise<typeof import('./VolunteerHome.svelte')> | undefined;
let staffHome: Promise<typeof import('./StaffHome.svelte')> | undefined;

export const loadFrame = () => (frame ??= import('./AppFrame.svelte'));
export const loadVolunteerHome = () => (volunteerHome ??= import('./VolunteerHome.svelte'));
export const loadStaffHome = () => (staffHome ??= import('./StaffHome.svelte'));

/** The home of an account with `role`. */
export const loadHome = (role: Role) => (isStaff(role) ? loadStaffHome() : loadVolunteerHome());
