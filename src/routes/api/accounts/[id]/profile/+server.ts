/**
 * POST /api/accounts/:id/profile {displayName}: corrects the name a staff account is shown by (in
 * headers, on the lock screen, in "recorded by" lines). Her colleagues' devices learn it at their
 * next sync, through the staff directory.
 */
import { json } from '@sveltejs/kit';
import { renameRequestSchema } from '$lib/domain/staff-accounts';
import { administeredAccount, summaryOf } from '$lib/server/account-admin';
import { updateAccount } from '$lib/server/accounts';
import { serverContext } from '$lib/server/context';
import { accountError, readJsonBody } from '$lib/server/request-auth';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = async (event) => {
	const { db } = await serverContext();
	const found = await administeredAccount(event, db);
	if (!found.ok) return found.response;
	const { actor, target } = found;
	if (target.role === 'volunteer') return accountError(409, { code: 'not_staff' });
	const body = await readJsonBody(event, renameRequestSchema);
	if (!body.ok) return body.response;
	const now = await updateAccount(
		db,
		target.id,
		{ display_name: body.value.displayName },
		actor.accountId
	);
	return json({ account: summaryOf(now ?? target) });
};
