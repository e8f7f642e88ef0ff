/**
 * POST /api/members/:id/claim-code: staff who look after a member (as `permissions.ts` decides)
 * give her a one-time code to claim her record with an account of her own at `/register`. The
 * code is answered once, to print or read out, and works for 7 days (server clock); a new one
 * replaces any earlier one. Needs the network: codes live only on the server, as a hash.
 */
import { json } from '@sveltejs/kit';
import * as z from 'zod/mini';
import { isStaff } from '$lib/domain/accounts';
import { mayManage } from '$lib/domain/permissions';
import { findAccountOfVolunteer } from '$lib/server/accounts';
import { loadFacts } from '$lib/server/authorization';
import { serverContext } from '$lib/server/context';
import { issueClaimCode } from '$lib/server/one-time-codes';
import { decodeRow } from '$lib/server/record-store';
import { accountError, actorFromRequest } from '$lib/server/request-auth';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = async (event) => {
	const { db } = await serverContext();
	const auth = await actorFromRequest(event, db);
	if (!auth.ok) return auth.response;
	const { actor } = auth;
	if (!isStaff(actor.role)) return accountError(403, { code: 'forbidden' });
	const id = z.uuid().safeParse(event.params.id);
	if (!id.success) return accountError(400, { code: 'invalid_id', path: ['id'] });
	const stored = await db
		.selectFrom('volunteers')
		.select(['data', 'version'])
		.where('id', '=', id.data)
		.where('deleted', '=', 0)
		.executeTakeFirst();
	// A member registered offline reaches the server with the tablet's next sync.
	if (!stored) return accountError(404, { code: 'member_not_synced', path: ['id'] });
	const member = decodeRow('volunteers', stored);
	const subject = { table: 'volunteers' as const, row: member };
	if (!mayManage(actor, subject, await loadFacts(db, actor, [subject]))) {
		return accountError(403, { code: 'forbidden' });
	}
	if (member.erasureRequestedAt) return accountError(409, { code: 'erasure_requested' });
	if (await findAccountOfVolunteer(db, member.id)) {
		return accountError(409, { code: 'already_claimed' });
	}
	const { code, expiresAt } = await issueClaimCode(db, member.id, actor.accountId ?? '');
	return json({ code, expiresAt }, { headers: { 'cache-control': 'no-store' } });
};
