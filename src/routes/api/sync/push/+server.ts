import { json } from '@sveltejs/kit';
import { pushRequestSchema } from '$lib/domain/sync';
import { serverContext } from '$lib/server/context';
import { readSyncRequest, syncError } from '$lib/server/http';
import { actorFromRequest } from '$lib/server/request-auth';
import { ClientNotYoursError, MutationGapError, push } from '$lib/server/sync';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = async (event) => {
	const { db } = await serverContext();
	const auth = await actorFromRequest(event, db);
	if (!auth.ok) return auth.response;
	const request = await readSyncRequest(event, pushRequestSchema);
	if (!request.ok) return request.response;
	try {
		return json(await push(db, request.value, auth.actor));
	} catch (error) {
		if (error instanceof ClientNotYoursError) return syncError(403, { code: 'client_not_yours' });
		if (error instanceof MutationGapError) {
			return syncError(409, { code: 'mutation_gap', expected: error.expected });
		}
		throw error;
	}
};
