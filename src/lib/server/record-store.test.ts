/**
 * What the rules read through the server's record store: rows decoded once and shared, so frozen;
 * statements run inside the transaction they were asked in, which a rollback undoes; live rows
 * found through the indexes over live rows only.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '$lib/domain/sync';
import { phoneNo, registration, station } from '$lib/testing/fixtures';
import { testServer } from '$lib/testing/harness';
import { testDatabaseKind } from '$lib/testing/test-databases';
import { systemActor } from './authorization';
import { decodeRow, SqlRecordStore, writeTransaction } from './record-store';
import { push } from './sync';

describe('the server record store', () => {
	it('gives a row read again as the same frozen record, and the new one once it is written', async () => {
		const db = await testServer();
		const row = station({ name: '读两次服务站', services: ['elderly_care', 'childcare'] });
		await writeTransaction(db, async (trx, versions) => {
			await new SqlRecordStore(trx, versions).put('stations', row);
		});
		await writeTransaction(db, async (trx, versions) => {
			const store = new SqlRecordStore(trx, versions);
			const first = await store.get('stations', row.id);
			const again = await store.get('stations', row.id);
			expect(again).toBe(first);
			expect(Object.isFrozen(first)).toBe(true);
			expect(Object.isFrozen(first!.services)).toBe(true);
			expect(() => first!.services.push('legal_aid')).toThrow(TypeError);
			const stored = await trx
				.selectFrom('stations')
				.select(['data', 'version'])
				.where('id', '=', row.id)
				.executeTakeFirstOrThrow();
			expect(first).toEqual(decodeRow('stations', stored));

			await store.put('stations', { ...first!, name: '改过名的服务站' });
			const changed = await store.get('stations', row.id);
			expect(changed?.name).toBe('改过名的服务站');
			// Unstamped until the transaction ends: read back as written, not as remembered.
			expect(changed?.version).toBe(0);
		});
		const after = await db
			.transaction()
			.execute((trx) => new SqlRecordStore(trx).get('stations', row.id));
		expect(after?.name).toBe('改过名的服务站');
		expect(after?.version).toBeGreaterThan(0);
	});

	it('writes nothing of a transaction that fails, its reads and writes inside it', async () => {
		const db = await testServer();
		const row = station({ name: '不会留下的服务站' });
		await expect(
			db.transaction().execute(async (trx) => {
				const store = new SqlRecordStore(trx);
				await store.put('stations', row);
				expect((await store.get('stations', row.id))?.name).toBe('不会留下的服务站');
				throw new Error('stopped on purpose');
			})
		).rejects.toThrow('stopped on purpose');
		const left = await db.selectFrom('stations').select('id').where('id', '=', row.id).execute();
		expect(left).toEqual([]);
	});

	it('finds a member by her phone while she is on the register, and not once she is removed', async () => {
		const db = await testServer();
		const home = station();
		await writeTransaction(db, async (trx, versions) => {
			await new SqlRecordStore(trx, versions).put('stations', home);
		});
		const args = registration({ phone: phoneNo(4242), homeStationId: home.id });
		const answer = await push(
			db,
			{
				clientId: crypto.randomUUID(),
				schemaVersion: SCHEMA_VERSION,
				mutations: [{ id: 1, name: 'volunteer.register', args }]
			},
			systemActor
		);
		expect(answer.results[0]?.status).toBe('applied');
		await writeTransaction(db, async (trx, versions) => {
			const store = new SqlRecordStore(trx, versions);
			const member = await store.volunteerByPhone(phoneNo(4242));
			expect(member?.id).toBe(args.id);
			await store.remove('volunteers', member!);
			expect(await store.volunteerByPhone(phoneNo(4242))).toBeUndefined();
			expect(await store.get('volunteers', args.id)).toBeUndefined();
		});
	});

	it.runIf(testDatabaseKind() === 'postgres')(
		'keeps the statements a push runs for each mutation prepared on PostgreSQL, by name',
		async () => {
			const db = await testServer();
			const home = station();
			await writeTransaction(db, async (trx, versions) => {
				await new SqlRecordStore(trx, versions).put('stations', home);
			});
			const mutations = [1, 2, 3].map((id) => ({
				id,
				name: 'volunteer.register',
				args: registration({ phone: phoneNo(id), homeStationId: home.id })
			}));
			const clientId = crypto.randomUUID();
			const answer = await push(
				db,
				{ clientId, schemaVersion: SCHEMA_VERSION, mutations },
				systemActor
			);
			expect(answer.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
			// One after another on an idle pool, these run on the connection the push used.
			const { rows } = await sql<{ name: string; statement: string }>`
				SELECT name, statement FROM pg_prepared_statements`.execute(db);
			const statements = rows.map((r) => r.statement);
			expect(rows.every((r) => r.name.startsWith('reused_'))).toBe(true);
			expect(statements.some((s) => s.includes('"phone" = $1'))).toBe(true);
			expect(statements.some((s) => s.startsWith('INSERT INTO "volunteers"'))).toBe(true);
		}
	);
});
