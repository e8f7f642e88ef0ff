/**
 * Figures 3, 4 and 5, measured in Chromium on an on-disk profile with the real device code:
 * bootstrap of a station from the real server (5), member search as you type (3) and local
 * mutation commit (4), each against raw IndexedDB doing the same work in the same page.
 */
import type { Page } from '@playwright/test';
import type { AppServer } from '../../tests/e2e/support/server';
import { newProfile, openBenchPage } from '../lib/browser';
import { figure, type Figure } from '../lib/figures';
import type * as BenchPage from '../page/entry';

declare const vsBench: typeof BenchPage;

export interface DeviceOptions {
	bootstrapRuns: number;
	/** Texts typed per data set: half whole phone numbers, half whole names. */
	typedTexts: number;
	commits: number;
	districtMembers: number;
	stationLabel: string;
	stationMembers: number;
	/** Only the bootstrap (figure 5), its lines named with these ids and this database. */
	bootstrapOnly?: { ids: [string, string]; database: string };
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** The pause between bootstrap runs, once the last run's databases are deleted. */
const SETTLE_MS = 5_000;

async function searchFigures(
	page: Page,
	db: string,
	options: DeviceOptions,
	[id, buildId]: [string, string],
	label: string,
	size: string
): Promise<Figure[]> {
	const texts = await page.evaluate(([n, each]) => vsBench.typedTexts(n, each), [
		db,
		options.typedTexts / 2
	] as const);
	const timings = await page.evaluate(([n, t]) => vsBench.searchAsYouType(n, t), [
		db,
		texts
	] as const);
	return [
		figure({
			id,
			name: `member search, ${label}`,
			what: 'MemberIndex.search per keystroke, phone and name prefixes',
			size,
			unit: 'ms',
			samples: timings.real,
			baseline: { what: 'raw index cursor, same prefix and limit', samples: timings.raw },
			note: `${texts.length} texts, ${timings.real.length} keystrokes`
		}),
		figure({
			id: buildId,
			name: `member index build, ${label}`,
			what: 'read all members, pinyin keys, sort by Intl.Collator pinyin',
			size,
			unit: 'ms',
			samples: timings.rebuilds,
			baseline: { what: 'raw getAll of the members', samples: timings.rawReads },
			note: `rebuild after a change (5 runs); the first build, pinyin of every name: ${Math.round(timings.firstBuild)} ms`
		})
	];
}

export async function deviceFigures(server: AppServer, options: DeviceOptions): Promise<Figure[]> {
	const profile = newProfile('device');
	const context = await profile.launch({ serviceWorkers: 'block' });
	try {
		const page = await openBenchPage(context, server.url);
		const figures: Figure[] = [];

		// 5. Bootstrap into an empty device, then the same rows with raw puts.
		const boot: number[] = [];
		const raw: number[] = [];
		const bootRate: number[] = [];
		const rawRate: number[] = [];
		let records = 0;
		const last = options.bootstrapRuns - 1;
		// The station's worker, who receives the station's members, projects and sign-ups.
		const accountId = await page.evaluate(() => vsBench.signIn('xizongbu', 'demo-pass-2026'));
		for (let i = 0; i <= last; i++) {
			const device = `bench-bootstrap-${i}`;
			const mirror = `bench-raw-${i}`;
			const pulled = await page.evaluate(([n, a]) => vsBench.bootstrap(n, a), [
				device,
				accountId
			] as const);
			const written = await page.evaluate(([s, t]) => vsBench.rawBulkWrite(s, t), [
				device,
				mirror
			] as const);
			console.log(
				`  bootstrap ${i + 1}/${options.bootstrapRuns}: ${fmt(pulled.records)} records in ` +
					`${fmt(Math.round(pulled.ms))} ms; raw puts ${fmt(Math.round(written.ms))} ms`
			);
			boot.push(pulled.ms);
			raw.push(written.ms);
			bootRate.push((pulled.records / pulled.ms) * 1000);
			rawRate.push((written.records / written.ms) * 1000);
			records = written.records;
			if (i < last) {
				await page.evaluate((n) => vsBench.deleteDatabase(n), device);
				await page.evaluate((n) => vsBench.deleteDatabase(n), mirror);
				// Chromium clears a deleted database's files in the background: without a pause,
				// each run shared the machine with that of the run before, the bootstrap more than
				// the shorter raw puts (runs 4.4 s, then up to 6.4 s; with it, 4.1–4.8 s).
				await new Promise((settled) => setTimeout(settled, SETTLE_MS));
			}
		}
		const bootSize = `${options.stationLabel} (${fmt(records)} records)`;
		figures.push(
			figure({
				id: options.bootstrapOnly?.ids[0] ?? '5a',
				name: 'bootstrap, total time',
				what: `pullChanges from node build${options.bootstrapOnly ? ` on ${options.bootstrapOnly.database}` : ''} into an empty device`,
				size: bootSize,
				unit: 'ms',
				samples: boot,
				baseline: { what: 'raw IndexedDB puts, 1 tx per table', samples: raw }
			}),
			figure({
				id: options.bootstrapOnly?.ids[1] ?? '5b',
				name: 'bootstrap, records per second',
				what: `the same runs as ${options.bootstrapOnly?.ids[0] ?? '5a'}`,
				size: bootSize,
				unit: 'records/s',
				samples: bootRate,
				baseline: { what: 'raw IndexedDB puts', samples: rawRate }
			})
		);

		if (options.bootstrapOnly) return figures;

		// 3. Search on the station just bootstrapped.
		const station = `bench-bootstrap-${last}`;
		console.log('  member search, station…');
		figures.push(
			...(await searchFigures(
				page,
				station,
				options,
				['3a', '3c'],
				'station',
				`${fmt(options.stationMembers)} members`
			))
		);

		// 4. Mutations on the same device.
		console.log('  mutation commits…');
		const commits = await page.evaluate(([n, r, count]) => vsBench.commitTimings(n, r, count, 10), [
			station,
			`bench-raw-${last}`,
			options.commits
		] as const);
		const refused = commits.refused.length > 0 ? `; refused: ${commits.refused.join(', ')}` : '';
		figures.push(
			figure({
				id: '4a',
				name: 'commit volunteer.register',
				what: 'runMutation: rule, record and outbox, 1 tx',
				size: `${options.stationLabel} on device`,
				unit: 'ms',
				samples: commits.register.real,
				baseline: { what: 'raw tx: record + outbox row', samples: commits.register.raw },
				note: `after 10 unmeasured${refused}`
			}),
			figure({
				id: '4b',
				name: 'commit signup.request',
				what: 'runMutation: rule, record and outbox, 1 tx',
				size: `${options.stationLabel} on device`,
				unit: 'ms',
				samples: commits.signup.real,
				baseline: { what: 'raw tx: record + outbox row', samples: commits.signup.raw },
				note: `after 10 unmeasured${refused}`
			})
		);

		// 3. Search on a district's members, written directly (setup, not measured).
		console.log(`  seeding ${fmt(options.districtMembers)} district members (setup)…`);
		const started = performance.now();
		const seeded = await page.evaluate(([n, count]) => vsBench.seedDistrict(n, count), [
			'bench-district',
			options.districtMembers
		] as const);
		console.log(`  seeded in ${fmt(Math.round(performance.now() - started))} ms; searching…`);
		figures.push(
			...(await searchFigures(
				page,
				'bench-district',
				options,
				['3b', '3d'],
				'district',
				`${fmt(seeded.members)} members`
			))
		);
		return figures.sort((a, b) => a.id.localeCompare(b.id));
	} finally {
		await context.close();
		profile.dispose();
	}
}
