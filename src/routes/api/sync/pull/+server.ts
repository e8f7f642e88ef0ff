import { json } from '@sveltejs/kit';
import { pullRequestSchema } from '$lib/domain/sync';
import { serverContext } from '$lib/server/context';
import { readSyncRequest, syncError } from '$lib/server/http';
import { actorFromRequest } from '$lib/server/request-auth';
import { ClientNotYoursError, pull } from '$lib/server/sync';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = async (event) => {
	const { db } = await serverContext();
	const auth = await actorFromRequest(event, db);
	if (!auth.ok) return auth.response;
	const request = await readSyncRequest(event, pullRequestSchema);
	if (!request.ok) return request.response;
	try {
		return json(await pull(db, request.value, auth.actor));
	} catch (error) {
		if (error instanceof ClientNotYoursError) return syncError(403, { code: 'client_not_yours' });
		throw error;
	}
};
