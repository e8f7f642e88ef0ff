/**
 * Emergency mobilization's rules, pure: who a call-out reaches, who of them fits it and why (or
 * why not), which answer stands when several devices record one, the headcount against the need,
 * and the report. The device and the server run the same functions over the members each holds.
 */
import * as z from 'zod/mini';
import { ADULT_AGE, ageRange, beijingDate } from './age';
import type { DistrictCode } from './reference';
import {
	dayPartStarts,
	emergencyRoles,
	skilledEmergencyRoles,
	weekdays,
	type DayPart,
	type EmergencyRole,
	type WeekSlot
} from './reference';
import {
	calloutReaches,
	calloutRoleSchema,
	district,
	gaveService,
	id,
	instant,
	MAX_CALLOUT_ROLES,
	MAX_CALLOUT_STATIONS,
	type Callout,
	type CalloutAnswer,
	type CalloutResponse,
	type Signup,
	type Volunteer
} from './schemas';
import { compareNames, compareText } from './order';

const HOUR = 3_600_000;
const BEIJING_OFFSET = 8 * HOUR;

/** Why a member is on the list, strongest first. */
export const matchReasons = [
	'standby',
	'available',
	'partly_available',
	'has_skill',
	'same_community',
	'same_station',
	'ready'
] as const;
export type MatchReason = (typeof matchReasons)[number];

/** Why a member the call-out reaches is not on the list. */
export const leftOutReasons = [
	'inactive',
	'minor',
	'not_ready',
	'no_availability',
	'not_available',
	'first_aid_expired',
	'no_fitting_role'
] as const;
export type LeftOutReason = (typeof leftOutReasons)[number];

/** What matching needs of a call-out (a draft being written, or one already made). */
export type CalloutCriteria = Pick<
	Callout,
	'start' | 'end' | 'roles' | 'community' | 'district' | 'stationId' | 'reach' | 'reachStationIds'
>;

export interface Match {
	member: Volunteer;
	/** The role she would take: a skilled one she has first, else one she named, else any open. */
	role: EmergencyRole;
	reasons: MatchReason[];
	score: number;
}

export interface LeftOut {
	member: Volunteer;
	reason: LeftOutReason;
}

export interface MatchResult {
	matches: Match[];
	leftOut: LeftOut[];
}

/**
 * The parts of the week (`mon_evening`…) a time window touches, in Beijing time. Night runs from
 * 22:00 to 06:00 and belongs to the day it starts on, so 20:00–08:00 on a Monday touches Monday's
 * evening and night and Tuesday's morning.
 */
export function slotsOfWindow(start: string, end: string): WeekSlot[] {
	const slots: WeekSlot[] = [];
	let t = Date.parse(start);
	const until = Date.parse(end);
	while (t < until && slots.length < weekdays.length * 4) {
		const local = new Date(t + BEIJING_OFFSET);
		const hour = local.getUTCHours();
		const midnight = t - ((t + BEIJING_OFFSET) % (24 * HOUR));
		// Monday is 0: getUTCDay() counts from Sunday.
		const today = (local.getUTCDay() + 6) % 7;
		let day = today;
		let part: DayPart;
		let next: number;
		if (hour < dayPartStarts.morning) {
			day = (today + 6) % 7;
			part = 'night';
			next = midnight + dayPartStarts.morning * HOUR;
		} else if (hour < dayPartStarts.afternoon) {
			part = 'morning';
			next = midnight + dayPartStarts.afternoon * HOUR;
		} else if (hour < dayPartStarts.evening) {
			part = 'afternoon';
			next = midnight + dayPartStarts.evening * HOUR;
		} else if (hour < dayPartStarts.night) {
			part = 'evening';
			next = midnight + dayPartStarts.night * HOUR;
		} else {
			part = 'night';
			next = midnight + (24 + dayPartStarts.morning) * HOUR;
		}
		const slot = `${weekdays[day]}_${part}` as WeekSlot;
		if (!slots.includes(slot)) slots.push(slot);
		t = next;
	}
	return slots;
}

/**
 * Whether a member's home lies in what the call-out reaches: one of its stations, or (a district
 * call-out) a station of its district, or, with no station, living in it.
 */
export function inReach(
	criteria: Pick<CalloutCriteria, 'district' | 'reach' | 'reachStationIds'>,
	member: Pick<Volunteer, 'homeStationId' | 'district'>,
	districtOfStation: (stationId: string) => DistrictCode | undefined
): boolean {
	const home = member.homeStationId;
	if (criteria.reach === 'stations')
		return home !== null && criteria.reachStationIds.includes(home);
	if (home === null) return member.district === criteria.district;
	return districtOfStation(home) === criteria.district;
}

type Availability = 'standby' | 'available' | 'partly_available';

/** How well her standby and her week cover the window; a left-out reason when they do not. */
function availabilityFor(
	member: Volunteer,
	start: string,
	end: string
): Availability | 'no_availability' | 'not_available' {
	const { weekly, standby } = member.readiness;
	const from = Date.parse(start);
	const to = Date.parse(end);
	let partly = false;
	for (const period of standby) {
		const a = Date.parse(period.from);
		const b = Date.parse(period.to);
		if (a <= from && b >= to) return 'standby';
		if (a < to && b > from) partly = true;
	}
	if (weekly.length === 0 && standby.length === 0) return 'no_availability';
	const needed = slotsOfWindow(start, end);
	const covered = needed.filter((slot) => weekly.includes(slot)).length;
	if (needed.length > 0 && covered === needed.length) return 'available';
	return covered > 0 || partly ? 'partly_available' : 'not_available';
}

/** Whether her first-aid certificate is still valid on the day the call-out starts. */
export function firstAidValid(member: Volunteer, start: string): boolean {
	const expires = member.readiness.firstAidExpiresOn;
	return (
		member.readiness.roles.includes('first_aid') &&
		(expires === null || expires >= beijingDate(start))
	);
}

/** The role she would take, or why none fits. */
function roleFor(
	member: Volunteer,
	criteria: CalloutCriteria
): { role: EmergencyRole; skilled: boolean } | 'first_aid_expired' | 'no_fitting_role' {
	const needed = criteria.roles.map((r) => r.role);
	const has = (role: EmergencyRole) =>
		role === 'first_aid'
			? firstAidValid(member, criteria.start)
			: member.readiness.roles.includes(role);
	const skilled = needed.find((role) => skilledEmergencyRoles.includes(role) && has(role));
	if (skilled) return { role: skilled, skilled: true };
	const named = needed.find((role) => has(role));
	if (named) return { role: named, skilled: true };
	const open = needed.find((role) => !skilledEmergencyRoles.includes(role));
	if (open) return { role: open, skilled: false };
	const expired = needed.includes('first_aid') && member.readiness.roles.includes('first_aid');
	return expired ? 'first_aid_expired' : 'no_fitting_role';
}

/**
 * A match's score ranks by each reason in turn (availability, then the skill, the community, the
 * lead station): each weighs more than all that come after it together, so someone on standby
 * never ranks below someone only partly there who has everything else.
 */
const availabilityScore: Record<Availability, number> = {
	standby: 24,
	available: 16,
	partly_available: 8
};
const SKILL_SCORE = 4;
const COMMUNITY_SCORE = 2;
const STATION_SCORE = 1;

/** Judges one member the call-out reaches: on the list with her reasons, or left out with why. */
export function judgeMember(member: Volunteer, criteria: CalloutCriteria): Match | LeftOut {
	if (member.status !== 'active' || member.consentWithdrawnAt || member.erasureRequestedAt) {
		return { member, reason: 'inactive' };
	}
	const age = ageRange(member, beijingDate(criteria.start));
	if (age !== null && age.youngest < ADULT_AGE) return { member, reason: 'minor' };
	if (!member.emergencyResponder) return { member, reason: 'not_ready' };
	const availability = availabilityFor(member, criteria.start, criteria.end);
	if (availability === 'no_availability' || availability === 'not_available') {
		return { member, reason: availability };
	}
	const role = roleFor(member, criteria);
	if (typeof role === 'string') return { member, reason: role };
	const reasons: MatchReason[] = [availability];
	let score = availabilityScore[availability];
	if (role.skilled) {
		reasons.push('has_skill');
		score += SKILL_SCORE;
	}
	if (criteria.community !== '' && member.community === criteria.community) {
		reasons.push('same_community');
		score += COMMUNITY_SCORE;
	}
	if (member.homeStationId === criteria.stationId) {
		reasons.push('same_station');
		score += STATION_SCORE;
	}
	reasons.push('ready');
	return { member, role: role.role, reasons, score };
}

const byName = (a: Volunteer, b: Volunteer) =>
	compareNames(a.name, b.name) || compareText(a.id, b.id);

/**
 * The members who fit the call-out, best first (standby, then available for the whole window,
 * then those with the skill, of the community, of the lead station), and those it reaches but
 * leaves out, each with why. Members outside its reach are in neither list.
 */
export function matchMembers(
	criteria: CalloutCriteria,
	members: readonly Volunteer[],
	districtOfStation: (stationId: string) => DistrictCode | undefined
): MatchResult {
	const matches: Match[] = [];
	const leftOut: LeftOut[] = [];
	for (const member of members) {
		if (!inReach(criteria, member, districtOfStation)) continue;
		const judged = judgeMember(member, criteria);
		if ('role' in judged) matches.push(judged);
		else leftOut.push(judged);
	}
	matches.sort((a, b) => b.score - a.score || byName(a.member, b.member));
	leftOut.sort(
		(a, b) =>
			leftOutReasons.indexOf(a.reason) - leftOutReasons.indexOf(b.reason) ||
			byName(a.member, b.member)
	);
	return { matches, leftOut };
}

const answerRank: Record<CalloutAnswer, number> = {
	asked: 0,
	no_answer: 1,
	declined: 2,
	accepted: 3
};

/** Who gave an answer, and the role it gives her. */
export type AnswerSource = Pick<CalloutResponse, 'answeredBy' | 'recordedBy' | 'role'>;

/**
 * Orders two sources of the same answer at the same instant: she herself, then by account, then
 * by role, in code-unit order (see compareText).
 */
function compareSources(a: Partial<AnswerSource>, b: Partial<AnswerSource>): number {
	const self = (s: Partial<AnswerSource>) => (s.answeredBy === 'member' ? 1 : 0);
	return (
		self(a) - self(b) ||
		compareText(a.recordedBy ?? '', b.recordedBy ?? '') ||
		compareText(a.role ?? '', b.role ?? '')
	);
}

/**
 * Whether a new answer replaces the standing one: the one given later stands, and of two given at
 * the same instant the stronger (accepted, declined, no answer). Of the same answer given at the
 * same instant on two devices, her own stands over staff's, then the source that sorts last, when
 * `source` says who gave it. So answers from her phone and two tablets end the same in whatever
 * order they arrive.
 */
export function answerStands(
	standing: Pick<CalloutResponse, 'answer' | 'answeredAt'> & Partial<AnswerSource>,
	answer: CalloutAnswer,
	at: string,
	source?: AnswerSource
): boolean {
	if (standing.answeredAt === null) return true;
	if (at !== standing.answeredAt) return at > standing.answeredAt;
	const stronger = answerRank[answer] - answerRank[standing.answer];
	if (stronger !== 0 || source === undefined) return stronger > 0;
	return compareSources(source, standing) > 0;
}

export interface RoleCount {
	role: EmergencyRole;
	need: number;
	accepted: number;
}

export interface Headcount {
	roles: RoleCount[];
	need: number;
	asked: number;
	accepted: number;
	declined: number;
	noAnswer: number;
	/** Asked and not answered yet. */
	waiting: number;
}

/**
 * The call-out's headcount from its responses: how many accepted for each role against the need.
 * An accepted answer whose role the call-out does not list counts toward the first role.
 */
export function headcount(
	callout: Pick<Callout, 'roles'>,
	responses: readonly CalloutResponse[]
): Headcount {
	const roles: RoleCount[] = callout.roles.map((r) => ({
		role: r.role,
		need: r.headcount,
		accepted: 0
	}));
	const count: Headcount = {
		roles,
		need: roles.reduce((sum, r) => sum + r.need, 0),
		asked: responses.length,
		accepted: 0,
		declined: 0,
		noAnswer: 0,
		waiting: 0
	};
	for (const response of responses) {
		if (response.answer === 'accepted') {
			count.accepted++;
			const row = roles.find((r) => r.role === response.role) ?? roles[0];
			if (row) row.accepted++;
		} else if (response.answer === 'declined') count.declined++;
		else if (response.answer === 'no_answer') count.noAnswer++;
		else count.waiting++;
	}
	return count;
}

export interface ReportRow {
	/** Null: people who came without being asked through a station (walked up at the place). */
	stationId: string | null;
	asked: number;
	accepted: number;
	came: number;
	hours: number;
}

/**
 * The call-out's report by station: asked, accepted, came (served on its shift), and the hours
 * credited. Who came and their hours come from the shift's sign-ups, the attendance rules' result.
 */
export function calloutReport(
	responses: readonly CalloutResponse[],
	signups: readonly Signup[]
): { rows: ReportRow[]; total: ReportRow } {
	const rows = new Map<string | null, ReportRow>();
	const row = (stationId: string | null) => {
		let found = rows.get(stationId);
		if (!found) {
			found = { stationId, asked: 0, accepted: 0, came: 0, hours: 0 };
			rows.set(stationId, found);
		}
		return found;
	};
	const stationOf = new Map<string, string | null>();
	for (const response of responses) {
		stationOf.set(response.volunteerId, response.stationId);
		const r = row(response.stationId);
		r.asked++;
		if (response.answer === 'accepted') r.accepted++;
	}
	for (const signup of signups) {
		if (!gaveService(signup)) continue;
		const r = row(stationOf.get(signup.volunteerId) ?? null);
		r.came++;
		r.hours += signup.hoursCredited ?? 0;
	}
	const list = [...rows.values()];
	const total: ReportRow = { stationId: null, asked: 0, accepted: 0, came: 0, hours: 0 };
	for (const r of list) {
		total.asked += r.asked;
		total.accepted += r.accepted;
		total.came += r.came;
		total.hours += r.hours;
	}
	return { rows: list, total };
}

/** A call-out's criteria as a device sends them to be matched on the server (an admin's). */
export const calloutCriteriaSchema = z.strictObject({
	start: instant(),
	end: instant(),
	roles: z
		.array(calloutRoleSchema)
		.check(z.minLength(1, 'required'), z.maxLength(MAX_CALLOUT_ROLES)),
	community: z.string().check(z.maxLength(40)),
	district: district(),
	stationId: id(),
	reach: z.enum(calloutReaches),
	reachStationIds: z.array(id()).check(z.maxLength(MAX_CALLOUT_STATIONS))
});

/** How many the server sends back, best first; the rest are counted. */
export const SERVER_MATCH_LIMIT = 200;

/** One member matched on the server, as a list shows her (masked phone). */
export const serverMatchSchema = z.object({
	volunteerId: id(),
	name: z.string(),
	phone: z.string(),
	stationId: z.nullable(id()),
	community: z.string(),
	role: z.enum(emergencyRoles),
	reasons: z.array(z.enum(matchReasons)),
	score: z.number()
});
export type ServerMatch = z.infer<typeof serverMatchSchema>;

export const serverMatchAnswerSchema = z.object({
	matches: z.array(serverMatchSchema),
	/** How many matched in all (more than `matches` holds when past the limit). */
	matched: z.int(),
	/** How many were left out, by why. */
	leftOut: z.partialRecord(z.enum(leftOutReasons), z.int()),
	/** How many members the call-out reaches. */
	reached: z.int()
});
export type ServerMatchAnswer = z.infer<typeof serverMatchAnswerSchema>;
