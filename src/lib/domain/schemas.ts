/**
 * Record schemas: the shape of every synced row, on the device and on the server.
 * Error messages are codes (`required`, `invalid_phone`); the UI turns them into words.
 */
import * as z from 'zod/mini';
import { signupStatuses } from './signup-status';
import { normalizePhone } from './phone';
import { isCalendarDate } from './age';
import { hasHiddenCharacters } from './text';
import {
	calloutUrgencies,
	carePairingKinds,
	categories,
	districtCodes,
	emergencyRoles,
	languages,
	organizationTypes,
	stationLevels,
	stationStatuses,
	weekSlots
} from './reference';

// The app's pages forbid eval (kit.csp): zod is told not to try it in a browser, where it would
// only report a violation before falling back to the same checks without it.
if (typeof window !== 'undefined') z.config({ jitless: true });

export const id = () => z.uuid('invalid_id');
/** A UTC instant with milliseconds (`toISOString()`): one format, so stored instants sort as text. */
export const instant = () => z.iso.datetime({ offset: false, precision: 3, error: 'invalid_time' });
/** A required one-line text: trimmed, NFC-normalised, nothing hidden (see `text.ts`). */
export const text = (max: number) =>
	z.string('required').check(
		z.trim(),
		z.normalize('NFC'),
		z.minLength(1, 'required'),
		z.maxLength(max, 'too_long'),
		z.refine((value) => !hasHiddenCharacters(value), 'invalid_characters')
	);
/**
 * Text as stored records hold it. Looser than what a change may bring (above): a record written
 * before a rule tightened must still reach every device.
 */
const storedText = (max: number) =>
	z.string('required').check(z.trim(), z.minLength(1, 'required'), z.maxLength(max, 'too_long'));
const storedOptionalText = (max: number) =>
	z.string().check(z.trim(), z.maxLength(max, 'too_long'));
/** An optional text; `multiline` allows line breaks and tabs (a description). */
export const optionalText = (max: number, multiline = false) =>
	z.string().check(
		z.trim(),
		z.normalize('NFC'),
		z.maxLength(max, 'too_long'),
		z.refine((value) => !hasHiddenCharacters(value, multiline), 'invalid_characters')
	);
/** A calendar date, `YYYY-MM-DD` (a birth date, the day a level was awarded). */
export const date = () =>
	z.string('required').check(z.refine((value) => isCalendarDate(value), 'invalid_date'));
export const district = () => z.enum(districtCodes, 'required');
export const category = () => z.enum(categories, 'required');
export const phone = () =>
	z.string('required').check(
		z.maxLength(32, 'invalid_phone'),
		z.refine((value) => normalizePhone(value) !== null, 'invalid_phone')
	);
export const skills = () =>
	z.array(z.enum(categories)).check(z.maxLength(categories.length, 'too_many'));

/** Fields every synced record has. `version` is the server's, 0 until the server has it. */
const recordBase = {
	id: id(),
	createdAt: instant(),
	updatedAt: instant(),
	version: z.int().check(z.nonnegative()),
	/** The account that made the latest change (null before accounts exist, or for system data). */
	updatedBy: z.nullable(z.string())
};

export const stationSchema = z.object({
	...recordBase,
	name: storedText(80),
	district: district(),
	/** The street office or town (街道/乡镇) the community belongs to, for a district's grouping. */
	street: z._default(storedOptionalText(40), ''),
	community: storedText(40),
	address: storedText(120),
	level: z.enum(stationLevels),
	/** The day the current level was awarded, when known. */
	levelAwardedOn: z._default(z.nullable(date()), null),
	/** Only an open station takes new projects and members; its history stays either way. */
	status: z._default(z.enum(stationStatuses), 'open'),
	contactName: storedOptionalText(40),
	contactPhone: storedOptionalText(32),
	openingHours: storedOptionalText(80),
	services: skills()
});
export type Station = z.infer<typeof stationSchema>;

export const volunteerStatuses = ['pending', 'active', 'inactive'] as const;
export type VolunteerStatus = (typeof volunteerStatuses)[number];
export const registrationSources = ['self', 'staff', 'kiosk'] as const;
export const genders = ['female', 'male'] as const;

/** A minor's guardian and the consent she recorded for her (PIPL art. 31). */
export const guardianRecordSchema = z.object({
	name: storedText(40),
	phone: z.string().check(z.regex(/^1[3-9]\d{9}$/, 'invalid_phone')),
	consentAt: instant(),
	consentVersion: z.string()
});
export type GuardianRecord = z.infer<typeof guardianRecordSchema>;

/** A time she is on standby (备勤): she can be called at any hour of it, whatever her week says. */
export const standbySchema = z.object({ from: instant(), to: instant() });
export type Standby = z.infer<typeof standbySchema>;
export const MAX_STANDBY_PERIODS = 10;

/**
 * What an emergency call-out needs to know of a member: the parts of the week she can usually
 * come, her standby periods, the emergency roles she can take, and when her first-aid
 * certificate runs out. Whether she is ready at all is `emergencyResponder`; her community is
 * the member's own field.
 */
export const readinessSchema = z.object({
	weekly: z.array(z.enum(weekSlots)).check(z.maxLength(weekSlots.length, 'too_many')),
	standby: z.array(standbySchema).check(z.maxLength(MAX_STANDBY_PERIODS, 'too_many')),
	roles: z.array(z.enum(emergencyRoles)).check(z.maxLength(emergencyRoles.length, 'too_many')),
	firstAidExpiresOn: z.nullable(date()),
	/** When she (or her station) last said so; null while nobody has. */
	updatedAt: z.nullable(instant())
});
export type Readiness = z.infer<typeof readinessSchema>;
export const noReadiness = (): Readiness => ({
	weekly: [],
	standby: [],
	roles: [],
	firstAidExpiresOn: null,
	updatedAt: null
});

export const volunteerSchema = z.object({
	...recordBase,
	name: storedText(40),
	/** 11 mainland digits, normalised; the identity used to find duplicates. */
	phone: z.string().check(z.regex(/^1[3-9]\d{9}$/, 'invalid_phone')),
	gender: z.nullable(z.enum(genders)),
	birthYear: z.nullable(z.int().check(z.gte(1900), z.lte(2030))),
	/** Asked of whoever might be a minor (see `age.ts`); null when only the year is known. */
	birthDate: z._default(z.nullable(date()), null),
	/** Set for a member registered under 18. */
	guardian: z._default(z.nullable(guardianRecordSchema), null),
	district: district(),
	community: storedText(40),
	skills: skills(),
	languages: z.array(z.enum(languages)),
	/** Free text from before the weekly grid; kept as her note on when she can come. */
	availability: storedOptionalText(200),
	/** Ready to be called in an emergency (应急响应). */
	emergencyResponder: z.boolean(),
	readiness: z._default(readinessSchema, noReadiness),
	consentAt: instant(),
	consentVersion: z.string(),
	status: z.enum(volunteerStatuses),
	homeStationId: z.nullable(id()),
	source: z.enum(registrationSources),
	registeredBy: z.nullable(z.string()),
	/** She withdrew her consent: inactive, and not processed until she gives it again. */
	consentWithdrawnAt: z._default(z.nullable(instant()), null),
	/** She asked for her data to be erased; her station carries it out. */
	erasureRequestedAt: z._default(z.nullable(instant()), null)
});
export type Volunteer = z.infer<typeof volunteerSchema>;

export const projectStatuses = ['draft', 'published', 'closed', 'cancelled'] as const;
export type ProjectStatus = (typeof projectStatuses)[number];

/** How many social organizations one project may name as its co-organisers. */
export const MAX_CO_ORGANIZERS = 5;

export const projectSchema = z.object({
	...recordBase,
	stationId: id(),
	/** Copied from the station so a district's projects are one index lookup. */
	district: district(),
	title: storedText(80),
	description: storedOptionalText(2000),
	category: category(),
	place: storedText(120),
	requiredSkills: skills(),
	status: z.enum(projectStatuses),
	urgent: z.boolean(),
	/** Sign-ups of anyone younger on the shift's day are refused; null when any age may come. */
	minAge: z._default(z.nullable(z.int().check(z.gte(0), z.lte(99))), null),
	publishedAt: z.nullable(instant()),
	closedAt: z.nullable(instant()),
	/**
	 * The emergency call-out this project musters for: its one shift is the muster's roster. Such
	 * a project is not offered for sign-up; people come through the call-out.
	 */
	calloutId: z._default(z.nullable(id()), null),
	/** The station's team that organises it, if one does. */
	teamId: z._default(z.nullable(id()), null),
	/** Social organizations of its district that organise it with the station (a joint project). */
	coOrganizerIds: z._default(z.array(id()).check(z.maxLength(MAX_CO_ORGANIZERS)), [])
});
export type Project = z.infer<typeof projectSchema>;

export const shiftSchema = z.object({
	...recordBase,
	projectId: id(),
	stationId: id(),
	start: instant(),
	end: instant(),
	capacity: z.int().check(z.gte(1), z.lte(10_000)),
	/** Kept by the server: a phone never holds other people's sign-ups. */
	confirmedCount: z.int().check(z.nonnegative()),
	waitlistCount: z.int().check(z.nonnegative()),
	/** Last waitlist order handed out on this shift; orders only grow. */
	waitlistSeq: z.int().check(z.nonnegative()),
	/**
	 * When attendance was closed: by the server at the shift's end (a forgotten check-out ends at
	 * the shift's end, flagged; confirmed people never checked in become no-shows), or when a
	 * worker verified the hours. Absent on shifts from before attendance was recorded.
	 */
	attendanceClosedAt: z.optional(z.nullable(instant())),
	/** When the station verified the shift's service hours, and who: from then on they are locked. */
	hoursVerifiedAt: z.optional(z.nullable(instant())),
	hoursVerifiedBy: z.optional(z.nullable(z.string()))
});
export type Shift = z.infer<typeof shiftSchema>;

export {
	activeSignupStatuses,
	gaveService,
	isActive,
	signupStatuses,
	type SignupStatus
} from './signup-status';

/** What a person's attendance can call for the review's attention. */
export const attendanceFlags = [
	/** Checked in, never checked out: closed at the shift's end. */
	'auto_check_out',
	/** Checked out with no check-in: no hours until corrected. */
	'no_check_in'
] as const;
export type AttendanceFlag = (typeof attendanceFlags)[number];
export const attendanceKinds = ['check_in', 'check_out', 'correction', 'backfill'] as const;
export type AttendanceKind = (typeof attendanceKinds)[number];

export const signupSchema = z.object({
	...recordBase,
	shiftId: id(),
	projectId: id(),
	volunteerId: id(),
	status: z.enum(signupStatuses),
	/** Arrival order on the waitlist, set by the server; null when not waitlisted. */
	waitlistOrder: z.nullable(z.int().check(z.nonnegative())),
	requestedAt: instant(),
	decidedAt: z.nullable(instant()),
	checkInAt: z.nullable(instant()),
	checkOutAt: z.nullable(instant()),
	hoursCredited: z.nullable(z.number()),
	recordedBy: z.nullable(z.string()),
	/** Added on the day, not signed up beforehand. */
	walkIn: z.optional(z.boolean()),
	/** Took a place beyond the shift's capacity, by an explicit override of the staff member. */
	overCapacity: z.optional(z.boolean()),
	/** Something the review should look at (see `attendanceFlags`). */
	attendanceFlag: z.optional(z.nullable(z.enum(attendanceFlags))),
	/** The times and hours come from a correction (or a back-dated entry), not from taps. */
	corrected: z.optional(z.boolean()),
	/** When her hours on this shift were verified; null while they await verification. */
	hoursVerifiedAt: z.optional(z.nullable(instant()))
});
export type Signup = z.infer<typeof signupSchema>;

/**
 * One attendance event: append-only, made on any tablet, merged on the server. A person's times
 * and hours on a shift are derived from all her events (`$lib/domain/attendance`), so events
 * arriving in any order, twice from two tablets, give one attendance.
 */
export const attendanceSchema = z.object({
	...recordBase,
	shiftId: id(),
	/** Copied from the shift: scope is judged by the project, like a sign-up's. */
	projectId: id(),
	stationId: id(),
	volunteerId: id(),
	kind: z.enum(attendanceKinds),
	/** Check-in and check-out: when it happened, by the device's clock. Else when it was entered. */
	at: instant(),
	/** Correction and back-dated entry: the times they set (no check-in: she was not there). */
	checkInAt: z.nullable(instant()),
	checkOutAt: z.nullable(instant()),
	reason: storedOptionalText(200),
	/** A correction's trace: her record just before it, as the store making it saw it. */
	before: z.nullable(
		z.object({
			checkInAt: z.nullable(instant()),
			checkOutAt: z.nullable(instant()),
			hours: z.nullable(z.number())
		})
	),
	/** Made after the shift's hours were verified (only a district or city admin may). */
	afterVerification: z.boolean(),
	/** The staff account that recorded it. */
	recordedBy: z.nullable(z.string()),
	/** When the server received it; null on the device until then. */
	receivedAt: z.nullable(instant())
});
export type Attendance = z.infer<typeof attendanceSchema>;

/**
 * What a shift's roster needs of a person the station may not otherwise hold (a self-registered
 * volunteer, a member of another station): her name and masked phone, nothing else. One per
 * sign-up, with the sign-up's id, written by the server.
 */
export const rosterEntrySchema = z.object({
	...recordBase,
	shiftId: id(),
	projectId: id(),
	stationId: id(),
	volunteerId: id(),
	name: storedText(40),
	/** Masked: 138****0001. */
	phone: z.string().check(z.maxLength(11))
});
export type RosterEntry = z.infer<typeof rosterEntrySchema>;

/** How credited minutes are rounded: to a unit of minutes, to the nearest or down. */
export const hoursRoundingUnits = [1, 5, 10, 15, 30, 60] as const;
export const hoursRoundingModes = ['nearest', 'down'] as const;
export type HoursRoundingMode = (typeof hoursRoundingModes)[number];
export const hoursRuleFields = {
	unitMinutes: z.literal(hoursRoundingUnits, 'invalid_rounding'),
	mode: z.enum(hoursRoundingModes, 'invalid_rounding')
};

/** A district federation's rule for service hours; districts without one use `defaultHoursRule`. */
export const hoursRuleSchema = z.object({
	...recordBase,
	district: district(),
	...hoursRuleFields
});
export type HoursRule = z.infer<typeof hoursRuleSchema>;
export type Rounding = Pick<HoursRule, 'unitMinutes' | 'mode'>;
export const staffRoles = ['city_admin', 'district_admin', 'station_worker'] as const;

/**
 * A staff account as her colleagues' devices know it: the name to show in headers, on the lock
 * screen and in "recorded by" lines. Written by the server whenever an account is made, renamed,
 * disabled or enabled; the account itself (login, password) never leaves the server.
 */
export const staffSchema = z.object({
	...recordBase,
	displayName: storedText(40),
	role: z.enum(staffRoles),
	district: z.nullable(district()),
	stationId: z.nullable(id()),
	active: z.boolean()
});
export type StaffEntry = z.infer<typeof staffSchema>;

export const transferStatuses = ['requested', 'accepted', 'declined', 'cancelled'] as const;
export type TransferStatus = (typeof transferStatuses)[number];

/**
 * A member's move from one station to another: asked for by her or her station, decided by the
 * station she moves to (or its district admin). Kept after it is decided: her history.
 */
export const transferSchema = z.object({
	...recordBase,
	volunteerId: id(),
	/** Her name and masked phone: the station she asks to join does not hold her record yet. */
	memberName: storedText(40),
	memberPhone: z.string(),
	fromStationId: z.nullable(id()),
	fromDistrict: z.nullable(district()),
	toStationId: id(),
	toDistrict: district(),
	requestedBy: z.enum(['member', 'station']),
	note: storedOptionalText(200),
	status: z.enum(transferStatuses),
	requestedAt: instant(),
	decidedAt: z.nullable(instant()),
	decidedBy: z.nullable(z.string())
});
export type Transfer = z.infer<typeof transferSchema>;

export const calloutStatuses = ['open', 'closed', 'stood_down'] as const;
export type CalloutStatus = (typeof calloutStatuses)[number];
export const calloutReaches = ['stations', 'district'] as const;
export const MAX_CALLOUT_ROLES = 8;
export const MAX_CALLOUT_STATIONS = 50;
export const calloutRoleSchema = z.object({
	role: z.enum(emergencyRoles, 'required'),
	headcount: z
		.int('invalid_headcount')
		.check(z.gte(1, 'invalid_headcount'), z.lte(1000, 'invalid_headcount'))
});
export type CalloutRole = z.infer<typeof calloutRoleSchema>;

/**
 * An emergency call-out (应急召集): a need, the roles and how many people each, where and when,
 * and whom it reaches (some stations, or a whole district). Made by a station worker, a district
 * or the city admin, offline if need be. Its lead station musters people at the place, on the
 * call-out's own project and shift, so hours are credited by the attendance rules.
 */
export const calloutSchema = z.object({
	...recordBase,
	title: storedText(80),
	description: storedOptionalText(1000),
	place: storedText(120),
	/** The community it is in, when it is one: members living there come first. */
	community: storedOptionalText(40),
	start: instant(),
	end: instant(),
	urgency: z.enum(calloutUrgencies),
	roles: z.array(calloutRoleSchema).check(z.minLength(1), z.maxLength(MAX_CALLOUT_ROLES)),
	district: district(),
	/** The lead station: its staff muster people at the place. */
	stationId: id(),
	reach: z.enum(calloutReaches),
	/** With `reach: 'stations'`, the stations whose members it asks (the lead station among them). */
	reachStationIds: z.array(id()).check(z.maxLength(MAX_CALLOUT_STATIONS)),
	projectId: id(),
	shiftId: id(),
	status: z.enum(calloutStatuses),
	createdBy: z.nullable(z.string()),
	closedAt: z.nullable(instant()),
	closedBy: z.nullable(z.string()),
	closeNote: storedOptionalText(200)
});
export type Callout = z.infer<typeof calloutSchema>;

export const calloutAnswers = ['asked', 'accepted', 'declined', 'no_answer'] as const;
export type CalloutAnswer = (typeof calloutAnswers)[number];

/**
 * One member asked by a call-out, and her answer: one record per member and call-out, whoever
 * asked or answered and on however many devices. The answer given last (by the time it was
 * given) stands, so answers arriving in any order end the same. It carries her name and masked
 * phone, as a roster entry does, for staff devices that hold no record of her.
 */
export const calloutResponseSchema = z.object({
	...recordBase,
	calloutId: id(),
	volunteerId: id(),
	/** Her home station when she was asked: whose tablet calls her, and the report's grouping. */
	stationId: z.nullable(id()),
	/** The call-out's district. */
	district: district(),
	memberName: storedText(40),
	/** Masked: 138****0001. */
	memberPhone: z.string().check(z.maxLength(11)),
	/** The role she is asked for, or took when she accepted. */
	role: z.nullable(z.enum(emergencyRoles)),
	/**
	 * The role she was asked for, which an answer naming none takes: whatever another answer
	 * (given earlier, arrived later) made `role` does not count.
	 */
	askedRole: z._default(z.nullable(z.enum(emergencyRoles)), null),
	/** Why the matching chose her (`MatchReason` codes), as it stood when she was asked. */
	reasons: z.array(z.string().check(z.maxLength(40))).check(z.maxLength(12)),
	answer: z.enum(calloutAnswers),
	/** When the standing answer was given, by the clock of the device that took it. */
	answeredAt: z.nullable(instant()),
	answeredBy: z.nullable(z.enum(['member', 'staff'])),
	/** The staff account that recorded the standing answer, when staff did. */
	recordedBy: z.nullable(z.string()),
	askedAt: instant(),
	askedBy: z.nullable(z.string()),
	/** Every time a staff member had her full phone number shown for this call-out. */
	reveals: z.array(z.object({ by: z.string(), at: instant() })).check(z.maxLength(100))
});
export type CalloutResponse = z.infer<typeof calloutResponseSchema>;

export const MAX_TEAM_MEMBERS = 200;

/** A pairing's activity keeps at most this many photos, each at most `MAX_PHOTO_CHARS` long. */
export const MAX_ACTIVITY_PHOTOS = 2;
/** About 50 KB of JPEG: a phone photo shrunk to 640 pixels keeps its use and syncs quickly. */
export const MAX_PHOTO_CHARS = 70_000;
const JPEG_DATA_URL = /^data:image\/jpeg;base64,[A-Za-z0-9+/]+={0,2}$/;
/** A small JPEG as a data URL. */
export const photo = () =>
	z
		.string('invalid_photo')
		.check(
			z.maxLength(MAX_PHOTO_CHARS, 'photo_too_large'),
			z.regex(JPEG_DATA_URL, 'invalid_photo')
		);

/**
 * A community women volunteers' volunteer team (志愿服务队): belongs to a station, has a leader and
 * members (a member may be in several teams), a focus, and organises projects.
 */
export const teamSchema = z.object({
	...recordBase,
	stationId: id(),
	district: district(),
	name: storedText(40),
	leaderId: z.nullable(id()),
	memberIds: z.array(id()).check(z.maxLength(MAX_TEAM_MEMBERS)),
	focus: skills(),
	status: z.enum(['active', 'disbanded'])
});
export type Team = z.infer<typeof teamSchema>;

/** A social organization in a district's registry, kept by its district admin. */
export const organizationSchema = z.object({
	...recordBase,
	district: district(),
	name: storedText(80),
	type: z.enum(organizationTypes),
	contactName: storedOptionalText(40),
	contactPhone: storedOptionalText(32),
	/** What it offers: skills, resources, places. */
	offers: storedOptionalText(500),
	status: z.enum(['active', 'inactive'])
});
export type Organization = z.infer<typeof organizationSchema>;

/** An organization paired with a station, or with one of its teams (paired assistance, 结对帮扶). */
export const pairingSchema = z.object({
	...recordBase,
	organizationId: id(),
	district: district(),
	stationId: id(),
	teamId: z.nullable(id()),
	focus: skills(),
	startOn: date(),
	endOn: z.nullable(date()),
	status: z.enum(['active', 'ended']),
	endReason: storedOptionalText(200)
});
export type Pairing = z.infer<typeof pairingSchema>;

/** What a pairing did together: when, what, who took part. */
export const pairingActivitySchema = z.object({
	...recordBase,
	pairingId: id(),
	stationId: id(),
	district: district(),
	on: date(),
	what: storedText(500),
	who: storedOptionalText(200),
	/** Small JPEGs as data URLs (the device shrinks them before saving): optional. */
	photos: z._default(z.array(photo()).check(z.maxLength(MAX_ACTIVITY_PHOTOS)), [])
});
export type PairingActivity = z.infer<typeof pairingActivitySchema>;

/**
 * A person a volunteer helps one to one (一对一结对), with the least data that works: an alias, her
 * community, a guardian to reach for a minor, and the consent recorded. Only her station's
 * workers and the volunteers paired with her ever see her; no district or city admin does.
 */
export const helpedPersonSchema = z.object({
	...recordBase,
	stationId: id(),
	district: district(),
	alias: storedText(40),
	community: storedOptionalText(40),
	minor: z.boolean(),
	guardianName: storedOptionalText(40),
	guardianPhone: storedOptionalText(32),
	/** When her consent (a guardian's, for a minor) was recorded, to which notice, and by whom. */
	consentAt: instant(),
	consentVersion: z.string(),
	consentBy: z.nullable(z.string()),
	note: storedOptionalText(200)
});
export type HelpedPerson = z.infer<typeof helpedPersonSchema>;

/** A volunteer paired one to one with a person she helps. */
export const carePairingSchema = z.object({
	...recordBase,
	stationId: id(),
	district: district(),
	volunteerId: id(),
	helpedId: id(),
	kind: z.enum(carePairingKinds),
	startOn: date(),
	endOn: z.nullable(date()),
	status: z.enum(['active', 'ended']),
	endReason: storedOptionalText(200)
});
export type CarePairing = z.infer<typeof carePairingSchema>;

/** The longest visit one entry may log: a whole day's care is several. */
export const MAX_VISIT_MINUTES = 12 * 60;

/** A visit of a one-to-one pairing: logged by the volunteer or her station, verified by it. */
export const careVisitSchema = z.object({
	...recordBase,
	carePairingId: id(),
	stationId: id(),
	district: district(),
	volunteerId: id(),
	on: date(),
	minutes: z.int().check(z.gte(1), z.lte(MAX_VISIT_MINUTES)),
	note: storedOptionalText(200),
	/** By the district's hours rule, once her station verified the visit; null before. */
	hoursCredited: z.nullable(z.number()),
	verifiedAt: z.nullable(instant()),
	verifiedBy: z.nullable(z.string())
});
export type CareVisit = z.infer<typeof careVisitSchema>;

export const recordSchemas = {
	stations: stationSchema,
	volunteers: volunteerSchema,
	projects: projectSchema,
	shifts: shiftSchema,
	signups: signupSchema,
	attendance: attendanceSchema,
	roster: rosterEntrySchema,
	hoursRules: hoursRuleSchema,
	staff: staffSchema,
	transfers: transferSchema,
	callouts: calloutSchema,
	calloutResponses: calloutResponseSchema,
	teams: teamSchema,
	organizations: organizationSchema,
	pairings: pairingSchema,
	pairingActivities: pairingActivitySchema,
	helpedPeople: helpedPersonSchema,
	carePairings: carePairingSchema,
	careVisits: careVisitSchema
} as const;

export type TableName = keyof typeof recordSchemas;
export const tableNames = Object.keys(recordSchemas) as TableName[];
export interface Rows {
	stations: Station;
	volunteers: Volunteer;
	projects: Project;
	shifts: Shift;
	signups: Signup;
	attendance: Attendance;
	roster: RosterEntry;
	hoursRules: HoursRule;
	staff: StaffEntry;
	transfers: Transfer;
	callouts: Callout;
	calloutResponses: CalloutResponse;
	teams: Team;
	organizations: Organization;
	pairings: Pairing;
	pairingActivities: PairingActivity;
	helpedPeople: HelpedPerson;
	carePairings: CarePairing;
	careVisits: CareVisit;
}
