/**
 * Hostile payloads against the real server over HTTP (the 10,000-payload run is in node, in
 * src/lib/server/sync.fuzz.test.ts): malformed envelopes get a 4xx with a code, malformed
 * mutations inside a good push are refused one by one, nothing is written, nothing answers 5xx,
 * and the server stays healthy.
 */
import fc from 'fast-check';
import { SCHEMA_VERSION } from '../../src/lib/domain/sync';
import {
	hostileArgs,
	hostileEnvelope,
	mutationNames,
	unknownName
} from '../../src/lib/testing/arbitraries';
import { expect, test } from './fixtures';
import { postJson, pullAll, sessionHeaders, signIn } from './support/sync-client';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_301);
const ENVELOPES = 300;
const PUSHES = 200;

test.setTimeout(120_000);

test('500 hostile payloads: 4xx or refused, nothing written, no 5xx', async ({ server }) => {
	// Signed in, so every payload reaches the sync handler rather than stopping at the door.
	const admin = await signIn(server.url);
	const observer = crypto.randomUUID();
	const before = await pullAll(admin, observer);

	for (const req of fc.sample(hostileEnvelope, { numRuns: ENVELOPES, seed: SEED })) {
		const response = await fetch(`${server.url}/api/sync/${req.endpoint}`, {
			method: 'POST',
			// As a browser sends it: same origin, so SvelteKit's CSRF guard lets our handler answer.
			headers: { 'content-type': req.contentType, ...sessionHeaders(admin) },
			body: req.body
		});
		const what = `${req.fault}: ${req.body.slice(0, 200)}`;
		expect(response.status, what).toBeGreaterThanOrEqual(400);
		expect(response.status, what).toBeLessThan(500);
		const answer = (await response.json()) as { code?: unknown; path?: unknown };
		expect(typeof answer.code, what).toBe('string');
		if (response.status === 400) expect(Array.isArray(answer.path), what).toBe(true);
	}

	const hostile = fc.oneof(
		fc
			.constantFrom(...mutationNames)
			.chain((name) => hostileArgs(name).map((args) => ({ name: name as string, args }))),
		unknownName.map((name) => ({ name, args: {} as unknown }))
	);
	const batches = fc.sample(fc.array(hostile, { minLength: 1, maxLength: 4 }), {
		numRuns: PUSHES,
		seed: SEED
	});
	for (const batch of batches) {
		const response = await postJson(admin, '/api/sync/push', {
			clientId: crypto.randomUUID(),
			schemaVersion: SCHEMA_VERSION,
			mutations: batch.map((m, i) => ({ id: i + 1, name: m.name, args: m.args }))
		});
		expect(response.status).toBe(200);
		const answer = (await response.json()) as {
			lastMutationId: number;
			results: { status: string; code?: string; path?: unknown[] }[];
		};
		expect(answer.lastMutationId).toBe(batch.length);
		for (const [i, result] of answer.results.entries()) {
			const known = mutationNames.includes(batch[i]!.name as never);
			expect(result.status).toBe('refused');
			// A known mutation's malformed args get the code of what is wrong with them.
			expect(result.code).toMatch(
				known ? /^(?!unknown_mutation)[a-z][a-z_]*$/ : /^unknown_mutation$/
			);
			if (!known) expect(result.path).toEqual(['name']);
		}
	}

	// A body over adapter-node's limit is turned away before it is read.
	const huge = await postJson(admin, '/api/sync/push', {
		clientId: crypto.randomUUID(),
		schemaVersion: SCHEMA_VERSION,
		mutations: [{ id: 1, name: 'volunteer.update', args: { pad: 'x'.repeat(600_000) } }]
	});
	expect(huge.status).toBe(413);

	// Nothing was written: no new record version anywhere.
	const after = await pullAll(admin, observer, before.cursor);
	expect(after.changes).toEqual([]);
	expect(after.headVersion).toBe(before.headVersion);
	const health = await fetch(`${server.url}/api/health`);
	expect(health.status).toBe(200);
	expect(((await health.json()) as { status: string }).status).toBe('ok');
});
