/**
 * POST /api/callouts/match with a call-out's criteria (`calloutCriteriaSchema`): the members it
 * reaches who fit, best first with their reasons (masked phones, at most `SERVER_MATCH_LIMIT`), and
 * how many were left out by why (see `$lib/server/callout-match`). 400 malformed criteria (the
 * field); 403 not staff of the lead station's scope; 404 no such station; 429 too many matches.
 */
import { json } from '@sveltejs/kit';
import { calloutCriteriaSchema } from '$lib/domain/emergency';
import { matchCallout } from '$lib/server/callout-match';
import { serverContext } from '$lib/server/context';
import { accountError, actorFromRequest, readJsonBody } from '$lib/server/request-auth';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = async (event) => {
	const { db } = await serverContext();
	const auth = await actorFromRequest(event, db);
	if (!auth.ok) return auth.response;
	const body = await readJsonBody(event, calloutCriteriaSchema);
	if (!body.ok) return body.response;
	const found = await matchCallout(db, auth.actor, body.value);
	if (found.ok) return json(found.answer, { headers: { 'cache-control': 'no-store' } });
	const headers = found.retryAfter ? { 'retry-after': String(found.retryAfter) } : undefined;
	return accountError(
		found.status,
		{ code: found.code, ...(found.retryAfter ? { retryAfter: found.retryAfter } : {}) },
		headers
	);
};
