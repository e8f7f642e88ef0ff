/**
 * GET /api/members/search?q=…&page=N: members within the caller's scope whose name holds `q` (two
 * characters at least) or whose phone holds its digits (four at least), twenty a page (see
 * `$lib/server/member-search`). 200 `{members, page, hasMore}`, each member as a list shows her
 * (masked phone); 400 a query too short or malformed; 403 not staff; 429 too many searches.
 */
import { json } from '@sveltejs/kit';
import { refusalOfIssue } from '$lib/domain/pipeline';
import { memberSearchRequestSchema } from '$lib/domain/member-search';
import { serverContext } from '$lib/server/context';
import { searchMembers } from '$lib/server/member-search';
import { accountError, actorFromRequest } from '$lib/server/request-auth';
import type { RequestHandler } from './$types';

export const prerender = false;

export const GET: RequestHandler = async (event) => {
	const { db } = await serverContext();
	const auth = await actorFromRequest(event, db);
	if (!auth.ok) return auth.response;
	const params = event.url.searchParams;
	const page = params.get('page');
	const parsed = memberSearchRequestSchema.safeParse({
		q: params.get('q') ?? '',
		...(page === null ? {} : { page: Number(page) })
	});
	if (!parsed.success) return accountError(400, refusalOfIssue(parsed.error.issues[0]));
	const found = await searchMembers(db, auth.actor, parsed.data);
	if (found.ok) return json(found.answer, { headers: { 'cache-control': 'no-store' } });
	const headers = found.retryAfter ? { 'retry-after': String(found.retryAfter) } : undefined;
	return accountError(
		found.status,
		{ code: found.code, ...(found.retryAfter ? { retryAfter: found.retryAfter } : {}) },
		headers
	);
};
