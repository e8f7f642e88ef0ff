/** Names of an organization's type and status and of a pairing's status and period, in the user's language. */
import type { Category, OrganizationType } from '$lib/domain/reference';
import type { Organization, Pairing } from '$lib/domain/schemas';
import { m } from '$lib/paraglide/messages';
import { formatDay } from './calendar-date';
import { categoryName } from './category-name';

const typeNames: Record<OrganizationType, () => string> = {
	social_organization: () => m.org_type_social_organization(),
	enterprise: () => m.org_type_enterprise(),
	public_institution: () => m.org_type_public_institution(),
	community_group: () => m.org_type_community_group(),
	other: () => m.org_type_other()
};

export const organizationTypeName = (type: OrganizationType) => typeNames[type]();

export const organizationStatusName = (status: Organization['status']) =>
	status === 'active' ? m.org_status_active() : m.org_status_inactive();

export const pairingStatusName = (status: Pairing['status']) =>
	status === 'active' ? m.pairing_status_active() : m.pairing_status_ended();

/** "From 1 January 2026", or "1 January 2026 to 31 December 2026". */
export function pairingPeriod(pairing: Pick<Pairing, 'startOn' | 'endOn'>): string {
	const start = formatDay(pairing.startOn);
	return pairing.endOn === null
		? m.pairing_period_open({ start })
		: m.pairing_period_range({ start, end: formatDay(pairing.endOn) });
}

/** A pairing's focus as one line, or that none was given. */
export const focusNames = (focus: readonly Category[]) =>
	focus.length ? focus.map(categoryName).join(m.pairing_list_separator()) : m.pairing_no_focus();
