/**
 * Accounts as both sides see them: roles and their scope, the sign-in and self-registration
 * requests, and the names of the header and cookies that say which signed-in account a request
 * speaks for (several can be signed in on one shared tablet).
 */
import * as z from 'zod/mini';
import { PRIVACY_NOTICE_VERSION } from './reference';
import { roles } from './roles';
import { date, district, id, phone, text } from './schemas';

export { isStaff, roles, type Role } from './roles';
export { ACCOUNT_HEADER, sessionCookieName } from './account-names';

/** What a device is told about an account when it signs in; no secrets. */
export const accountInfoSchema = z.object({
	id: id(),
	role: z.enum(roles),
	/** Staff: the username; volunteers: their name. */
	displayName: z.string(),
	/** Staff sign in by username, volunteers by phone. */
	username: z.nullable(z.string()),
	/** District admin: her district; station worker: her station's district. */
	district: z.nullable(district()),
	/** Station worker: her station. */
	stationId: z.nullable(id()),
	/** Volunteer: her own member record. */
	volunteerId: z.nullable(id())
});
export type AccountInfo = z.infer<typeof accountInfoSchema>;

export const signInRequestSchema = z.strictObject({
	/** A username, or a volunteer's phone number. */
	login: z
		.string('required')
		.check(z.trim(), z.minLength(1, 'required'), z.maxLength(64, 'too_long')),
	password: z.string('required').check(z.minLength(1, 'required'), z.maxLength(200, 'too_long'))
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const MIN_PASSWORD_LENGTH = 8;

/** A password someone chooses for herself. */
export const newPassword = () =>
	z
		.string('required')
		.check(z.minLength(MIN_PASSWORD_LENGTH, 'password_too_short'), z.maxLength(200, 'too_long'));

/**
 * A volunteer registers herself on her own phone: her member record and her account at once, at
 * the station she chooses (pending until it approves her). Her birth date decides the age rules;
 * a minor brings her guardian's name, phone and consent.
 */
export const selfRegistrationSchema = z.strictObject({
	phone: phone(),
	password: newPassword(),
	name: text(40),
	birthDate: date(),
	district: district(),
	community: text(40),
	homeStationId: id(),
	guardian: z.optional(
		z.nullable(z.strictObject({ name: text(40), phone: phone(), consent: z.boolean() }))
	),
	consent: z.boolean(),
	consentVersion: z.literal(PRIVACY_NOTICE_VERSION, 'consent_outdated')
});
export type SelfRegistration = z.infer<typeof selfRegistrationSchema>;

/**
 * The step after signing in with a first-time password or a setup code an admin gave: she
 * chooses her own password, and is signed in with it.
 */
export const activationSchema = z.strictObject({
	login: signInRequestSchema.shape.login,
	password: signInRequestSchema.shape.password,
	newPassword: newPassword()
});
export type Activation = z.infer<typeof activationSchema>;

/**
 * A member registered at a station claims her record: her phone, the one-time code her station
 * gave her, and the password she chooses. Knowing a phone number alone claims nothing.
 */
export const claimRequestSchema = z.strictObject({
	phone: phone(),
	code: z
		.string('required')
		.check(z.trim(), z.minLength(1, 'required'), z.maxLength(20, 'too_long')),
	password: newPassword()
});
export type ClaimRequest = z.infer<typeof claimRequestSchema>;

/** Error body of the account endpoints (400, 401, 403, 409, 429). */
export interface AccountErrorBody {
	code: string;
	path?: (string | number)[];
	/** Seconds until sign-in may be tried again (429). */
	retryAfter?: number;
}
