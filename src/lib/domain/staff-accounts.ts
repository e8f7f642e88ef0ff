/**
 * Staff accounts as their administrators handle them (`/api/accounts`): opening one with a
 * first-time password or a one-time setup code, resetting it, renaming it, and the summary an
 * admin's screen lists. Who may do which is `mayAdministerAccount` and `mayCreateAccount` in
 * `permissions.ts`; the server checks, the screens only ask.
 */
import * as z from 'zod/mini';
import { newPassword } from './accounts';
import { district, id, text } from './schemas';

/** Setup codes and members' claim codes stop working this long after they are made. */
export const ONE_TIME_CODE_DAYS = 7;

/**
 * Logins staff choose: lower-case letters, digits, dot, dash and underscore, 3 to 32, starting
 * with a letter (a login of digits would be taken for a phone number).
 */
export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{2,31}$/;

export const username = () =>
	z
		.string('required')
		.check(
			z.trim(),
			z.toLowerCase(),
			z.minLength(1, 'required'),
			z.regex(USERNAME_PATTERN, 'invalid_username')
		);

/**
 * How she signs in the first time: a password the admin types and tells her, or a code the
 * server makes (shown once, to print or read out). Either opens only the step where she chooses
 * her own password.
 */
export const credentialSchema = z.discriminatedUnion('kind', [
	z.strictObject({ kind: z.literal('password'), password: newPassword() }),
	z.strictObject({ kind: z.literal('code') })
]);
export type Credential = z.infer<typeof credentialSchema>;

export const staffAccountRoles = ['district_admin', 'station_worker'] as const;

/** A new staff account: a district admin for a district, or a worker for a station. */
export const newStaffAccountSchema = z.strictObject({
	role: z.enum(staffAccountRoles, 'required'),
	username: username(),
	/** Her real name, as colleagues know her. */
	displayName: text(40),
	district: z.optional(z.nullable(district())),
	stationId: z.optional(z.nullable(id())),
	credential: credentialSchema
});
export type NewStaffAccount = z.infer<typeof newStaffAccountSchema>;

export const resetRequestSchema = z.strictObject({ credential: credentialSchema });
export const renameRequestSchema = z.strictObject({ displayName: text(40) });

/** A staff account as its administrator's list shows it: no secret, no hash. */
export const staffAccountSummarySchema = z.object({
	id: id(),
	role: z.enum(['city_admin', 'district_admin', 'station_worker']),
	username: z.string(),
	displayName: z.string(),
	district: z.nullable(district()),
	stationId: z.nullable(id()),
	disabled: z.boolean(),
	/** Still on a first-time password or setup code. */
	mustChangePassword: z.boolean(),
	/** When her setup code stops working; null for a password. */
	setupExpiresAt: z.nullable(z.string()),
	lastSignInAt: z.nullable(z.string()),
	createdAt: z.string()
});
export type StaffAccountSummary = z.infer<typeof staffAccountSummarySchema>;

/** An admin's answer when she opened or reset an account: the code to hand over, shown once. */
export const credentialIssuedSchema = z.object({
	account: staffAccountSummarySchema,
	setupCode: z.optional(z.string()),
	expiresAt: z.optional(z.string())
});
export type CredentialIssued = z.infer<typeof credentialIssuedSchema>;
