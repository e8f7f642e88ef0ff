/**
 * Record schemas: the shape of every synced row, on the device and on the server.
 * Error messages are codes (`required`, `invalid_phone`); the UI turns them into words.
 */
import * as z from 'zod/mini';
import { normalizePhone } from './phone';
import { isCalendarDate } from './age';
import { hasHiddenCharacters } from './text';
import { categories, districtCodes, languages, stationLevels, stationStatuses } from './reference';

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
	availability: storedOptionalText(200),
	emergencyResponder: z.boolean(),
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
	closedAt: z.nullable(instant())
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
	waitlistSeq: z.int().check(z.nonnegative())
});
export type Shift = z.infer<typeof shiftSchema>;

export const signupStatuses = [
	'pending',
	'confirmed',
	'waitlisted',
	'cancelled',
	'checked_in',
	'completed',
	'no_show'
] as const;
export type SignupStatus = (typeof signupStatuses)[number];
/** Statuses that hold (or wait for) a place on the shift. */
export const activeSignupStatuses: readonly SignupStatus[] = [
	'pending',
	'confirmed',
	'waitlisted',
	'checked_in'
];

export const isActive = (signup: Signup) => activeSignupStatuses.includes(signup.status);

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
	recordedBy: z.nullable(z.string())
});
export type Signup = z.infer<typeof signupSchema>;

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

export const recordSchemas = {
	stations: stationSchema,
	volunteers: volunteerSchema,
	projects: projectSchema,
	shifts: shiftSchema,
	signups: signupSchema,
	staff: staffSchema,
	transfers: transferSchema
} as const;

export type TableName = keyof typeof recordSchemas;
export const tableNames = Object.keys(recordSchemas) as TableName[];
export interface Rows {
	stations: Station;
	volunteers: Volunteer;
	projects: Project;
	shifts: Shift;
	signups: Signup;
	staff: StaffEntry;
	transfers: Transfer;
}
