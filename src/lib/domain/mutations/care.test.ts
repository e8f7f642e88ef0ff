import { describe, expect, it } from 'vitest';
import { hoursRuleId } from '$lib/domain/attendance';
import {
	at,
	bothSides,
	must,
	phoneNo,
	registration,
	station,
	type Side
} from '$lib/testing/fixtures';
import type { ArgsOf } from '../mutations';

/** 西总布 with two active members (李秀英, 王芳), 东四 with one (赵敏). */
async function story(side: Side) {
	const home = station();
	const neighbour = station({ name: '东四社区妇女志愿服务站', community: '东四' });
	for (const s of [home, neighbour]) await side.addStation(s);
	let phones = 0;
	const member = async (name: string, homeStationId: string, active = true) => {
		const args = registration({ phone: phoneNo(++phones), name, homeStationId });
		await must(side, 'volunteer.register', args);
		const status = active ? 'active' : 'inactive';
		await must(side, 'volunteer.setStatus', { id: args.id, status, at: at(1) });
		return args.id;
	};
	return {
		home,
		neighbour,
		li: await member('李秀英', home.id),
		wang: await member('王芳', home.id, false),
		zhao: await member('赵敏', neighbour.id)
	};
}

const person = (
	stationId: string,
	overrides: Partial<ArgsOf<'helped.register'>> = {}
): ArgsOf<'helped.register'> => ({
	id: crypto.randomUUID(),
	stationId,
	alias: '张奶奶',
	community: '西总布',
	minor: false,
	guardianName: '',
	guardianPhone: '',
	note: '独居',
	consent: true,
	at: at(2),
	...overrides
});

/** 张奶奶 at 西总布, paired with 李秀英 from 1 March 2026. */
async function paired(side: Side) {
	const world = await story(side);
	const helped = person(world.home.id);
	await must(side, 'helped.register', helped);
	const pairing = {
		id: crypto.randomUUID(),
		helpedId: helped.id,
		volunteerId: world.li,
		kind: 'elderly_companion' as const,
		startOn: '2026-03-01',
		at: at(3)
	};
	await must(side, 'care.pair', pairing);
	return { ...world, helped, pairing };
}

const visit = (carePairingId: string, overrides: Partial<ArgsOf<'care.logVisit'>> = {}) => ({
	id: crypto.randomUUID(),
	carePairingId,
	on: '2026-03-05',
	minutes: 97,
	note: '陪老人聊天',
	at: '2026-03-05T10:00:00.000Z',
	...overrides
});

describe.each(bothSides)('one-to-one pairing on the %s', (_where, makeSide) => {
	it('records a person helped with her consent; a minor through her guardian', async () => {
		const side = await makeSide();
		const { home } = await story(side);
		const adult = person(home.id, { guardianName: '不需要' });
		await must(side, 'helped.register', adult);
		expect(await side.get('helpedPeople', adult.id)).toMatchObject({
			stationId: home.id,
			district: 'dongcheng',
			minor: false,
			guardianName: '',
			consentAt: adult.at
		});
		expect(await side.run('helped.register', person(home.id, { consent: false }))).toMatchObject({
			ok: false,
			code: 'consent_required',
			path: ['consent']
		});
		const minor = person(home.id, { alias: '小雨', minor: true });
		expect(await side.run('helped.register', minor)).toMatchObject({
			ok: false,
			code: 'required',
			path: ['guardianName']
		});
		expect(
			await side.run('helped.register', { ...minor, guardianName: '雨妈妈', guardianPhone: '123' })
		).toMatchObject({ ok: false, code: 'invalid_phone', path: ['guardianPhone'] });
		await must(side, 'helped.register', {
			...minor,
			guardianName: '雨妈妈',
			guardianPhone: '13900001111'
		});
	});

	it('pairs her with an active member of her station only', async () => {
		const side = await makeSide();
		const { home, wang, zhao } = await story(side);
		const helped = person(home.id);
		await must(side, 'helped.register', helped);
		const pair = (volunteerId: string) =>
			side.run('care.pair', {
				id: crypto.randomUUID(),
				helpedId: helped.id,
				volunteerId,
				kind: 'elderly_companion',
				startOn: '2026-03-01',
				at: at(3)
			});
		expect(await pair(zhao)).toMatchObject({
			ok: false,
			code: 'not_station_member',
			path: ['volunteerId']
		});
		expect(await pair(wang)).toMatchObject({ ok: false, code: 'volunteer_inactive' });
	});

	it('credits a visit’s hours by the district’s rule once verified, and only once', async () => {
		const side = await makeSide();
		const { pairing } = await paired(side);
		await must(side, 'district.setHoursRule', {
			district: 'dongcheng',
			unitMinutes: 30,
			mode: 'down',
			at: at(4)
		});
		expect(await side.get('hoursRules', hoursRuleId('dongcheng'))).toBeTruthy();
		const logged = visit(pairing.id);
		await must(side, 'care.logVisit', logged);
		expect(await side.get('careVisits', logged.id)).toMatchObject({
			volunteerId: pairing.volunteerId,
			minutes: 97,
			hoursCredited: null,
			verifiedAt: null
		});
		await must(side, 'care.verifyVisit', { id: logged.id, at: '2026-03-06T01:00:00.000Z' });
		// 97 minutes, down to the half hour: 1.5 hours.
		expect(await side.get('careVisits', logged.id)).toMatchObject({
			hoursCredited: 1.5,
			verifiedAt: '2026-03-06T01:00:00.000Z'
		});
		await must(side, 'care.verifyVisit', { id: logged.id, at: '2026-03-07T01:00:00.000Z' });
		expect((await side.get('careVisits', logged.id))?.verifiedAt).toBe('2026-03-06T01:00:00.000Z');
	});

	it('refuses a visit before the pairing began, in the future, or after it ended', async () => {
		const side = await makeSide();
		const { pairing } = await paired(side);
		expect(await side.run('care.logVisit', visit(pairing.id, { on: '2026-02-28' }))).toMatchObject({
			ok: false,
			code: 'outside_pairing',
			path: ['on']
		});
		// 23:30 in Beijing on the 5th is still the 5th; the 6th has not come.
		expect(
			await side.run(
				'care.logVisit',
				visit(pairing.id, { on: '2026-03-06', at: '2026-03-05T15:30:00.000Z' })
			)
		).toMatchObject({ ok: false, code: 'visit_in_future', path: ['on'] });
		expect(await side.run('care.logVisit', visit(pairing.id, { minutes: 0 }))).toMatchObject({
			ok: false,
			code: 'invalid_minutes',
			path: ['minutes']
		});
		await must(side, 'care.end', {
			id: pairing.id,
			endOn: '2026-04-01',
			reason: '老人搬去女儿家',
			at: at(5)
		});
		expect(await side.get('carePairings', pairing.id)).toMatchObject({
			status: 'ended',
			endOn: '2026-04-01',
			endReason: '老人搬去女儿家'
		});
		expect(await side.run('care.logVisit', visit(pairing.id))).toMatchObject({
			ok: false,
			code: 'pairing_ended'
		});
	});

	it('erasing the person helped ends her pairings and clears what visits said of her', async () => {
		const side = await makeSide();
		const { helped, pairing } = await paired(side);
		const logged = visit(pairing.id);
		await must(side, 'care.logVisit', logged);
		await must(side, 'care.verifyVisit', { id: logged.id, at: '2026-03-06T01:00:00.000Z' });
		await must(side, 'helped.erase', { id: helped.id, at: '2026-05-01T02:00:00.000Z' });
		expect(await side.get('helpedPeople', helped.id)).toBeUndefined();
		expect(await side.get('carePairings', pairing.id)).toMatchObject({
			status: 'ended',
			endOn: '2026-05-01'
		});
		expect(await side.get('careVisits', logged.id)).toMatchObject({ note: '', hoursCredited: 1.5 });
	});

	it('erasing the volunteer ends her pairings; her verified hours stay, the rest goes', async () => {
		const side = await makeSide();
		const { li, pairing } = await paired(side);
		const verified = visit(pairing.id);
		const waiting = visit(pairing.id, { on: '2026-03-12', at: '2026-03-12T10:00:00.000Z' });
		await must(side, 'care.logVisit', verified);
		await must(side, 'care.logVisit', waiting);
		await must(side, 'care.verifyVisit', { id: verified.id, at: '2026-03-06T01:00:00.000Z' });
		await must(side, 'volunteer.requestErasure', { id: li, at: at(6) });
		await must(side, 'volunteer.erase', { id: li, at: at(7) });
		expect((await side.get('carePairings', pairing.id))?.status).toBe('ended');
		expect(await side.get('careVisits', verified.id)).toMatchObject({
			note: '',
			hoursCredited: 1.5
		});
		expect(await side.get('careVisits', waiting.id)).toBeUndefined();
	});
});
