import type { ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { serverContext } from '$lib/server/context';

/** Open the database (migrate, load demo data on first start) before the first request. */
export const init: ServerInit = async () => {
	if (!building) await serverContext();
};
