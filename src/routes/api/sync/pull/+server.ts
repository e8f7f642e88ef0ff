import { json } from '@sveltejs/kit';
import { pullRequestSchema } from '$lib/domain/sync';
import { systemActor } from '$lib/server/authorization';
import { serverContext } from '$lib/server/context';
import { readSyncRequest } from '$lib/server/http';
import { pull } from '$lib/server/sync';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = async (event) => {
	const request = await readSyncRequest(event, pullRequestSchema);
	if (!request.ok) return request.response;
	const { db } = await serverContext();
	return json(await pull(db, request.value, systemActor));
};
