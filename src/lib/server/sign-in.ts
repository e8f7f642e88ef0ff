/**
 * Checking a login and its secret, and starting a session: shared by sign-in and by the step
 * where a new staff member replaces her first-time password or setup code with her own.
 *
 * Every attempt is counted before its secret is checked: too many for the login (or, from a
 * browser it never signed in on, for the address) get 429 unchecked. A wrong login and a wrong
 * secret get the same answer in the same time.
 */
import { json, type RequestEvent } from '@sveltejs/kit';
import { sessionCookieName } from '$lib/domain/accounts';
import { accountInfo, findAccountByLogin, normalizeLogin, type AccountRow } from './accounts';
import type { Db } from './database';
import { verifyCode } from './one-time-codes';
import { verifyDummyPassword, verifyPassword } from './passwords';
import {
	admit,
	forget,
	oneAtATime,
	signInPerAddress,
	signInPerLogin,
	withdraw
} from './rate-limit';
import {
	accountError,
	cookieIsSecure,
	readCookie,
	sessionCookie,
	sessionPolicy
} from './request-auth';
import { createSession, pruneSessions, revokeSession } from './sessions';
import { DEVICE_COOKIE, deviceCookie, isTrustedDevice, trustDevice } from './trusted-devices';

export type Verified =
	{ ok: true; account: AccountRow; login: string } | { ok: false; response: Response };

/** Whether the account holds a setup code (rather than a password) until she sets her own. */
export const holdsSetupCode = (account: AccountRow) =>
	Number(account.must_change_password) === 1 && account.password_expires_at !== null;

/** A setup code past its time (judged by the server's clock). */
export const setupCodeExpired = (account: AccountRow, now = Date.now()) =>
	account.password_expires_at !== null && Date.parse(account.password_expires_at) <= now;

function tooMany(retryAfter: number) {
	return accountError(
		429,
		{ code: 'too_many_attempts', retryAfter },
		{ 'retry-after': String(retryAfter) }
	);
}

/**
 * Counts the attempt, then checks the secret: a password, or a setup code typed in any case.
 * A disabled account is told so only once its secret was right.
 */
export async function verifyLogin(
	event: RequestEvent,
	db: Db,
	rawLogin: string,
	secret: string
): Promise<Verified> {
	const login = normalizeLogin(rawLogin);
	// Counted before the secret is checked: a burst sent at once meets the limit like a series.
	const deviceToken = readCookie(event.request, DEVICE_COOKIE);
	const trusted = await isTrustedDevice(db, deviceToken, login);
	const limits = [signInPerLogin(login)];
	if (!trusted) limits.push(signInPerAddress(event.getClientAddress()));
	const admission = await admit(db, limits);
	if (!admission.ok) return { ok: false, response: tooMany(admission.retryAfter) };

	const account = await findAccountByLogin(db, login);
	const matches = await oneAtATime(login, () => {
		if (!account) return verifyDummyPassword(secret);
		return holdsSetupCode(account)
			? verifyCode(secret, account.password_hash)
			: verifyPassword(secret, account.password_hash);
	});
	if (!account || !matches) {
		return { ok: false, response: accountError(401, { code: 'wrong_credentials' }) };
	}
	// Her failures are forgiven; this attempt no longer counts against her address either.
	await forget(db, signInPerLogin(login).kind, login);
	await withdraw(db, admission.attemptId);
	if (account.disabled) {
		return { ok: false, response: accountError(403, { code: 'account_disabled' }) };
	}
	return { ok: true, account, login };
}

/**
 * A new session for the account, answered with the account and its cookie. The token this
 * browser held for the account before (if its cookie came along) is revoked, so a token seen
 * before sign-in is worth nothing after it.
 */
export async function startSession(
	event: RequestEvent,
	db: Db,
	account: AccountRow,
	login: string,
	status = 200
): Promise<Response> {
	const policy = sessionPolicy();
	const previous = readCookie(event.request, sessionCookieName(account.id));
	if (previous) await revokeSession(db, previous, account.id);
	await pruneSessions(db, account.id, { policy });
	const session = await createSession(db, account.id, { policy });
	await db
		.updateTable('accounts')
		.set({ last_sign_in_at: new Date().toISOString() })
		.where('id', '=', account.id)
		.execute();
	const headers = new Headers();
	headers.append('set-cookie', sessionCookie(event.url, account.id, session.token, policy));
	const device = await trustDevice(db, readCookie(event.request, DEVICE_COOKIE), login);
	if (device.isNew) {
		headers.append('set-cookie', deviceCookie(device.token, cookieIsSecure(event.url)));
	}
	return json({ account: accountInfo(account) }, { status, headers });
}
