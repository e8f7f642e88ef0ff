/**
 * The app's node server: adapter-node's request handler (static files, the prerendered shell,
 * then SvelteKit) behind the headers every answer must carry (security-headers.js). adapter-node's
 * own `build/index.js` serves static files without passing them through SvelteKit's hooks, so
 * they would go out bare; this server sets the headers on every answer instead.
 *
 * Environment: PORT (3000), HOST (0.0.0.0), BUILD_DIR (build), SHUTDOWN_TIMEOUT (30 s), and what
 * adapter-node's handler reads (ORIGIN, ADDRESS_HEADER, XFF_DEPTH, BODY_SIZE_LIMIT...).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, relative, resolve, sep } from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import {
	defaultPolicy,
	isApiPath,
	isWorkerScript,
	metaPolicy,
	securityHeaders,
	withFrameAncestors
} from './security-headers.js';

const buildDir = resolve(process.env.BUILD_DIR || 'build');
const { handler } = await import(pathToFileURL(join(buildDir, 'handler.js')).href);

/** Every prerendered page's policy, by the path it is served at (`/shell`, `/shell.html`...). */
function prerenderedPolicies() {
	/** @type {Map<string, string>} */
	const policies = new Map();
	const root = join(buildDir, 'prerendered');
	/** @param {string} dir */
	const walk = (dir) => {
		for (const name of readdirSync(dir)) {
			const file = join(dir, name);
			if (statSync(file).isDirectory()) walk(file);
			else if (name.endsWith('.html')) {
				const policy = metaPolicy(readFileSync(file, 'utf8'));
				if (!policy) continue;
				const path = '/' + relative(root, file).split(sep).join('/');
				const page = path.replace(/(\/index)?\.html$/, '') || '/';
				for (const at of new Set([path, page, `${page}/`])) policies.set(at, policy);
			}
		}
	};
	try {
		walk(root);
	} catch {
		// no prerendered pages
	}
	return policies;
}

const policies = prerenderedPolicies();
const https = (process.env.ORIGIN ?? '').startsWith('https:');

/**
 * Sets the headers on an answer just before it is written, when what it is (a page, a file, an
 * API answer) is known: a page gets its own policy (SvelteKit's header, or for a prerendered one
 * the policy its <meta> tag declares) with `frame-ancestors` added; anything else a policy that
 * loads nothing.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
function guard(req, res) {
	const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
	const headers = securityHeaders({ https, personal: isApiPath(pathname) });
	for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
	// Asked again (a 304 when unchanged) on every update check, so a new version never installs
	// with an old copy of the worker's routes.
	if (isWorkerScript(pathname)) res.setHeader('cache-control', 'no-cache');
	const writeHead = res.writeHead;
	/** @type {typeof res.writeHead} */
	const guarded = function (...args) {
		res.writeHead = writeHead;
		// A 304 has no content type: the browser keeps the policy of the copy it revalidated, so
		// none is sent rather than a non-page one that would replace it.
		const status = typeof args[0] === 'number' ? args[0] : res.statusCode;
		if (status === 304) {
			res.removeHeader('content-security-policy');
			// @ts-expect-error the overloads are passed through as they came
			return writeHead.apply(this, args);
		}
		// writeHead(status, [message], [headers]): its headers win over setHeader's.
		const given = args.find((a, i) => i > 0 && a && typeof a === 'object');
		/** @param {string} name */
		const read = (name) => {
			if (given && !Array.isArray(given)) {
				const key = Object.keys(given).find((k) => k.toLowerCase() === name);
				if (key) return String(/** @type {Record<string, unknown>} */ (given)[key]);
			}
			const set = res.getHeader(name);
			return set === undefined ? undefined : String(set);
		};
		const type = read('content-type') ?? '';
		const existing = read('content-security-policy');
		const policy = type.includes('text/html')
			? withFrameAncestors(existing ?? policies.get(pathname) ?? null)
			: (existing ?? defaultPolicy(type));
		if (given && !Array.isArray(given)) {
			const record = /** @type {Record<string, unknown>} */ (given);
			for (const key of Object.keys(record)) {
				if (key.toLowerCase() === 'content-security-policy') delete record[key];
			}
		}
		res.setHeader('content-security-policy', policy);
		// @ts-expect-error the overloads are passed through as they came
		return writeHead.apply(this, args);
	};
	res.writeHead = guarded;
}

const server = createServer((req, res) => {
	guard(req, res);
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '0.0.0.0';
server.listen(port, host, () => {
	console.log(`Listening on http://${host}:${port}`);
});

const shutdownTimeout = Number(process.env.SHUTDOWN_TIMEOUT || 30) * 1000;
let stopping = false;
/** Finishes the requests under way, then exits; a second signal does not wait. */
function shutdown() {
	if (stopping) return;
	stopping = true;
	server.closeIdleConnections();
	server.close(() => {
		// @ts-expect-error SvelteKit's own event for cleanup on shutdown
		process.emit('sveltekit:shutdown', 'SIGTERM');
		process.exit(0);
	});
	setTimeout(() => server.closeAllConnections(), shutdownTimeout).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
