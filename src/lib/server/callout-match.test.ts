/**
 * Matching a call-out on the server, through the real handler, on the demo data: the answer is the
 * domain's `matchMembers` over exactly the members the call-out reaches, and only staff who could
 * make the call-out may ask.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { AccountInfo } from '$lib/domain/accounts';
import { demoData, type DemoOptions } from '$lib/domain/demo';
import {
	matchMembers,
	SERVER_MATCH_LIMIT,
	type CalloutCriteria,
	type ServerMatchAnswer
} from '$lib/domain/emergency';
import type { Station, Volunteer } from '$lib/domain/schemas';
import { APP_ORIGIN, TestBrowser } from '$lib/testing/browser-client';
import { readLiveRecords, testServer } from '$lib/testing/harness';
import { POST as signIn } from '../../routes/api/auth/sign-in/+server';
import { POST as match } from '../../routes/api/callouts/match/+server';
import type { Db } from './database';
import { DEMO_PASSWORD, loadDemoData } from './seed';

const server = vi.hoisted(() => ({ db: undefined as unknown as Db }));
vi.mock('$lib/server/context', () => ({
	serverContext: () => Promise.resolve({ db: server.db, schemaVersion: 4 })
}));

const DEMO: DemoOptions = {
	stations: 18,
	members: 400,
	projects: 4,
	today: new Date('2026-07-20T00:00:00Z')
};
const data = demoData(DEMO);
let members: Volunteer[] = [];
let stations: Station[] = [];
const districtOf = (id: string) => stations.find((s) => s.id === id)?.district;

let nextAddress = 1;
async function signedIn(login: string) {
	const as = new TestBrowser(APP_ORIGIN, `198.51.100.${nextAddress++}`);
	const response = await as.call(signIn, '/api/auth/sign-in', {
		body: { login, password: DEMO_PASSWORD }
	});
	expect(response.status).toBe(200);
	const { account } = (await response.json()) as { account: AccountInfo };
	return { as, account };
}
type Session = Awaited<ReturnType<typeof signedIn>>;

const asking = (by: Session, criteria: unknown) =>
	by.as.call(match, '/api/callouts/match', { account: by.account.id, body: criteria });

/** A night's flood duty led from Xizongbu: Monday 20:00 to Tuesday 08:00, Beijing time. */
function floodDuty(over: Partial<CalloutCriteria> = {}): CalloutCriteria {
	const lead = data.stations[0]!;
	return {
		start: '2026-07-20T12:00:00.000Z',
		end: '2026-07-21T00:00:00.000Z',
		roles: [
			{ role: 'duty', headcount: 20 },
			{ role: 'first_aid', headcount: 2 }
		],
		community: lead.community,
		district: 'dongcheng',
		stationId: lead.id,
		reach: 'district',
		reachStationIds: [],
		...over
	};
}

beforeAll(async () => {
	server.db = await testServer();
	await loadDemoData(server.db, DEMO);
	const live = await readLiveRecords(server.db);
	members = live.volunteers;
	stations = live.stations;
}, 60_000);

describe('matching a call-out on the server', () => {
	it('answers the same rules over every member the call-out reaches, best first', async () => {
		const admin = await signedIn('dongcheng');
		const criteria = floodDuty();
		const response = await asking(admin, criteria);
		expect(response.status, await response.clone().text()).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		const answer = (await response.json()) as ServerMatchAnswer;
		const expected = matchMembers(criteria, members, districtOf);
		expect(answer.matched).toBe(expected.matches.length);
		expect(answer.matched).toBeGreaterThan(0);
		expect(answer.reached).toBe(expected.matches.length + expected.leftOut.length);
		expect(answer.matches.map((m) => m.volunteerId)).toEqual(
			expected.matches.slice(0, SERVER_MATCH_LIMIT).map((m) => m.member.id)
		);
		expect(answer.matches.map((m) => [m.role, m.reasons])).toEqual(
			expected.matches.slice(0, SERVER_MATCH_LIMIT).map((m) => [m.role, m.reasons])
		);
		const leftOut = Object.values(answer.leftOut).reduce((sum, n) => sum + n, 0);
		expect(leftOut).toBe(expected.leftOut.length);
		// Phones are masked; every member is of the district.
		for (const m of answer.matches) {
			expect(m.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
			const member = members.find((v) => v.id === m.volunteerId)!;
			expect(
				member.district === 'dongcheng' ||
					(member.homeStationId !== null && districtOf(member.homeStationId) === 'dongcheng')
			).toBe(true);
		}
	});

	it('reaches only the stations named, when it names stations', async () => {
		const admin = await signedIn('dongcheng');
		const criteria = floodDuty({ reach: 'stations', reachStationIds: [floodDuty().stationId] });
		const answer = (await (await asking(admin, criteria)).json()) as ServerMatchAnswer;
		const lead = criteria.stationId;
		const ids = new Set(answer.matches.map((m) => m.volunteerId));
		for (const m of members) {
			if (ids.has(m.id)) expect(m.homeStationId).toBe(lead);
		}
		expect(answer.reached).toBe(members.filter((m) => m.homeStationId === lead).length);
	});

	it('refuses staff who could not make the call-out', async () => {
		const otherAdmin = await signedIn('chaoyang');
		expect((await asking(otherAdmin, floodDuty())).status).toBe(403);
		const worker = await signedIn('xizongbu');
		// A station worker reaches her own station, not the district.
		expect((await asking(worker, floodDuty())).status).toBe(403);
		const own = floodDuty({ reach: 'stations', reachStationIds: [floodDuty().stationId] });
		expect((await asking(worker, own)).status).toBe(200);
		const volunteer = await signedIn('13800000001');
		expect((await asking(volunteer, floodDuty())).status).toBe(403);
	});

	it('says which field of malformed criteria is wrong', async () => {
		const admin = await signedIn('dongcheng');
		const response = await asking(admin, { ...floodDuty(), roles: [] });
		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({ code: 'required', path: ['roles'] });
		const unknown = await asking(admin, floodDuty({ stationId: crypto.randomUUID() }));
		expect(unknown.status).toBe(404);
	});
});
