/** What a named mutation does, in the user's language (for the list of waiting and refused changes). */
import type { MutationName } from '$lib/domain/mutations';
import { m } from '$lib/paraglide/messages';

const names: Record<MutationName, () => string> = {
	'volunteer.register': m.sync_mutation_volunteer_register,
	'volunteer.update': m.sync_mutation_volunteer_update,
	'volunteer.setStatus': m.sync_mutation_volunteer_setStatus,
	'project.create': m.sync_mutation_project_create,
	'project.update': m.sync_mutation_project_update,
	'project.publish': m.sync_mutation_project_publish,
	'project.close': m.sync_mutation_project_close,
	'shift.add': m.sync_mutation_shift_add,
	'shift.update': m.sync_mutation_shift_update,
	'signup.request': m.sync_mutation_signup_request,
	'signup.cancel': m.sync_mutation_signup_cancel,
	'station.create': m.sync_mutation_station_create,
	'attendance.checkIn': m.sync_mutation_attendance_checkIn,
	'attendance.checkOut': m.sync_mutation_attendance_checkOut,
	'attendance.walkIn': m.sync_mutation_attendance_walkIn,
	'attendance.correct': m.sync_mutation_attendance_correct,
	'attendance.backfill': m.sync_mutation_attendance_backfill,
	'attendance.verify': m.sync_mutation_attendance_verify,
	'district.setHoursRule': m.sync_mutation_district_setHoursRule,
	'station.update': m.sync_mutation_station_update,
	'station.setStatus': m.sync_mutation_station_setStatus,
	'volunteer.consent': m.sync_mutation_volunteer_consent,
	'volunteer.withdrawConsent': m.sync_mutation_volunteer_withdrawConsent,
	'volunteer.requestErasure': m.sync_mutation_volunteer_requestErasure,
	'volunteer.erase': m.sync_mutation_volunteer_erase,
	'transfer.request': m.sync_mutation_transfer_request,
	'transfer.accept': m.sync_mutation_transfer_accept,
	'transfer.decline': m.sync_mutation_transfer_decline,
	'transfer.cancel': m.sync_mutation_transfer_cancel,
	'volunteer.setReadiness': m.sync_mutation_volunteer_setReadiness,
	'callout.create': m.sync_mutation_callout_create,
	'callout.ask': m.sync_mutation_callout_ask,
	'callout.respond': m.sync_mutation_callout_respond,
	'callout.revealPhone': m.sync_mutation_callout_revealPhone,
	'callout.close': m.sync_mutation_callout_close,
	'team.create': m.sync_mutation_team_create,
	'team.update': m.sync_mutation_team_update,
	'organization.create': m.sync_mutation_organization_create,
	'organization.update': m.sync_mutation_organization_update,
	'pairing.create': m.sync_mutation_pairing_create,
	'pairing.end': m.sync_mutation_pairing_end,
	'pairing.logActivity': m.sync_mutation_pairing_logActivity,
	'helped.register': m.sync_mutation_helped_register,
	'helped.update': m.sync_mutation_helped_update,
	'helped.erase': m.sync_mutation_helped_erase,
	'care.pair': m.sync_mutation_care_pair,
	'care.end': m.sync_mutation_care_end,
	'care.logVisit': m.sync_mutation_care_logVisit,
	'care.verifyVisit': m.sync_mutation_care_verifyVisit
};

export function mutationName(name: MutationName): string {
	return names[name]?.() ?? name;
}
