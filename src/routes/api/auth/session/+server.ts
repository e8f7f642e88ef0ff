/** GET /api/auth/session: the account named in `x-account`, while its session lives; else 401. */
import { json } from '@sveltejs/kit';
import { accountInfo } from '$lib/server/accounts';
import { serverContext } from '$lib/server/context';
import { actorFromRequest } from '$lib/server/request-auth';
import type { RequestHandler } from './$types';

export const prerender = false;

export const GET: RequestHandler = async (event) => {
	const { db } = await serverContext();
	const auth = await actorFromRequest(event, db);
	if (!auth.ok) return auth.response;
	return json({ account: accountInfo(auth.account) }, { headers: { 'cache-control': 'no-store' } });
};
