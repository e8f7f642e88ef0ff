/** An organization's details as typed into a form, checked with the mutations' own schemas. */
import type * as z from 'zod/mini';
import { mutations, type Mutations } from '$lib/domain/mutations';
import type { DistrictCode, OrganizationType } from '$lib/domain/reference';
import type { Organization } from '$lib/domain/schemas';
import { errorText, type FieldErrors } from '$lib/i18n/error-text';
import { issueErrors } from '../projects/field-errors';

export interface OrganizationDraft {
	district: DistrictCode | '';
	name: string;
	type: OrganizationType | '';
	contactName: string;
	contactPhone: string;
	offers: string;
}

export function emptyOrganization(district: DistrictCode | null): OrganizationDraft {
	return {
		district: district ?? '',
		name: '',
		type: '',
		contactName: '',
		contactPhone: '',
		offers: ''
	};
}

export function draftOf(organization: Organization): OrganizationDraft {
	return {
		district: organization.district,
		name: organization.name,
		type: organization.type,
		contactName: organization.contactName,
		contactPhone: organization.contactPhone,
		offers: organization.offers
	};
}

type Checked<T> = { ok: true; args: T } | { ok: false; errors: FieldErrors };

/** The `organization.create` args, or the errors to show beside the fields. */
export function checkNewOrganization(
	draft: OrganizationDraft,
	id: string,
	at: string
): Checked<z.output<Mutations['organization.create']['args']>> {
	const parsed = mutations['organization.create'].args.safeParse({ id, ...draft, at });
	if (parsed.success) return { ok: true, args: parsed.data };
	const errors = issueErrors(parsed.error.issues);
	// An empty select is a missing answer, not a malformed value.
	if (!draft.type) errors.type = errorText('required');
	if (!draft.district) errors.district = errorText('required');
	return { ok: false, errors };
}

/** The `organization.update` args with only the fields that changed, or the errors to show. */
export function checkOrganizationChanges(
	organization: Organization,
	draft: OrganizationDraft,
	at: string
): Checked<z.output<Mutations['organization.update']['args']>> {
	const before = draftOf(organization);
	const changes: Record<string, string> = {};
	for (const key of ['name', 'type', 'contactName', 'contactPhone', 'offers'] as const) {
		if (draft[key] !== before[key]) changes[key] = draft[key];
	}
	const parsed = mutations['organization.update'].args.safeParse({
		id: organization.id,
		changes,
		at
	});
	if (parsed.success) return { ok: true, args: parsed.data };
	return { ok: false, errors: issueErrors(parsed.error.issues) };
}
