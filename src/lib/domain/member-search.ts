/**
 * Admins find members on the server (their devices keep only the members they registered or
 * opened, see `reachesDevice`): what a search asks and answers, and what opening a member answers.
 *
 * A search matches part of a name (two characters at least, so no one lists everyone a letter at
 * a time) or part of a phone number (four digits at least), within the caller's scope, a page at
 * a time; it answers the least a list shows: the name, the masked phone, the status, the home
 * station's name and the district.
 */
import * as z from 'zod/mini';
import { districtCodes } from './reference';
import { changeSchema } from './sync';
import { volunteerStatuses } from './schemas';

export const MEMBER_SEARCH_PAGE = 20;
/** The shortest part of a name searched by. */
export const MIN_NAME_QUERY = 2;
/** The fewest digits of a phone number searched by. */
export const MIN_PHONE_QUERY = 4;
const MAX_QUERY = 40;
const MAX_PAGE = 500;

export const memberSearchRequestSchema = z.strictObject({
	q: z.string().check(z.trim(), z.maxLength(MAX_QUERY, 'too_long')),
	/** From 1. */
	page: z._default(z.int('invalid_page').check(z.gte(1, 'invalid_page'), z.lte(MAX_PAGE)), 1)
});
export type MemberSearchRequest = z.infer<typeof memberSearchRequestSchema>;

/** What a query looks for: digits of a phone number, or part of a name. */
export type SearchTerm = { kind: 'phone'; digits: string } | { kind: 'name'; text: string };

/**
 * What a typed query searches by, or null when it is too short to search: digits (spaces, dashes
 * and a +86 prefix dropped) search phones, anything else names.
 */
export function searchTerm(query: string): SearchTerm | null {
	const text = query.trim().normalize('NFC');
	let digits = text.replace(/[\s\-().]/g, '');
	if (digits.startsWith('+86')) digits = digits.slice(3);
	if (/^\d+$/.test(digits)) {
		return digits.length >= MIN_PHONE_QUERY ? { kind: 'phone', digits } : null;
	}
	return [...text].length >= MIN_NAME_QUERY ? { kind: 'name', text } : null;
}

export const memberFoundSchema = z.object({
	id: z.uuid(),
	name: z.string(),
	/** Masked: 138****0001. */
	phone: z.string(),
	status: z.enum(volunteerStatuses),
	homeStationName: z.nullable(z.string()),
	district: z.enum(districtCodes)
});
export type MemberFound = z.infer<typeof memberFoundSchema>;

export const memberSearchAnswerSchema = z.object({
	members: z.array(memberFoundSchema),
	page: z.int(),
	hasMore: z.boolean()
});
export type MemberSearchAnswer = z.infer<typeof memberSearchAnswerSchema>;

/**
 * Opening a member: her record, her sign-ups and what goes with them (attendance, roster
 * entries), as a pull would send them, for the device to write as it writes a pull page. From then
 * on her device holds her, and the pull keeps her fresh. `headVersion` is the server's version
 * when they were read: a device whose copy is newer keeps its own.
 */
export const openedMemberSchema = z.object({
	changes: z.array(changeSchema),
	headVersion: z.int()
});
export type OpenedMember = z.infer<typeof openedMemberSchema>;
