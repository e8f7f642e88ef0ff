/**
 * POST /api/members/lookup `{phone}`: a walk-in found by her full phone number, for staff adding
 * her to a shift's roster (see `$lib/server/member-lookup`). 200 with her name and masked phone;
 * 400 not a whole number; 403 not staff; 404 no such member; 429 too many look-ups.
 */
import { json } from '@sveltejs/kit';
import { memberLookupRequestSchema } from '$lib/domain/member-lookup';
import { serverContext } from '$lib/server/context';
import { lookUpMember } from '$lib/server/member-lookup';
import { accountError, actorFromRequest, readJsonBody } from '$lib/server/request-auth';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = async (event) => {
	const { db } = await serverContext();
	const auth = await actorFromRequest(event, db);
	if (!auth.ok) return auth.response;
	const body = await readJsonBody(event, memberLookupRequestSchema);
	if (!body.ok) return body.response;
	const found = await lookUpMember(db, auth.actor, body.value.phone);
	if (found.ok) return json(found.answer);
	const headers = found.retryAfter ? { 'retry-after': String(found.retryAfter) } : undefined;
	return accountError(
		found.status,
		{ code: found.code, ...(found.retryAfter ? { retryAfter: found.retryAfter } : {}) },
		headers
	);
};
