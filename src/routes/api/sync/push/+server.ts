import { json } from '@sveltejs/kit';
import { pushRequestSchema } from '$lib/domain/sync';
import { systemActor } from '$lib/server/authorization';
import { serverContext } from '$lib/server/context';
import { readSyncRequest, syncError } from '$lib/server/http';
import { MutationGapError, push } from '$lib/server/sync';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = async (event) => {
	const request = await readSyncRequest(event, pushRequestSchema);
	if (!request.ok) return request.response;
	const { db } = await serverContext();
	try {
		return json(await push(db, request.value, systemActor));
	} catch (error) {
		if (error instanceof MutationGapError) {
			return syncError(409, { code: 'mutation_gap', expected: error.expected });
		}
		throw error;
	}
};
