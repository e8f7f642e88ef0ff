/**
 * Requests that need the server and cannot wait in the outbox: account administration, one-time
 * codes, a volunteer's copy of her data. Each speaks for the unlocked account (its session cookie,
 * chosen by the `x-account` header) and answers its parsed body, or the refusal's code: `offline`
 * when the server could not be reached, so a screen can say the network is needed.
 */
import type * as z from 'zod/mini';
import { ACCOUNT_HEADER } from '$lib/domain/accounts';
import { account } from '$lib/client/device/account.svelte';

export type ApiResult<T> =
	{ ok: true; data: T } | { ok: false; code: string; path: (string | number)[] };

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

interface Call<S extends z.ZodMiniType> {
	method?: 'GET' | 'POST';
	body?: unknown;
	/** Checks the answer: never trust the network's shape. */
	schema: S;
	fetcher?: Fetch;
}

export async function callApi<S extends z.ZodMiniType>(
	url: string,
	{ method = 'GET', body, schema, fetcher = (input, init) => fetch(input, init) }: Call<S>
): Promise<ApiResult<z.infer<S>>> {
	const accountId = account.current?.id;
	if (!accountId) return { ok: false, code: 'signed_out', path: [] };
	let response: Response;
	try {
		response = await fetcher(url, {
			method,
			credentials: 'same-origin',
			headers: {
				[ACCOUNT_HEADER]: accountId,
				...(method === 'POST' ? { 'content-type': 'application/json' } : {})
			},
			body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined
		});
	} catch {
		return { ok: false, code: 'offline', path: [] };
	}
	let answer: unknown = null;
	try {
		answer = await response.json();
	} catch {
		// not JSON: a gateway's page, or the service worker's offline answer
	}
	if (response.ok) {
		const parsed = schema.safeParse(answer);
		return parsed.success
			? { ok: true, data: parsed.data }
			: { ok: false, code: 'invalid_response', path: [] };
	}
	const refusal = answer as { code?: unknown; path?: unknown } | null;
	if (typeof refusal?.code !== 'string') {
		return { ok: false, code: response.status >= 500 ? 'offline' : 'invalid_response', path: [] };
	}
	const path = Array.isArray(refusal.path) ? (refusal.path as (string | number)[]) : [];
	return { ok: false, code: refusal.code, path };
}
