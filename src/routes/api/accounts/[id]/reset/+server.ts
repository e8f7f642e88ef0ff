/**
 * POST /api/accounts/:id/reset {credential}: an admin gives a staff member who forgot her password
 * a new first-time password or setup code. Her sessions end on every device; at her next sign-in
 * she chooses her own password again.
 */
import { json } from '@sveltejs/kit';
import { resetRequestSchema } from '$lib/domain/staff-accounts';
import { administeredAccount, storedCredential, summaryOf } from '$lib/server/account-admin';
import { updateAccount } from '$lib/server/accounts';
import { serverContext } from '$lib/server/context';
import { accountError, readJsonBody } from '$lib/server/request-auth';
import { revokeAccountSessions } from '$lib/server/sessions';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = async (event) => {
	const { db } = await serverContext();
	const found = await administeredAccount(event, db);
	if (!found.ok) return found.response;
	const { actor, target } = found;
	// A volunteer resets her own password with her station's claim code, not here.
	if (target.role === 'volunteer') return accountError(409, { code: 'not_staff' });
	const body = await readJsonBody(event, resetRequestSchema);
	if (!body.ok) return body.response;
	const { setupCode, ...credential } = await storedCredential(body.value.credential);
	const now = await db.transaction().execute(async (trx) => {
		const row = await updateAccount(trx, target.id, credential, actor.accountId);
		await revokeAccountSessions(trx, target.id);
		return row;
	});
	return json(
		{
			account: summaryOf(now ?? target),
			...(setupCode ? { setupCode, expiresAt: credential.password_expires_at } : {})
		},
		{ headers: { 'cache-control': 'no-store' } }
	);
};
