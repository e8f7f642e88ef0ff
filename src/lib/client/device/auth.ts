/**
 * The account endpoints as the device calls them. Only signing in needs the network; signing out
 * works offline too: the server session is ended when the device is next online
 * (`sendPendingSignOuts`), while the device's copy of the account is wiped at once.
 */
import * as z from 'zod/mini';
import { ACCOUNT_HEADER, accountInfoSchema, type AccountInfo } from '$lib/domain/accounts';
import { forgetSignOut, pendingSignOuts, rememberSignOut } from './device';

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

const defaultFetch: Fetch = (input, init) => fetch(input, init);

/** What an account endpoint that answers with the account (sign-in, registration) came to. */
export type AccountResult =
	| { ok: true; account: AccountInfo }
	| {
			ok: false;
			/** wrong_credentials, too_many_attempts, account_disabled, offline, required... */
			code: string;
			path?: (string | number)[];
			/** Seconds until the server takes another try (too_many_attempts). */
			retryAfter?: number;
	  };
export type SignInResult = AccountResult;

const accountResponseSchema = z.object({ account: accountInfoSchema });
const errorSchema = z.object({
	code: z.string(),
	path: z.optional(z.array(z.union([z.string(), z.number()]))),
	retryAfter: z.optional(z.number())
});

/**
 * Posts to an account endpoint and reads its answer: the account, or the refusal with its code,
 * field and wait. No answer, or a server that is down, comes back as `offline`.
 */
export async function postForAccount(
	url: string,
	payload: unknown,
	fetcher: Fetch = defaultFetch
): Promise<AccountResult> {
	let response: Response;
	try {
		response = await fetcher(url, {
			method: 'POST',
			credentials: 'same-origin',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(payload)
		});
	} catch {
		return { ok: false, code: 'offline' };
	}
	let body: unknown = null;
	try {
		body = await response.json();
	} catch {
		// not JSON (a proxy's error page): judged by the status below
	}
	if (response.ok) {
		const parsed = accountResponseSchema.safeParse(body);
		return parsed.success
			? { ok: true, account: parsed.data.account }
			: { ok: false, code: 'invalid_response' };
	}
	const error = errorSchema.safeParse(body);
	if (!error.success) {
		// The service worker's offline answer, or a gateway with the server down.
		return { ok: false, code: response.status >= 500 ? 'offline' : 'invalid_response' };
	}
	const retryAfter =
		error.data.retryAfter ?? (Number(response.headers.get('retry-after')) || undefined);
	return { ok: false, code: error.data.code, path: error.data.path, retryAfter };
}

/** Signs in online; the server answers with the account and sets its session cookie. */
export function requestSignIn(
	login: string,
	password: string,
	fetcher: Fetch = defaultFetch
): Promise<SignInResult> {
	return postForAccount('/api/auth/sign-in', { login, password }, fetcher);
}

/**
 * Ends an account's server session. Answers whether the server has it (an account the server
 * already signed out counts), false when it could not be reached.
 */
export async function requestSignOut(
	accountId: string,
	fetcher: Fetch = defaultFetch
): Promise<boolean> {
	try {
		const response = await fetcher('/api/auth/sign-out', {
			method: 'POST',
			credentials: 'same-origin',
			headers: { 'content-type': 'application/json', [ACCOUNT_HEADER]: accountId },
			body: '{}'
		});
		return response.ok || response.status === 401;
	} catch {
		return false;
	}
}

/** Ends the account's server session now, or remembers to when the device is next online. */
export async function signOutOnServer(accountId: string, fetcher: Fetch = defaultFetch) {
	await rememberSignOut(accountId);
	if (await requestSignOut(accountId, fetcher)) await forgetSignOut(accountId);
}

/** Sends the sign-outs made offline. Safe to call often: an empty list costs one read. */
export async function sendPendingSignOuts(fetcher: Fetch = defaultFetch): Promise<void> {
	for (const accountId of await pendingSignOuts()) {
		if (!(await requestSignOut(accountId, fetcher))) return;
		await forgetSignOut(accountId);
	}
}
