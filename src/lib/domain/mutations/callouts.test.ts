import { describe, expect, it } from 'vitest';
import { maskPhone } from '$lib/domain/phone';
import type { EmergencyRole } from '$lib/domain/reference';
import type { CalloutResponse } from '$lib/domain/schemas';
import { SCHEMA_VERSION } from '$lib/domain/sync';
import type { Actor } from '$lib/domain/permissions';
import { push } from '$lib/server/sync';
import {
	at,
	bothSides,
	must,
	newCallout,
	phoneNo,
	registration,
	serverSide,
	station,
	type Side
} from '$lib/testing/fixtures';
import { testServer } from '$lib/testing/harness';
import type { ArgsOf } from '../mutations';

/**
 * Two stations of Dongcheng (西总布 leads, 东四 is its neighbour) and one of Chaoyang, each with
 * an active member: 西总布's 李秀英 and 王芳, 东四's 赵敏, Chaoyang's 孙丽.
 */
async function story(side: Side) {
	const lead = station();
	const neighbour = station({ name: '东四社区妇女志愿服务站', community: '东四' });
	const chaoyang = station({
		name: '望京社区妇女志愿服务站',
		district: 'chaoyang',
		community: '望京'
	});
	for (const s of [lead, neighbour, chaoyang]) await side.addStation(s);
	let phones = 0;
	const member = async (name: string, homeStationId: string) => {
		const args = registration({
			phone: phoneNo(++phones),
			name,
			homeStationId,
			district: homeStationId === chaoyang.id ? 'chaoyang' : 'dongcheng'
		});
		await must(side, 'volunteer.register', args);
		await must(side, 'volunteer.setStatus', { id: args.id, status: 'active', at: at(1) });
		return args.id;
	};
	const members = {
		li: await member('李秀英', lead.id),
		wang: await member('王芳', lead.id),
		zhao: await member('赵敏', neighbour.id),
		sun: await member('孙丽', chaoyang.id)
	};
	const ask = (calloutId: string, volunteerId: string, role: EmergencyRole = 'duty') => ({
		calloutId,
		asks: [{ responseId: crypto.randomUUID(), volunteerId, role, reasons: ['available', 'ready'] }],
		at: at(10)
	});
	return { lead, neighbour, chaoyang, members, ask };
}

/** The member's one response to the call-out, read by its id. */
const responseOf = (side: Side, id: string) => side.get('calloutResponses', id);

describe.each(bothSides)('call-out rules on the %s', (_where, makeSide) => {
	describe('callout.create', () => {
		it('makes the call-out with its muster project and shift, published at once', async () => {
			const side = await makeSide();
			const { lead, neighbour } = await story(side);
			const args = newCallout(lead.id, {
				roles: [
					{ role: 'duty', headcount: 3 },
					{ role: 'first_aid', headcount: 2 }
				],
				reachStationIds: [neighbour.id],
				urgency: 'critical'
			});
			await must(side, 'callout.create', args);
			expect(await side.get('callouts', args.id)).toMatchObject({
				status: 'open',
				district: 'dongcheng',
				stationId: lead.id,
				reach: 'stations',
				// The lead station is always among those it reaches.
				reachStationIds: [lead.id, neighbour.id],
				projectId: args.projectId,
				shiftId: args.shiftId,
				closedAt: null
			});
			expect(await side.get('projects', args.projectId)).toMatchObject({
				calloutId: args.id,
				stationId: lead.id,
				district: 'dongcheng',
				category: 'emergency_response',
				status: 'published',
				urgent: true,
				minAge: 18,
				title: args.title
			});
			expect(await side.get('shifts', args.shiftId)).toMatchObject({
				projectId: args.projectId,
				stationId: lead.id,
				start: args.start,
				end: args.end,
				// Everyone the call-out needs, of every role.
				capacity: 5,
				confirmedCount: 0
			});
		});

		it('reaches no named stations when it reaches a whole district', async () => {
			const side = await makeSide();
			const { lead, neighbour } = await story(side);
			const args = newCallout(lead.id, { reach: 'district', reachStationIds: [neighbour.id] });
			await must(side, 'callout.create', args);
			expect(await side.get('callouts', args.id)).toMatchObject({
				reach: 'district',
				reachStationIds: []
			});
		});

		it('refuses an end before the start, and a call-out of more than a week', async () => {
			const side = await makeSide();
			const { lead } = await story(side);
			expect(
				await side.run('callout.create', newCallout(lead.id, { end: at(24 * 60) }))
			).toMatchObject({ ok: false, code: 'end_before_start', path: ['end'] });
			expect(
				await side.run('callout.create', newCallout(lead.id, { end: at(23 * 60) }))
			).toMatchObject({ ok: false, code: 'end_before_start', path: ['end'] });
			const tooLong = newCallout(lead.id, { end: at(24 * 60 + 7 * 24 * 60 + 1) });
			expect(await side.run('callout.create', tooLong)).toMatchObject({
				ok: false,
				code: 'callout_too_long',
				path: ['end'],
				detail: { hours: '168' }
			});
			await must(side, 'callout.create', newCallout(lead.id, { end: at(24 * 60 + 7 * 24 * 60) }));
		});

		it('refuses a role named twice, pointing at the second', async () => {
			const side = await makeSide();
			const { lead } = await story(side);
			const args = newCallout(lead.id, {
				roles: [
					{ role: 'duty', headcount: 2 },
					{ role: 'patrol', headcount: 1 },
					{ role: 'duty', headcount: 1 }
				]
			});
			expect(await side.run('callout.create', args)).toMatchObject({
				ok: false,
				code: 'duplicate_role',
				path: ['roles', 2, 'role']
			});
			expect(await side.get('callouts', args.id)).toBeUndefined();
		});

		it('refuses a lead station that is not open', async () => {
			const side = await makeSide();
			await story(side);
			const suspended = station({ status: 'suspended', community: '朝阳门' });
			await side.addStation(suspended);
			expect(await side.run('callout.create', newCallout(suspended.id))).toMatchObject({
				ok: false,
				code: 'station_not_open',
				path: ['stationId'],
				detail: { status: 'suspended' }
			});
		});

		it('refuses to reach a station of another district, pointing at it', async () => {
			const side = await makeSide();
			const { lead, neighbour, chaoyang } = await story(side);
			const args = newCallout(lead.id, { reachStationIds: [neighbour.id, chaoyang.id] });
			expect(await side.run('callout.create', args)).toMatchObject({
				ok: false,
				code: 'other_district',
				path: ['reachStationIds', 1]
			});
			// Naming the lead station too changes nothing of where the refusal points.
			const withLead = newCallout(lead.id, { reachStationIds: [lead.id, chaoyang.id] });
			expect(await side.run('callout.create', withLead)).toMatchObject({
				ok: false,
				code: 'other_district',
				path: ['reachStationIds', 1]
			});
			expect(await side.get('callouts', args.id)).toBeUndefined();
			expect(await side.get('projects', args.projectId)).toBeUndefined();
		});

		it('refuses to make a call-out, its project or its shift twice', async () => {
			const side = await makeSide();
			const { lead } = await story(side);
			const args = newCallout(lead.id);
			await must(side, 'callout.create', args);
			expect(await side.run('callout.create', args)).toMatchObject({
				ok: false,
				code: 'already_exists'
			});
			const sameShift = newCallout(lead.id, { shiftId: args.shiftId });
			expect(await side.run('callout.create', sameShift)).toMatchObject({
				ok: false,
				code: 'already_exists'
			});
			expect(await side.get('callouts', sameShift.id)).toBeUndefined();
		});
	});

	describe('callout.ask', () => {
		it('records her as asked, with her name, masked phone and home station as they were', async () => {
			const side = await makeSide();
			const { lead, members, ask } = await story(side);
			const callout = newCallout(lead.id);
			await must(side, 'callout.create', callout);
			const args = ask(callout.id, members.wang, 'patrol');
			await must(side, 'callout.ask', args);
			expect(await responseOf(side, args.asks[0]!.responseId)).toMatchObject({
				calloutId: callout.id,
				volunteerId: members.wang,
				stationId: lead.id,
				district: 'dongcheng',
				memberName: '王芳',
				memberPhone: maskPhone(phoneNo(2)),
				role: 'patrol',
				reasons: ['available', 'ready'],
				answer: 'asked',
				answeredAt: null,
				askedAt: at(10),
				reveals: []
			});
		});

		it('keeps one response when she is asked twice, by one device or two', async () => {
			const side = await makeSide();
			const { lead, members, ask } = await story(side);
			const callout = newCallout(lead.id);
			await must(side, 'callout.create', callout);
			const first = ask(callout.id, members.li);
			await must(side, 'callout.ask', first);
			await must(side, 'callout.respond', {
				calloutId: callout.id,
				volunteerId: members.li,
				answer: 'accepted',
				answeredBy: 'staff',
				at: at(12)
			});
			// Another tablet asks her again, and names her twice in one ask.
			const again = ask(callout.id, members.li);
			again.asks.push({ ...again.asks[0]!, responseId: crypto.randomUUID() });
			await must(side, 'callout.ask', again);
			for (const a of again.asks) expect(await responseOf(side, a.responseId)).toBeUndefined();
			// Her answer stands as it was.
			expect(await responseOf(side, first.asks[0]!.responseId)).toMatchObject({
				answer: 'accepted',
				answeredAt: at(12)
			});
		});

		it('refuses a member who is not active', async () => {
			const side = await makeSide();
			const { lead, members, ask } = await story(side);
			const callout = newCallout(lead.id);
			await must(side, 'callout.create', callout);
			await must(side, 'volunteer.setStatus', { id: members.wang, status: 'inactive', at: at(5) });
			expect(await side.run('callout.ask', ask(callout.id, members.wang))).toMatchObject({
				ok: false,
				code: 'volunteer_inactive',
				path: ['asks', 0, 'volunteerId']
			});
			await must(side, 'volunteer.withdrawConsent', { id: members.li, at: at(5) });
			expect(await side.run('callout.ask', ask(callout.id, members.li))).toMatchObject({
				ok: false,
				code: 'volunteer_inactive'
			});
		});

		it('refuses a member outside the call-out’s reach on the server; a device leaves it to the server', async () => {
			const side = await makeSide();
			const { lead, members, ask } = await story(side);
			const callout = newCallout(lead.id);
			await must(side, 'callout.create', callout);
			const outcome = await side.run('callout.ask', ask(callout.id, members.zhao));
			if (side.authority === 'server') {
				expect(outcome).toMatchObject({
					ok: false,
					code: 'not_in_reach',
					path: ['asks', 0, 'volunteerId']
				});
			} else {
				expect(outcome).toEqual({ ok: true });
			}
		});

		it('reaches every station of its district in a district call-out, and no other district', async () => {
			const side = await makeSide();
			const { lead, members, ask } = await story(side);
			const callout = newCallout(lead.id, { reach: 'district' });
			await must(side, 'callout.create', callout);
			await must(side, 'callout.ask', ask(callout.id, members.zhao));
			const outcome = await side.run('callout.ask', ask(callout.id, members.sun));
			if (side.authority === 'server') expect(outcome).toMatchObject({ code: 'not_in_reach' });
		});

		it('asks a member the device does not hold by what the matching showed; the server reads her record', async () => {
			const side = await makeSide();
			const { lead, ask } = await story(side);
			const callout = newCallout(lead.id);
			await must(side, 'callout.create', callout);
			const args = ask(callout.id, crypto.randomUUID());
			const shown = { name: '周婷', phone: '139****0099', stationId: lead.id };
			const outcome = await side.run('callout.ask', {
				...args,
				asks: [{ ...args.asks[0]!, shown }]
			});
			if (side.authority === 'server') {
				expect(outcome).toMatchObject({
					ok: false,
					code: 'not_found',
					detail: { table: 'volunteers' }
				});
			} else {
				expect(outcome).toEqual({ ok: true });
				expect(await responseOf(side, args.asks[0]!.responseId)).toMatchObject({
					memberName: '周婷',
					memberPhone: '139****0099',
					stationId: lead.id
				});
			}
			// Without what the matching showed, nobody can be asked blind.
			expect(await side.run('callout.ask', ask(callout.id, crypto.randomUUID()))).toMatchObject({
				ok: false,
				code: 'not_found',
				path: ['asks', 0, 'volunteerId']
			});
		});
	});

	describe('callout.respond', () => {
		async function asked(side: Side, roles?: ArgsOf<'callout.create'>['roles']) {
			const s = await story(side);
			const callout = newCallout(s.lead.id, roles ? { roles } : {});
			await must(side, 'callout.create', callout);
			const args = s.ask(callout.id, s.members.li);
			await must(side, 'callout.ask', args);
			return { ...s, callout, responseId: args.asks[0]!.responseId };
		}

		it('refuses an answer for a member who was not asked', async () => {
			const side = await makeSide();
			const { callout, members } = await asked(side);
			expect(
				await side.run('callout.respond', {
					calloutId: callout.id,
					volunteerId: members.wang,
					answer: 'accepted',
					answeredBy: 'staff',
					at: at(12)
				})
			).toMatchObject({ ok: false, code: 'not_asked', path: ['volunteerId'] });
		});

		it('records her answer, who gave it and when, and the role she takes', async () => {
			const side = await makeSide();
			const { callout, members, responseId } = await asked(side, [
				{ role: 'duty', headcount: 2 },
				{ role: 'logistics', headcount: 1 }
			]);
			await must(side, 'callout.respond', {
				calloutId: callout.id,
				volunteerId: members.li,
				answer: 'accepted',
				role: 'logistics',
				answeredBy: 'member',
				at: at(12)
			});
			expect(await responseOf(side, responseId)).toMatchObject({
				answer: 'accepted',
				answeredAt: at(12),
				answeredBy: 'member',
				recordedBy: null,
				role: 'logistics'
			});
			expect(
				await side.run('callout.respond', {
					calloutId: callout.id,
					volunteerId: members.li,
					answer: 'accepted',
					role: 'search',
					answeredBy: 'member',
					at: at(13)
				})
			).toMatchObject({ ok: false, code: 'role_not_needed', path: ['role'] });
		});

		it('refuses answers once the call-out is closed or stood down', async () => {
			for (const outcome of ['closed', 'stood_down'] as const) {
				const side = await makeSide();
				const { callout, members, responseId } = await asked(side);
				await must(side, 'callout.close', { id: callout.id, outcome, note: '', at: at(11) });
				expect(
					await side.run('callout.respond', {
						calloutId: callout.id,
						volunteerId: members.li,
						answer: 'accepted',
						answeredBy: 'staff',
						at: at(12)
					})
				).toMatchObject({ ok: false, code: 'callout_closed', detail: { status: outcome } });
				expect((await responseOf(side, responseId))?.answer).toBe('asked');
			}
		});

		/**
		 * Her phone and two tablets answer for her offline; the answers arrive in every order. The
		 * phone accepted a role at 12, a tablet declined at 14 and another heard "no answer" at 14;
		 * a tablet, hearing her on the phone at 12 too, recorded her acceptance without a role.
		 */
		const answers = (calloutId: string, volunteerId: string): ArgsOf<'callout.respond'>[] => [
			{
				calloutId,
				volunteerId,
				answer: 'accepted',
				role: 'first_aid',
				answeredBy: 'member',
				at: at(12)
			},
			{ calloutId, volunteerId, answer: 'declined', answeredBy: 'staff', at: at(14) },
			{ calloutId, volunteerId, answer: 'no_answer', answeredBy: 'staff', at: at(14) },
			{ calloutId, volunteerId, answer: 'accepted', answeredBy: 'staff', at: at(12) }
		];
		const permutations = <T>(list: T[]): T[][] =>
			list.length <= 1
				? [list]
				: list.flatMap((item, i) =>
						permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [item, ...rest])
					);
		const roles = [
			{ role: 'duty' as const, headcount: 2 },
			{ role: 'first_aid' as const, headcount: 1 }
		];
		/** What the answers decide of her response (its ids are each story's own). */
		const settled = (response: CalloutResponse | undefined) =>
			JSON.stringify({
				answer: response?.answer,
				answeredAt: response?.answeredAt,
				answeredBy: response?.answeredBy,
				recordedBy: response?.recordedBy,
				role: response?.role,
				updatedAt: response?.updatedAt,
				updatedBy: response?.updatedBy
			});

		it('settles the same whatever order the answers arrive in', async () => {
			const ends = new Set<string>();
			for (const order of permutations([0, 1, 2, 3])) {
				const side = await makeSide();
				const { callout, members, responseId } = await asked(side, roles);
				const list = answers(callout.id, members.li);
				for (const i of order) await must(side, 'callout.respond', list[i]!);
				const end = await responseOf(side, responseId);
				expect(end).toMatchObject({ answer: 'declined', answeredAt: at(14) });
				ends.add(settled(end));
			}
			expect(ends.size).toBe(1);
			// Twenty-four orders, each on a fresh store: long on two busy cores.
		}, 60_000);

		it('settles the same role and who answered whatever order, when she accepted', async () => {
			// Only the two acceptances at 12, and a later acceptance without a role: she takes the
			// role she was asked for, whichever answer came first.
			const ends = new Set<string>();
			for (const order of permutations([0, 1, 2])) {
				const side = await makeSide();
				const { callout, members, responseId } = await asked(side, roles);
				const [phone, , , tablet] = answers(callout.id, members.li);
				const later = { ...tablet!, at: at(15) };
				const list = [phone!, tablet!, later];
				const ids = order.map((i) => list[i]!);
				for (const args of ids) await must(side, 'callout.respond', args);
				const end = await responseOf(side, responseId);
				expect(end).toMatchObject({ answer: 'accepted', answeredAt: at(15), role: 'duty' });
				ends.add(settled(end));
			}
			expect(ends.size).toBe(1);
			// Without the later one, the two at the same instant end the same in either order.
			const ties = new Set<string>();
			for (const order of [
				[0, 1],
				[1, 0]
			]) {
				const side = await makeSide();
				const { callout, members, responseId } = await asked(side, roles);
				const [phone, , , tablet] = answers(callout.id, members.li);
				for (const i of order) await must(side, 'callout.respond', [phone!, tablet!][i]!);
				ties.add(settled(await responseOf(side, responseId)));
			}
			expect(ties.size).toBe(1);
		});
	});

	describe('callout.revealPhone', () => {
		it('records each reveal of her full number with when, once per instant', async () => {
			const side = await makeSide();
			const { lead, members, ask } = await story(side);
			const callout = newCallout(lead.id);
			await must(side, 'callout.create', callout);
			const args = ask(callout.id, members.li);
			await must(side, 'callout.ask', args);
			const reveal = (minute: number) => ({
				calloutId: callout.id,
				volunteerId: members.li,
				at: at(minute)
			});
			await must(side, 'callout.revealPhone', reveal(20));
			// The same reveal sent again (by a retry) is one reveal.
			await must(side, 'callout.revealPhone', reveal(20));
			await must(side, 'callout.revealPhone', reveal(25));
			expect((await responseOf(side, args.asks[0]!.responseId))?.reveals).toEqual([
				{ by: 'system', at: at(20) },
				{ by: 'system', at: at(25) }
			]);
			expect(
				await side.run('callout.revealPhone', { ...reveal(26), volunteerId: members.wang })
			).toMatchObject({ ok: false, code: 'not_asked' });
		});
	});

	describe('callout.close', () => {
		it('closes a call-out, or stands it down, once, with who, when and why', async () => {
			const side = await makeSide();
			const { lead, members, ask } = await story(side);
			const done = newCallout(lead.id);
			const notNeeded = newCallout(lead.id);
			await must(side, 'callout.create', done);
			await must(side, 'callout.create', notNeeded);
			await must(side, 'callout.close', { id: done.id, outcome: 'closed', note: '', at: at(30) });
			await must(side, 'callout.close', {
				id: notNeeded.id,
				outcome: 'stood_down',
				note: '雨停，解除备勤',
				at: at(31)
			});
			expect(await side.get('callouts', done.id)).toMatchObject({
				status: 'closed',
				closedAt: at(30),
				closedBy: null,
				closeNote: ''
			});
			expect(await side.get('callouts', notNeeded.id)).toMatchObject({
				status: 'stood_down',
				closedAt: at(31),
				closeNote: '雨停，解除备勤'
			});
			expect(
				await side.run('callout.close', {
					id: done.id,
					outcome: 'stood_down',
					note: '',
					at: at(32)
				})
			).toMatchObject({
				ok: false,
				code: 'callout_closed',
				path: ['id'],
				detail: { status: 'closed' }
			});
			expect(await side.run('callout.ask', ask(notNeeded.id, members.li))).toMatchObject({
				ok: false,
				code: 'callout_closed',
				path: ['calloutId']
			});
		});
	});

	describe('volunteer.setReadiness', () => {
		const readiness = (fields: Partial<ArgsOf<'volunteer.setReadiness'>['readiness']> = {}) => ({
			weekly: [],
			standby: [],
			roles: [],
			firstAidExpiresOn: null,
			...fields
		});

		it('keeps her week in the grid’s order, her standby by start, her roles and first aid date', async () => {
			const side = await makeSide();
			const { members } = await story(side);
			await must(side, 'volunteer.setReadiness', {
				id: members.li,
				emergencyResponder: true,
				readiness: readiness({
					weekly: ['sun_night', 'mon_morning', 'sat_afternoon'],
					standby: [
						{ from: at(3000), to: at(3600) },
						{ from: at(1000), to: at(1600) }
					],
					roles: ['search', 'first_aid', 'duty'],
					firstAidExpiresOn: '2027-06-30'
				}),
				at: at(40)
			});
			expect(await side.get('volunteers', members.li)).toMatchObject({
				emergencyResponder: true,
				readiness: {
					weekly: ['mon_morning', 'sat_afternoon', 'sun_night'],
					standby: [
						{ from: at(1000), to: at(1600) },
						{ from: at(3000), to: at(3600) }
					],
					roles: ['duty', 'first_aid', 'search'],
					firstAidExpiresOn: '2027-06-30',
					updatedAt: at(40)
				},
				updatedAt: at(40)
			});
		});

		it('refuses a standby that ends before it starts, pointing at it', async () => {
			const side = await makeSide();
			const { members } = await story(side);
			expect(
				await side.run('volunteer.setReadiness', {
					id: members.li,
					emergencyResponder: true,
					readiness: readiness({
						standby: [
							{ from: at(1000), to: at(1600) },
							{ from: at(3000), to: at(3000) }
						]
					}),
					at: at(40)
				})
			).toMatchObject({
				ok: false,
				code: 'end_before_start',
				path: ['readiness', 'standby', 1, 'to']
			});
			expect((await side.get('volunteers', members.li))?.readiness.updatedAt).toBeNull();
		});

		it('drops a first aid date without the skill it is for', async () => {
			const side = await makeSide();
			const { members } = await story(side);
			await must(side, 'volunteer.setReadiness', {
				id: members.li,
				emergencyResponder: true,
				readiness: readiness({ roles: ['patrol'], firstAidExpiresOn: '2027-06-30' }),
				at: at(40)
			});
			expect((await side.get('volunteers', members.li))?.readiness).toMatchObject({
				roles: ['patrol'],
				firstAidExpiresOn: null
			});
		});
	});

	describe('volunteer.erase', () => {
		it('removes her responses with her, and leaves others’', async () => {
			const side = await makeSide();
			const { lead, members, ask } = await story(side);
			const callout = newCallout(lead.id);
			await must(side, 'callout.create', callout);
			const hers = ask(callout.id, members.li);
			const theirs = ask(callout.id, members.wang);
			await must(side, 'callout.ask', hers);
			await must(side, 'callout.ask', theirs);
			await must(side, 'callout.respond', {
				calloutId: callout.id,
				volunteerId: members.li,
				answer: 'accepted',
				answeredBy: 'member',
				at: at(12)
			});
			await must(side, 'volunteer.requestErasure', { id: members.li, at: at(20) });
			await must(side, 'volunteer.erase', { id: members.li, at: at(21) });
			expect(await responseOf(side, hers.asks[0]!.responseId)).toBeUndefined();
			expect(await responseOf(side, theirs.asks[0]!.responseId)).toMatchObject({
				volunteerId: members.wang
			});
			expect(
				await side.run('callout.respond', {
					calloutId: callout.id,
					volunteerId: members.li,
					answer: 'declined',
					answeredBy: 'staff',
					at: at(22)
				})
			).toMatchObject({ ok: false, code: 'not_asked' });
		});
	});
});

describe('call-outs on the server, with the accounts that act', () => {
	it('records who had her full number shown, and when, by their account', async () => {
		const db = await testServer();
		const side = serverSide(db);
		const { lead, members, ask } = await story(side);
		const callout = newCallout(lead.id);
		await must(side, 'callout.create', callout);
		const args = ask(callout.id, members.li);
		await must(side, 'callout.ask', args);
		const worker = (accountId: string): Actor => ({
			accountId,
			role: 'station_worker',
			district: 'dongcheng',
			stationId: lead.id,
			volunteerId: null
		});
		const reveal = async (actor: Actor, minute: number) => {
			const answer = await push(
				db,
				{
					clientId: crypto.randomUUID(),
					schemaVersion: SCHEMA_VERSION,
					mutations: [
						{
							id: 1,
							name: 'callout.revealPhone',
							args: { calloutId: callout.id, volunteerId: members.li, at: at(minute) }
						}
					]
				},
				actor
			);
			expect(answer.results).toEqual([{ id: 1, status: 'applied' }]);
		};
		await reveal(worker('worker-a'), 20);
		await reveal(worker('worker-b'), 20);
		await reveal(worker('worker-a'), 20);
		await reveal(worker('worker-a'), 21);
		expect((await side.get('calloutResponses', args.asks[0]!.responseId))?.reveals).toEqual([
			{ by: 'worker-a', at: at(20) },
			{ by: 'worker-b', at: at(20) },
			{ by: 'worker-a', at: at(21) }
		]);
	});
});
