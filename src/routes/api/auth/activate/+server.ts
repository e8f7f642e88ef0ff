/**
 * POST /api/auth/activate {login, password, newPassword}: a staff member signing in for the first
 * time with the first-time password or setup code her admin gave replaces it with her own, and is
 * signed in. Counted and checked like a sign-in; 409 `password_already_set` when she has her own
 * already, 400 `password_unchanged` when the new one is the old.
 */
import { activationSchema } from '$lib/domain/accounts';
import { updateAccount } from '$lib/server/accounts';
import { serverContext } from '$lib/server/context';
import { hashPassword } from '$lib/server/passwords';
import { accountError, readJsonBody, refuseCrossSite } from '$lib/server/request-auth';
import { setupCodeExpired, startSession, verifyLogin } from '$lib/server/sign-in';
import { revokeAccountSessions } from '$lib/server/sessions';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = async (event) => {
	const refused = refuseCrossSite(event);
	if (refused) return refused;
	const body = await readJsonBody(event, activationSchema);
	if (!body.ok) return body.response;
	const { password, newPassword } = body.value;
	const { db } = await serverContext();
	const verified = await verifyLogin(event, db, body.value.login, password);
	if (!verified.ok) return verified.response;
	const { account, login } = verified;
	if (Number(account.must_change_password) !== 1) {
		return accountError(409, { code: 'password_already_set' });
	}
	if (setupCodeExpired(account)) return accountError(403, { code: 'setup_code_expired' });
	if (newPassword === password) {
		return accountError(400, { code: 'password_unchanged', path: ['newPassword'] });
	}
	const updated = await updateAccount(
		db,
		account.id,
		{
			password_hash: await hashPassword(newPassword),
			must_change_password: 0,
			password_expires_at: null
		},
		account.id
	);
	// Whatever the first-time secret opened before is closed now.
	await revokeAccountSessions(db, account.id);
	return startSession(event, db, updated ?? account, login);
};
