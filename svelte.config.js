import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const builtAt = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '.');
// APP_VERSION names a build (e.g. `APP_VERSION=2 npm run build`); else version and build time,
// kept in the environment so that every load of this file during one build gives the same name.
process.env.APP_VERSION ||= `${pkg.version}+${builtAt}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		// Components' styles travel inside their JavaScript and are added when they first mount,
		// rather than as one stylesheet per component that the shell must fetch before it paints:
		// the shell links only the global stylesheet. (The CSP allows inline styles.)
		css: 'injected',
		// Runes everywhere in our code; libraries decide for themselves.
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		// The node server (server/) is plain JavaScript checked with the app.
		typescript: {
			config: (tsconfig) => {
				tsconfig.include.push('../server/**/*.js', '../scripts/**/*.js', '../scripts/**/*.ts');
			}
		},
		// BUILD_DIR lets a second build sit beside the first (the update test serves both in turn).
		adapter: adapter({ precompress: true, out: process.env.BUILD_DIR || 'build' }),
		// Absolute asset paths: a nested route served from the offline shell must still find /_app/.
		paths: { relative: false },
		// Shown on /about and part of the precache, so a new build is a new service worker.
		version: { name: process.env.APP_VERSION },
		// No inline script runs but SvelteKit's own start-up, allowed by its hash. Prerendered pages
		// (the shell the service worker serves for every navigation) carry the policy in a <meta>
		// tag, which the node server (server/index.js) also sends as a header, with frame-ancestors.
		// Inline styles stay allowed: Svelte sets style attributes, and they run no code.
		// 'wasm-unsafe-eval' lets the roster's card scanner compile its QR reader, a WebAssembly
		// file served from our own origin (the polyfill for browsers without BarcodeDetector);
		// it allows no eval of JavaScript.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'media-src': ['self', 'blob:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
