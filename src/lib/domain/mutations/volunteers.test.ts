import { describe, expect, it } from 'vitest';
import { at, bothSides, must, phoneNo, registration } from '$lib/testing/fixtures';

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

	it('starts a new member as pending, with the consent time and version', async () => {
		const side = await makeSide();
		const args = registration({ at: at(5) });
		await must(side, 'volunteer.register', args);
		expect(await side.get('volunteers', args.id)).toMatchObject({
			status: 'pending',
			consentAt: at(5),
			consentVersion: args.consentVersion
		});
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
