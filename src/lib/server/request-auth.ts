/**
 * Who a request speaks for, and the checks every state-changing request passes first.
 *
 * Several accounts can be signed in on one shared tablet: each has its own HttpOnly cookie
 * (`vs_session_<account id>`), and a request names the account it speaks for in the `x-account`
 * header. A cross-site page can make the browser send the cookies but cannot set that header, a
 * JSON content type or our Origin without a CORS preflight, which this server never grants.
 */
import { json, type RequestEvent } from '@sveltejs/kit';
import * as z from 'zod/mini';
import { env } from '$env/dynamic/private';
import { ACCOUNT_HEADER, sessionCookieName, type AccountErrorBody } from '$lib/domain/accounts';
import { refusalOfIssue } from '$lib/domain/pipeline';
import { actorOf, findAccount, type AccountRow } from './accounts';
import type { Actor } from './authorization';
import type { Db } from './database';
import { recentlyChecked, rememberChecked } from './session-cache';
import { checkSession, hashSessionToken, sessionPolicyFrom, type SessionPolicy } from './sessions';

export function accountError(status: number, body: AccountErrorBody, headers?: HeadersInit) {
	return json(body, { status, headers });
}

export const signedOut = () => accountError(401, { code: 'signed_out' });

/** Read on each use, so a test or an operator's environment change needs no restart of this module. */
export const sessionPolicy = (): SessionPolicy => sessionPolicyFrom(env);

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Cookies are Secure everywhere but plain http on this machine (development and tests). */
export function cookieIsSecure(url: URL): boolean {
	return !(url.protocol === 'http:' && loopbackHosts.has(url.hostname));
}

function cookie(url: URL, name: string, value: string, maxAgeSeconds: number): string {
	const parts = [
		`${name}=${value}`,
		'Path=/',
		`Max-Age=${maxAgeSeconds}`,
		'HttpOnly',
		'SameSite=Strict'
	];
	if (cookieIsSecure(url)) parts.push('Secure');
	return parts.join('; ');
}

/** The Set-Cookie value for a new session; it lives as long as the session can. */
export function sessionCookie(
	url: URL,
	accountId: string,
	token: string,
	policy: SessionPolicy = sessionPolicy()
): string {
	return cookie(url, sessionCookieName(accountId), token, Math.floor(policy.maxMs / 1000));
}

export function clearedSessionCookie(url: URL, accountId: string): string {
	return cookie(url, sessionCookieName(accountId), '', 0);
}

/** One cookie's value from the request, or null. */
export function readCookie(request: Request, name: string): string | null {
	for (const part of (request.headers.get('cookie') ?? '').split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
	}
	return null;
}

const accountIdSchema = z.uuid();

/** The account id the request says it speaks for, if it is a well-formed id. */
export function accountHeader(request: Request): string | null {
	const value = request.headers.get(ACCOUNT_HEADER);
	return value !== null && accountIdSchema.safeParse(value).success ? value : null;
}

/**
 * The checks a state-changing request passes before anything else: its Origin is ours (403
 * `bad_origin`; a missing Origin fails too, since browsers send it on every POST) and it is JSON
 * (415 `json_required`: a cross-site form cannot send JSON).
 */
export function refuseCrossSite(event: RequestEvent): Response | null {
	if (event.request.headers.get('origin') !== event.url.origin) {
		return accountError(403, { code: 'bad_origin' });
	}
	const type = event.request.headers.get('content-type') ?? '';
	if (!type.toLowerCase().startsWith('application/json')) {
		return accountError(415, { code: 'json_required' });
	}
	return null;
}

const stateChanging = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

export type Authenticated =
	| { ok: true; actor: Actor; account: AccountRow; token: string }
	| { ok: false; response: Response };

/**
 * The signed-in account a request speaks for: the `x-account` header names it, and its session
 * cookie must hold a live session of that account. Otherwise 401 `signed_out` (or the cross-site
 * refusals above, for a state-changing request).
 */
export async function actorFromRequest(event: RequestEvent, db: Db): Promise<Authenticated> {
	if (stateChanging(event.request.method)) {
		const refused = refuseCrossSite(event);
		if (refused) return { ok: false, response: refused };
	}
	const accountId = accountHeader(event.request);
	const token = accountId && readCookie(event.request, sessionCookieName(accountId));
	if (!accountId || !token) return { ok: false, response: signedOut() };
	// A session checked a few seconds ago costs no query (see session-cache.ts for how long
	// another process may still accept one revoked here).
	const tokenHash = hashSessionToken(token);
	const known = recentlyChecked(tokenHash, accountId);
	if (known) return { ok: true, actor: actorOf(known), account: known, token };
	const live = await checkSession(db, token, accountId, { policy: sessionPolicy() });
	const account = live ? await findAccount(db, live.accountId) : undefined;
	if (!live || !account || Number(account.disabled) !== 0) {
		return { ok: false, response: signedOut() };
	}
	rememberChecked(tokenHash, account, live.expiresAt);
	return { ok: true, actor: actorOf(account), account, token };
}

type Body<T> = { ok: true; value: T } | { ok: false; response: Response };

/** Reads a JSON body and checks it: 400 with the first problem's code and field path. */
export async function readJsonBody<S extends z.ZodMiniType>(
	event: RequestEvent,
	schema: S
): Promise<Body<z.infer<S>>> {
	let body: unknown;
	try {
		body = await event.request.json();
	} catch {
		return { ok: false, response: accountError(400, { code: 'invalid_json', path: [] }) };
	}
	const parsed = schema.safeParse(body);
	if (!parsed.success) {
		const { code, path } = refusalOfIssue(parsed.error.issues[0]);
		return { ok: false, response: accountError(400, { code, path }) };
	}
	return { ok: true, value: parsed.data };
}
