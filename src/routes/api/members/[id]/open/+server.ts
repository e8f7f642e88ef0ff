/**
 * POST /api/members/:id/open: an admin opens a member she found by searching (see
 * `$lib/server/member-holds`). Her device holds the member from then on: 200 with the member's
 * record, sign-ups, attendance and roster entries as pull changes, and the server's version they
 * were read at; 403 not an admin, or a member outside her scope (nothing held); 404 no such member.
 */
import { json } from '@sveltejs/kit';
import * as z from 'zod/mini';
import { nowIso } from '$lib/domain/clock';
import { serverContext } from '$lib/server/context';
import { openMember } from '$lib/server/member-holds';
import { accountError, actorFromRequest } from '$lib/server/request-auth';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = async (event) => {
	const { db } = await serverContext();
	const auth = await actorFromRequest(event, db);
	if (!auth.ok) return auth.response;
	const id = z.uuid().safeParse(event.params.id);
	if (!id.success) return accountError(400, { code: 'invalid_id', path: ['id'] });
	const opened = await openMember(db, auth.actor, id.data, nowIso());
	if (!opened.ok) return accountError(opened.status, { code: opened.code });
	return json(opened.answer, { headers: { 'cache-control': 'no-store' } });
};
