import { describe, expect, it } from 'vitest';
import { maskPhone } from '$lib/domain/phone';
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

/** A member of 西总布 and the station 东四 she may move to. */
async function story(side: Side) {
	const from = station();
	const to = station({ name: '东四社区妇女志愿服务站', community: '东四' });
	await side.addStation(from);
	await side.addStation(to);
	const member = registration({ phone: phoneNo(3), name: '钱秀兰', homeStationId: from.id });
	await must(side, 'volunteer.register', member);
	const request = (overrides: Partial<ArgsOf<'transfer.request'>> = {}) => ({
		id: crypto.randomUUID(),
		volunteerId: member.id,
		toStationId: to.id,
		requestedBy: 'member' as const,
		note: '搬家到东四',
		at: at(10),
		...overrides
	});
	return { from, to, member, request };
}

describe.each(bothSides)('transfer rules on the %s', (_where, makeSide) => {
	it('records a request with what the new station needs to know of her, and no more', async () => {
		const side = await makeSide();
		const { from, to, member, request } = await story(side);
		const args = request();
		await must(side, 'transfer.request', args);
		expect(await side.get('transfers', args.id)).toMatchObject({
			volunteerId: member.id,
			memberName: '钱秀兰',
			memberPhone: maskPhone(phoneNo(3)),
			fromStationId: from.id,
			fromDistrict: 'dongcheng',
			toStationId: to.id,
			toDistrict: 'dongcheng',
			status: 'requested',
			requestedBy: 'member',
			note: '搬家到东四'
		});
	});

	it('moves her once the new station accepts, keeping the transfer as her history', async () => {
		const side = await makeSide();
		const { to, member, request } = await story(side);
		const args = request();
		await must(side, 'transfer.request', args);
		await must(side, 'transfer.accept', { id: args.id, at: at(20) });
		expect((await side.get('volunteers', member.id))?.homeStationId).toBe(to.id);
		expect(await side.get('transfers', args.id)).toMatchObject({
			status: 'accepted',
			decidedAt: at(20)
		});
		expect(await side.run('transfer.decline', { id: args.id, at: at(21) })).toMatchObject({
			ok: false,
			code: 'transfer_not_open',
			detail: { status: 'accepted' }
		});
	});

	it('leaves her where she is when declined or withdrawn', async () => {
		const side = await makeSide();
		const { from, member, request } = await story(side);
		const first = request();
		await must(side, 'transfer.request', first);
		await must(side, 'transfer.decline', { id: first.id, at: at(20) });
		const second = request({ at: at(30) });
		await must(side, 'transfer.request', second);
		await must(side, 'transfer.cancel', { id: second.id, at: at(31) });
		expect((await side.get('volunteers', member.id))?.homeStationId).toBe(from.id);
		expect((await side.get('transfers', second.id))?.status).toBe('cancelled');
	});

	it('refuses a second open request, a move to her own station, and a station that is not open', async () => {
		const side = await makeSide();
		const { from, to, request } = await story(side);
		await must(side, 'transfer.request', request());
		expect(await side.run('transfer.request', request())).toMatchObject({
			ok: false,
			code: 'transfer_pending'
		});
		expect(await side.run('transfer.request', request({ toStationId: from.id }))).toMatchObject({
			ok: false,
			code: 'already_member',
			path: ['toStationId']
		});
		const closed = station({ status: 'closed', community: '朝阳门' });
		await side.addStation(closed);
		expect(await side.run('transfer.request', request({ toStationId: closed.id }))).toMatchObject({
			ok: false,
			code: 'station_not_open'
		});
		expect(to.status).toBe('open');
	});
});
