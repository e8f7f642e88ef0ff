/** The account endpoints as the accounts screen calls them (online only; see `callApi`). */
import * as z from 'zod/mini';
import { callApi } from '$lib/client/online/api';
import {
	credentialIssuedSchema,
	staffAccountSummarySchema,
	type Credential,
	type NewStaffAccount
} from '$lib/domain/staff-accounts';

const listSchema = z.object({ accounts: z.array(staffAccountSummarySchema) });
const oneSchema = z.object({ account: staffAccountSummarySchema });

export function listStaffAccounts(filter: { station?: string; district?: string }) {
	const query = new URLSearchParams(
		Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1]))
	);
	const suffix = query.size > 0 ? `?${query}` : '';
	return callApi(`/api/accounts${suffix}`, { schema: listSchema });
}

export const openStaffAccount = (form: NewStaffAccount) =>
	callApi('/api/accounts', { method: 'POST', body: form, schema: credentialIssuedSchema });

export const resetStaffAccount = (id: string, credential: Credential) =>
	callApi(`/api/accounts/${id}/reset`, {
		method: 'POST',
		body: { credential },
		schema: credentialIssuedSchema
	});

export const setAccountEnabled = (id: string, enabled: boolean) =>
	callApi(`/api/accounts/${id}/${enabled ? 'enable' : 'disable'}`, {
		method: 'POST',
		schema: z.object({})
	});

export const renameStaffAccount = (id: string, displayName: string) =>
	callApi(`/api/accounts/${id}/profile`, {
		method: 'POST',
		body: { displayName },
		schema: oneSchema
	});
