import { json } from '@sveltejs/kit';
import { pullRequestSchema } from '$lib/domain/sync';
import { serverContext } from '$lib/server/context';
import { readSyncRequest } from '$lib/server/http';
import { actorFromRequest } from '$lib/server/request-auth';
import { pull } from '$lib/server/sync';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = async (event) => {
	const { db } = await serverContext();
	const auth = await actorFromRequest(event, db);
	if (!auth.ok) return auth.response;
	const request = await readSyncRequest(event, pullRequestSchema);
	if (!request.ok) return request.response;
	return json(await pull(db, request.value, auth.actor));
};
