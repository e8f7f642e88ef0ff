/**
 * Runs the built app (`node server`, adapter-node's handler behind our headers) as a real server for a test: its own port and an empty data
 * folder, so every test starts from the same demo data. Tests that need the service worker's own
 * fetches to fail stop the server (Playwright's setOffline does not cut them off).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AppServer {
	url: string;
	port: number;
	dataDir: string;
	/** Stops the server; the data folder stays for a restart. */
	stop(signal?: NodeJS.Signals): Promise<void>;
	/** Starts it again on the same port and data, from the same build or another one. */
	start(buildDir?: string): Promise<void>;
	dispose(): Promise<void>;
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

async function waitForHealth(
	url: string,
	child: ChildProcess,
	log: () => string,
	timeoutMs = 30_000
) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`server exited early:\n${log()}`);
		try {
			const response = await fetch(`${url}/api/health`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 150));
	}
	throw new Error(`server did not become healthy:\n${log()}`);
}

export async function startAppServer(
	options: {
		buildDir?: string;
		env?: Record<string, string>;
		/** How long a start may take (loading the demo data into PostgreSQL on a busy machine). */
		startTimeoutMs?: number;
	} = {}
): Promise<AppServer> {
	const port = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), 'vs-e2e-'));
	const url = `http://127.0.0.1:${port}`;
	let buildDir = options.buildDir ?? process.env.E2E_BUILD_DIR ?? 'build';
	let child: ChildProcess | undefined;
	let output = '';

	const server: AppServer = {
		url,
		port,
		dataDir,
		async start(fromBuild) {
			if (fromBuild) buildDir = fromBuild;
			output = '';
			child = spawn(process.execPath, ['server/index.js'], {
				env: {
					...process.env,
					BUILD_DIR: buildDir,
					PORT: String(port),
					HOST: '127.0.0.1',
					DATA_DIR: dataDir,
					ORIGIN: url,
					...options.env
				},
				stdio: ['ignore', 'pipe', 'pipe']
			});
			child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
			child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
			await waitForHealth(url, child, () => output, options.startTimeoutMs);
		},
		async stop(signal = 'SIGTERM') {
			const running = child;
			if (!running || running.exitCode !== null) return;
			await new Promise<void>((resolve) => {
				running.once('exit', () => resolve());
				running.kill(signal);
			});
		},
		async dispose() {
			await server.stop();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
	await server.start();
	return server;
}
