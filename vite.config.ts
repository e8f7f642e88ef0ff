import { availableParallelism } from 'node:os';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';
import { firstScreenChunks } from './scripts/first-screen-chunks.js';

/** The prerendered, client-only page that answers every navigation offline (src/routes/shell). */
const SHELL = '/shell';

export default defineConfig({
	resolve: {
		alias: [
			// Dexie's own ES2021 build rather than the ES5 UMD file its package entry wraps (about
			// 1.5 KB less gzip on every page, and the same code). The wrapper only guards against a
			// second copy loaded through `require`, which nothing here does.
			{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }
		]
	},
	plugins: [
		// Under vitest the messages are compiled once beforehand (npm run i18n); the plugin's file
		// watcher would otherwise keep the test run from exiting.
		!process.env.VITEST &&
			paraglideVitePlugin({
				project: './project.inlang',
				outdir: './src/lib/paraglide',
				strategy: ['cookie', 'custom-browser', 'baseLocale']
			}),
		sveltekit(),
		firstScreenChunks(),
		SvelteKitPWA({
			// The user decides when a new version takes over (after their outbox is pushed):
			// src/lib/pwa/service-worker.svelte.ts registers the worker and asks.
			registerType: 'prompt',
			injectRegister: false,
			kit: { includeVersionFile: true },
			manifest: {
				id: '/',
				name: '巾帼志愿服务站 Women Volunteer Stations',
				short_name: '巾帼志愿服务站',
				description:
					'北京市妇联巾帼志愿服务站：志愿者登记、项目发布与报名，离线可用，有长辈模式。Beijing Women’s Federation volunteer stations: registration, projects and sign-ups, offline first, with large text.',
				lang: 'zh-CN',
				dir: 'ltr',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				orientation: 'any',
				background_color: '#faf7f5',
				theme_color: '#b3264a',
				categories: ['social', 'productivity'],
				icons: [
					{ src: '/pwa-64x64.png', sizes: '64x64', type: 'image/png' },
					{ src: '/pwa-192x192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/pwa-512x512.png', sizes: '512x512', type: 'image/png' },
					{
						src: '/maskable-icon-512x512.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					}
				],
				screenshots: [
					{
						src: '/screenshots/wide.png',
						sizes: '1024x768',
						type: 'image/png',
						form_factor: 'wide',
						label: '巾帼志愿服务站 Women Volunteer Stations'
					},
					{
						src: '/screenshots/narrow.png',
						sizes: '390x844',
						type: 'image/png',
						form_factor: 'narrow',
						label: '巾帼志愿服务站 Women Volunteer Stations'
					}
				]
			},
			workbox: {
				globPatterns: [
					// wasm: the roster's QR reader, so member cards scan offline too.
					'client/**/*.{js,css,ico,png,svg,webp,woff,woff2,webmanifest,wasm}',
					'prerendered/**/*.{html,json}'
				],
				// Screenshots are for install dialogs only: not worth a place on every device.
				globIgnores: ['server/**', 'client/screenshots/**'],
				// Every navigation outside /api/ gets the precached shell, online or not; the client
				// router then renders the address. Chosen over NetworkOnly + precacheFallback because
				// pages render on the device anyway (ssr = false), so the server's HTML adds nothing
				// but a round trip, a wait on a poor connection, and HTML from a newer version than
				// the precached scripts that this worker serves. /api/ is never answered with HTML.
				navigateFallback: SHELL,
				navigateFallbackDenylist: [/^\/api\//],
				// Static routes for the content-hashed files (static/sw-routes.js).
				importScripts: ['/sw-routes.js'],
				cleanupOutdatedCaches: true,
				// The first worker takes charge of the open page at once, so the app works offline
				// right after its first load. An update still waits for the user (no skipWaiting).
				clientsClaim: true,
				skipWaiting: false
			}
		})
	],
	test: {
		environment: 'node',
		setupFiles: ['src/lib/testing/setup.ts'],
		testTimeout: 20_000,
		// Loading the demo data before a file's tests takes seconds, more on a loaded machine.
		hookTimeout: 60_000,
		// Vitest runs one file fewer than the cores at a time, one at a time on a 2-core machine;
		// the PostgreSQL tests spend much of their time waiting on the database's own process, so
		// two at a time keep both cores busy.
		maxWorkers: Math.max(2, availableParallelism() - 1),
		projects: [
			// Everything, with the server on SQLite (in memory, or a file per simulated server).
			{
				extends: true,
				test: { name: 'unit', include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'] }
			},
			// The tests that reach a server database again, on a real PostgreSQL that the global
			// setup starts for the run: the server's own, the rules' server side, and the device
			// tests that sync through the real handlers.
			{
				extends: true,
				test: {
					name: 'postgres',
					include: [
						'src/lib/server/**/*.test.ts',
						'src/lib/domain/mutations/*.test.ts',
						'src/lib/client/{sync,account-sync,database-rebuilt,storage-full}.test.ts',
						'src/lib/client/queries/me.test.ts',
						'src/routes/register/register-request.test.ts'
					],
					globalSetup: ['src/lib/testing/postgres-global-setup.ts'],
					// Loading the full demo data takes seconds on PostgreSQL (a round trip per query).
					hookTimeout: 60_000
				}
			}
		]
	}
});
