/** How an account is named on screen: her role and the scope that comes with it. */
import type { AccountInfo, Role } from '$lib/domain/accounts';
import { districtName } from '$lib/i18n/labels';
import { m } from '$lib/paraglide/messages';

const roleNames: Record<Role, () => string> = {
	city_admin: m.account_role_city_admin,
	district_admin: m.account_role_district_admin,
	station_worker: m.account_role_station_worker,
	volunteer: m.account_role_volunteer
};

export function roleName(role: Role): string {
	return roleNames[role]();
}

/**
 * Where the account works: her station (when its name is known on this device) and district, the
 * district alone, or the whole city. Null for a volunteer.
 */
export function scopeText(account: AccountInfo, stationName: string | null = null): string | null {
	switch (account.role) {
		case 'city_admin':
			return m.account_scope_city();
		case 'district_admin':
			return account.district ? districtName(account.district) : null;
		case 'station_worker': {
			const parts = [stationName, account.district ? districtName(account.district) : null];
			return parts.filter(Boolean).join(' · ') || null;
		}
		case 'volunteer':
			return null;
	}
}
