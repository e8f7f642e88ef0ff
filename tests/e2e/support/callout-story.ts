/**
 * An emergency story for the specs that look at call-outs on a volunteer's phone: her station
 * (xizongbu) records her readiness, then calls her out twice: an open call-out waiting for her
 * answer, and one she said yes to that was then stood down. Sent over HTTP as the station's
 * worker, before her phone signs in, so its first pull brings it all.
 */
import { DEMO_VOLUNTEER_PHONE } from '../pages/account';
import { latestRows, pullAll, pushBatch, signIn, type PushItem } from './sync-client';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

export async function calloutStory(base: string) {
	const her = await signIn(base, DEMO_VOLUNTEER_PHONE);
	const own = latestRows((await pullAll(her, crypto.randomUUID())).changes).of('volunteers');
	const member = own.find((v) => v.phone === DEMO_VOLUNTEER_PHONE);
	if (!member) throw new Error('the demo volunteer did not come with her own pull');
	const volunteerId = String(member.id);
	const stationId = String(member.homeStationId);

	const now = Date.now();
	const at = iso(now);
	// Tomorrow evening in Beijing: 18:00 is 10:00 UTC.
	const tomorrow = new Date(now + 8 * HOUR + 24 * HOUR).toISOString().slice(0, 10);
	const evening = Date.parse(`${tomorrow}T10:00:00.000Z`);
	const callout = (id: string, title: string, hours: [number, number]) => ({
		id,
		projectId: crypto.randomUUID(),
		shiftId: crypto.randomUUID(),
		title,
		description: '',
		place: '西总布社区居委会门口',
		community: '西总布',
		start: iso(evening + hours[0] * HOUR),
		end: iso(evening + hours[1] * HOUR),
		urgency: 'urgent',
		roles: [
			{ role: 'patrol', headcount: 6 },
			{ role: 'publicity', headcount: 4 }
		],
		stationId,
		reach: 'stations',
		reachStationIds: [],
		at
	});
	const ask = (calloutId: string) => ({
		calloutId,
		asks: [{ responseId: crypto.randomUUID(), volunteerId, role: 'patrol', reasons: ['standby'] }],
		at
	});
	const open = crypto.randomUUID();
	const stoodDown = crypto.randomUUID();
	const mutations: Omit<PushItem, 'id'>[] = [
		{
			name: 'volunteer.setReadiness',
			args: {
				id: volunteerId,
				emergencyResponder: true,
				readiness: {
					weekly: ['mon_evening', 'tue_evening', 'wed_evening', 'sat_morning', 'sun_morning'],
					standby: [{ from: iso(evening - 10 * HOUR), to: iso(evening + 14 * HOUR) }],
					roles: ['patrol', 'publicity', 'first_aid'],
					firstAidExpiresOn: '2027-05-01'
				},
				at
			}
		},
		{ name: 'callout.create', args: callout(open, '暴雨预警：社区低洼处巡查', [0, 4]) },
		{ name: 'callout.ask', args: ask(open) },
		{ name: 'callout.create', args: callout(stoodDown, '防汛沙袋装运', [-20, -16]) },
		{ name: 'callout.ask', args: ask(stoodDown) },
		{
			name: 'callout.respond',
			args: {
				calloutId: stoodDown,
				volunteerId,
				answer: 'accepted',
				role: 'patrol',
				answeredBy: 'staff',
				at
			}
		},
		{
			name: 'callout.close',
			args: { id: stoodDown, outcome: 'stood_down', note: '雨势减弱，沙袋已够用。', at }
		}
	];
	const staff = await signIn(base, 'xizongbu');
	const answer = await pushBatch(
		staff,
		crypto.randomUUID(),
		mutations.map((m, i) => ({ id: i + 1, ...m }))
	);
	const refused = answer.results.filter((r) => r.status !== 'applied');
	if (refused.length > 0) throw new Error(`the call-out story: ${JSON.stringify(refused)}`);
	return { volunteerId, stationId };
}
