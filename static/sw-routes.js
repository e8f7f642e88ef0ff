// Imported by the service worker that Workbox generates (vite.config.ts, `importScripts`).
// Content-hashed files never change under their name, so the browser may answer them from the
// precache itself, without running the worker's script once per file: a cold start loads about
// a hundred of them. A file missing from the cache goes to the network, as the worker would send
// it. Browsers without static routing (InstallEvent.addRoutes) keep the worker's own handler.
self.addEventListener('install', (event) => {
	if (typeof event.addRoutes !== 'function') return;
	event.waitUntil(
		event
			.addRoutes([{ condition: { urlPattern: { pathname: '/_app/immutable/*' } }, source: 'cache' }])
			.catch(() => undefined)
	);
});
