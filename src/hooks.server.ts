import type { Handle, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { env } from '$env/dynamic/private';
import { serverContext } from '$lib/server/context';
import {
	defaultPolicy,
	isApiPath,
	securityHeaders,
	withFrameAncestors
} from '../server/security-headers.js';

/** Open the database (migrate, load demo data on first start) before the first request. */
export const init: ServerInit = async () => {
	if (!building) await serverContext();
};

/**
 * Every answer SvelteKit makes carries the security headers (server/security-headers.js); the
 * node server adds the same to the static files it serves before SvelteKit is asked. A page keeps
 * the policy SvelteKit wrote for it (kit.csp, with its scripts' hashes).
 */
export const handle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = securityHeaders({
		https: (env.ORIGIN ?? event.url.origin).startsWith('https:'),
		personal: isApiPath(event.url.pathname)
	});
	try {
		for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
		// A 304 keeps the policy of the copy the browser revalidated (it names no content type).
		if (response.status === 304) return response;
		const type = response.headers.get('content-type') ?? '';
		const isPage = type.includes('text/html');
		const policy = response.headers.get('content-security-policy');
		response.headers.set(
			'content-security-policy',
			isPage ? withFrameAncestors(policy) : (policy ?? defaultPolicy(type))
		);
		return response;
	} catch {
		// A response with immutable headers (fetched from elsewhere): copy it.
		const copy = new Response(response.body, response);
		for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
		return copy;
	}
};
