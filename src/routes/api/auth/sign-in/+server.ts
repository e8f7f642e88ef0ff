/**
 * POST /api/auth/sign-in {login, password} → {account} and that account's session cookie.
 *
 * A new token on every sign-in; the one this browser held for the account before (if its cookie
 * came along) is revoked, so a token seen before sign-in is worth nothing after it. A wrong login
 * and a wrong password get the same answer in the same time; too many failures get 429 before
 * any password is checked.
 */
import { json } from '@sveltejs/kit';
import { signInRequestSchema, sessionCookieName } from '$lib/domain/accounts';
import {
	accountInfo,
	findAccountByLogin,
	normalizeLogin,
	setPasswordHash
} from '$lib/server/accounts';
import { serverContext } from '$lib/server/context';
import {
	hashPassword,
	needsRehash,
	verifyDummyPassword,
	verifyPassword
} from '$lib/server/passwords';
import { signInLimits } from '$lib/server/rate-limit';
import {
	accountError,
	readCookie,
	readJsonBody,
	refuseCrossSite,
	sessionCookie,
	sessionPolicy
} from '$lib/server/request-auth';
import { createSession, pruneSessions, revokeSession } from '$lib/server/sessions';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = async (event) => {
	const refused = refuseCrossSite(event);
	if (refused) return refused;
	const body = await readJsonBody(event, signInRequestSchema);
	if (!body.ok) return body.response;
	const { password } = body.value;
	const login = normalizeLogin(body.value.login);
	const address = event.getClientAddress();

	const wait = signInLimits.retryAfter(login, address);
	if (wait > 0) {
		return accountError(
			429,
			{ code: 'too_many_attempts', retryAfter: wait },
			{ 'retry-after': String(wait) }
		);
	}

	const { db } = await serverContext();
	const account = await findAccountByLogin(db, login);
	const matches = account
		? await verifyPassword(password, account.password_hash)
		: await verifyDummyPassword(password);
	if (!account || !matches) {
		signInLimits.failed(login, address);
		return accountError(401, { code: 'wrong_credentials' });
	}
	signInLimits.succeeded(login);
	if (account.disabled) return accountError(403, { code: 'account_disabled' });

	if (needsRehash(account.password_hash)) {
		await setPasswordHash(db, account.id, await hashPassword(password));
	}
	const policy = sessionPolicy();
	const previous = readCookie(event.request, sessionCookieName(account.id));
	if (previous) await revokeSession(db, previous, account.id);
	await pruneSessions(db, account.id, { policy });
	const session = await createSession(db, account.id, { policy });
	return json(
		{ account: accountInfo(account) },
		{ headers: { 'set-cookie': sessionCookie(event.url, account.id, session.token, policy) } }
	);
};
