import { Dexie } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { registration } from '$lib/testing/fixtures';
import { DEFAULT_DB_NAME, getMeta, openLocalDb, setMeta } from '$lib/client/data/db';
import { localDbName } from './device';
import { adoptLegacyOutbox, LEGACY_REFUSAL_IDS } from './legacy-db';
import { runMutation } from '$lib/client/data/mutate';

const accountId = '5b2c1d0e-2222-4c59-9d3e-0d7f6a1b2c01';

beforeEach(async () => {
	for (const d of await indexedDB.databases()) await Dexie.delete(d.name ?? '');
});

/** The database as the app made it before accounts: changes queued, some already sent. */
async function legacyWith(changes: number, ackedThrough = 0) {
	const old = openLocalDb();
	const ids: string[] = [];
	for (let i = 0; i < changes; i++) {
		const args = registration({ phone: `1390000${String(i).padStart(4, '0')}` });
		ids.push(args.id);
		expect((await runMutation(old, 'volunteer.register', args)).ok).toBe(true);
	}
	await setMeta(old, 'ackedThrough', ackedThrough);
	old.close();
	return ids;
}

describe('the database from before accounts', () => {
	it('hands its unsent changes to the first staff account, numbered from 1, and goes', async () => {
		const ids = await legacyWith(3, 1);
		const old = openLocalDb();
		await old.refusals.put({
			mutationId: 7,
			name: 'volunteer.register',
			args: registration(),
			code: 'duplicate_phone',
			path: ['phone'],
			detail: {},
			at: new Date().toISOString()
		});
		old.close();

		expect(await adoptLegacyOutbox(accountId)).toEqual({
			kind: 'adopted',
			adopted: 2,
			refusals: 1
		});

		expect(await Dexie.exists(DEFAULT_DB_NAME)).toBe(false);
		const mine = openLocalDb(localDbName(accountId));
		const outbox = await mine.outbox.orderBy('id').toArray();
		// The first one the server already has is not sent again; the others keep their order.
		expect(outbox.map((e) => e.id)).toEqual([1, 2]);
		expect(outbox.map((e) => (e.args as { id: string }).id)).toEqual(ids.slice(1));
		expect(await getMeta(mine, 'nextMutationId', 0)).toBe(3);
		expect((await mine.refusals.toArray()).map((r) => r.mutationId)).toEqual([LEGACY_REFUSAL_IDS]);
		// Her next change follows them without a gap.
		expect(await runMutation(mine, 'volunteer.register', registration())).toEqual({
			ok: true,
			mutationId: 3
		});
		mine.close();
	});

	it('is deleted when nothing in it waits for the server', async () => {
		await legacyWith(2, 2);
		expect(await adoptLegacyOutbox(accountId)).toEqual({
			kind: 'adopted',
			adopted: 0,
			refusals: 0
		});
		expect(await Dexie.exists(DEFAULT_DB_NAME)).toBe(false);
	});

	it('is left alone when the account already has changes of its own', async () => {
		await legacyWith(2);
		const mine = openLocalDb(localDbName(accountId));
		await runMutation(mine, 'volunteer.register', registration({ phone: '13911112222' }));
		mine.close();

		expect(await adoptLegacyOutbox(accountId)).toEqual({ kind: 'kept', waiting: 2 });
		const old = openLocalDb();
		expect(await old.outbox.count()).toBe(2);
		old.close();
	});

	it('answers none on a device that never had one', async () => {
		expect(await adoptLegacyOutbox(accountId)).toEqual({ kind: 'none' });
		expect(await Dexie.exists(DEFAULT_DB_NAME)).toBe(false);
	});
});
