/**
 * Builds the benchmark runner for Node: bench/run.ts with the real `$lib` code bundled in (as the
 * app's own server build does), packages left as imports. `npm run bench` runs the output.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
	root,
	logLevel: 'warn',
	resolve: { alias: { $lib: `${root}src/lib` } },
	build: {
		ssr: 'bench/run.ts',
		outDir: 'bench/.build',
		emptyOutDir: true,
		target: 'node20',
		minify: false,
		sourcemap: true,
		rollupOptions: { output: { entryFileNames: 'run.js' } }
	}
});
