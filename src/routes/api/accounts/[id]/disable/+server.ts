/**
 * POST /api/accounts/:id/disable. A city admin may disable any account; a district admin the
 * accounts of her district (its station workers, its other district admins and the volunteers
 * whose member record is in it), never a city admin. Every session of the account ends at once,
 * and her colleagues' devices learn she is no longer active at their next sync.
 */
import { json } from '@sveltejs/kit';
import { administeredAccount, summaryOf } from '$lib/server/account-admin';
import { accountInfo, disableAccount, findAccount } from '$lib/server/accounts';
import { serverContext } from '$lib/server/context';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = async (event) => {
	const { db } = await serverContext();
	const found = await administeredAccount(event, db);
	if (!found.ok) return found.response;
	const { actor, target } = found;
	await disableAccount(db, target.id, new Date(), actor.accountId);
	const now = (await findAccount(db, target.id)) ?? target;
	return json({ account: accountInfo(now), summary: summaryOf(now), disabled: true });
};
