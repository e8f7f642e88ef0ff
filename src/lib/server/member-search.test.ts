/**
 * Admins find members on the server and open them onto their devices: both endpoints through
 * their real handlers, on the demo data, each role in and out of scope.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { AccountInfo } from '$lib/domain/accounts';
import { demoData, type DemoOptions } from '$lib/domain/demo';
import {
	MEMBER_SEARCH_PAGE,
	type MemberSearchAnswer,
	type OpenedMember
} from '$lib/domain/member-search';
import type { Volunteer } from '$lib/domain/schemas';
import { SCHEMA_VERSION } from '$lib/domain/sync';
import { APP_ORIGIN, TestBrowser } from '$lib/testing/browser-client';
import { phoneNo, registration } from '$lib/testing/fixtures';
import { testServer } from '$lib/testing/harness';
import { POST as signIn } from '../../routes/api/auth/sign-in/+server';
import { POST as open } from '../../routes/api/members/[id]/open/+server';
import { GET as search } from '../../routes/api/members/search/+server';
import { systemActor } from './authorization';
import type { Db } from './database';
import { decodeRow } from './record-store';
import { DEMO_PASSWORD, loadDemoData } from './seed';
import { push } from './sync';

const server = vi.hoisted(() => ({ db: undefined as unknown as Db }));
vi.mock('$lib/server/context', () => ({
	serverContext: () => Promise.resolve({ db: server.db, schemaVersion: 4 })
}));

const DEMO: DemoOptions = { stations: 18, members: 400, projects: 4 };
const data = demoData(DEMO);
const districtOf = new Map(data.stations.map((s) => [s.id, s.district]));
let members: Volunteer[] = [];

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

const searching = (by: Session, q: string, page?: number) =>
	by.as.call(
		search,
		`/api/members/search?q=${encodeURIComponent(q)}${page === undefined ? '' : `&page=${page}`}`,
		{ method: 'GET', account: by.account.id }
	);

async function found(by: Session, q: string, page?: number) {
	const response = await searching(by, q, page);
	expect(response.status, await response.clone().text()).toBe(200);
	expect(response.headers.get('cache-control')).toBe('no-store');
	return (await response.json()) as MemberSearchAnswer;
}

/** Every page of a search, as the list's "more" button walks them. */
async function allPages(by: Session, q: string) {
	const ids: string[] = [];
	for (let page = 1; page < 100; page++) {
		const answer = await found(by, q, page);
		expect(answer.members.length).toBeLessThanOrEqual(MEMBER_SEARCH_PAGE);
		ids.push(...answer.members.map((m) => m.id));
		if (!answer.hasMore) return ids;
		expect(answer.members).toHaveLength(MEMBER_SEARCH_PAGE);
	}
	throw new Error('paging did not end');
}

const opening = (by: Session, id: string) =>
	by.as.call(open, `/api/members/${id}/open`, { account: by.account.id, params: { id } });

const inDongcheng = (m: Volunteer) =>
	m.district === 'dongcheng' ||
	(m.homeStationId !== null && districtOf.get(m.homeStationId) === 'dongcheng');

/** The two characters most names share, so a search of them runs to several pages. */
function commonPair(among: Volunteer[]): string {
	const counts = new Map<string, number>();
	for (const m of among) {
		const chars = [...m.name];
		const pairs = new Set(chars.slice(1).map((c, i) => chars[i]! + c));
		for (const pair of pairs) counts.set(pair, (counts.get(pair) ?? 0) + 1);
	}
	return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

async function holdsOf(accountId: string) {
	const rows = await server.db
		.selectFrom('member_holds')
		.select('volunteer_id')
		.where('account_id', '=', accountId)
		.execute();
	return rows.map((r) => r.volunteer_id);
}

beforeAll(async () => {
	server.db = await testServer();
	await loadDemoData(server.db, DEMO);
	const rows = await server.db
		.selectFrom('volunteers')
		.select(['data', 'version'])
		.where('deleted', '=', 0)
		.execute();
	members = rows.map((r) => decodeRow('volunteers', r));
}, 60_000);

describe('searching members on the server', () => {
	it('never finds a district admin another district’s member, by name or by phone', async () => {
		const admin = await signedIn('dongcheng');
		const outside = members.filter((m) => !inDongcheng(m)).slice(0, 5);
		expect(outside.length).toBe(5);
		for (const member of outside) {
			const byName = await allPages(admin, member.name);
			for (const id of byName) expect(inDongcheng(members.find((m) => m.id === id)!)).toBe(true);
			expect(byName).not.toContain(member.id);
			expect((await found(admin, member.phone)).members).toEqual([]);
		}
		// The city admin finds her by either.
		const city = await signedIn('beijing');
		const [someone] = outside;
		expect((await found(city, someone!.phone)).members.map((m) => m.id)).toEqual([someone!.id]);
		expect(await allPages(city, someone!.name)).toContain(someone!.id);
	});

	it('gives each station worker her own station’s members only', async () => {
		const worker = await signedIn('chaoyang1');
		const station = data.stations.find((s) => s.district === 'chaoyang')!;
		const pair = commonPair(members);
		const ids = await allPages(worker, pair);
		const expected = members.filter((m) => m.homeStationId === station.id && m.name.includes(pair));
		expect(new Set(ids)).toEqual(new Set(expected.map((m) => m.id)));
	});

	it('pages twenty at a time, each member once, every match in scope reached', async () => {
		// Forty-five members whose names share two characters, in Dongcheng and in Chaoyang.
		const chaoyang = data.stations.find((s) => s.district === 'chaoyang')!;
		const added = Array.from({ length: 45 }, (_, n) =>
			registration({
				phone: phoneNo(5000 + n),
				name: `分页${n}`,
				district: n % 3 === 0 ? 'chaoyang' : 'dongcheng',
				homeStationId: n % 3 === 0 ? chaoyang.id : data.stations[0]!.id
			})
		);
		const pushed = await push(
			server.db,
			{
				clientId: crypto.randomUUID(),
				schemaVersion: SCHEMA_VERSION,
				mutations: added.map((args, i) => ({ id: i + 1, name: 'volunteer.register', args }))
			},
			systemActor
		);
		expect(pushed.results.every((r) => r.status === 'applied')).toBe(true);
		const expected = added.filter((a) => a.district === 'dongcheng').map((a) => a.id);
		expect(expected.length).toBeGreaterThan(MEMBER_SEARCH_PAGE);
		const admin = await signedIn('dongcheng');
		const ids = await allPages(admin, '分页');
		expect(ids).toHaveLength(expected.length);
		expect(new Set(ids)).toEqual(new Set(expected));
	});

	it('answers what a list shows, the phone masked, finding part of a number', async () => {
		const admin = await signedIn('beijing');
		const member = members[7]!;
		const answer = await found(admin, member.phone.slice(3, 9));
		const hit = answer.members.find((m) => m.id === member.id)!;
		expect(Object.keys(hit).sort()).toEqual(
			['district', 'homeStationName', 'id', 'name', 'phone', 'status'].sort()
		);
		expect(hit.phone).toBe(`${member.phone.slice(0, 3)}****${member.phone.slice(7)}`);
		expect(hit.homeStationName).toBe(
			data.stations.find((s) => s.id === member.homeStationId)?.name ?? null
		);
		for (const m of answer.members) expect(m.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
		expect(JSON.stringify(answer)).not.toContain(member.phone);
	});

	it('refuses a query too short to narrow anything down, and volunteers', async () => {
		const admin = await signedIn('dongcheng');
		for (const q of ['', ' ', members[0]!.name[0]!, '138', '%']) {
			const response = await searching(admin, q);
			expect(response.status, `"${q}"`).toBe(400);
			expect(await response.json()).toMatchObject({ code: 'query_too_short' });
		}
		// A wildcard typed is a character like any other, not "everyone".
		expect((await found(admin, '%%')).members).toEqual([]);
		expect((await searching(admin, members[0]!.name, 0)).status).toBe(400);
		const volunteer = await signedIn('13800000001');
		expect((await searching(volunteer, members[0]!.name)).status).toBe(403);
	});
});

describe('opening a member', () => {
	it('gives an admin her record and sign-ups as pull changes, and holds her from then on', async () => {
		const admin = await signedIn('dongcheng');
		const signups = await server.db.selectFrom('signups').select('volunteer_id').execute();
		const signedUp = new Set(signups.map((s) => s.volunteer_id));
		const member = members.find((m) => inDongcheng(m) && signedUp.has(m.id))!;
		const response = await opening(admin, member.id);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		const answer = (await response.json()) as OpenedMember;
		const [first, ...rest] = answer.changes;
		expect(first).toMatchObject({ table: 'volunteers', id: member.id, deleted: false });
		expect(first!.row).toMatchObject({ name: member.name, phone: member.phone });
		expect(rest.some((c) => c.table === 'signups')).toBe(true);
		for (const change of rest) expect(change.row!.volunteerId).toBe(member.id);
		for (const change of answer.changes) {
			expect(change.version).toBeLessThanOrEqual(answer.headVersion);
		}
		expect(await holdsOf(admin.account.id)).toEqual([member.id]);
		// Opening her again holds her once.
		expect((await opening(admin, member.id)).status).toBe(200);
		expect(await holdsOf(admin.account.id)).toEqual([member.id]);
	});

	it('refuses a member out of scope with 403, and holds nothing', async () => {
		const admin = await signedIn('dongcheng');
		const before = await holdsOf(admin.account.id);
		const outside = members.find((m) => !inDongcheng(m))!;
		const response = await opening(admin, outside.id);
		expect(response.status).toBe(403);
		expect(await response.json()).toEqual({ code: 'forbidden' });
		expect(await holdsOf(admin.account.id)).toEqual(before);
		expect((await opening(admin, crypto.randomUUID())).status).toBe(404);
		expect((await opening(admin, 'not-an-id')).status).toBe(400);
	});

	it('is for admins: a station worker’s tablet holds her members already, a volunteer none', async () => {
		const mine = members.find((m) => m.homeStationId === data.stations[0]!.id)!;
		for (const login of ['xizongbu', '13800000001']) {
			const by = await signedIn(login);
			expect((await opening(by, mine.id)).status, login).toBe(403);
			expect(await holdsOf(by.account.id)).toEqual([]);
		}
	});
});
