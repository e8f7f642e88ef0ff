/**
 * POST /api/auth/sign-in {login, password} → {account} and that account's session cookie.
 *
 * A new token on every sign-in; the one this browser held for the account before (if its cookie
 * came along) is revoked, so a token seen before sign-in is worth nothing after it. A wrong login
 * and a wrong password get the same answer in the same time. Every attempt is counted before its
 * password is checked: too many for the login (or, from a browser it never signed in on, for the
 * address) get 429 unchecked.
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
import {
	admit,
	forget,
	oneAtATime,
	signInPerAddress,
	signInPerLogin,
	withdraw
} from '$lib/server/rate-limit';
import {
	accountError,
	cookieIsSecure,
	readCookie,
	readJsonBody,
	refuseCrossSite,
	sessionCookie,
	sessionPolicy
} from '$lib/server/request-auth';
import { createSession, pruneSessions, revokeSession } from '$lib/server/sessions';
import {
	DEVICE_COOKIE,
	deviceCookie,
	isTrustedDevice,
	trustDevice
} from '$lib/server/trusted-devices';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = async (event) => {
	const refused = refuseCrossSite(event);
	if (refused) return refused;
	const body = await readJsonBody(event, signInRequestSchema);
	if (!body.ok) return body.response;
	const { password } = body.value;
	const login = normalizeLogin(body.value.login);
	const { db } = await serverContext();

	// Counted before the password is checked: a burst sent at once meets the limit like a series.
	const deviceToken = readCookie(event.request, DEVICE_COOKIE);
	const trusted = await isTrustedDevice(db, deviceToken, login);
	const limits = [signInPerLogin(login)];
	if (!trusted) limits.push(signInPerAddress(event.getClientAddress()));
	const admission = await admit(db, limits);
	if (!admission.ok) {
		const wait = admission.retryAfter;
		return accountError(
			429,
			{ code: 'too_many_attempts', retryAfter: wait },
			{ 'retry-after': String(wait) }
		);
	}

	const account = await findAccountByLogin(db, login);
	const matches = await oneAtATime(login, () =>
		account ? verifyPassword(password, account.password_hash) : verifyDummyPassword(password)
	);
	if (!account || !matches) return accountError(401, { code: 'wrong_credentials' });
	// Her failures are forgiven; this attempt no longer counts against her address either.
	await forget(db, signInPerLogin(login).kind, login);
	await withdraw(db, admission.attemptId);
	if (account.disabled) return accountError(403, { code: 'account_disabled' });

	if (needsRehash(account.password_hash)) {
		await setPasswordHash(db, account.id, await hashPassword(password));
	}
	const policy = sessionPolicy();
	const previous = readCookie(event.request, sessionCookieName(account.id));
	if (previous) await revokeSession(db, previous, account.id);
	await pruneSessions(db, account.id, { policy });
	const session = await createSession(db, account.id, { policy });
	const headers = new Headers();
	headers.append('set-cookie', sessionCookie(event.url, account.id, session.token, policy));
	const device = await trustDevice(db, deviceToken, login);
	if (device.isNew)
		headers.append('set-cookie', deviceCookie(device.token, cookieIsSecure(event.url)));
	return json({ account: accountInfo(account) }, { headers });
};
