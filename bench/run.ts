/**
 * `npm run bench`: builds what is missing, measures every figure, prints the table and writes
 * bench/results/latest.json. Run counts are chosen so that the whole run stays within about five
 * minutes on two cores; BENCH_QUICK=1 shrinks them for a smoke run.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { startAppServer, type AppServer } from '../tests/e2e/support/server';
import { chromiumVersion } from './lib/browser';
import { buildPageBundle, ensureAppBuild, snapshotAppBuild } from './lib/builds';
import { slowestRelative, table, type Figure } from './lib/figures';
import { copyStationToPostgres, writeStation, writeStations } from './lib/station';
import { openPostgres, openSqlite } from '$lib/server/database';
import { startPostgres, type TestPostgres } from '../tests/e2e/support/postgres';
import { coldStartFigures } from './figures/cold-start';
import { deviceFigures } from './figures/device';
import { cityLabel, federationFigures, writeCity } from './figures/federation';
import { ingestFigures, postgresIngestFigures, sideBySideFigure } from './figures/ingest';
import { manyDevicesFigures } from './figures/many-devices';
import { sizeFigures } from './figures/sizes';

const quick = process.env.BENCH_QUICK === '1';
/** `npm run bench -- 2 7` measures figures 2 and 7 only; 3, 4 and 5 run together. */
const only = process.argv.slice(2).map(Number);
const wanted = (...ids: number[]) => only.length === 0 || ids.some((id) => only.includes(id));

const plan = {
	coldStartRuns: quick ? 2 : 7,
	station: { members: quick ? 2_000 : 10_000, projects: quick ? 200 : 1_000 },
	bootstrapRuns: quick ? 1 : 5,
	typedTexts: quick ? 4 : 12,
	commits: quick ? 20 : 200,
	districtMembers: quick ? 20_000 : 100_000,
	ingest: [
		{ size: 100, runs: quick ? 3 : 20 },
		{ size: 1_000, runs: quick ? 2 : 8 }
	],
	city: {
		stations: quick ? 100 : 400,
		members: quick ? 20_000 : 200_000,
		shifts: quick ? 2_000 : 20_000,
		signupsPerShift: 8,
		runs: quick ? 3 : 10
	},
	/**
	 * Figure 7's station tablets: the devices spread over a city's stations, five to a station,
	 * each pausing up to 4 s between rounds (a change every 2 s on average: a busy registration
	 * table; a device with nothing to send syncs every 30 s).
	 */
	tablets: {
		city: { stations: 100, members: quick ? 5_000 : 10_000, projects: quick ? 100 : 500 },
		pauseMs: 4_000,
		// Long enough for paced loops, each starting after a pause of its own, to reach their pace.
		baselineSeconds: quick ? 8 : 20
	},
	/** Figure 6e: pushes of one mutation each, from many devices at once and from one. */
	sideBySide: { runs: quick ? 2 : 8, pushes: quick ? 100 : 400 },
	load: {
		clients: 500,
		seconds: quick ? 5 : 30,
		baselineSeconds: quick ? 2 : 5,
		maxRoundsPerClient: 100_000
	}
};

const fmt = (n: number) => n.toLocaleString('en-US');
const tabletsLabel = `${plan.tablets.city.stations} stations, ${fmt(plan.tablets.city.members)} members`;

/** Starts `node build` with extra environment (read once at start by the child process). */
async function serverWith(buildDir: string, env: Record<string, string>): Promise<AppServer> {
	const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
	Object.assign(process.env, env);
	try {
		return await startAppServer({ buildDir, startTimeoutMs: 300_000 });
	} finally {
		for (const [key, value] of Object.entries(saved)) {
			if (value === undefined) delete process.env[key];
			else process.env[key] = value;
		}
	}
}

async function step<T>(title: string, run: () => Promise<T>): Promise<T> {
	const start = performance.now();
	console.log(`\n▶ ${title}`);
	const result = await run();
	const load = loadavg()[0]!.toFixed(1);
	console.log(`  done in ${((performance.now() - start) / 1000).toFixed(1)} s (load ${load})`);
	// Printed as they come, so a run cut short still shows what it measured.
	const first: unknown = Array.isArray(result) ? result[0] : undefined;
	if (typeof first === 'object' && first !== null && 'ratio' in first) {
		console.log(table(result as Figure[]));
	}
	return result;
}

async function main() {
	const started = performance.now();
	const loadBefore = Math.round(loadavg()[0]! * 10) / 10;
	const work = mkdtempSync(join(tmpdir(), 'vs-bench-'));
	const figures: Figure[] = [];
	const servers = new Set<AppServer>();
	let buildDir = '';
	/** An embedded PostgreSQL for the PostgreSQL lines of 5 to 8, started when first needed. */
	let postgres: TestPostgres | undefined;
	const postgresDatabase = async (name: string) => {
		postgres ??= await startPostgres('bench');
		return postgres.database(name);
	};
	const server = async (env: Record<string, string>) => {
		const started = await serverWith(buildDir, env);
		servers.add(started);
		return started;
	};
	const release = async (done: AppServer) => {
		servers.delete(done);
		await done.dispose();
	};
	try {
		await step('builds', async () => {
			console.log(ensureAppBuild() ? '  app rebuilt' : '  build/ is up to date');
			buildDir = await snapshotAppBuild();
			await buildPageBundle();
		});

		if (wanted(1, 2)) {
			const app = await server({});
			if (wanted(1)) {
				figures.push(...(await step('1. first route and precache', () => sizeFigures(app.url))));
			}
			if (wanted(2)) {
				figures.push(
					...(await step(`2. offline cold start (${plan.coldStartRuns} runs each)`, () =>
						coldStartFigures(app, plan.coldStartRuns)
					))
				);
			}
			await release(app);
		}

		const stationLabel = `${fmt(plan.station.members)} members, ${fmt(plan.station.projects)} projects`;
		const station = wanted(3, 4, 5, 6)
			? await step(`station data: ${stationLabel} (setup)`, async () => {
					const written = await writeStation(join(work, 'station.sqlite'), plan.station);
					console.log(`  ${JSON.stringify(written.counts)} in ${fmt(Math.round(written.ms))} ms`);
					return written;
				})
			: null;

		if (station && wanted(3, 4, 5)) {
			const stationServer = await server({ DATABASE_FILE: station.file });
			figures.push(
				...(await step(
					`3–5. device: bootstrap ×${plan.bootstrapRuns}, search, ${plan.commits} commits each`,
					() =>
						deviceFigures(stationServer, {
							bootstrapRuns: plan.bootstrapRuns,
							typedTexts: plan.typedTexts,
							commits: plan.commits,
							districtMembers: plan.districtMembers,
							stationLabel,
							stationMembers: station.counts.volunteers ?? plan.station.members
						})
				))
			);
			await release(stationServer);
		}

		if (station && wanted(5, 6)) {
			const urls = await step('station data copied into PostgreSQL (setup)', async () => {
				const urls = [await postgresDatabase('station'), await postgresDatabase('station_raw')];
				for (const url of urls) await copyStationToPostgres(station.file, url);
				return urls;
			});
			if (wanted(5)) {
				const stationServer = await server({ DATABASE_URL: urls[0]! });
				figures.push(
					...(await step(`5. bootstrap on PostgreSQL ×${plan.bootstrapRuns}`, () =>
						deviceFigures(stationServer, {
							bootstrapRuns: plan.bootstrapRuns,
							typedTexts: 0,
							commits: 0,
							districtMembers: 0,
							stationLabel,
							stationMembers: station.counts.volunteers ?? plan.station.members,
							bootstrapOnly: { ids: ['5c', '5d'], database: 'PostgreSQL' }
						})
					))
				);
				await release(stationServer);
			}
			if (wanted(6)) {
				figures.push(
					...(await step('6. server ingest on PostgreSQL', () =>
						postgresIngestFigures(urls[0]!, urls[1]!, stationLabel, plan.ingest)
					))
				);
				figures.push(
					...(await step('6e. pushes side by side on PostgreSQL', async () => [
						await sideBySideFigure(urls[0]!, plan.sideBySide.runs, plan.sideBySide.pushes)
					]))
				);
			}
		}

		if (station && wanted(6)) {
			figures.push(
				...(await step(
					`6. server ingest (${plan.ingest.map((b) => `${b.runs}×${b.size}`).join(', ')})`,
					() => ingestFigures(station.file, stationLabel, work, plan.ingest)
				))
			);
		}

		if (wanted(7)) {
			const load = await server({});
			figures.push(
				...(await step(
					`7. many devices: ${plan.load.clients} clients for ${plan.load.seconds} s`,
					() => manyDevicesFigures(load, plan.load)
				))
			);
			await release(load);
			const onPostgres = await server({ DATABASE_URL: await postgresDatabase('load') });
			figures.push(
				...(await step(`7. many devices on PostgreSQL: ${plan.load.clients} clients`, () =>
					manyDevicesFigures(onPostgres, plan.load, { ids: ['7c', '7d'], database: 'PostgreSQL' })
				))
			);
			await release(onPostgres);

			const city = await step(`city data: ${tabletsLabel} (setup)`, async () => {
				const written = await writeStations(join(work, 'city.sqlite'), plan.tablets.city);
				console.log(`  ${JSON.stringify(written.counts)} in ${fmt(Math.round(written.ms))} ms`);
				return written;
			});
			// Copied before the SQLite server's devices register members into the file.
			const cityUrl = await postgresDatabase('city');
			await copyStationToPostgres(city.file, cityUrl);
			const { pauseMs, baselineSeconds } = plan.tablets;
			const tablets = { ...plan.load, workers: city.workers, pauseMs, baselineSeconds };
			const cityServer = await server({ DATABASE_FILE: city.file });
			figures.push(
				...(await step(`7. station tablets: ${plan.load.clients} devices, ${tabletsLabel}`, () =>
					manyDevicesFigures(cityServer, tablets, { ids: ['7e', '7f'], database: 'SQLite' })
				))
			);
			await release(cityServer);
			const cityOnPostgres = await server({ DATABASE_URL: cityUrl });
			figures.push(
				...(await step(`7. station tablets on PostgreSQL: ${plan.load.clients} devices`, () =>
					manyDevicesFigures(cityOnPostgres, tablets, {
						ids: ['7g', '7h'],
						database: 'PostgreSQL'
					})
				))
			);
			await release(cityOnPostgres);
		}

		if (wanted(8)) {
			// A file and a database of its own: figure 7's station tablets are in `city`.
			for (const database of ['SQLite', 'PostgreSQL'] as const) {
				const db =
					database === 'SQLite'
						? openSqlite(join(work, 'federation.sqlite'))
						: openPostgres(await postgresDatabase('federation'));
				try {
					const city = await step(`city data on ${database} (setup)`, async () => {
						const written = await writeCity(db, plan.city);
						console.log(`  ${JSON.stringify(written.counts)}`);
						return written;
					});
					figures.push(
						...(await step(`8. federation figures on ${database} ×${plan.city.runs}`, () =>
							federationFigures(
								db,
								city.district,
								`${cityLabel(city.counts)}, ${database}`,
								database === 'SQLite' ? ['8a', '8b'] : ['8c', '8d'],
								plan.city.runs
							)
						))
					);
				} finally {
					await db.destroy();
				}
			}
		}
	} finally {
		for (const running of servers) await running.dispose();
		await postgres?.stop();
		rmSync(work, { recursive: true, force: true });
	}

	figures.sort((a, b) => a.id.localeCompare(b.id));
	const seconds = (performance.now() - started) / 1000;
	const slowest = slowestRelative(figures);
	const result = {
		date: new Date().toISOString(),
		machine: {
			cores: cpus().length,
			cpu: cpus()[0]?.model ?? 'unknown',
			memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
			/** Other work on the machine skews every figure: the 1-minute load before and after. */
			load: { before: loadBefore, after: Math.round(loadavg()[0]! * 10) / 10 },
			node: process.version,
			chromium: await chromiumVersion()
		},
		quick,
		only: only.length > 0 ? only : 'all',
		plan,
		seconds: Math.round(seconds),
		slowest: slowest ? { id: slowest.id, name: slowest.name, ratio: slowest.ratio } : null,
		figures
	};
	mkdirSync('bench/results', { recursive: true });
	writeFileSync('bench/results/latest.json', JSON.stringify(result, null, '\t') + '\n');

	console.log(`\n${table(figures)}\n`);
	for (const f of figures.filter((f) => f.note)) console.log(`${f.id}: ${f.note}`);
	console.log(
		`\n${result.machine.cores} cores, ${result.machine.memoryGiB} GiB, Node ${result.machine.node}, ` +
			`Chromium ${result.machine.chromium}; load ${loadBefore} → ${result.machine.load.after}; ` +
			`${Math.round(seconds)} s in all.`
	);
	if (Math.max(loadBefore, result.machine.load.after) > result.machine.cores) {
		console.log('Warning: the machine was busy with other work; the figures are pessimistic.');
	}
	if (slowest) {
		console.log(
			`Slowest against its baseline: ${slowest.id} ${slowest.name} (${slowest.ratio?.toFixed(1)}×).`
		);
	}
	console.log('Written to bench/results/latest.json');
}

await main();
