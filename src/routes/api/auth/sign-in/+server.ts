/**
 * POST /api/auth/sign-in {login, password} → {account} and that account's session cookie.
 *
 * A new token on every sign-in (see `$lib/server/sign-in`). An account still on the first-time
 * password or setup code an admin gave gets 403 `password_change_required` instead of a session:
 * she chooses her own first (`/api/auth/activate`); a setup code past its week gets 403
 * `setup_code_expired`, and her admin makes a new one.
 */
import { signInRequestSchema } from '$lib/domain/accounts';
import { setPasswordHash } from '$lib/server/accounts';
import { serverContext } from '$lib/server/context';
import { hashPassword, needsRehash } from '$lib/server/passwords';
import { accountError, readJsonBody, refuseCrossSite } from '$lib/server/request-auth';
import { holdsSetupCode, setupCodeExpired, startSession, verifyLogin } from '$lib/server/sign-in';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = async (event) => {
	const refused = refuseCrossSite(event);
	if (refused) return refused;
	const body = await readJsonBody(event, signInRequestSchema);
	if (!body.ok) return body.response;
	const { password } = body.value;
	const { db } = await serverContext();
	const verified = await verifyLogin(event, db, body.value.login, password);
	if (!verified.ok) return verified.response;
	const { account, login } = verified;
	if (setupCodeExpired(account)) return accountError(403, { code: 'setup_code_expired' });
	if (Number(account.must_change_password) === 1) {
		return accountError(403, { code: 'password_change_required' });
	}
	if (!holdsSetupCode(account) && needsRehash(account.password_hash)) {
		await setPasswordHash(db, account.id, await hashPassword(password));
	}
	return startSession(event, db, account, login);
};
