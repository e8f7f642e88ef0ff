/**
 * Turns the domain's error codes into the user's language. The domain never returns text;
 * every code a rule or schema can produce has a message here.
 */
import { m } from '$lib/paraglide/messages';

const messages: Record<string, (detail: Record<string, string>) => string> = {
	required: () => m.error_required(),
	too_long: () => m.error_too_long(),
	too_many: () => m.error_too_many(),
	invalid: () => m.error_invalid(),
	invalid_id: () => m.error_invalid(),
	invalid_phone: () => m.error_invalid_phone(),
	invalid_time: () => m.error_invalid_time(),
	invalid_year: () => m.error_invalid_year(),
	invalid_capacity: () => m.error_invalid_capacity(),
	consent_required: () => m.error_consent_required(),
	consent_outdated: () => m.error_consent_outdated(),
	// The member is named only to whoever may read her record.
	duplicate_phone: (d) =>
		d.memberName
			? m.error_duplicate_phone({ memberName: d.memberName })
			: m.error_duplicate_phone_elsewhere(),
	already_exists: () => m.error_already_exists(),
	not_found: () => m.error_not_found(),
	project_closed: () => m.error_project_closed(),
	project_not_open: () => m.error_project_not_open(),
	project_without_shifts: () => m.error_project_without_shifts(),
	end_before_start: () => m.error_end_before_start(),
	capacity_below_confirmed: (d) =>
		m.error_capacity_below_confirmed({ confirmed: d.confirmed ?? '' }),
	shift_ended: () => m.error_shift_ended(),
	volunteer_inactive: () => m.error_volunteer_inactive(),
	already_signed_up: () => m.error_already_signed_up(),
	signup_not_active: () => m.error_signup_not_active(),
	signup_checked_in: () => m.error_signup_checked_in(),
	conflict: () => m.error_conflict(),
	unknown_field: () => m.error_unknown_field(),
	client_not_yours: () => m.error_client_not_yours(),
	invalid_characters: () => m.error_invalid_characters(),
	forbidden: () => m.error_forbidden(),
	unknown_mutation: () => m.error_unknown_mutation(),
	refused: () => m.error_refused(),
	storage_full: () => m.error_storage_full(),
	too_large: () => m.error_too_large(),
	invalid_response: () => m.error_invalid_response(),
	invalid_rounding: () => m.error_invalid_rounding(),
	hours_verified: () => m.error_hours_verified(),
	time_in_future: () => m.error_time_in_future(),
	outside_shift: () => m.error_outside_shift(),
	not_signed_up: () => m.error_not_signed_up(),
	not_checked_in: () => m.error_not_checked_in(),
	shift_full: () => m.error_shift_full(),
	shift_not_ended: () => m.error_shift_not_ended(),
	shift_not_started: () => m.error_shift_not_started(),
	still_checked_in: (d) => m.error_still_checked_in({ count: d.count ?? '' }),
	not_a_member_card: () => m.error_not_a_member_card(),
	lookup_limited: () => m.error_lookup_limited(),
	offline: () => m.error_offline(),
	invalid_date: () => m.error_invalid_date(),
	date_in_future: () => m.error_date_in_future(),
	invalid_age: () => m.error_invalid_age(),
	station_not_open: (d) =>
		d.status === 'closed'
			? m.error_station_not_open_closed()
			: d.status === 'suspended'
				? m.error_station_not_open_suspended()
				: m.error_station_not_open(),
	volunteer_pending: () => m.error_volunteer_pending(),
	below_min_age: (d) => m.error_below_min_age({ minAge: d.minAge ?? '' }),
	age_unknown: (d) => m.error_age_unknown({ minAge: d.minAge ?? '' }),
	birth_date_required: () => m.error_birth_date_required(),
	too_young: (d) => m.error_too_young({ age: d.age ?? '14' }),
	guardian_required: () => m.error_guardian_required(),
	guardian_consent_required: () => m.error_guardian_consent_required(),
	consent_withdrawn: () => m.error_consent_withdrawn(),
	erasure_requested: () => m.error_erasure_requested(),
	erasure_not_requested: () => m.error_erasure_not_requested(),
	already_member: () => m.error_already_member(),
	transfer_pending: () => m.error_transfer_pending(),
	transfer_not_open: () => m.error_transfer_not_open(),
	password_change_required: () => m.error_password_change_required(),
	setup_code_expired: () => m.error_setup_code_expired(),
	password_unchanged: () => m.error_password_unchanged(),
	password_already_set: () => m.error_password_already_set(),
	password_too_short: () => m.error_password_too_short(),
	wrong_code: () => m.error_wrong_code(),
	code_expired: () => m.error_code_expired(),
	username_taken: () => m.error_username_taken(),
	invalid_username: () => m.error_invalid_username(),
	station_not_synced: () => m.error_station_not_synced(),
	member_not_synced: () => m.error_member_not_synced(),
	already_claimed: () => m.error_already_claimed(),
	not_staff: () => m.error_not_staff(),
	account_disabled: () => m.error_account_disabled(),
	signed_out: () => m.error_signed_out(),
	too_many_attempts: () => m.error_too_many_attempts(),
	phone_taken: () => m.error_phone_taken(),
	callout_closed: () => m.error_callout_closed(),
	callout_too_long: (d) => m.error_callout_too_long({ hours: d.hours ?? '168' }),
	duplicate_role: () => m.error_duplicate_role(),
	other_district: () => m.error_other_district(),
	not_in_reach: () => m.error_not_in_reach(),
	not_asked: () => m.error_not_asked(),
	role_not_needed: () => m.error_role_not_needed(),
	callout_project: () => m.error_callout_project(),
	invalid_headcount: () => m.error_invalid_headcount(),
	match_limited: () => m.error_match_limited(),
	not_station_member: () => m.error_not_station_member(),
	team_disbanded: () => m.error_team_disbanded(),
	organization_inactive: () => m.error_organization_inactive(),
	organization_other_district: () => m.error_organization_other_district(),
	team_other_station: () => m.error_team_other_station(),
	outside_pairing: () => m.error_outside_pairing(),
	invalid_photo: () => m.error_invalid_photo(),
	photo_too_large: () => m.error_photo_too_large(),
	pairing_ended: () => m.error_pairing_ended(),
	visit_in_future: () => m.error_visit_in_future(),
	invalid_minutes: () => m.error_invalid_minutes()
};

export function errorText(code: string, detail: Record<string, string> = {}): string {
	return messages[code]?.(detail) ?? m.error_unknown({ code });
}

/** Errors of a failed form, keyed by the first element of each path (the field name). */
export type FieldErrors = Record<string, string>;
