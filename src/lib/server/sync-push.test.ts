import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '$lib/domain/sync';
import { testServer } from '$lib/testing/harness';
import { at, phoneNo, registration, station } from '$lib/testing/fixtures';
import { systemActor } from './authorization';
import type { Db } from './database';
import { headVersion, SqlRecordStore } from './record-store';
import { MutationGapError, push } from './sync';

type Sent = { id: number; name: string; args: unknown };

function pusher(db: Db) {
	const clientId = crypto.randomUUID();
	return (...mutations: Sent[]) =>
		push(db, { clientId, schemaVersion: SCHEMA_VERSION, mutations }, systemActor, () => at());
}

const register = (id: number, phone: string): Sent => ({
	id,
	name: 'volunteer.register',
	args: registration({ phone })
});

const head = (db: Db) => db.transaction().execute(headVersion);
const memberCount = async (db: Db) =>
	(await db.selectFrom('volunteers').select('id').execute()).length;

describe('push', () => {
	it('skips a replayed push and answers it as before, stored refusal included', async () => {
		const db = await testServer();
		const send = pusher(db);
		const batch = [register(1, phoneNo(1)), register(2, phoneNo(1)), register(3, phoneNo(3))];
		const first = await send(...batch);
		expect(first.results.map((r) => [r.id, r.status, r.code])).toEqual([
			[1, 'applied', undefined],
			[2, 'refused', 'duplicate_phone'],
			[3, 'applied', undefined]
		]);
		const version = await head(db);

		const again = await send(...batch);
		expect(again).toEqual(first);
		expect(await head(db)).toBe(version);
		expect(await memberCount(db)).toBe(2);
	});

	it('refuses a push that skips an id, saying which id it expects', async () => {
		const db = await testServer();
		const send = pusher(db);
		await send(register(1, phoneNo(1)));
		const gap = send(register(3, phoneNo(3)));
		await expect(gap).rejects.toBeInstanceOf(MutationGapError);
		await expect(gap).rejects.toMatchObject({ expected: 2 });
		expect(await memberCount(db)).toBe(1);
	});

	it('keeps the mutations before a gap in the same push, and says where to resume', async () => {
		const db = await testServer();
		const send = pusher(db);
		const gap = send(register(1, phoneNo(1)), register(2, phoneNo(2)), register(4, phoneNo(4)));
		await expect(gap).rejects.toMatchObject({ expected: 3 });
		expect(await memberCount(db)).toBe(2);
		const resumed = await send(register(3, phoneNo(3)), register(4, phoneNo(4)));
		expect(resumed).toEqual({
			lastMutationId: 4,
			results: [
				{ id: 3, status: 'applied' },
				{ id: 4, status: 'applied' }
			]
		});
	});

	it('advances past a refused mutation, so the next one still applies', async () => {
		const db = await testServer();
		const send = pusher(db);
		const refused = await send({
			id: 1,
			name: 'volunteer.register',
			args: registration({ consent: false })
		});
		expect(refused).toEqual({
			lastMutationId: 1,
			results: [
				{ id: 1, status: 'refused', code: 'consent_required', path: ['consent'], detail: {} }
			]
		});
		const next = await send(register(2, phoneNo(2)));
		expect(next).toEqual({ lastMutationId: 2, results: [{ id: 2, status: 'applied' }] });
	});

	it('refuses a mutation name it does not know', async () => {
		const db = await testServer();
		const answer = await pusher(db)({ id: 1, name: 'volunteer.teleport', args: {} });
		expect(answer.results).toEqual([
			{ id: 1, status: 'refused', code: 'unknown_mutation', path: ['name'], detail: {} }
		]);
		expect(answer.lastMutationId).toBe(1);
	});

	it.each([
		['a missing field', { ...registration(), name: undefined }, 'required', ['name']],
		['a wrong type', { ...registration(), birthYear: '1970' }, 'invalid', ['birthYear']],
		['an unknown field', { ...registration(), admin: true }, 'unknown_field', ['admin']],
		['a bad phone', registration({ phone: '12345' }), 'invalid_phone', ['phone']],
		['no object at all', 'volunteer', 'invalid', []]
	])('refuses args with %s, naming the field, writing nothing', async (_what, args, code, path) => {
		const db = await testServer();
		const before = await head(db);
		const answer = await pusher(db)({ id: 1, name: 'volunteer.register', args });
		expect(answer.results).toEqual([{ id: 1, status: 'refused', code, path, detail: {} }]);
		expect(answer.lastMutationId).toBe(1);
		expect(await head(db)).toBe(before);
		expect(await memberCount(db)).toBe(0);
	});

	// PostgreSQL cannot store a NUL in text; the answer is the same on SQLite.
	it.each([
		['a name', 'volunteer.register', registration({ name: '李\u0000秀英' }), ['name']],
		[
			'a nested change',
			'volunteer.update',
			{ id: crypto.randomUUID(), changes: { community: '西\u0000总布' }, at: at() },
			['changes', 'community']
		],
		[
			'a free field',
			'volunteer.register',
			registration({ consentVersion: '2026\u0000' }),
			['consentVersion']
		]
	])(
		'refuses a NUL character in %s, and the next mutation applies',
		async (_what, name, args, path) => {
			const db = await testServer();
			const send = pusher(db);
			const answer = await send({ id: 1, name, args });
			expect(answer.results).toEqual([
				{ id: 1, status: 'refused', code: 'invalid_characters', path, detail: {} }
			]);
			expect(await memberCount(db)).toBe(0);
			expect((await send(register(2, phoneNo(2)))).results).toEqual([{ id: 2, status: 'applied' }]);
		}
	);

	it('refuses an unknown mutation whose name holds a NUL, and answers it again on replay', async () => {
		const db = await testServer();
		const send = pusher(db);
		const sent = { id: 1, name: 'volunteer.register\u0000', args: registration() };
		const first = await send(sent);
		expect(first.results).toEqual([
			{ id: 1, status: 'refused', code: 'unknown_mutation', path: ['name'], detail: {} }
		]);
		expect(await send(sent)).toEqual(first);
	});

	it('undoes the partial writes of a mutation refused halfway', async () => {
		const db = await testServer();
		const signupId = crypto.randomUUID();
		// A sign-up whose shift is missing: cancelling writes the sign-up, then fails on the shift.
		await db.transaction().execute(async (trx) => {
			const store = new SqlRecordStore(trx);
			await store.put('stations', station());
			await store.put('signups', {
				id: signupId,
				createdAt: at(),
				updatedAt: at(),
				version: 0,
				updatedBy: null,
				shiftId: crypto.randomUUID(),
				projectId: crypto.randomUUID(),
				volunteerId: crypto.randomUUID(),
				status: 'confirmed',
				waitlistOrder: null,
				requestedAt: at(),
				decidedAt: at(),
				checkInAt: null,
				checkOutAt: null,
				hoursCredited: null,
				recordedBy: null
			});
		});
		const before = await head(db);
		const answer = await pusher(db)({
			id: 1,
			name: 'signup.cancel',
			args: { id: signupId, at: at(5) }
		});
		expect(answer.results[0]).toMatchObject({ status: 'refused', code: 'not_found' });
		expect(await head(db)).toBe(before);
		const signup = await db
			.transaction()
			.execute((trx) => new SqlRecordStore(trx).get('signups', signupId));
		expect(signup?.status).toBe('confirmed');
	});

	it('keeps each device’s ids apart', async () => {
		const db = await testServer();
		await pusher(db)(register(1, phoneNo(1)));
		const other = await pusher(db)(register(1, phoneNo(2)));
		expect(other.results).toEqual([{ id: 1, status: 'applied' }]);
		expect(await memberCount(db)).toBe(2);
	});
});
