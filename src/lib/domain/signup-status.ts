/**
 * A sign-up's statuses and what they mean. Apart from schemas.ts (and free of zod, like roles.ts)
 * so that the home's list of sign-ups does not load the schemas before the first screen.
 */
import type { Signup } from './schemas';

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

/** She served on the shift (a service visit, 服务人次): checked in, completed, or hours credited. */
export const gaveService = (signup: Pick<Signup, 'status' | 'hoursCredited'>) =>
	signup.status === 'completed' || signup.status === 'checked_in' || signup.hoursCredited !== null;
