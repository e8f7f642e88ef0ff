/**
 * Device cookies: a browser where a login has signed in before is known to the server by a random
 * token in an HttpOnly cookie (the database keeps only its hash, beside each login that signed in
 * there). A sign-in from such a browser is not held back by its address's limit, so when someone
 * guesses passwords from the address a whole station shares (one NAT, or every user behind a
 * proxy that does not pass the client's address on), the people who work there still get in.
 * Each login's own limit holds whatever the browser.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './database';

export const DEVICE_COOKIE = 'vs_device';
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;
/** About 400 days, the longest a browser keeps a cookie. */
const MAX_AGE_SECONDS = 400 * 86_400;

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Whether this browser's device token has signed this login in before. */
export async function isTrustedDevice(
	db: Db,
	token: string | null,
	login: string
): Promise<boolean> {
	if (!token || !TOKEN_FORMAT.test(token)) return false;
	const row = await db
		.selectFrom('trusted_devices')
		.select('login')
		.where('token_hash', '=', hashOf(token))
		.where('login', '=', login)
		.executeTakeFirst();
	return row !== undefined;
}

/**
 * Remembers that `login` signed in from this browser. Returns the browser's token, a new one
 * when it had none (or a malformed one), for the caller to set as the device cookie.
 */
export async function trustDevice(
	db: Db,
	token: string | null,
	login: string,
	now = new Date()
): Promise<{ token: string; isNew: boolean }> {
	const valid = token !== null && TOKEN_FORMAT.test(token);
	const kept = valid ? token : randomBytes(32).toString('base64url');
	const at = now.toISOString();
	await db
		.insertInto('trusted_devices')
		.values({ token_hash: hashOf(kept), login, created_at: at, last_used_at: at })
		.onConflict((oc) => oc.columns(['token_hash', 'login']).doUpdateSet({ last_used_at: at }))
		.execute();
	return { token: kept, isNew: !valid };
}

/** The Set-Cookie value of a device cookie. */
export function deviceCookie(token: string, secure: boolean): string {
	const parts = [
		`${DEVICE_COOKIE}=${token}`,
		'Path=/api/auth',
		`Max-Age=${MAX_AGE_SECONDS}`,
		'HttpOnly',
		'SameSite=Strict'
	];
	if (secure) parts.push('Secure');
	return parts.join('; ');
}
