/**
 * Every mutation, by name. A name is never reused with a new meaning: old clients may still hold
 * queued mutations under it, and the server keeps handling them.
 */
import type * as z from 'zod/mini';
import type { Mutation } from '../mutation';
import {
	backfillAttendance,
	checkIn,
	checkOut,
	correctAttendance,
	setHoursRule,
	verifyHours,
	walkIn
} from './attendance';
import {
	addShift,
	closeProject,
	createProject,
	publishProject,
	updateProject,
	updateShift
} from './projects';
import {
	askMembers,
	closeCallout,
	createCallout,
	respondToCallout,
	revealPhone,
	setReadiness
} from './callouts';
import {
	endCare,
	eraseHelped,
	logVisit,
	pairCare,
	registerHelped,
	updateHelped,
	verifyVisit
} from './care';
import { cancelSignup, requestSignup } from './signups';
import {
	createOrganization,
	createPairing,
	createTeam,
	endPairing,
	logPairingActivity,
	updateOrganization,
	updateTeam
} from './teams';
import { createStation, setStationStatus, updateStation } from './stations';
import { acceptTransfer, cancelTransfer, declineTransfer, requestTransfer } from './transfers';
import {
	eraseVolunteer,
	giveConsent,
	registerVolunteer,
	requestErasure,
	setVolunteerStatus,
	updateVolunteer,
	withdrawConsent
} from './volunteers';

export const mutations = {
	'volunteer.register': registerVolunteer,
	'volunteer.update': updateVolunteer,
	'volunteer.setStatus': setVolunteerStatus,
	'project.create': createProject,
	'project.update': updateProject,
	'project.publish': publishProject,
	'project.close': closeProject,
	'shift.add': addShift,
	'shift.update': updateShift,
	'signup.request': requestSignup,
	'signup.cancel': cancelSignup,
	'station.create': createStation,
	'attendance.checkIn': checkIn,
	'attendance.checkOut': checkOut,
	'attendance.walkIn': walkIn,
	'attendance.correct': correctAttendance,
	'attendance.backfill': backfillAttendance,
	'attendance.verify': verifyHours,
	'district.setHoursRule': setHoursRule,
	'station.update': updateStation,
	'station.setStatus': setStationStatus,
	'volunteer.consent': giveConsent,
	'volunteer.withdrawConsent': withdrawConsent,
	'volunteer.requestErasure': requestErasure,
	'volunteer.erase': eraseVolunteer,
	'transfer.request': requestTransfer,
	'transfer.accept': acceptTransfer,
	'transfer.decline': declineTransfer,
	'transfer.cancel': cancelTransfer,
	'volunteer.setReadiness': setReadiness,
	'callout.create': createCallout,
	'callout.ask': askMembers,
	'callout.respond': respondToCallout,
	'callout.revealPhone': revealPhone,
	'callout.close': closeCallout,
	'team.create': createTeam,
	'team.update': updateTeam,
	'organization.create': createOrganization,
	'organization.update': updateOrganization,
	'pairing.create': createPairing,
	'pairing.end': endPairing,
	'pairing.logActivity': logPairingActivity,
	'helped.register': registerHelped,
	'helped.update': updateHelped,
	'helped.erase': eraseHelped,
	'care.pair': pairCare,
	'care.end': endCare,
	'care.logVisit': logVisit,
	'care.verifyVisit': verifyVisit
} as const;

export type Mutations = typeof mutations;
export type MutationName = keyof Mutations;
export type ArgsOf<N extends MutationName> = z.input<Mutations[N]['args']>;

export function mutationByName(name: string): Mutation | undefined {
	return Object.hasOwn(mutations, name) ? (mutations[name as MutationName] as Mutation) : undefined;
}
