import { describe, expect, it } from 'vitest';
import { testDevice } from '$lib/testing/harness';
import type { Callout, CalloutResponse } from '$lib/domain/schemas';
import { calloutsForHome, myCallouts, type MyCallout } from './my-callouts';

const now = '2026-07-10T04:00:00.000Z';
const hoursAgo = (h: number) => new Date(Date.parse(now) - h * 3_600_000).toISOString();
const her = crypto.randomUUID();
const stationId = crypto.randomUUID();

function callout(changes: Partial<Callout> = {}): Callout {
	return {
		id: crypto.randomUUID(),
		createdAt: hoursAgo(5),
		updatedAt: hoursAgo(5),
		version: 1,
		updatedBy: null,
		title: '暴雨巡查',
		description: '',
		place: '西总布社区活动中心',
		community: '西总布',
		start: hoursAgo(-2),
		end: hoursAgo(-8),
		urgency: 'urgent',
		roles: [{ role: 'patrol', headcount: 5 }],
		district: 'dongcheng',
		stationId,
		reach: 'stations',
		reachStationIds: [stationId],
		projectId: crypto.randomUUID(),
		shiftId: crypto.randomUUID(),
		status: 'open',
		createdBy: null,
		closedAt: null,
		closedBy: null,
		closeNote: '',
		...changes
	};
}

function responseTo(c: Callout, changes: Partial<CalloutResponse> = {}): CalloutResponse {
	return {
		id: crypto.randomUUID(),
		createdAt: c.createdAt,
		updatedAt: c.createdAt,
		version: 1,
		updatedBy: null,
		calloutId: c.id,
		volunteerId: her,
		stationId,
		district: c.district,
		memberName: '王秀英',
		memberPhone: '138****0001',
		role: 'patrol',
		askedRole: 'patrol',
		reasons: ['ready'],
		answer: 'asked',
		answeredAt: null,
		answeredBy: null,
		recordedBy: null,
		askedAt: c.createdAt,
		askedBy: null,
		reveals: [],
		...changes
	};
}

const item = (c: Callout): MyCallout => ({ callout: c, response: responseTo(c), waiting: false });

describe('calloutsForHome', () => {
	it('shows open call-outs first, the most urgent and then the soonest', () => {
		const later = callout({ urgency: 'urgent', start: hoursAgo(-5) });
		const sooner = callout({ urgency: 'urgent', start: hoursAgo(-1) });
		const critical = callout({ urgency: 'critical', start: hoursAgo(-9) });
		const stoodDown = callout({ status: 'stood_down', closedAt: hoursAgo(1) });
		const shown = calloutsForHome([stoodDown, later, sooner, critical].map(item), now);
		expect(shown.map((i) => i.callout.id)).toEqual([
			critical.id,
			sooner.id,
			later.id,
			stoodDown.id
		]);
	});

	it('keeps a closed or stood-down call-out for a day, then lets it go', () => {
		const today = callout({ status: 'closed', closedAt: hoursAgo(20) });
		const yesterday = callout({ status: 'stood_down', closedAt: hoursAgo(30) });
		const shown = calloutsForHome([today, yesterday].map(item), now);
		expect(shown.map((i) => i.callout.id)).toEqual([today.id]);
	});

	it('lets go of an open call-out a day after its end, when nobody closed it', () => {
		const forgotten = callout({ start: hoursAgo(40), end: hoursAgo(30) });
		const justOver = callout({ start: hoursAgo(10), end: hoursAgo(2) });
		const shown = calloutsForHome([forgotten, justOver].map(item), now);
		expect(shown.map((i) => i.callout.id)).toEqual([justOver.id]);
	});
});

describe('myCallouts', () => {
	it('joins her responses with their call-outs, and says which answer waits to be sent', async () => {
		const db = testDevice();
		const open = callout();
		const missing = callout();
		const answered = responseTo(open, { answer: 'accepted', answeredAt: now });
		await db.callouts.put(open);
		await db.calloutResponses.bulkPut([answered, responseTo(missing)]);
		// Someone else's response, which her phone would never hold, is not hers to see anyway.
		await db.calloutResponses.put(responseTo(open, { volunteerId: crypto.randomUUID() }));
		await db.base.put({
			key: `calloutResponses:${answered.id}`,
			table: 'calloutResponses',
			id: answered.id,
			row: null
		});
		expect(await myCallouts(db, her, now)).toEqual([
			{ callout: open, response: answered, waiting: true }
		]);
	});
});
