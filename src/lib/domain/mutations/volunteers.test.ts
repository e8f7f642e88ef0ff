import { describe, expect, it } from 'vitest';
import { privacyNoticeVersions, PRIVACY_NOTICE_VERSION } from '$lib/domain/reference';
import {
	activeMember,
	at,
	bothSides,
	must,
	newShift,
	openShift,
	phoneNo,
	registration,
	serverSide,
	station
} from '$lib/testing/fixtures';
import { testServer } from '$lib/testing/harness';

describe.each(bothSides)('member rules on the %s', (_where, makeSide) => {
	it('refuses a registration without consent, pointing at the consent box', async () => {
		const side = await makeSide();
		const args = registration({ consent: false });
		expect(await side.run('volunteer.register', args)).toMatchObject({
			ok: false,
			code: 'consent_required',
			path: ['consent']
		});
		expect(await side.get('volunteers', args.id)).toBeUndefined();
	});

	it('refuses a registration that accepted an older privacy notice', async () => {
		const side = await makeSide();
		const args = registration({ consentVersion: '2020-01' });
		expect(await side.run('volunteer.register', args)).toMatchObject({
			ok: false,
			code: 'consent_outdated',
			path: ['consent']
		});
	});

	it.each([
		['139 1234 5678'],
		['139-1234-5678'],
		['+86 139 1234 5678'],
		['0086 13912345678'],
		['+86-139-1234-5678']
	])('stores %s as 11 digits', async (typed) => {
		const side = await makeSide();
		const args = registration({ phone: typed });
		await must(side, 'volunteer.register', args);
		expect((await side.get('volunteers', args.id))?.phone).toBe('13912345678');
	});

	it.each([['1391234567'], ['23912345678'], ['phone'], ['']])(
		'refuses the invalid phone %j',
		async (typed) => {
			const side = await makeSide();
			const args = registration({ phone: typed });
			expect(await side.run('volunteer.register', args)).toMatchObject({
				ok: false,
				code: 'invalid_phone',
				path: ['phone']
			});
			expect(await side.get('volunteers', args.id)).toBeUndefined();
		}
	);

	it('refuses a second registration with the same phone, naming the member who has it', async () => {
		const side = await makeSide();
		const first = registration({ name: '张华', phone: '13912345678' });
		await must(side, 'volunteer.register', first);
		const second = registration({ name: '张华华', phone: '+86 139-1234-5678' });
		expect(await side.run('volunteer.register', second)).toEqual({
			ok: false,
			code: 'duplicate_phone',
			path: ['phone'],
			detail: { memberId: first.id, memberName: '张华' }
		});
		expect(await side.get('volunteers', second.id)).toBeUndefined();
	});

	it('makes a member registered by staff active at once, with the consent time and version', async () => {
		const side = await makeSide();
		const args = registration({ at: at(5) });
		await must(side, 'volunteer.register', args);
		expect(await side.get('volunteers', args.id)).toMatchObject({
			status: 'active',
			consentAt: at(5),
			consentVersion: args.consentVersion,
			guardian: null,
			consentWithdrawnAt: null,
			erasureRequestedAt: null
		});
	});

	it.each(['kiosk', 'self'] as const)(
		'leaves a member registered from the %s pending her station’s approval',
		async (source) => {
			const side = await makeSide();
			const args = registration({ source, birthDate: '1990-05-04' });
			await must(side, 'volunteer.register', args);
			expect(await side.get('volunteers', args.id)).toMatchObject({
				status: 'pending',
				birthDate: '1990-05-04',
				birthYear: 1990
			});
		}
	);

	it('keeps a registration that accepted the notice before it changed (she is asked again)', async () => {
		const side = await makeSide();
		const args = registration({ consentVersion: privacyNoticeVersions[0] });
		await must(side, 'volunteer.register', args);
		expect((await side.get('volunteers', args.id))?.consentVersion).toBe(privacyNoticeVersions[0]);
	});

	it('refuses a member into a station that is suspended or closed', async () => {
		const side = await makeSide();
		for (const status of ['suspended', 'closed'] as const) {
			const home = station({ status });
			await side.addStation(home);
			const args = registration({ homeStationId: home.id });
			expect(await side.run('volunteer.register', args)).toEqual({
				ok: false,
				code: 'station_not_open',
				path: ['homeStationId'],
				detail: { status }
			});
		}
	});

	it('refuses changing a member to a phone another member has', async () => {
		const side = await makeSide();
		const taken = registration({ name: '王芳', phone: phoneNo(1) });
		const other = registration({ phone: phoneNo(2) });
		await must(side, 'volunteer.register', taken);
		await must(side, 'volunteer.register', other);
		const outcome = await side.run('volunteer.update', {
			id: other.id,
			changes: { phone: `${phoneNo(1).slice(0, 3)} ${phoneNo(1).slice(3)}` },
			at: at(1)
		});
		expect(outcome).toMatchObject({
			ok: false,
			code: 'duplicate_phone',
			detail: { memberId: taken.id, memberName: '王芳' }
		});
		expect((await side.get('volunteers', other.id))?.phone).toBe(phoneNo(2));
	});

	it('lets a member keep their own phone, typed differently', async () => {
		const side = await makeSide();
		const member = registration({ phone: '13912345678' });
		await must(side, 'volunteer.register', member);
		await must(side, 'volunteer.update', {
			id: member.id,
			changes: { phone: '+86 139 1234 5678' },
			at: at(1)
		});
		expect((await side.get('volunteers', member.id))?.phone).toBe('13912345678');
	});

	it('changes only the fields an edit names', async () => {
		const side = await makeSide();
		const member = registration({ name: '赵敏', community: '西总布', availability: '周末' });
		await must(side, 'volunteer.register', member);
		await must(side, 'volunteer.update', {
			id: member.id,
			changes: { community: '东四' },
			at: at(3)
		});
		expect(await side.get('volunteers', member.id)).toMatchObject({
			name: '赵敏',
			community: '东四',
			availability: '周末',
			phone: member.phone,
			updatedAt: at(3)
		});
	});

	it('activates and deactivates a member', async () => {
		const side = await makeSide();
		const member = registration();
		await must(side, 'volunteer.register', member);
		await must(side, 'volunteer.setStatus', { id: member.id, status: 'active', at: at(1) });
		expect((await side.get('volunteers', member.id))?.status).toBe('active');
		await must(side, 'volunteer.setStatus', { id: member.id, status: 'inactive', at: at(2) });
		expect((await side.get('volunteers', member.id))?.status).toBe('inactive');
	});

	it('refuses an edit of a member it cannot find', async () => {
		const side = await makeSide();
		expect(
			await side.run('volunteer.setStatus', {
				id: crypto.randomUUID(),
				status: 'active',
				at: at()
			})
		).toMatchObject({ ok: false, code: 'not_found' });
	});
});

/** On 1 March 2026 (the stories' day): born on these dates, she is 12, 13, 14, 16 or 18. */
const born = {
	twelve: '2013-06-01',
	thirteen: '2012-03-02',
	fourteen: '2012-03-01',
	sixteen: '2009-09-09',
	eighteen: '2008-03-01'
};
const guardian = { name: '赵建国', phone: '139 0000 8888', consent: true };

describe.each(bothSides)('age and consent rules on the %s', (_where, makeSide) => {
	it.each(['kiosk', 'self'] as const)(
		'refuses a child under 14 registering at the %s, even with a guardian',
		async (source) => {
			const side = await makeSide();
			for (const birthDate of [born.twelve, born.thirteen]) {
				const args = registration({ source, birthDate, birthYear: null, guardian });
				expect(await side.run('volunteer.register', args)).toEqual({
					ok: false,
					code: 'too_young',
					path: ['birthDate'],
					detail: { age: '14' }
				});
				expect(await side.get('volunteers', args.id)).toBeUndefined();
			}
		}
	);

	it('asks the kiosk and self-registration for a birth date, a year alone is not enough', async () => {
		const side = await makeSide();
		const args = registration({ source: 'kiosk', birthDate: null, birthYear: 1980 });
		expect(await side.run('volunteer.register', args)).toMatchObject({
			ok: false,
			code: 'birth_date_required',
			path: ['birthDate']
		});
	});

	it('needs a guardian’s name, phone and consent from 14 to 17', async () => {
		const side = await makeSide();
		for (const birthDate of [born.fourteen, born.sixteen]) {
			const without = registration({ source: 'kiosk', birthDate, phone: phoneNo(50) });
			expect(await side.run('volunteer.register', without)).toMatchObject({
				ok: false,
				code: 'guardian_required',
				path: ['guardian']
			});
			const unticked = registration({
				source: 'kiosk',
				birthDate,
				phone: phoneNo(51),
				guardian: { ...guardian, consent: false }
			});
			expect(await side.run('volunteer.register', unticked)).toMatchObject({
				ok: false,
				code: 'guardian_consent_required',
				path: ['guardian', 'consent']
			});
		}
	});

	it('records the guardian, her consent’s time and the notice version for a 16-year-old', async () => {
		const side = await makeSide();
		const args = registration({ source: 'kiosk', birthDate: born.sixteen, guardian, at: at(9) });
		await must(side, 'volunteer.register', args);
		expect(await side.get('volunteers', args.id)).toMatchObject({
			status: 'pending',
			birthDate: born.sixteen,
			birthYear: 2009,
			guardian: {
				name: '赵建国',
				phone: '13900008888',
				consentAt: at(9),
				consentVersion: PRIVACY_NOTICE_VERSION
			}
		});
	});

	it('lets staff register a child under 14 with her guardian present, and keeps no guardian for an adult', async () => {
		const side = await makeSide();
		const child = registration({ birthDate: born.twelve, guardian, phone: phoneNo(60) });
		await must(side, 'volunteer.register', child);
		expect((await side.get('volunteers', child.id))?.guardian?.name).toBe('赵建国');
		const adult = registration({ birthDate: born.eighteen, guardian, phone: phoneNo(61) });
		await must(side, 'volunteer.register', adult);
		expect((await side.get('volunteers', adult.id))?.guardian).toBeNull();
	});

	it('asks staff for the birth date of someone whose birth year says she may be under 18', async () => {
		const side = await makeSide();
		const args = registration({ birthYear: 2008, birthDate: null });
		expect(await side.run('volunteer.register', args)).toMatchObject({
			ok: false,
			code: 'birth_date_required',
			path: ['birthDate']
		});
		await must(side, 'volunteer.register', registration({ birthYear: 2007, phone: phoneNo(70) }));
	});

	it('refuses a birth date in the future or more than 120 years ago', async () => {
		const side = await makeSide();
		expect(
			await side.run('volunteer.register', registration({ birthDate: '2026-03-02' }))
		).toMatchObject({ ok: false, code: 'date_in_future', path: ['birthDate'] });
		expect(
			await side.run('volunteer.register', registration({ birthDate: '1900-01-01' }))
		).toMatchObject({ ok: false, code: 'invalid_date', path: ['birthDate'] });
	});

	it('asks for a guardian when an edit shows a member is a minor', async () => {
		const side = await makeSide();
		const member = registration({ birthYear: 1990 });
		await must(side, 'volunteer.register', member);
		const edit = { id: member.id, changes: { birthDate: born.sixteen }, at: at(1) };
		expect(await side.run('volunteer.update', edit)).toMatchObject({
			ok: false,
			code: 'guardian_required'
		});
		await must(side, 'volunteer.update', { ...edit, changes: { ...edit.changes, guardian } });
		expect(await side.get('volunteers', member.id)).toMatchObject({
			birthDate: born.sixteen,
			birthYear: 2009,
			guardian: { name: '赵建国', phone: '13900008888' }
		});
	});

	it('asks a member to agree to the changed notice again, and records when', async () => {
		const side = await makeSide();
		const member = registration({ consentVersion: privacyNoticeVersions[0] });
		await must(side, 'volunteer.register', member);
		await must(side, 'volunteer.consent', {
			id: member.id,
			consentVersion: PRIVACY_NOTICE_VERSION,
			at: at(30)
		});
		expect(await side.get('volunteers', member.id)).toMatchObject({
			consentVersion: PRIVACY_NOTICE_VERSION,
			consentAt: at(30),
			status: 'active'
		});
		expect(
			await side.run('volunteer.consent', { id: member.id, consentVersion: '2099-01', at: at(31) })
		).toMatchObject({ ok: false, code: 'consent_outdated', path: ['consentVersion'] });
	});

	it('stops processing a member who withdraws her consent, until she gives it again', async () => {
		const side = await makeSide();
		const member = registration();
		await must(side, 'volunteer.register', member);
		await must(side, 'volunteer.withdrawConsent', { id: member.id, at: at(10) });
		expect(await side.get('volunteers', member.id)).toMatchObject({
			status: 'inactive',
			consentWithdrawnAt: at(10)
		});
		expect(
			await side.run('volunteer.setStatus', { id: member.id, status: 'active', at: at(11) })
		).toMatchObject({ ok: false, code: 'consent_withdrawn' });
		await must(side, 'volunteer.consent', {
			id: member.id,
			consentVersion: PRIVACY_NOTICE_VERSION,
			at: at(12)
		});
		// Back, and waiting for her station to approve her again.
		expect(await side.get('volunteers', member.id)).toMatchObject({
			status: 'pending',
			consentWithdrawnAt: null,
			consentAt: at(12)
		});
	});

	it('marks an erasure request, after which she takes part in nothing', async () => {
		const side = await makeSide();
		const member = registration();
		await must(side, 'volunteer.register', member);
		await must(side, 'volunteer.requestErasure', { id: member.id, at: at(20) });
		expect(await side.get('volunteers', member.id)).toMatchObject({
			status: 'inactive',
			erasureRequestedAt: at(20)
		});
		for (const [name, args] of [
			['volunteer.setStatus', { id: member.id, status: 'active', at: at(21) }],
			['volunteer.consent', { id: member.id, consentVersion: PRIVACY_NOTICE_VERSION, at: at(21) }]
		] as const) {
			expect(await side.run(name, args as never)).toMatchObject({
				ok: false,
				code: 'erasure_requested'
			});
		}
	});

	it('erases only a member who asked for it', async () => {
		const side = await makeSide();
		const member = registration();
		await must(side, 'volunteer.register', member);
		expect(await side.run('volunteer.erase', { id: member.id, at: at(1) })).toMatchObject({
			ok: false,
			code: 'erasure_not_requested'
		});
		await must(side, 'volunteer.requestErasure', { id: member.id, at: at(2) });
		await must(side, 'volunteer.erase', { id: member.id, at: at(3) });
		expect(await side.get('volunteers', member.id)).toBeUndefined();
	});
});

describe('withdrawal and erasure on the server', () => {
	it('gives her places back to the shifts still to come, and the waitlist moves up', async () => {
		const side = serverSide(await testServer());
		const { shiftId } = await openShift(side, 1);
		const her = await activeMember(side, 1);
		const next = await activeMember(side, 2);
		const [mine, theirs] = [crypto.randomUUID(), crypto.randomUUID()];
		await must(side, 'signup.request', { id: mine, shiftId, volunteerId: her, at: at(2) });
		await must(side, 'signup.request', { id: theirs, shiftId, volunteerId: next, at: at(3) });
		expect((await side.get('signups', theirs))?.status).toBe('waitlisted');
		await must(side, 'volunteer.withdrawConsent', { id: her, at: at(4) });
		expect((await side.get('signups', mine))?.status).toBe('cancelled');
		expect((await side.get('signups', theirs))?.status).toBe('confirmed');
		expect(await side.get('shifts', shiftId)).toMatchObject({
			confirmedCount: 1,
			waitlistCount: 0
		});
	});

	it('erases her record, her transfers and every sign-up but the service she gave', async () => {
		const db = await testServer();
		const side = serverSide(db);
		const { shiftId, projectId, station: home } = await openShift(side, 3);
		const later = newShift(projectId, { start: at(48 * 60), end: at(50 * 60), capacity: 1 });
		await must(side, 'shift.add', later);
		const elsewhere = station({ name: '东四社区妇女志愿服务站', community: '东四' });
		await side.addStation(elsewhere);
		const args = registration({ phone: phoneNo(1), name: '成员1', homeStationId: home.id });
		await must(side, 'volunteer.register', args);
		const her = args.id;
		const [served, booked] = [crypto.randomUUID(), crypto.randomUUID()];
		await must(side, 'signup.request', { id: served, shiftId, volunteerId: her, at: at(2) });
		await must(side, 'signup.request', {
			id: booked,
			shiftId: later.id,
			volunteerId: her,
			at: at(2)
		});
		// Service she gave: completed, with hours (set as the event day's check-out will).
		const row = (await side.get('signups', served))!;
		await db.transaction().execute(async (trx) => {
			const { SqlRecordStore } = await import('$lib/server/record-store');
			await new SqlRecordStore(trx).put('signups', {
				...row,
				status: 'completed',
				hoursCredited: 3
			});
		});
		const transfer = crypto.randomUUID();
		await must(side, 'transfer.request', {
			id: transfer,
			volunteerId: her,
			toStationId: elsewhere.id,
			requestedBy: 'station',
			note: '',
			at: at(3)
		});
		await must(side, 'volunteer.requestErasure', { id: her, at: at(4) });
		expect(await side.get('roster', served), 'the roster holds her name').toBeDefined();
		await must(side, 'volunteer.erase', { id: her, at: at(5) });

		const stored = async (table: 'volunteers' | 'signups' | 'transfers' | 'roster', id: string) =>
			db.selectFrom(table).select(['deleted', 'data']).where('id', '=', id).executeTakeFirst();
		expect(await stored('volunteers', her)).toEqual({ deleted: 1, data: '{}' });
		expect(await stored('transfers', transfer)).toEqual({ deleted: 1, data: '{}' });
		expect(await stored('roster', served)).toEqual({ deleted: 1, data: '{}' });
		const kept = await side.get('signups', served);
		expect(kept).toMatchObject({ status: 'completed', hoursCredited: 3, volunteerId: her });
		// The place she had booked is free again.
		expect(await stored('signups', booked)).toEqual({ deleted: 1, data: '{}' });
		expect((await side.get('shifts', later.id))?.confirmedCount).toBe(0);
		// Nothing of her name or phone is left in any record the server stores.
		const member = await db
			.selectFrom('volunteers')
			.selectAll()
			.where('id', '=', her)
			.executeTakeFirst();
		expect(member).toMatchObject({ name: '', phone: '', home_station_id: home.id });
		for (const table of ['volunteers', 'signups', 'transfers', 'shifts', 'roster'] as const) {
			const all = JSON.stringify(await db.selectFrom(table).selectAll().execute());
			expect(all.includes('成员1'), table).toBe(false);
			expect(all.includes(phoneNo(1)), table).toBe(false);
		}
	});
});
