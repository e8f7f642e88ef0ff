/**
 * Record schemas: the shape of every synced row, on the device and on the server.
 * Error messages are codes (`required`, `invalid_phone`); the UI turns them into words.
 */
import * as z from 'zod/mini';
import { normalizePhone } from './phone';
import { hasHiddenCharacters } from './text';
import { categories, districtCodes, languages, stationLevels } from './reference';

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
	community: storedText(40),
	address: storedText(120),
	level: z.enum(stationLevels),
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

export const volunteerSchema = z.object({
	...recordBase,
	name: storedText(40),
	/** 11 mainland digits, normalised; the identity used to find duplicates. */
	phone: z.string().check(z.regex(/^1[3-9]\d{9}$/, 'invalid_phone')),
	gender: z.nullable(z.enum(genders)),
	birthYear: z.nullable(z.int().check(z.gte(1900), z.lte(2030))),
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
	registeredBy: z.nullable(z.string())
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

export const recordSchemas = {
	stations: stationSchema,
	volunteers: volunteerSchema,
	projects: projectSchema,
	shifts: shiftSchema,
	signups: signupSchema
} as const;

export type TableName = keyof typeof recordSchemas;
export const tableNames = Object.keys(recordSchemas) as TableName[];
export interface Rows {
	stations: Station;
	volunteers: Volunteer;
	projects: Project;
	shifts: Shift;
	signups: Signup;
}
