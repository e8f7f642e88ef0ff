import { describe, expect, it } from 'vitest';
import { testDevice } from '$lib/testing/harness';
import { at, phoneNo, registration } from '$lib/testing/fixtures';
import { PRIVACY_NOTICE_VERSION } from '$lib/domain/reference';
import { noReadiness, type Volunteer } from '$lib/domain/schemas';
import type { MutationName } from '$lib/domain/mutations';
import { replayLocally, runMutation } from './mutate';
import { setMeta, type LocalDb } from './db';

describe('runMutation', () => {
	it('saves the record and its outbox entry together, numbering entries 1, 2, 3', async () => {
		const db = testDevice();
		const members = [1, 2, 3].map((n) => registration({ phone: phoneNo(n) }));
		const outcomes = [];
		for (const args of members) outcomes.push(await runMutation(db, 'volunteer.register', args));
		expect(outcomes).toEqual([
			{ ok: true, mutationId: 1 },
			{ ok: true, mutationId: 2 },
			{ ok: true, mutationId: 3 }
		]);
		expect(await db.volunteers.count()).toBe(3);
		const outbox = await db.outbox.orderBy('id').toArray();
		expect(outbox.map((e) => [e.id, e.name])).toEqual([
			[1, 'volunteer.register'],
			[2, 'volunteer.register'],
			[3, 'volunteer.register']
		]);
		expect(outbox[0]?.args).toEqual(members[0]);
	});

	it('leaves no record, outbox entry or base copy when a rule refuses', async () => {
		const db = testDevice();
		const outcome = await runMutation(db, 'volunteer.register', registration({ consent: false }));
		expect(outcome).toMatchObject({ ok: false, code: 'consent_required', path: ['consent'] });
		expect(await db.volunteers.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
		expect(await db.base.count()).toBe(0);
	});

	it('does not spend a mutation id on a refusal', async () => {
		const db = testDevice();
		await runMutation(db, 'volunteer.register', registration({ phone: phoneNo(1) }));
		await runMutation(db, 'volunteer.register', registration({ phone: phoneNo(1) }));
		const third = await runMutation(db, 'volunteer.register', registration({ phone: phoneNo(2) }));
		expect(third).toEqual({ ok: true, mutationId: 2 });
		expect((await db.outbox.toArray()).map((e) => e.id)).toEqual([1, 2]);
	});

	it('writes no record when the outbox entry cannot be written', async () => {
		const db = testDevice();
		// An outbox that already holds the next id makes the outbox write fail inside the transaction.
		await db.outbox.add({ id: 1, name: 'volunteer.setStatus', args: {}, createdAt: at() });
		await setMeta(db, 'nextMutationId', 1);
		const args = registration();
		await expect(runMutation(db, 'volunteer.register', args)).rejects.toThrow();
		expect(await db.volunteers.get(args.id)).toBeUndefined();
		expect(await db.base.count()).toBe(0);
	});

	it.each([
		[{ name: '  ' }, 'required', ['name']],
		[{ birthYear: 1800 }, 'invalid_year', ['birthYear']],
		[{ phone: '12345' }, 'invalid_phone', ['phone']],
		[{ id: 'not-a-uuid' }, 'invalid_id', ['id']]
	])('refuses the invalid args %j with a code and the field path', async (bad, code, path) => {
		const db = testDevice();
		const outcome = await runMutation(db, 'volunteer.register', registration(bad));
		expect(outcome).toMatchObject({ ok: false, code, path });
		expect(await db.outbox.count()).toBe(0);
	});

	it('keeps the server copy of a row in base before the first local change', async () => {
		const db = testDevice();
		const pulled = await pulledMember(db);
		await runMutation(db, 'volunteer.update', {
			id: pulled.id,
			changes: { community: '东四' },
			at: at(1)
		});
		await runMutation(db, 'volunteer.update', {
			id: pulled.id,
			changes: { name: '新名' },
			at: at(2)
		});
		expect(await db.base.toArray()).toEqual([
			{ key: `volunteers:${pulled.id}`, table: 'volunteers', id: pulled.id, row: pulled }
		]);
		expect(await db.volunteers.get(pulled.id)).toMatchObject({ community: '东四', name: '新名' });
	});

	it('records a row made on the device as having no server copy', async () => {
		const db = testDevice();
		const member = registration();
		await runMutation(db, 'volunteer.register', member);
		expect(await db.base.get(`volunteers:${member.id}`)).toMatchObject({ row: null });
	});
	it('refuses a queued entry whose mutation this version no longer knows, without crashing', async () => {
		const db = testDevice();
		const entry = {
			id: 1,
			name: 'volunteer.retired' as MutationName,
			args: {},
			createdAt: at()
		};
		expect(await replayLocally(db, entry)).toBe(false);
		expect(
			await runMutation(db, 'volunteer.retired' as MutationName, {} as never)
		).toMatchObject({ ok: false, code: 'unknown_mutation', path: ['name'] });
	});
});

/** A member as a pull would have written it: registered elsewhere, version 7 at the server. */
async function pulledMember(db: LocalDb): Promise<Volunteer> {
	const member: Volunteer = {
		id: crypto.randomUUID(),
		createdAt: at(),
		updatedAt: at(),
		version: 7,
		updatedBy: null,
		name: '周婷',
		phone: phoneNo(9),
		gender: 'female',
		birthYear: 1980,
		district: 'dongcheng',
		community: '西总布',
		skills: [],
		languages: ['zh'],
		availability: '',
		emergencyResponder: false,
		readiness: noReadiness(),
		consentAt: at(),
		consentVersion: PRIVACY_NOTICE_VERSION,
		status: 'active',
		homeStationId: null,
		source: 'staff',
		registeredBy: null,
		birthDate: null,
		guardian: null,
		consentWithdrawnAt: null,
		erasureRequestedAt: null
	};
	await db.volunteers.put(member);
	return member;
}
