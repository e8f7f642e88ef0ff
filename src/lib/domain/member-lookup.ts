/**
 * Finding a walk-in by her full phone number, online, at any station: what a station's staff send
 * and what they are told. Only a whole 11-digit mainland number is looked up (no prefixes, so no
 * one can list members by guessing), and the answer is what the roster shows: her name and masked
 * phone, her status, her home station's name.
 */
import * as z from 'zod/mini';
import { normalizePhone } from './phone';
import { phone } from './schemas';

export const memberLookupRequestSchema = z.strictObject({ phone: phone() });
export type MemberLookupRequest = z.infer<typeof memberLookupRequestSchema>;

export const memberLookupAnswerSchema = z.object({
	member: z.object({
		id: z.uuid(),
		name: z.string(),
		/** Masked: 138****0001. */
		phone: z.string(),
		status: z.enum(['pending', 'active', 'inactive']),
		homeStationName: z.nullable(z.string())
	})
});
export type MemberLookupAnswer = z.infer<typeof memberLookupAnswerSchema>;

/** The number to look up, or null when what was typed is not a whole mainland mobile number. */
export const lookupPhone = (typed: string) => normalizePhone(typed);
