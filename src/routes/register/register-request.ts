/**
 * Sends a volunteer's self-registration to the server (online only: her account and her member
 * record are made there, together) and reads its answer into a result the form can show.
 */
import * as z from 'zod/mini';
import { accountInfoSchema, type AccountInfo, type SelfRegistration } from '$lib/domain/accounts';

export type RegisterResult =
	| { ok: true; account: AccountInfo }
	| {
			ok: false;
			/** A field's or the form's error code; `offline` when the server could not be reached. */
			code: string;
			path: (string | number)[];
			/** Seconds until another try is taken (too_many_attempts). */
			retryAfter?: number;
	  };

const accepted = z.object({ account: accountInfoSchema });
const refused = z.object({
	code: z.string(),
	path: z.optional(z.array(z.union([z.string(), z.number()]))),
	retryAfter: z.optional(z.number())
});

export async function requestRegistration(
	form: SelfRegistration,
	fetcher: typeof fetch = fetch
): Promise<RegisterResult> {
	let response: Response;
	try {
		response = await fetcher('/api/auth/register', {
			method: 'POST',
			credentials: 'same-origin',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(form)
		});
	} catch {
		return { ok: false, code: 'offline', path: [] };
	}
	let body: unknown = null;
	try {
		body = await response.json();
	} catch {
		// Not JSON (a gateway's error page): judged by the status below.
	}
	if (response.ok) {
		const parsed = accepted.safeParse(body);
		return parsed.success
			? { ok: true, account: parsed.data.account }
			: { ok: false, code: 'invalid_response', path: [] };
	}
	const error = refused.safeParse(body);
	if (!error.success) {
		return { ok: false, code: response.status >= 500 ? 'offline' : 'invalid_response', path: [] };
	}
	const retryAfter =
		error.data.retryAfter ?? (Number(response.headers.get('retry-after')) || undefined);
	return { ok: false, code: error.data.code, path: error.data.path ?? [], retryAfter };
}
