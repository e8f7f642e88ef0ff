/**
 * Finds a walk-in by her full phone number on the server (`POST /api/members/lookup`), for the
 * signed-in staff account. Online only: with no answer it says `offline`.
 */
import { ACCOUNT_HEADER } from '$lib/domain/accounts';
import { memberLookupAnswerSchema, type MemberLookupAnswer } from '$lib/domain/member-lookup';

export type LookupResult =
	| { ok: true; member: MemberLookupAnswer['member'] }
	| { ok: false; code: string; retryAfter?: number };

export async function lookUpMemberByPhone(
	accountId: string,
	phone: string,
	fetcher: typeof fetch = (...a) => fetch(...a)
): Promise<LookupResult> {
	let response: Response;
	try {
		response = await fetcher('/api/members/lookup', {
			method: 'POST',
			credentials: 'same-origin',
			headers: { 'content-type': 'application/json', [ACCOUNT_HEADER]: accountId },
			body: JSON.stringify({ phone })
		});
	} catch {
		return { ok: false, code: 'offline' };
	}
	let body: unknown = null;
	try {
		body = await response.json();
	} catch {
		// not JSON: judged by the status
	}
	if (response.ok) {
		const parsed = memberLookupAnswerSchema.safeParse(body);
		return parsed.success
			? { ok: true, member: parsed.data.member }
			: { ok: false, code: 'invalid_response' };
	}
	if (response.status >= 500) return { ok: false, code: 'offline' };
	const error = body as { code?: unknown; retryAfter?: unknown } | null;
	return {
		ok: false,
		code: typeof error?.code === 'string' ? error.code : 'invalid_response',
		retryAfter: typeof error?.retryAfter === 'number' ? error.retryAfter : undefined
	};
}
