/**
 * The pipeline is the one place a mutation is parsed, authorized, applied and refused: the same
 * input gets the same refusal on the device and on the server, field path and detail included.
 */
import fc from 'fast-check';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { runMutation } from '$lib/client/data/mutate';
import { systemActor } from '$lib/server/authorization';
import { push } from '$lib/server/sync';
import { hostileArgs, mutationNames, validArgs } from '$lib/testing/arbitraries';
import { at, phoneNo, registration, station } from '$lib/testing/fixtures';
import { testDevice, testServer } from '$lib/testing/harness';
import { SqlRecordStore } from '$lib/server/record-store';
import { SCHEMA_VERSION } from './sync';
import type { Actor } from './permissions';
import { executeMutation, refusalOfIssue } from './pipeline';

describe('refusalOfIssue', () => {
	const issueOf = (schema: z.ZodMiniType, value: unknown) => {
		const parsed = schema.safeParse(value);
		if (parsed.success) throw new Error('expected a failure');
		return parsed.error.issues[0];
	};

	it('takes the code our schemas give as the message, with the field path', () => {
		const schema = z.object({ name: z.string().check(z.minLength(1, 'required')) });
		expect(refusalOfIssue(issueOf(schema, { name: '' }))).toEqual({
			code: 'required',
			path: ['name'],
			detail: {}
		});
	});

	it('answers invalid to zod’s own texts', () => {
		const schema = z.object({ year: z.int() });
		expect(refusalOfIssue(issueOf(schema, { year: 'x' }))).toEqual({
			code: 'invalid',
			path: ['year'],
			detail: {}
		});
	});

	it('names an unexpected field by its key', () => {
		const schema = z.strictObject({ a: z.object({ b: z.string() }) });
		expect(refusalOfIssue(issueOf(schema, { a: { b: 'x' }, admin: true }))).toEqual({
			code: 'unknown_field',
			path: ['admin'],
			detail: {}
		});
	});
});

describe('the same input, the same refusal, on the device and on the server', () => {
	it('for any args, valid or hostile, of any mutation', async () => {
		const home = station();
		await fc.assert(
			fc.asyncProperty(
				fc
					.constantFrom(...mutationNames)
					.chain((name) =>
						fc.tuple(fc.constant(name), fc.oneof(validArgs(name), hostileArgs(name)))
					),
				async ([name, args]) => {
					const device = testDevice();
					await device.stations.put(home);
					// The same actor on both sides: a rule may refuse even the system by what the args say.
					const device_ = await runMutation(device, name, args as never, systemActor, at(10));
					const server = await testServer();
					await server
						.transaction()
						.execute((trx) => new SqlRecordStore(trx).put('stations', home));
					const answer = await push(
						server,
						{
							clientId: crypto.randomUUID(),
							schemaVersion: SCHEMA_VERSION,
							mutations: [{ id: 1, name, args }]
						},
						systemActor,
						() => at(10)
					);
					const [result] = answer.results;
					if (device_.ok) {
						expect(result).toEqual({ id: 1, status: 'applied' });
					} else {
						const { code, path, detail } = device_;
						expect(result).toEqual({ id: 1, status: 'refused', code, path, detail });
					}
					device.close();
					await server.destroy();
				}
			),
			{ numRuns: 150, seed: 20261129 }
		);
		// 150 server databases, each migrated: well over the default on two busy cores.
	}, 60_000);
});

describe('a refusal names only what its reader may read', () => {
	async function world() {
		const server = await testServer();
		const mine = station();
		const theirs = station({ district: 'chaoyang', community: '望京', name: '望京站' });
		const worker: Actor = {
			accountId: crypto.randomUUID(),
			role: 'station_worker',
			district: 'dongcheng',
			stationId: mine.id,
			volunteerId: null
		};
		const own = registration({ phone: phoneNo(1), name: '李秀英', homeStationId: mine.id });
		const other = registration({
			phone: phoneNo(2),
			name: '周婷',
			district: 'chaoyang',
			homeStationId: theirs.id
		});
		await server.transaction().execute(async (trx) => {
			const store = new SqlRecordStore(trx);
			await store.put('stations', mine);
			await store.put('stations', theirs);
			for (const args of [own, other]) {
				await executeMutation(store, 'volunteer.register', args, {
					authority: 'server',
					actor: null,
					now: at()
				});
			}
		});
		return { server, mine, worker, own, other };
	}

	const registerAs = async (
		server: Awaited<ReturnType<typeof world>>['server'],
		actor: Actor,
		args: unknown
	) =>
		server.transaction().execute((trx) =>
			executeMutation(new SqlRecordStore(trx), 'volunteer.register', args, {
				authority: 'server',
				actor,
				now: at(5)
			})
		);

	it('names a member of her own station taken by a phone', async () => {
		const { server, mine, worker, own } = await world();
		const done = await registerAs(
			server,
			worker,
			registration({ phone: phoneNo(1), homeStationId: mine.id })
		);
		expect(done).toEqual({
			ok: false,
			refusal: {
				code: 'duplicate_phone',
				path: ['phone'],
				detail: { memberId: own.id, memberName: '李秀英' }
			}
		});
	});

	it('says a phone is taken without naming a member of another station', async () => {
		const { server, mine, worker } = await world();
		const done = await registerAs(
			server,
			worker,
			registration({ phone: phoneNo(2), homeStationId: mine.id })
		);
		expect(done).toEqual({
			ok: false,
			refusal: { code: 'duplicate_phone', path: ['phone'], detail: {} }
		});
	});
});
