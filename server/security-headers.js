/**
 * The headers every answer of the server carries, whoever makes it: SvelteKit (pages and /api,
 * through hooks.server.ts) or the static file server in front of it (assets and the prerendered
 * shell the service worker serves for every navigation, through server/index.js). Plain
 * JavaScript, so the node server can load it without a build step.
 */

/**
 * The browser features our pages may use: the camera for our own pages (scanning member cards),
 * nothing else from anywhere.
 */
export const PERMISSIONS_POLICY = [
	'camera=(self)',
	'microphone=()',
	'geolocation=()',
	'payment=()',
	'usb=()',
	'serial=()',
	'hid=()',
	'midi=()',
	'magnetometer=()',
	'gyroscope=()',
	'accelerometer=()',
	'display-capture=()',
	'browsing-topics=()'
].join(', ');

/** The policy of an answer that is not a page: it loads nothing and is framed by nobody. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/**
 * The policy of a script. It only binds a script run as a worker (the service worker takes its
 * policy from its own answer), which fetches and imports from our origin and nothing else.
 */
export const SCRIPT_CSP =
	"default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Added to a page's policy: which cannot say it in a <meta> tag. */
export const FRAME_ANCESTORS = "frame-ancestors 'none'";

/**
 * The headers for one answer. `https` says whether the app is served over https (ORIGIN), which
 * makes browsers keep to https for a year (HSTS); `personal` marks answers that may carry names
 * and phone numbers (every /api/ answer), which no cache may keep.
 * @param {{ https: boolean; personal: boolean }} options
 * @returns {Record<string, string>}
 */
export function securityHeaders({ https, personal }) {
	/** @type {Record<string, string>} */
	const headers = {
		'x-content-type-options': 'nosniff',
		'x-frame-options': 'DENY',
		'referrer-policy': 'same-origin',
		'permissions-policy': PERMISSIONS_POLICY,
		'cross-origin-opener-policy': 'same-origin',
		'cross-origin-resource-policy': 'same-origin'
	};
	if (https) headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
	if (personal) headers['cache-control'] = 'no-store';
	return headers;
}

/**
 * The service worker's own scripts, which an update check must not take from the browser's
 * cache: `sw.js`, and `sw-routes.js` that it imports (browsers check imported scripts through
 * their HTTP cache, where a file with no caching headers may be kept a while).
 */
export const isWorkerScript = (/** @type {string} */ pathname) =>
	pathname === '/sw.js' || pathname === '/sw-routes.js';

/** Whether a path is one of the API's, whose answers carry personal data. */
export const isApiPath = (/** @type {string} */ pathname) =>
	pathname === '/api' || pathname.startsWith('/api/');

/**
 * The policy an answer of this content type gets when its maker set none.
 * @param {string} contentType
 */
export function defaultPolicy(contentType) {
	return /javascript/i.test(contentType) ? SCRIPT_CSP : NON_PAGE_CSP;
}

/**
 * A page's policy with `frame-ancestors` added (once), or the non-page policy when there is none.
 * @param {string | null | undefined} policy
 */
export function withFrameAncestors(policy) {
	if (!policy) return NON_PAGE_CSP;
	return /frame-ancestors/.test(policy)
		? policy
		: `${policy.replace(/;\s*$/, '')}; ${FRAME_ANCESTORS}`;
}

/**
 * The CSP a prerendered page declares in its <meta http-equiv> tag (SvelteKit writes it, with the
 * hashes of its inline scripts), for the server to send as a header too.
 * @param {string} html
 * @returns {string | null}
 */
export function metaPolicy(html) {
	const tag = html.match(/<meta[^>]+http-equiv="content-security-policy"[^>]*>/i)?.[0];
	const content = tag?.match(/content="([^"]*)"/i)?.[1];
	return content
		? content
				.replace(/&#39;/g, "'")
				.replace(/&quot;/g, '"')
				.replace(/&amp;/g, '&')
		: null;
}
