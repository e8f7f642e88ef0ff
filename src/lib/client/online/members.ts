/**
 * An admin's members, found on the server (her device keeps only those she registered or opened):
 * a search a page at a time, and opening one, which writes her record and sign-ups into the device
 * as a pull would and holds her there from then on. Online only: without the server, `offline`.
 */
import {
	memberSearchAnswerSchema,
	openedMemberSchema,
	type MemberSearchAnswer
} from '$lib/domain/member-search';
import { localDb, syncEngine } from '$lib/client/data/app.svelte';
import { callApi, type ApiResult } from './api';

export function searchMembersOnline(
	q: string,
	page: number
): Promise<ApiResult<MemberSearchAnswer>> {
	const query = new URLSearchParams({ q, page: String(page) });
	return callApi(`/api/members/search?${query.toString()}`, { schema: memberSearchAnswerSchema });
}

/**
 * Opens a member onto this device. Under the sync lock, so no pull writes between the server's
 * answer and this write; a newer copy the device already holds is kept.
 */
export function openMemberOnDevice(id: string): Promise<ApiResult<null>> {
	return syncEngine().exclusive(async () => {
		const opened = await callApi(`/api/members/${encodeURIComponent(id)}/open`, {
			method: 'POST',
			schema: openedMemberSchema
		});
		if (!opened.ok) return opened;
		const { applyOpened } = await import('$lib/client/data/sync');
		await applyOpened(localDb(), opened.data);
		return { ok: true, data: null };
	});
}
