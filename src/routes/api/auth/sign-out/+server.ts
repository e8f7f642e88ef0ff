/**
 * POST /api/auth/sign-out, for the account named in `x-account`: revokes its session and clears
 * its cookie. 204 also when it was already signed out, so a device can always finish signing out.
 */
import { sessionCookieName } from '$lib/domain/accounts';
import { serverContext } from '$lib/server/context';
import {
	accountError,
	accountHeader,
	clearedSessionCookie,
	readCookie,
	refuseCrossSite
} from '$lib/server/request-auth';
import { revokeSession } from '$lib/server/sessions';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = async (event) => {
	const refused = refuseCrossSite(event);
	if (refused) return refused;
	const accountId = accountHeader(event.request);
	if (!accountId) return accountError(400, { code: 'account_required', path: ['x-account'] });
	const token = readCookie(event.request, sessionCookieName(accountId));
	if (token) {
		const { db } = await serverContext();
		await revokeSession(db, token, accountId);
	}
	return new Response(null, {
		status: 204,
		headers: { 'set-cookie': clearedSessionCookie(event.url, accountId) }
	});
};
