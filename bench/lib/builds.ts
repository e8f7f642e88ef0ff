/**
 * The builds the benchmark needs: the app's production build (rebuilt only when the sources are
 * newer than `build/`, or the folder BUILD_DIR names, as for `npm run build`), and the code that
 * runs inside Chromium, bundled with the real device code.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const root = process.cwd();

/** The app build the benchmark runs: BUILD_DIR, as `npm run build` reads it, else `build/`. */
const appBuild = resolve(root, process.env.BUILD_DIR || 'build');

/** The script that sets `globalThis.vsBench` in the page. */
export const pageBundle = join(root, 'bench/.build/page/bench-page.js');

function newestMtime(path: string): number {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = 0;
	for (const entry of readdirSync(path)) {
		// Generated from messages/ at build time: not a source of its own.
		if (join(path, entry) === join(root, 'src/lib/paraglide')) continue;
		newest = Math.max(newest, newestMtime(join(path, entry)));
	}
	return newest;
}

const appSources = [
	'src',
	'static',
	'messages',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json'
];

/**
 * Runs `npm run build` when `build/` is missing or older than the sources. BENCH_BUILD=always or
 * never overrides. Returns whether it built.
 */
export function ensureAppBuild(): boolean {
	const mode = process.env.BENCH_BUILD ?? 'auto';
	const built = newestMtime(join(appBuild, 'index.js'));
	const sources = Math.max(...appSources.map((p) => newestMtime(join(root, p))));
	if (mode === 'never' || (mode !== 'always' && built > 0 && built >= sources)) return false;
	console.log(
		built === 0 ? '  no build/: building the app…' : '  sources changed: rebuilding the app…'
	);
	// Twice at most: another build running in the same checkout can pull .svelte-kit/ from under it.
	for (let attempt = 1; ; attempt++) {
		const result = spawnSync('npm', ['run', 'build'], { encoding: 'utf8' });
		if (result.status === 0) return true;
		const output = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-30).join('\n');
		if (attempt === 2) throw new Error(`npm run build failed:\n${output}`);
		console.log('  the build failed; trying once more…');
	}
}

/** The benchmark's own copy of the app build, which its servers run. */
export const appSnapshot = join(root, 'bench/.build/app');

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Copies `build/` to the benchmark's own folder, so that a rebuild in the same checkout while the
 * benchmark runs cannot take the server's files away. Waits for a build in progress to finish.
 */
export async function snapshotAppBuild(): Promise<string> {
	const needed = ['index.js', 'handler.js', 'server', 'client/_app'];
	const built = join(appBuild, 'index.js');
	for (let attempt = 1; ; attempt++) {
		rmSync(appSnapshot, { recursive: true, force: true });
		try {
			const before = newestMtime(built);
			cpSync(appBuild, appSnapshot, { recursive: true });
			const complete = needed.every((file) => existsSync(join(appSnapshot, file)));
			if (complete && before > 0 && newestMtime(built) === before) return appSnapshot;
		} catch {
			// build/ changed while being copied: try again
		}
		if (attempt === 12) throw new Error('build/ stayed incomplete: is a build failing?');
		await wait(5_000);
	}
}

/** Bundles bench/page/entry.ts with the real `$lib` device code, minified like the app. */
export async function buildPageBundle(): Promise<void> {
	await build({
		root,
		configFile: false,
		logLevel: 'warn',
		resolve: { alias: { $lib: join(root, 'src/lib') } },
		define: { 'process.env.NODE_ENV': JSON.stringify('production') },
		build: {
			outDir: 'bench/.build/page',
			emptyOutDir: true,
			target: 'es2022',
			minify: true,
			lib: {
				entry: 'bench/page/entry.ts',
				formats: ['iife'],
				name: 'vsBench',
				fileName: () => 'bench-page.js'
			}
		}
	});
}
