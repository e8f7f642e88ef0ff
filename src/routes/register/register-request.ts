/**
 * Sends a volunteer's self-registration to the server (online only: her account and her member
 * record are made there, together) and reads its answer into a result the form can show.
 */
import type { AccountInfo, SelfRegistration } from '$lib/domain/accounts';
import { postForAccount, type Fetch } from '$lib/client/device/auth';

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

export async function requestRegistration(
	form: SelfRegistration,
	fetcher?: Fetch
): Promise<RegisterResult> {
	const result = await postForAccount('/api/auth/register', form, fetcher);
	return result.ok ? result : { ...result, path: result.path ?? [] };
}
