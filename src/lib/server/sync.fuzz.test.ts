/**
 * Payload fuzz of the sync endpoints, in node, through the same request checks as the HTTP
 * routes. Two levels, as "Reading the issues" settles them:
 * - a request whose envelope does not parse is answered 4xx with a code (and the field path for
 *   400), and nothing is written;
 * - inside a well-formed push, a mutation with malformed args (or an unknown name) is refused on
 *   its own with `invalid` and the path, nothing of it is written, and the device's id advances.
 * No payload may get a 5xx. 10,000 payloads in all; FUZZ_SEED replays a failure.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncedTables } from '$lib/client/data/db';
import { mutations } from '$lib/domain/mutations';
import {
	OLDEST_SUPPORTED_SCHEMA_VERSION,
	pullRequestSchema,
	pushRequestSchema,
	SCHEMA_VERSION
} from '$lib/domain/sync';
import {
	argShapes,
	hostileArgs,
	hostileEnvelope,
	mutationNames,
	unknownName,
	validArgs,
	type HostileRequest
} from '$lib/testing/arbitraries';
import { ServerTemplate, SimServer } from '$lib/testing/sim-server';
import { testDatabaseKind } from '$lib/testing/test-databases';
import type { Db } from './database';

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const ENVELOPE_RUNS = 5_000;
/**
 * Each of these is a push through the whole server: on PostgreSQL a round trip per statement. The
 * parsing under test is the same code on both databases, so PostgreSQL runs a fifth of them, to
 * show that nothing refused is written there either.
 */
const ARGS_RUNS = testDatabaseKind() === 'postgres' ? 1_000 : 5_000;

/** What the server holds: if any of it moves, something was written. */
async function footprint(db: Db) {
	const tables = [...syncedTables, 'clients', 'mutation_results'];
	const result = await sql<Record<string, number>>`SELECT ${sql.join(
		tables.map((t) => sql`(SELECT count(*) FROM ${sql.table(t)}) AS ${sql.ref(t)}`)
	)}, (SELECT value FROM counters WHERE name = 'server_version') AS version`.execute(db);
	const { version, ...counts } = result.rows[0]!;
	return { counts, version: Number(version) };
}

/** Our own schemas must refuse what the generator calls hostile; else the generator is wrong. */
function refusedBySchemas(req: HostileRequest): boolean {
	if (!req.contentType.includes('application/json')) return true;
	let body: unknown;
	try {
		body = JSON.parse(req.body);
	} catch {
		return true;
	}
	const schema = req.endpoint === 'push' ? pushRequestSchema : pullRequestSchema;
	const parsed = schema.safeParse(body);
	if (!parsed.success) return true;
	const version = parsed.data.schemaVersion;
	return version < OLDEST_SUPPORTED_SCHEMA_VERSION || version > SCHEMA_VERSION;
}

const roundTrip = (value: unknown): unknown =>
	value === undefined ? undefined : JSON.parse(JSON.stringify(value));

describe('sync payload fuzz', () => {
	let template: ServerTemplate;
	let server: SimServer;
	let memberId: string;

	beforeAll(async () => {
		template = await ServerTemplate.create({ stations: 2, members: 4, projects: 1 });
		server = await SimServer.fromTemplate(template);
		const member = await server.db.selectFrom('volunteers').select('id').executeTakeFirstOrThrow();
		memberId = member.id;
	});
	afterAll(async () => {
		await server.dispose();
		await template.dispose();
	});

	it('describes every mutation field by field, as its schema does', () => {
		expect(Object.keys(argShapes).sort()).toEqual(Object.keys(mutations).sort());
		for (const name of mutationNames) {
			expect(Object.keys(argShapes[name]).sort(), name).toEqual(
				Object.keys(mutations[name].args.shape).sort()
			);
			for (const args of fc.sample(validArgs(name), { numRuns: 100, seed: 7 })) {
				const parsed = mutations[name].args.safeParse(roundTrip(args));
				expect(parsed.success, `${name} ${JSON.stringify(args)}`).toBe(true);
			}
		}
	});

	it(`answers ${ENVELOPE_RUNS} malformed envelopes 4xx with a reason and writes nothing`, async () => {
		const before = await footprint(server.db);
		await fc.assert(
			fc.asyncProperty(hostileEnvelope, async (req) => {
				expect(refusedBySchemas(req), `generator: ${req.fault} ${req.body.slice(0, 200)}`).toBe(
					true
				);
				const response = await server.fetch(`/api/sync/${req.endpoint}`, {
					method: 'POST',
					headers: { 'content-type': req.contentType },
					body: req.body
				});
				const answer = (await response.json()) as { code?: unknown; path?: unknown };
				expect(response.status, req.fault).toBeGreaterThanOrEqual(400);
				expect(response.status, req.fault).toBeLessThan(500);
				expect(typeof answer.code, req.fault).toBe('string');
				if (response.status === 400) expect(Array.isArray(answer.path), req.fault).toBe(true);
			}),
			{ numRuns: ENVELOPE_RUNS, seed }
		);
		expect(await footprint(server.db)).toEqual(before);
		expect(server.failures).toEqual([]);
	}, 180_000);

	const hostileMutation = fc.oneof(
		{
			weight: 9,
			arbitrary: fc
				.constantFrom(...mutationNames)
				.chain((name) => hostileArgs(name).map((args) => ({ name: name as string, args })))
		},
		{
			weight: 1,
			arbitrary: fc
				.tuple(unknownName, fc.constantFrom(...mutationNames))
				.chain(([name, like]) => validArgs(like).map((args) => ({ name, args: args as unknown })))
		}
	);

	it(`refuses ${ARGS_RUNS} pushes of malformed args one by one, applying none`, async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(hostileMutation, { minLength: 1, maxLength: 3 }),
				fc.boolean(),
				async (hostile, thenValid) => {
					for (const m of hostile) {
						const mutation = mutationNames.includes(m.name as never)
							? mutations[m.name as keyof typeof mutations]
							: undefined;
						if (mutation) {
							expect(
								mutation.args.safeParse(roundTrip(m.args)).success,
								`generator: ${m.name} ${JSON.stringify(m.args)?.slice(0, 300)}`
							).toBe(false);
						}
					}
					const items = hostile.map((m, i) => ({ id: i + 1, name: m.name, args: m.args }));
					if (thenValid) {
						items.push({
							id: items.length + 1,
							name: 'volunteer.setStatus',
							args: { id: memberId, status: 'active', at: new Date().toISOString() }
						});
					}
					const before = await footprint(server.db);
					const response = await server.fetch('/api/sync/push', {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({
							clientId: crypto.randomUUID(),
							schemaVersion: SCHEMA_VERSION,
							mutations: items
						})
					});
					expect(response.status).toBe(200);
					const answer = (await response.json()) as {
						lastMutationId: number;
						results: { id: number; status: string; code?: string; path?: unknown[] }[];
					};
					expect(answer.lastMutationId).toBe(items.length);
					for (const [i, m] of hostile.entries()) {
						const result = answer.results[i]!;
						const known = mutationNames.includes(m.name as never);
						expect(result.status).toBe('refused');
						// A known mutation's malformed args get the code of what is wrong with them.
						expect(result.code).toMatch(
							known ? /^(?!unknown_mutation)[a-z][a-z_]*$/ : /^unknown_mutation$/
						);
						if (!known) expect(result.path).toEqual(['name']);
					}
					if (thenValid) expect(answer.results[hostile.length]?.status).toBe('applied');
					const after = await footprint(server.db);
					// Only the trailing valid mutation writes a record: one version, no new rows.
					expect(after.version - before.version).toBe(thenValid ? 1 : 0);
					for (const table of syncedTables) {
						expect(after.counts[table], table).toBe(before.counts[table]);
					}
					expect(after.counts.mutation_results! - before.counts.mutation_results!).toBe(
						hostile.length
					);
				}
			),
			{ numRuns: ARGS_RUNS, seed }
		);
		expect(server.failures).toEqual([]);
		// Keys named __proto__ or constructor were data, never a way into Object.prototype.
		expect(Object.prototype).not.toHaveProperty('polluted');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	}, 180_000);
});
