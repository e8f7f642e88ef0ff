/**
 * Figure 7: many devices syncing at once. Simulated clients (plain fetch loops, each with its own
 * session, clientId and mutation ids) push one small mutation, then pull from their cursor, again
 * and again for a fixed time against `node build` on 127.0.0.1. Each signs in before the clock
 * starts, so every timed request pays for its session check as a device's would. Baseline: GET
 * /api/health at the same concurrency, half before and half after, which costs the server almost
 * nothing but HTTP.
 *
 * Two kinds of load. All devices as the city admin, back to back (7a–7d): the most the server
 * answers, each pull carrying every device's registrations. And a city's station tablets (7e–7h):
 * each device signed in as one station's worker, registering a member of her station and syncing,
 * then pausing a moment, as a tablet at a busy registration table does: what a device waits for.
 */
import { randomUUID } from 'node:crypto';
import { pullResponseSchema, SCHEMA_VERSION } from '$lib/domain/sync';
import { registration } from '$lib/testing/fixtures';
import type { AppServer } from '../../tests/e2e/support/server';
import { sessionHeaders, signIn, type Session } from '../../tests/e2e/support/sync-client';
import { figure, quantile, type Figure } from '../lib/figures';
import type { StationWorker } from '../lib/station';

/** The page size the device's sync asks for (PULL_PAGE in src/lib/client/data/sync.ts). */
const PULL_PAGE = 1000;

export interface LoadOptions {
	clients: number;
	seconds: number;
	baselineSeconds: number;
	/** An upper bound on each client's loop, whatever the clock says. */
	maxRoundsPerClient: number;
	/**
	 * The station workers the devices sign in as, in turn (several devices to a station); none:
	 * every device is the city admin.
	 */
	workers?: StationWorker[];
	/** A pause after each round, drawn evenly between 0 and this; none: back to back. */
	pauseMs?: number;
}

interface Tally {
	latencies: number[];
	push: number[];
	pull: number[];
	errors: number;
	refused: number;
	/** Why mutations were refused, and how often: a refusal is cheaper than the work measured. */
	refusals: Map<string, number>;
	requests: number;
}

const tally = (): Tally => ({
	latencies: [],
	push: [],
	pull: [],
	errors: 0,
	refused: 0,
	refusals: new Map(),
	requests: 0
});

async function timedFetch(
	t: Tally,
	url: string,
	init: RequestInit,
	kind?: 'push' | 'pull'
): Promise<unknown> {
	const start = performance.now();
	try {
		const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
		const body: unknown = await response.json();
		const ms = performance.now() - start;
		t.requests++;
		t.latencies.push(ms);
		if (kind) t[kind].push(ms);
		if (!response.ok) {
			t.errors++;
			return undefined;
		}
		return body;
	} catch {
		t.requests++;
		t.errors++;
		return undefined;
	}
}

const post = (session: Session, body: unknown): RequestInit => ({
	method: 'POST',
	headers: { 'content-type': 'application/json', ...sessionHeaders(session) },
	body: JSON.stringify(body)
});

/**
 * Sign-ins a few at a time: each is a deliberately slow password hash on the server. Device `i`
 * signs in as `logins(i)`.
 */
async function signInDevices(
	origin: string,
	count: number,
	login: (i: number) => string | undefined
): Promise<Session[]> {
	const sessions: Session[] = [];
	while (sessions.length < count) {
		const batch = Math.min(4, count - sessions.length);
		const from = sessions.length;
		sessions.push(
			...(await Promise.all(
				Array.from({ length: batch }, (_, i) => signIn(origin, login(from + i)))
			))
		);
	}
	return sessions;
}

/**
 * A valid registration (the unit tests' builder) with its own phone: one per client and round;
 * at the worker's station when the device is one.
 */
function newMember(client: number, round: number, worker: StationWorker | undefined) {
	const station = worker
		? { district: worker.district ?? 'chaoyang', homeStationId: worker.stationId }
		: { district: 'chaoyang' as const };
	return registration({
		id: randomUUID(),
		name: `贺${'秀英华玉兰芳'[round % 6]}${'丽敏静燕'[client % 4]}`,
		// 17x numbers: apart from the demo data's.
		phone: `17${String(client).padStart(3, '0')}${String(round).padStart(6, '0')}`,
		birthYear: 1970 + (round % 30),
		...station,
		community: '望京',
		at: new Date().toISOString()
	});
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Devices that pause between rounds do not all start at one instant: each starts after a pause
 * of its own, so the few seconds of the baseline measure the pace, not one burst of 500 requests.
 */
const stagger = (pauseMs = 0) => (pauseMs ? pause(Math.random() * pauseMs) : Promise.resolve());

async function device(
	origin: string,
	session: Session,
	index: number,
	startCursor: number,
	deadline: number,
	options: LoadOptions,
	t: Tally
) {
	const clientId = randomUUID();
	let cursor = startCursor;
	let next = 1;
	await stagger(options.pauseMs);
	for (let round = 0; round < options.maxRoundsPerClient && performance.now() < deadline; round++) {
		const pushed = (await timedFetch(
			t,
			`${origin}/api/sync/push`,
			post(session, {
				clientId,
				schemaVersion: SCHEMA_VERSION,
				mutations: [
					{
						id: next,
						name: 'volunteer.register',
						args: newMember(index, round, options.workers?.[index % options.workers.length])
					}
				]
			}),
			'push'
		)) as { results?: { status: string; code?: string }[] } | undefined;
		// A failed push is sent again under the same id (the server skips it if it had it).
		if (pushed) {
			next++;
			for (const result of pushed.results ?? []) {
				if (result.status !== 'refused') continue;
				t.refused++;
				const code = result.code ?? 'unknown';
				t.refusals.set(code, (t.refusals.get(code) ?? 0) + 1);
			}
		}
		if (performance.now() >= deadline) break;
		const pulled = await timedFetch(
			t,
			`${origin}/api/sync/pull`,
			post(session, { clientId, schemaVersion: SCHEMA_VERSION, cursor, limit: PULL_PAGE }),
			'pull'
		);
		const page = pullResponseSchema.safeParse(pulled);
		if (page.success) cursor = page.data.cursor;
		if (options.pauseMs) {
			const ms = Math.random() * options.pauseMs;
			if (performance.now() + ms >= deadline) break;
			await pause(ms);
		}
	}
}

async function health(origin: string, deadline: number, pauseMs: number, t: Tally) {
	await stagger(pauseMs);
	while (performance.now() < deadline) {
		await timedFetch(t, `${origin}/api/health`, {});
		if (pauseMs) await pause(Math.min(Math.random() * pauseMs, deadline - performance.now()));
	}
}

export async function manyDevicesFigures(
	server: AppServer,
	options: LoadOptions,
	/** Other ids for the lines (and the database named in them), for a second server kind. */
	on: { ids: [string, string]; database: string } = { ids: ['7a', '7b'], database: 'SQLite' }
): Promise<Figure[]> {
	const origin = server.url;
	// Station workers in turn, or every device as the city admin, who may register members
	// anywhere and receives every member registered.
	const { workers } = options;
	const sessions = await signInDevices(origin, options.clients, (i) =>
		workers ? workers[i % workers.length]!.login : undefined
	);
	// Devices that have bootstrapped already: they pull from the server's head onwards.
	const probe = pullResponseSchema.parse(
		await (
			await fetch(
				`${origin}/api/sync/pull`,
				post(sessions[0]!, {
					clientId: randomUUID(),
					schemaVersion: SCHEMA_VERSION,
					cursor: 0,
					limit: 1
				})
			)
		).json()
	);

	// The baseline runs half before and half after the load, so a change in whatever else the
	// machine is doing weighs on both alike.
	const base = tally();
	let baseSeconds = 0;
	const baseline = async () => {
		const start = performance.now();
		const deadline = start + (options.baselineSeconds * 1000) / 2;
		await Promise.all(
			Array.from({ length: options.clients }, () =>
				health(origin, deadline, options.pauseMs ?? 0, base)
			)
		);
		baseSeconds += (performance.now() - start) / 1000;
	};

	await baseline();
	const load = tally();
	const start = performance.now();
	await Promise.all(
		Array.from({ length: options.clients }, (_, i) =>
			device(
				origin,
				sessions[i]!,
				i,
				probe.headVersion,
				start + options.seconds * 1000,
				options,
				load
			)
		)
	);
	const seconds = (performance.now() - start) / 1000;
	await baseline();

	const who = workers
		? `, as ${workers.length} stations' tablets, pausing 0–${options.pauseMs ?? 0} ms`
		: '';
	const size = `${options.clients} clients × ${options.seconds} s${who}, ${on.database}`;
	const ms = (v: number[]) => `${Math.round(quantile(v, 0.5) ?? 0)}`;
	const why = [...load.refusals].map(([code, n]) => `${code} ×${n}`).join(', ');
	const refused = `${load.refused} refused${why ? ` (${why})` : ''}`;
	const errors = `${load.errors} errors, ${refused} (health: ${base.errors} errors)`;
	return [
		figure({
			id: on.ids[0],
			name: workers ? 'station tablets, throughput' : 'many devices, throughput',
			what: 'push 1 mutation + pull from cursor, in a loop',
			size,
			unit: 'requests/s',
			samples: [load.requests / seconds],
			baseline: {
				what: `GET /api/health, same concurrency${workers ? ' and pace' : ''}`,
				value: base.requests / baseSeconds
			},
			note: `${load.requests} requests; ${errors}`
		}),
		figure({
			id: on.ids[1],
			name: workers ? 'station tablets, latency' : 'many devices, latency',
			what: 'each push or pull request, end to end',
			size,
			unit: 'ms',
			samples: load.latencies,
			tailLabel: 'p99',
			baseline: {
				what: `GET /api/health, same concurrency${workers ? ' and pace' : ''}`,
				samples: base.latencies
			},
			note: `push p50 ${ms(load.push)} ms, pull p50 ${ms(load.pull)} ms; ${errors}`
		})
	];
}
