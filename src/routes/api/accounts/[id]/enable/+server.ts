/**
 * POST /api/accounts/:id/enable: the same admins who may disable an account may enable it again.
 * She signs in afresh (disabling ended her sessions).
 */
import { json } from '@sveltejs/kit';
import { administeredAccount, summaryOf } from '$lib/server/account-admin';
import { updateAccount } from '$lib/server/accounts';
import { serverContext } from '$lib/server/context';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = async (event) => {
	const { db } = await serverContext();
	const found = await administeredAccount(event, db);
	if (!found.ok) return found.response;
	const { actor, target } = found;
	const now = await updateAccount(db, target.id, { disabled: 0 }, actor.accountId);
	return json({ account: summaryOf(now ?? target) });
};
