/**
 * GET /api/figures?period=YYYY[-MM][&district=…[&street=…]|&station=…]: the figures of the
 * caller's scope, or of a unit inside it (`$lib/domain/figures`). Stations count as stale when
 * their tablets have not synced for `STALE_AFTER_DAYS` days (3 unless set).
 */
import { json } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { figuresQuerySchema } from '$lib/domain/figures';
import { serverContext } from '$lib/server/context';
import { computeFigures, figureScopeFor, staleAfterDaysFrom } from '$lib/server/figures';
import { accountError, actorFromRequest } from '$lib/server/request-auth';
import type { RequestHandler } from './$types';

export const prerender = false;

export const GET: RequestHandler = async (event) => {
	const { db } = await serverContext();
	const auth = await actorFromRequest(event, db);
	if (!auth.ok) return auth.response;
	const query = figuresQuerySchema.safeParse(Object.fromEntries(event.url.searchParams));
	if (!query.success) {
		const path = query.error.issues[0]?.path.map(String) ?? [];
		return accountError(400, { code: 'invalid', path });
	}
	const { period, ...unit } = query.data;
	const scope = await figureScopeFor(db, auth.actor, unit);
	if (!scope.ok) return accountError(403, { code: scope.code });
	const answer = await computeFigures(db, scope.scope, period, {
		staleAfterDays: staleAfterDaysFrom(env.STALE_AFTER_DAYS)
	});
	return json(answer, { headers: { 'cache-control': 'no-store' } });
};
