/**
 * What each role's device receives from the demo data: every row in its scope, exactly once, and
 * nothing else, whole or in small pages, checked against the server's tables read directly. An
 * admin's device gets members (and their sign-ups, attendance and roster entries) only for the
 * members she holds: those she registered or opened.
 */
import { CompiledQuery, sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/authorization';
import { demoData } from '$lib/domain/demo';
import type { Callout, Rows, Station, TableName } from '$lib/domain/schemas';
import { tableNames } from '$lib/domain/schemas';
import { SCHEMA_VERSION, type Change } from '$lib/domain/sync';
import { readLiveRecords, testServer, type LiveRecords } from '$lib/testing/harness';
import { copiesOf, testDatabaseKind } from '$lib/testing/test-databases';
import { at, newCallout, newShift, phoneNo, registration } from '$lib/testing/fixtures';
import { pullScope, systemActor, type Filter } from './authorization';
import type { Db } from './database';
import { holdMember, openMember } from './member-holds';
import { loadDemoData } from './seed';
import { pull, push } from './sync';

const today = new Date('2026-03-01T00:00:00Z');
type Loaded = LiveRecords;

const readAll = readLiveRecords;

const key = (table: string, id: string) => `${table}:${id}`;

/** The members each admin account holds on her device, as the tests gave them. */
const held = new Map<string, Set<string>>();
const holds = (actor: Actor, member: string) =>
	actor.accountId !== null && (held.get(actor.accountId)?.has(member) ?? false);

/** The rows an actor may see, worked out from the whole data set. */
function inScope(actor: Actor, all: Loaded): Set<string> {
	const stationDistrict = new Map(all.stations.map((s) => [s.id, s.district]));
	const shiftStation = new Map(all.shifts.map((s) => [s.id, s.stationId]));
	const projectStatus = new Map(all.projects.map((p) => [p.id, p.status]));
	const { district, stationId, volunteerId } = actor;
	const ofDistrict = (station: string | null | undefined) =>
		station != null && stationDistrict.get(station) === district;
	// A call-out's muster shift: who came reaches every admin reading its report, held or not.
	const musterProjects = new Set(all.projects.filter((p) => p.calloutId !== null).map((p) => p.id));
	const muster = new Set(
		all.shifts.filter((s) => musterProjects.has(s.projectId)).map((s) => s.id)
	);
	const adminKeeps = (row: { volunteerId: string; shiftId: string }) =>
		holds(actor, row.volunteerId) || muster.has(row.shiftId);
	const calloutOf = new Map(all.callouts.map((c) => [c.id, c]));
	const askedMe = new Set(
		all.calloutResponses.filter((r) => r.volunteerId === volunteerId).map((r) => r.calloutId)
	);
	// A station's workers read the call-outs it leads and those of its district that reach it.
	const stationReads = (c: Callout | undefined) =>
		c !== undefined &&
		(c.stationId === stationId ||
			(c.district === district &&
				(c.reach === 'district' || c.reachStationIds.includes(stationId!))));
	const caredFor = new Set(
		all.carePairings.filter((c) => c.volunteerId === volunteerId).map((c) => c.helpedId)
	);
	const keep: { [T in TableName]: (row: Rows[T]) => boolean } = (() => {
		switch (actor.role) {
			case 'city_admin':
				return {
					stations: () => true,
					volunteers: (v) => holds(actor, v.id),
					projects: () => true,
					shifts: () => true,
					signups: adminKeeps,
					attendance: adminKeeps,
					roster: adminKeeps,
					hoursRules: () => true,
					staff: () => true,
					transfers: () => true,
					callouts: () => true,
					calloutResponses: () => true,
					teams: () => true,
					organizations: () => true,
					pairings: () => true,
					pairingActivities: () => true,
					// One-to-one pairings are the stations' own: no admin account reads them.
					helpedPeople: () => false,
					carePairings: () => false,
					careVisits: () => false
				};
			case 'district_admin':
				return {
					stations: (s) => s.district === district,
					volunteers: (v) =>
						holds(actor, v.id) && (v.district === district || ofDistrict(v.homeStationId)),
					projects: (p) => p.district === district,
					shifts: (s) => ofDistrict(s.stationId),
					signups: (s) => adminKeeps(s) && ofDistrict(shiftStation.get(s.shiftId)),
					attendance: (a) => adminKeeps(a) && ofDistrict(a.stationId),
					roster: (r) => adminKeeps(r) && ofDistrict(r.stationId),
					hoursRules: () => true,
					staff: (s) => s.district === district || s.role === 'city_admin',
					transfers: (t) => t.fromDistrict === district || t.toDistrict === district,
					callouts: (c) => c.district === district,
					calloutResponses: (r) => calloutOf.get(r.calloutId)?.district === district,
					teams: (t) => t.district === district,
					organizations: (o) => o.district === district,
					pairings: (p) => p.district === district,
					pairingActivities: (a) => a.district === district,
					helpedPeople: () => false,
					carePairings: () => false,
					careVisits: () => false
				};
			case 'station_worker':
				return {
					stations: () => true,
					volunteers: (v) => v.homeStationId === stationId,
					projects: (p) => p.stationId === stationId,
					shifts: (s) => s.stationId === stationId,
					signups: (s) => shiftStation.get(s.shiftId) === stationId,
					attendance: (a) => a.stationId === stationId,
					roster: (r) => r.stationId === stationId,
					hoursRules: () => true,
					staff: (s) =>
						s.stationId === stationId ||
						s.role === 'city_admin' ||
						(s.role === 'district_admin' && s.district === district),
					transfers: (t) => t.fromStationId === stationId || t.toStationId === stationId,
					callouts: stationReads,
					calloutResponses: (r) => stationReads(calloutOf.get(r.calloutId)),
					teams: (t) => t.stationId === stationId,
					// Her district's registry, to see whom her station works with.
					organizations: (o) => o.district === district,
					pairings: (p) => p.stationId === stationId,
					pairingActivities: (a) => a.stationId === stationId,
					helpedPeople: (h) => h.stationId === stationId,
					carePairings: (c) => c.stationId === stationId,
					careVisits: (v) => v.stationId === stationId
				};
			case 'volunteer':
				return {
					stations: () => true,
					volunteers: (v) => v.id === volunteerId,
					projects: (p) => p.status !== 'draft',
					shifts: (s) => projectStatus.get(s.projectId) !== 'draft',
					signups: (s) => s.volunteerId === volunteerId,
					attendance: (a) => a.volunteerId === volunteerId,
					roster: () => false,
					hoursRules: () => true,
					staff: () => false,
					transfers: (t) => t.volunteerId === volunteerId,
					// Only the call-outs that asked her, and only her own answer.
					callouts: (c) => askedMe.has(c.id),
					calloutResponses: (r) => r.volunteerId === volunteerId,
					// Teams, organizations and pairings are staff business.
					teams: () => false,
					organizations: () => false,
					pairings: () => false,
					pairingActivities: () => false,
					// Her own pairings and visits, and the people she is paired with.
					helpedPeople: (h) => caredFor.has(h.id),
					carePairings: (c) => c.volunteerId === volunteerId,
					careVisits: (v) => v.volunteerId === volunteerId
				};
		}
	})();
	const keys = new Set<string>();
	for (const table of tableNames) {
		const rows = all[table] as Rows[typeof table][];
		const test = keep[table] as (row: Rows[typeof table]) => boolean;
		for (const row of rows) if (test(row)) keys.add(key(table, row.id));
	}
	return keys;
}

/** Pulls every page from `cursor` on, as a device does; fails if paging does not move on. */
async function pullAll(
	db: Db,
	actor: Actor,
	limit?: number,
	cursor = 0,
	clientId = crypto.randomUUID()
) {
	const changes: Change[] = [];
	for (let pages = 0; ; pages++) {
		expect(pages).toBeLessThan(5000);
		const page = await pull(db, { clientId, schemaVersion: SCHEMA_VERSION, cursor, limit }, actor);
		if (limit) expect(page.changes.length).toBeLessThanOrEqual(limit);
		changes.push(...page.changes);
		if (!page.hasMore) return { changes, cursor: page.cursor };
		expect(page.cursor).toBeGreaterThan(cursor);
		cursor = page.cursor;
	}
}

let db: Db;
let all: Loaded;
let stations: Station[];
const names = [
	'city',
	'dongcheng',
	'chaoyangAdmin',
	'xizongbu',
	'neighbour',
	'chaoyang1',
	'chaoyang2',
	'volunteer'
] as const;
const actors = {} as Record<(typeof names)[number], Actor>;

/**
 * Members moving between stations, so every role's scope of transfers is tried: within
 * Dongcheng, from Dongcheng to Xicheng (accepted), from Chaoyang to Haidian (declined), and the
 * demo volunteer's own request.
 */
async function addTransfers(db: Db, members: Rows['volunteers'][]) {
	const xizongbu = stations[0]!;
	const inDistrict = (d: string, not: string) =>
		stations.find((s) => s.district === d && s.id !== not)!;
	const chaoyang = stations.find((s) => s.district === 'chaoyang')!;
	const of = (stationId: string, n: number) =>
		members.filter((m) => m.homeStationId === stationId && m.phone !== '13800000001')[n]!;
	const me = members.find((v) => v.phone === '13800000001')!;
	const moves = [
		[of(xizongbu.id, 0), inDistrict('dongcheng', xizongbu.id), null],
		[of(xizongbu.id, 1), inDistrict('xicheng', ''), 'transfer.accept'],
		[of(chaoyang.id, 0), inDistrict('haidian', ''), 'transfer.decline'],
		[me, inDistrict('dongcheng', xizongbu.id), null]
	] as const;
	let n = 0;
	for (const [member, to, decision] of moves) {
		const id = crypto.randomUUID();
		const mutations = [
			{
				id: ++n,
				name: 'transfer.request',
				args: {
					id,
					volunteerId: member.id,
					toStationId: to.id,
					requestedBy: 'station',
					note: '',
					at: at(5)
				}
			},
			...(decision ? [{ id: ++n, name: decision, args: { id, at: at(6) } }] : [])
		];
		const answer = await push(
			db,
			{ clientId: transferClient, schemaVersion: SCHEMA_VERSION, mutations },
			systemActor
		);
		expect(answer.results.every((r) => r.status === 'applied')).toBe(true);
	}
}
const transferClient = crypto.randomUUID();

beforeAll(async () => {
	db = await testServer();
	await loadDemoData(db, { today });
	stations = demoData({ today }).stations;
	await addTransfers(db, (await readAll(db)).volunteers);
	all = await readAll(db);
	const xizongbu = stations[0]!;
	const chaoyang = stations.find((s) => s.district === 'chaoyang')!;
	const me = all.volunteers.find((v) => v.phone === '13800000001')!;
	const staff = (role: Actor['role'], district: Actor['district'], stationId: string | null) => ({
		accountId: crypto.randomUUID(),
		role,
		district,
		stationId,
		volunteerId: null
	});
	actors.city = staff('city_admin', null, null);
	actors.dongcheng = staff('district_admin', 'dongcheng', null);
	await giveAdminsMembers(db, xizongbu, chaoyang);
	all = await readAll(db);
	actors.xizongbu = staff('station_worker', 'dongcheng', xizongbu.id);
	actors.chaoyang1 = staff('station_worker', 'chaoyang', chaoyang.id);
	actors.volunteer = {
		accountId: crypto.randomUUID(),
		role: 'volunteer',
		district: null,
		stationId: null,
		volunteerId: me.id
	};
	const places = calloutPlaces();
	actors.chaoyangAdmin = staff('district_admin', 'chaoyang', null);
	actors.neighbour = staff('station_worker', 'dongcheng', places.neighbour.id);
	actors.chaoyang2 = staff('station_worker', 'chaoyang', places.chaoyangB.id);
	await addCallouts(db, me.id);
	all = await readAll(db);
}, 60_000);

/** Xizongbu, the other Dongcheng station (its neighbour), and Chaoyang's two stations. */
function calloutPlaces() {
	const xizongbu = stations[0]!;
	const neighbour = stations.find((s) => s.district === 'dongcheng' && s.id !== xizongbu.id)!;
	const [chaoyangA, chaoyangB] = stations.filter((s) => s.district === 'chaoyang');
	return { xizongbu, neighbour, chaoyangA: chaoyangA!, chaoyangB: chaoyangB! };
}

/** The call-outs of the demo world and the members they asked, by what each stands for. */
const world = {
	/** `demo`: the demo data's past flood duty, a district call-out led from a Chaoyang station. */
	callouts: {} as Record<'xizongbu' | 'chaoyang' | 'neighbour' | 'demo', Rows['callouts']['id']>,
	musterShift: '',
	/** On Xizongbu's muster shift; held by no admin: one of Xizongbu, one of its neighbour. */
	mustered: [] as string[]
};

/**
 * Three call-outs. Xizongbu leads one reaching its neighbour too, asking the demo volunteer, a
 * member of each station (two of them come to its muster shift, one checks in); a Chaoyang
 * station leads one reaching the whole of Chaoyang, asking a member of each of its stations;
 * Xizongbu's neighbour leads one of its own. No admin holds any member they asked.
 */
async function addCallouts(db: Db, me: string) {
	const { xizongbu, neighbour, chaoyangA, chaoyangB } = calloutPlaces();
	const heldByAnyone = new Set([...held.values()].flatMap((h) => [...h]));
	const moved = new Set(all.transfers.map((t) => t.volunteerId));
	const free = (station: Station) =>
		all.volunteers.filter(
			(v) =>
				v.homeStationId === station.id &&
				v.status === 'active' &&
				!v.consentWithdrawnAt &&
				!v.erasureRequestedAt &&
				v.id !== me &&
				!heldByAnyone.has(v.id) &&
				!moved.has(v.id)
		);
	const [x1, x2] = free(xizongbu);
	const [d1, d2] = free(neighbour);
	const [y1] = free(chaoyangA);
	const [y2] = free(chaoyangB);
	const led = newCallout(xizongbu.id, { reachStationIds: [neighbour.id] });
	const district = newCallout(chaoyangA.id, { reach: 'district' });
	const own = newCallout(neighbour.id);
	const demo = all.callouts[0]!;
	expect(demo.district).toBe('chaoyang');
	world.callouts = { xizongbu: led.id, chaoyang: district.id, neighbour: own.id, demo: demo.id };
	world.musterShift = led.shiftId;
	world.mustered = [x2!.id, d1!.id];
	const ask = (calloutId: string, members: string[]) => ({
		calloutId,
		asks: members.map((volunteerId) => ({
			responseId: crypto.randomUUID(),
			volunteerId,
			role: 'duty' as const,
			reasons: ['ready']
		})),
		at: at(10)
	});
	const answer = (calloutId: string, volunteerId: string, answer: 'accepted' | 'declined') => ({
		calloutId,
		volunteerId,
		answer,
		answeredBy: volunteerId === me ? ('member' as const) : ('staff' as const),
		at: at(12)
	});
	const arrived = (volunteerId: string, shiftId: string) => ({
		id: crypto.randomUUID(),
		signupId: crypto.randomUUID(),
		shiftId,
		volunteerId,
		overCapacity: true,
		at: at(25 * 60 - 10)
	});
	const steps = [
		{ name: 'callout.create', args: led },
		{ name: 'callout.create', args: district },
		{ name: 'callout.create', args: own },
		{ name: 'callout.ask', args: ask(led.id, [me, x1!.id, d1!.id]) },
		{ name: 'callout.ask', args: ask(district.id, [y1!.id, y2!.id]) },
		{ name: 'callout.ask', args: ask(own.id, [d2!.id]) },
		{ name: 'callout.respond', args: answer(led.id, x1!.id, 'declined') },
		{ name: 'callout.respond', args: answer(district.id, y2!.id, 'accepted') }
	];
	const clientId = crypto.randomUUID();
	const before = await push(
		db,
		{
			clientId,
			schemaVersion: SCHEMA_VERSION,
			mutations: steps.map((step, i) => ({ id: i + 1, ...step }))
		},
		systemActor,
		() => at(14)
	);
	expect(before.results.filter((r) => r.status !== 'applied')).toEqual([]);
	// She answers on her own phone.
	const hers = await push(
		db,
		{
			clientId: crypto.randomUUID(),
			schemaVersion: SCHEMA_VERSION,
			mutations: [{ id: 1, name: 'callout.respond', args: answer(led.id, me, 'accepted') }]
		},
		actors.volunteer,
		() => at(14)
	);
	expect(hers.results).toEqual([{ id: 1, status: 'applied' }]);
	// On the day, those who came are checked in at the place.
	const arrivals = [
		arrived(x2!.id, led.shiftId),
		arrived(d1!.id, led.shiftId),
		arrived(y1!.id, district.shiftId)
	];
	const during = await push(
		db,
		{
			clientId,
			schemaVersion: SCHEMA_VERSION,
			mutations: arrivals.map((args, i) => ({
				id: steps.length + 1 + i,
				name: 'attendance.walkIn',
				args
			}))
		},
		systemActor,
		() => at(25 * 60)
	);
	expect(during.results.filter((r) => r.status !== 'applied')).toEqual([]);
}

/**
 * What the admins hold: Dongcheng's admin registers a member at Xizongbu and opens two Xizongbu
 * members with sign-ups; she also holds a Chaoyang member (as if she opened her before a move),
 * whom she may not read and so must not receive. The city admin opens a Chaoyang member.
 */
async function giveAdminsMembers(db: Db, xizongbu: Station, chaoyang: Station) {
	const mine = registration({ phone: phoneNo(901), name: '区里登记', homeStationId: xizongbu.id });
	const answer = await push(
		db,
		{
			clientId: crypto.randomUUID(),
			schemaVersion: SCHEMA_VERSION,
			mutations: [{ id: 1, name: 'volunteer.register', args: mine }]
		},
		actors.dongcheng
	);
	expect(answer.results).toEqual([{ id: 1, status: 'applied' }]);
	const withSignups = new Set(all.signups.map((s) => s.volunteerId));
	const of = (stationId: string) =>
		all.volunteers.filter((v) => v.homeStationId === stationId && withSignups.has(v.id));
	const [first, second] = of(xizongbu.id);
	const [outside] = of(chaoyang.id);
	for (const member of [first!, second!]) {
		expect((await openMember(db, actors.dongcheng, member.id, at(10))).ok).toBe(true);
	}
	await holdMember(db, actors.dongcheng.accountId!, outside!.id, at(10));
	expect((await openMember(db, actors.city, outside!.id, at(10))).ok).toBe(true);
	held.set(actors.dongcheng.accountId!, new Set([mine.id, first!.id, second!.id, outside!.id]));
	held.set(actors.city.accountId!, new Set([outside!.id]));
}

/**
 * The steps of a query's plan. On PostgreSQL, sequential scans are priced out first: on tables
 * this small its planner rightly reads them whole, and what matters is whether the filter can
 * be answered through an index, as it must once a district holds hundreds of thousands of rows.
 */
async function queryPlan(db: Db, query: CompiledQuery): Promise<string[]> {
	const parameters = [...query.parameters];
	if (testDatabaseKind() === 'sqlite') {
		const plan = await db.executeQuery<{ detail: string }>(
			CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, parameters)
		);
		return plan.rows.map((r) => r.detail);
	}
	return db.transaction().execute(async (trx) => {
		await sql`ANALYZE volunteers, projects, shifts, signups, attendance, roster, member_holds`.execute(
			trx
		);
		// The demo tables are small enough that reading one whole is cheapest; what is asked here is
		// whether the scope can be served through its index, as it must be at city size.
		await sql`SET LOCAL enable_seqscan = off`.execute(trx);
		await sql`SET LOCAL enable_hashjoin = off`.execute(trx);
		await sql`SET LOCAL enable_mergejoin = off`.execute(trx);
		const plan = await trx.executeQuery<{ 'QUERY PLAN': string }>(
			CompiledQuery.raw(`EXPLAIN ${query.sql}`, parameters)
		);
		return plan.rows.map((r) => r['QUERY PLAN']);
	});
}

describe('pull scope on the demo data', () => {
	it.each(names)('gives %s every row in scope, as stored, and nothing else', async (name) => {
		const actor = actors[name];
		const { changes } = await pullAll(db, actor, 2000);
		const expected = inScope(actor, all);
		const received = changes.map((c) => key(c.table, c.id));
		expect(new Set(received).size).toBe(received.length);
		expect(new Set(received)).toEqual(expected);
		const stored = new Map(
			tableNames.flatMap((t) => (all[t] as { id: string }[]).map((r) => [key(t, r.id), r]))
		);
		for (const change of changes)
			expect(change.row).toEqual(stored.get(key(change.table, change.id)));
	});

	it.each(names)('gives %s the same rows in pages of 7, each exactly once', async (name) => {
		const actor = actors[name];
		const { changes, cursor } = await pullAll(db, actor, 7);
		const received = changes.map((c) => key(c.table, c.id));
		expect(new Set(received).size).toBe(received.length);
		expect(new Set(received)).toEqual(inScope(actor, all));
		const versions = changes.map((c) => c.version);
		expect(versions).toEqual([...versions].sort((a, b) => a - b));
		const whole = await pullAll(db, actor, 2000);
		expect(cursor).toBe(whole.cursor);
	});

	it.each(names)('keeps %s to its scope in SQL already, before the per-row check', async (name) => {
		const actor = actors[name];
		const scope = pullScope(actor);
		const expected = inScope(actor, all);
		for (const table of tableNames) {
			const filter = scope[table];
			let query = db.selectFrom(table as TableName).select('id');
			if (filter === 'none') continue;
			if (filter !== 'all') query = query.where(filter as Filter<TableName>);
			const selected = new Set((await query.execute()).map((r) => key(table, r.id)));
			const wanted = [...expected].filter((k) => k.startsWith(`${table}:`));
			// A project's status is in its JSON: a volunteer's drafts go in the per-row check only.
			const byStatus = actor.role === 'volunteer' && (table === 'projects' || table === 'shifts');
			if (byStatus) {
				expect(selected.size).toBe(all[table].length);
			} else {
				expect(selected).toEqual(new Set(wanted));
			}
		}
	});

	it('reads a station worker’s rows through indexes, never walking the city’s tables', async () => {
		const scope = pullScope(actors.xizongbu);
		// Through the filter's own index on each table, not the version index that every table has.
		// A station's members and projects by station then version: the changed ones only, in order.
		const scopeIndex = {
			volunteers: 'volunteers_station_version',
			projects: 'projects_station_version',
			shifts: 'shifts_project',
			signups: 'signups_shift',
			attendance: 'attendance_station',
			roster: 'roster_station'
		};
		for (const table of [
			'volunteers',
			'projects',
			'shifts',
			'signups',
			'attendance',
			'roster'
		] as const) {
			const query = db
				.selectFrom(table as TableName)
				.select(['id', 'version', 'deleted', 'data'])
				.where('version', '>', 0)
				.where(scope[table] as Filter<TableName>)
				.orderBy('version')
				.limit(1000)
				.compile();
			const steps = await queryPlan(db, query);
			if (testDatabaseKind() === 'sqlite') {
				expect(
					steps.filter((step) => step.startsWith('SCAN')),
					table
				).toEqual([]);
				expect(steps[0], table).toMatch(
					new RegExp(`^SEARCH .* USING INDEX (?!${table}_version\\b)`)
				);
				if (table === 'volunteers' || table === 'projects') {
					expect(steps[0], table).toMatch(
						new RegExp(`USING INDEX ${scopeIndex[table]} \\(\\w+=\\? AND version>\\?\\)`)
					);
					expect(steps, table).not.toContain('USE TEMP B-TREE FOR ORDER BY');
				}
			} else {
				expect(
					steps.filter((step) => new RegExp(`Seq Scan|${table}_version\\b`).test(step)),
					table
				).toEqual([]);
				// A station's few demo members and projects: PostgreSQL may take them by another index
				// led by the station column (the figures'), and sort them.
				const byStation = table === 'volunteers' || table === 'projects';
				expect(steps.join('\n'), table).toMatch(
					byStation
						? /Index Cond: \(\(?(home_)?station_id = /
						: new RegExp(`Index Scan (on|using) ${scopeIndex[table]}\\b`)
				);
			}
		}
	});

	it('reads an admin’s members through her holds, never walking her district’s members', async () => {
		const memberIndex = {
			volunteers: /sqlite_autoindex_volunteers_1|volunteers_pkey/,
			signups: /signups_volunteer/,
			attendance: /attendance_volunteer/,
			roster: /roster_volunteer/
		};
		for (const actor of [actors.dongcheng, actors.city]) {
			const scope = pullScope(actor);
			for (const table of ['volunteers', 'signups', 'attendance', 'roster'] as const) {
				const query = db
					.selectFrom(table as TableName)
					.select(['id', 'version', 'deleted', 'data'])
					.where('version', '>', 0)
					.where(scope[table] as Filter<TableName>)
					.orderBy('version')
					.limit(1000)
					.compile();
				const steps = await queryPlan(db, query);
				const where = `${actor.role} ${table}`;
				if (testDatabaseKind() === 'sqlite') {
					expect(
						steps.filter((step) => step.startsWith('SCAN')),
						where
					).toEqual([]);
					expect(steps.join('\n'), where).toMatch(/SEARCH member_holds USING COVERING INDEX/);
					if (table === 'volunteers') {
						expect(steps[0], where).toMatch(memberIndex[table]);
					} else {
						// Her members through her holds, and a muster's rows through the call-outs'
						// projects: two searches joined by id, never the scope walked to test either.
						expect(steps[0], where).toMatch(`SEARCH ${table} USING INDEX sqlite_autoindex`);
						const [byMember, byMuster] = steps.join('\n').split('UNION ALL');
						expect(byMember, where).toMatch(
							new RegExp(`SEARCH ${table} USING INDEX ${memberIndex[table].source}`)
						);
						expect(byMuster, where).toMatch(/SEARCH projects USING INDEX projects_callout/);
						expect(byMuster, where).toMatch(
							new RegExp(`SEARCH ${table} USING INDEX ${table}_shift`)
						);
					}
				} else {
					// The demo's few attendance and roster rows are cheapest walked by version; what
					// matters is that the holds are read by their key, never a scan.
					expect(steps.join('\n'), where).not.toMatch(/Seq Scan/);
					expect(steps.join('\n'), where).toMatch(/member_holds_pk/);
					if (table === 'volunteers' || table === 'signups') {
						expect(steps.join('\n'), where).toMatch(memberIndex[table]);
					}
					// A muster's rows come through the call-outs' projects, never a walk of them.
					if (table !== 'volunteers') {
						expect(steps.join('\n'), where).toMatch(/Index Scan (using|on) projects_callout/);
					}
				}
			}
		}
	});

	it('scopes each role to what it is for, not to the city', () => {
		const count = (name: (typeof names)[number], table: TableName) =>
			[...inScope(actors[name], all)].filter((k) => k.startsWith(`${table}:`)).length;
		// Admins look members up on the server: their devices keep those they registered or opened.
		expect(count('city', 'volunteers')).toBe(1);
		expect(count('dongcheng', 'volunteers')).toBe(3);
		expect(count('dongcheng', 'signups')).toBeGreaterThan(0);
		expect(count('dongcheng', 'signups')).toBeLessThan(count('xizongbu', 'signups'));
		expect(count('xizongbu', 'volunteers')).toBeGreaterThanOrEqual(60);
		expect(count('xizongbu', 'signups')).toBeGreaterThan(0);
		expect(count('xizongbu', 'signups')).toBeLessThan(all.signups.length);
		expect(count('dongcheng', 'stations')).toBe(2);
		expect(count('volunteer', 'volunteers')).toBe(1);
		expect(count('volunteer', 'signups')).toBeGreaterThan(0);
		expect(count('volunteer', 'projects')).toBeLessThan(all.projects.length);
		expect(count('volunteer', 'staff')).toBe(0);
		expect(count('volunteer', 'transfers')).toBe(1);
		// Xizongbu's two workers, Dongcheng's admin and the city admin, not Chaoyang's worker.
		expect(count('xizongbu', 'staff')).toBe(4);
		expect(count('dongcheng', 'staff')).toBe(4);
		// Chaoyang's worker: herself, her district's admin and the city admin.
		expect(count('chaoyang1', 'staff')).toBe(3);
		// Both of Xizongbu's members leaving and the demo volunteer's request; never Chaoyang's own.
		expect(count('xizongbu', 'transfers')).toBe(3);
		expect(count('chaoyang1', 'transfers')).toBe(1);
		expect(count('dongcheng', 'transfers')).toBe(3);
		expect(count('city', 'transfers')).toBe(4);
		// Xizongbu's call-out reaches its neighbour; Chaoyang's the whole of Chaoyang; the
		// neighbour's its own station. The demo volunteer was asked by Xizongbu's only.
		// The demo's past flood duty reaches the city and all of Chaoyang, with its answers.
		const demoAsked = all.calloutResponses.filter(
			(r) => r.calloutId === world.callouts.demo
		).length;
		expect(demoAsked).toBeGreaterThan(0);
		const callouts = {
			city: 4,
			dongcheng: 2,
			chaoyangAdmin: 2,
			xizongbu: 1,
			neighbour: 2,
			chaoyang1: 2,
			chaoyang2: 2,
			volunteer: 1
		};
		const responses = {
			city: 6 + demoAsked,
			dongcheng: 4,
			chaoyangAdmin: 2 + demoAsked,
			xizongbu: 3,
			neighbour: 4,
			chaoyang1: 2 + demoAsked,
			chaoyang2: 2 + demoAsked,
			volunteer: 1
		};
		for (const name of names) {
			expect(count(name, 'callouts'), name).toBe(callouts[name]);
			expect(count(name, 'calloutResponses'), name).toBe(responses[name]);
		}
	});

	it('never gives chaoyang1, a Chaoyang station worker, a Xizongbu member or sign-up', async () => {
		const xizongbu = stations[0]!;
		const { changes } = await pullAll(db, actors.chaoyang1, 50);
		const members = changes.filter((c) => c.table === 'volunteers').map((c) => c.row!);
		expect(members.length).toBeGreaterThan(0);
		for (const member of members) {
			expect(member.homeStationId).toBe(actors.chaoyang1.stationId);
			expect(member.community).not.toBe('西总布');
		}
		const xizongbuShifts = new Set(
			all.shifts.filter((s) => s.stationId === xizongbu.id).map((s) => s.id)
		);
		const signups = changes.filter((c) => c.table === 'signups');
		for (const signup of signups)
			expect(xizongbuShifts.has(String(signup.row!.shiftId))).toBe(false);
	});

	it('gives a volunteer her own record and sign-ups only, and no drafts', async () => {
		const me = actors.volunteer.volunteerId;
		const { changes } = await pullAll(db, actors.volunteer, 2000);
		const members = changes.filter((c) => c.table === 'volunteers');
		expect(members.map((c) => c.id)).toEqual([me]);
		const signups = changes.filter((c) => c.table === 'signups');
		expect(signups.length).toBeGreaterThan(0);
		for (const signup of signups) expect(signup.row!.volunteerId).toBe(me);
		for (const project of changes.filter((c) => c.table === 'projects')) {
			expect(project.row!.status).not.toBe('draft');
		}
		// No other person's phone number reaches her device, in any field of any row.
		const otherPhones = new Set(all.volunteers.filter((v) => v.id !== me).map((v) => v.phone));
		const text = JSON.stringify(changes);
		for (const phone of otherPhones) expect(text.includes(phone)).toBe(false);
	});
});

describe('pull scope of call-outs', () => {
	const calloutName = (id: string) =>
		Object.entries(world.callouts).find(([, calloutId]) => calloutId === id)?.[0];

	it.each(names)(
		'sends %s the call-outs it reads, with their answers, and no others',
		async (name) => {
			const expected: Record<(typeof names)[number], string[]> = {
				city: ['chaoyang', 'demo', 'neighbour', 'xizongbu'],
				dongcheng: ['neighbour', 'xizongbu'],
				chaoyangAdmin: ['chaoyang', 'demo'],
				// The lead station's workers, and those of every station it reaches.
				xizongbu: ['xizongbu'],
				neighbour: ['neighbour', 'xizongbu'],
				// A district call-out reaches every station of the district.
				chaoyang1: ['chaoyang', 'demo'],
				chaoyang2: ['chaoyang', 'demo'],
				volunteer: ['xizongbu']
			};
			const { changes } = await pullAll(db, actors[name], 2000);
			const callouts = changes.filter((c) => c.table === 'callouts').map((c) => calloutName(c.id));
			expect(callouts.sort()).toEqual(expected[name]);
			const responses = changes.filter((c) => c.table === 'calloutResponses').map((c) => c.row!);
			expect(responses.length).toBeGreaterThan(0);
			for (const response of responses) {
				expect(expected[name]).toContain(calloutName(String(response.calloutId)));
			}
			if (name !== 'volunteer') {
				// Staff get every answer to what they read, whoever holds the member.
				const all_ = all.calloutResponses.filter((r) =>
					expected[name].includes(calloutName(r.calloutId)!)
				);
				expect(responses.map((r) => r.id).sort()).toEqual(all_.map((r) => r.id).sort());
			}
		}
	);

	it('gives a volunteer her own answer only, never another person’s name or phone', async () => {
		const me = actors.volunteer.volunteerId!;
		const { changes } = await pullAll(db, actors.volunteer, 2000);
		const responses = changes.filter((c) => c.table === 'calloutResponses');
		expect(responses.map((c) => c.row!.volunteerId)).toEqual([me]);
		expect(responses[0]!.row).toMatchObject({ answer: 'accepted', answeredBy: 'member' });
		const others = all.calloutResponses.filter((r) => r.volunteerId !== me);
		const text = JSON.stringify(changes);
		for (const other of others) {
			expect(text.includes(other.memberName)).toBe(false);
			expect(text.includes(other.volunteerId)).toBe(false);
		}
	});

	it('gives an admin’s device the sign-ups and attendance of a muster she reads, held or not, and no other sign-up of theirs', async () => {
		const mustered = new Set(world.mustered);
		const onMuster = (r: { shiftId: string; volunteerId: string }) =>
			mustered.has(r.volunteerId) && r.shiftId === world.musterShift;
		const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
		const wanted = (rows: { id: string; shiftId: string; volunteerId: string }[]) =>
			ids(rows.filter(onMuster));
		// No admin holds them, and they have other sign-ups, which stay off the admins' devices.
		expect(
			all.signups.filter((s) => mustered.has(s.volunteerId) && !onMuster(s)).length
		).toBeGreaterThan(0);
		for (const admin of [actors.dongcheng, actors.city]) {
			const { changes } = await pullAll(db, admin, 2000);
			const of = (table: TableName) =>
				changes
					.filter((c) => c.table === table && mustered.has(String(c.row!.volunteerId)))
					.map((c) => c.row as { id: string; shiftId: string; volunteerId: string });
			expect(ids(of('signups'))).toEqual(wanted(all.signups));
			expect(wanted(all.signups)).toHaveLength(2);
			expect(ids(of('attendance'))).toEqual(wanted(all.attendance));
			expect(wanted(all.attendance)).toHaveLength(2);
			// Both are on the muster's roster, the neighbour's member too.
			expect(ids(of('roster'))).toEqual(wanted(all.roster));
			expect(wanted(all.roster)).toHaveLength(2);
			// Members of the muster are not held for that: their records stay on the server.
			expect(changes.filter((c) => c.table === 'volunteers' && mustered.has(c.id))).toEqual([]);
		}
		// Another district's admin reads neither the call-out nor who came to it.
		const { changes } = await pullAll(db, actors.chaoyangAdmin, 2000);
		expect(changes.filter((c) => c.row && mustered.has(String(c.row.volunteerId)))).toEqual([]);
	});
});

describe('pull scope of teams, social organizations and pairings', () => {
	it.each(names)('sends %s its teams, its district’s registry and its pairings', async (name) => {
		// Counts of the demo data: Xizongbu's two teams, three organizations in each of
		// Dongcheng's and Chaoyang's registries, one pairing with Xizongbu's team (with three
		// activities) and one with its neighbour station.
		const expected: Record<(typeof names)[number], [number, number, number, number]> = {
			city: [2, 6, 2, 3],
			dongcheng: [2, 3, 2, 3],
			chaoyangAdmin: [0, 3, 0, 0],
			xizongbu: [2, 3, 1, 3],
			neighbour: [0, 3, 1, 0],
			chaoyang1: [0, 3, 0, 0],
			chaoyang2: [0, 3, 0, 0],
			// Staff business: a volunteer's phone holds none of it.
			volunteer: [0, 0, 0, 0]
		};
		const { changes } = await pullAll(db, actors[name], 2000);
		const rows = (table: string) => changes.filter((c) => c.table === table).map((c) => c.row!);
		const tables = ['teams', 'organizations', 'pairings', 'pairingActivities'];
		expect(tables.map((t) => rows(t).length)).toEqual(expected[name]);
		const actor = actors[name];
		for (const row of [...rows('teams'), ...rows('pairings'), ...rows('pairingActivities')]) {
			if (actor.role === 'station_worker') expect(row.stationId).toBe(actor.stationId);
			if (actor.role !== 'city_admin') expect(row.district).toBe(actor.district);
		}
		for (const row of rows('organizations')) {
			if (actor.role !== 'city_admin') expect(row.district).toBe(actor.district);
		}
	});
});

describe('pull scope of one-to-one pairings', () => {
	it.each(names)(
		'sends %s the people helped only if it is their station or their pairing',
		async (name) => {
			// The demo data: at Xizongbu, the demo volunteer is paired with 张奶奶 and another member
			// with 小雨 (a minor), each pairing with two visits.
			const expected: Record<(typeof names)[number], string[]> = {
				city: [],
				dongcheng: [],
				chaoyangAdmin: [],
				xizongbu: ['小雨', '张奶奶'],
				neighbour: [],
				chaoyang1: [],
				chaoyang2: [],
				volunteer: ['张奶奶']
			};
			const { changes } = await pullAll(db, actors[name], 2000);
			const rows = (table: string) => changes.filter((c) => c.table === table).map((c) => c.row!);
			expect(
				rows('helpedPeople')
					.map((h) => String(h.alias))
					.sort()
			).toEqual(expected[name]);
			const pairings = rows('carePairings');
			const visits = rows('careVisits');
			expect(pairings).toHaveLength(expected[name].length);
			expect(visits).toHaveLength(2 * expected[name].length);
			if (name === 'volunteer') {
				for (const row of [...pairings, ...visits]) {
					expect(row.volunteerId).toBe(actors.volunteer.volunteerId);
				}
			}
		}
	);
});

describe('pull scope as data changes', () => {
	/** A fresh copy of the small demo data for each test: loaded once, as loading takes seconds. */
	let smallWorld: () => Promise<Db>;
	beforeAll(async () => {
		const loaded = await testServer();
		await loadDemoData(loaded, { today, stations: 4, members: 20, projects: 8 });
		smallWorld = await copiesOf(loaded);
	});

	it('brings a volunteer a project and its shifts once it is published, not before', async () => {
		const db = await smallWorld();
		const me = (await readAll(db)).volunteers.find((v) => v.phone === '13800000001')!;
		const volunteer: Actor = { ...actors.volunteer, volunteerId: me.id };
		const draft = (await readAll(db)).projects.find((p) => p.status === 'draft')!;
		const clientId = crypto.randomUUID();
		const first = await pullAll(db, volunteer, 5, 0, clientId);
		expect(first.changes.some((c) => c.id === draft.id)).toBe(false);

		// The station adds a shift to the draft, which the volunteer still must not see.
		const extra = newShift(draft.id, { start: at(60 * 24 * 400), end: at(60 * 24 * 400 + 120) });
		await push(
			db,
			{
				clientId: crypto.randomUUID(),
				schemaVersion: SCHEMA_VERSION,
				mutations: [{ id: 1, name: 'shift.add', args: extra }]
			},
			systemActor
		);
		const second = await pullAll(db, volunteer, 5, first.cursor, clientId);
		expect(second.changes).toEqual([]);

		await push(
			db,
			{
				clientId: crypto.randomUUID(),
				schemaVersion: SCHEMA_VERSION,
				mutations: [{ id: 1, name: 'project.publish', args: { id: draft.id, at: at(30) } }]
			},
			systemActor
		);
		const third = await pullAll(db, volunteer, 5, second.cursor, clientId);
		const shiftsOfDraft = (await readAll(db)).shifts.filter((s) => s.projectId === draft.id);
		expect(shiftsOfDraft.length).toBeGreaterThanOrEqual(2);
		expect(new Set(third.changes.map((c) => key(c.table, c.id)))).toEqual(
			new Set([key('projects', draft.id), ...shiftsOfDraft.map((s) => key('shifts', s.id))])
		);
	});

	it('sends a new member to her station’s workers, not to another station, and to her district admin once she opens her', async () => {
		const db = await smallWorld();
		const small = demoData({ today, stations: 4, members: 20, projects: 8 }).stations;
		const [xizongbu, xicheng] = [small[0]!, small[1]!];
		const worker: Actor = { ...actors.xizongbu, stationId: xizongbu.id };
		const neighbour: Actor = {
			...actors.chaoyang1,
			district: xicheng.district,
			stationId: xicheng.id
		};
		const heads = await Promise.all(
			[worker, neighbour, actors.dongcheng].map(async (a) => (await pullAll(db, a)).cursor)
		);
		const member = registration({ phone: phoneNo(777), homeStationId: xizongbu.id });
		const answer = await push(
			db,
			{
				clientId: crypto.randomUUID(),
				schemaVersion: SCHEMA_VERSION,
				mutations: [{ id: 1, name: 'volunteer.register', args: member }]
			},
			worker
		);
		expect(answer.results).toEqual([{ id: 1, status: 'applied' }]);
		const got = async (actor: Actor, cursor: number) =>
			(await pullAll(db, actor, 3, cursor)).changes.map((c) => c.id);
		expect(await got(worker, heads[0]!)).toEqual([member.id]);
		expect(await got(neighbour, heads[1]!)).toEqual([]);
		// Her district admin looks her up on the server; opening her is what puts her on the device.
		expect(await got(actors.dongcheng, heads[2]!)).toEqual([]);
		const opened = await openMember(db, actors.dongcheng, member.id, at(2));
		if (!opened.ok) throw new Error(opened.code);
		expect(opened.answer.changes.map((c) => c.id)).toEqual([member.id]);
		const afterOpening = (await pullAll(db, actors.dongcheng, 3, heads[2]!)).cursor;
		// From then on the pull keeps her fresh.
		await push(
			db,
			{
				clientId: crypto.randomUUID(),
				schemaVersion: SCHEMA_VERSION,
				mutations: [
					{
						id: 1,
						name: 'volunteer.update',
						args: { id: member.id, changes: { availability: '晚上' }, at: at(3) }
					}
				]
			},
			worker
		);
		const later = (await pullAll(db, actors.dongcheng, 3, afterOpening)).changes;
		expect(later).toEqual([
			expect.objectContaining({
				id: member.id,
				row: expect.objectContaining({ availability: '晚上' })
			})
		]);
	});

	it('gives a station’s roster a member of another station as name and masked phone only', async () => {
		const db = await smallWorld();
		const small = demoData({ today, stations: 4, members: 20, projects: 8 }).stations;
		const [xizongbu, other] = [small[0]!, small[1]!];
		const worker: Actor = { ...actors.xizongbu, stationId: xizongbu.id };
		const neighbour: Actor = { ...actors.chaoyang1, district: other.district, stationId: other.id };
		const heads = await Promise.all(
			[worker, neighbour].map(async (a) => (await pullAll(db, a)).cursor)
		);
		const shift = (await readAll(db)).shifts.find(
			(s) => s.stationId === xizongbu.id && Date.parse(s.start) > today.getTime()
		)!;
		// A volunteer of the other station signs herself up on her phone.
		const member = registration({
			phone: phoneNo(778),
			name: '邻站志愿者',
			homeStationId: other.id
		});
		const signupId = crypto.randomUUID();
		const answer = await push(
			db,
			{
				clientId: crypto.randomUUID(),
				schemaVersion: SCHEMA_VERSION,
				mutations: [
					{ id: 1, name: 'volunteer.register', args: member },
					{
						id: 2,
						name: 'volunteer.setStatus',
						args: { id: member.id, status: 'active', at: at(1) }
					},
					{
						id: 3,
						name: 'signup.request',
						args: { id: signupId, shiftId: shift.id, volunteerId: member.id, at: at(2) }
					}
				]
			},
			systemActor,
			() => at(2)
		);
		expect(answer.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

		const got = (await pullAll(db, worker, 3, heads[0]!)).changes;
		expect(got.map((c) => c.table).sort()).toEqual(['roster', 'shifts', 'signups']);
		expect(got.find((c) => c.table === 'roster')!.row).toMatchObject({
			id: signupId,
			name: '邻站志愿者',
			phone: '139****0778'
		});
		expect(JSON.stringify(got)).not.toContain(phoneNo(778));
		// Her own station gets her record, not the roster of another station's shift.
		const theirs = (await pullAll(db, neighbour, 3, heads[1]!)).changes;
		expect(theirs.map((c) => c.table)).toEqual(['volunteers']);
	});

	it('gives a volunteer her own attendance events and no roster', async () => {
		const { changes } = await pullAll(db, actors.volunteer, 2000);
		const events = changes.filter((c) => c.table === 'attendance');
		expect(events.length).toBeGreaterThan(0);
		for (const event of events) expect(event.row!.volunteerId).toBe(actors.volunteer.volunteerId);
		expect(changes.filter((c) => c.table === 'roster')).toEqual([]);
	});

	it('sends an erasure to every device that held her, as a tombstone with nothing of her in it', async () => {
		const db = await smallWorld();
		const small = demoData({ today, stations: 4, members: 20, projects: 8 }).stations;
		const worker: Actor = { ...actors.xizongbu, stationId: small[0]!.id };
		const member = registration({ phone: phoneNo(778), homeStationId: small[0]!.id });
		const send = (mutations: { id: number; name: string; args: unknown }[]) =>
			push(db, { clientId: crypto.randomUUID(), schemaVersion: SCHEMA_VERSION, mutations }, worker);
		await send([{ id: 1, name: 'volunteer.register', args: member }]);
		// Dongcheng's admin opened her; the city admin never did.
		expect((await openMember(db, actors.dongcheng, member.id, at(1))).ok).toBe(true);
		const heads = await Promise.all(
			[worker, actors.dongcheng, actors.city].map(async (a) => (await pullAll(db, a)).cursor)
		);
		const answer = await send([
			{ id: 1, name: 'volunteer.requestErasure', args: { id: member.id, at: at(5) } },
			{ id: 2, name: 'volunteer.erase', args: { id: member.id, at: at(6) } }
		]);
		expect(answer.results.map((r) => r.status)).toEqual(['applied', 'applied']);
		for (const [i, actor] of [worker, actors.dongcheng].entries()) {
			const { changes } = await pullAll(db, actor, 5, heads[i]!);
			expect(changes).toEqual([
				expect.objectContaining({ table: 'volunteers', id: member.id, deleted: true, row: null })
			]);
		}
		expect((await pullAll(db, actors.city, 5, heads[2]!)).changes).toEqual([]);
	});

	it('sends a device one protocol version behind none of the tables it does not know', async () => {
		const { changes } = await pullAll(db, actors.city, 2000);
		const added = ['teams', 'organizations', 'pairings', 'pairingActivities'];
		for (const table of added) expect(changes.some((c) => c.table === table)).toBe(true);
		const old = await pull(
			db,
			{ clientId: crypto.randomUUID(), schemaVersion: SCHEMA_VERSION - 1, cursor: 0, limit: 2000 },
			actors.city
		);
		expect(old.changes.length).toBeGreaterThan(0);
		// Protocol 4 added teams, organizations and pairings; call-outs came with 3.
		expect(old.changes.some((c) => c.table === 'callouts')).toBe(true);
		expect(old.changes.filter((c) => added.includes(c.table))).toEqual([]);
	});

	it('brings a volunteer a call-out made before her last sync once it asks her, with her answer', async () => {
		const db = await smallWorld();
		const small = demoData({ today, stations: 4, members: 20, projects: 8 }).stations;
		const members = (await readAll(db)).volunteers;
		const me = members.find((v) => v.phone === '13800000001')!;
		const volunteer: Actor = { ...actors.volunteer, volunteerId: me.id };
		const worker: Actor = { ...actors.xizongbu, stationId: small[0]!.id };
		const send = (mutations: { id: number; name: string; args: unknown }[]) =>
			push(db, { clientId: crypto.randomUUID(), schemaVersion: SCHEMA_VERSION, mutations }, worker);
		const callout = newCallout(small[0]!.id);
		expect((await send([{ id: 1, name: 'callout.create', args: callout }])).results).toEqual([
			{ id: 1, status: 'applied' }
		]);
		const clientId = crypto.randomUUID();
		const before = await pullAll(db, volunteer, 5, 0, clientId);
		expect(before.changes.filter((c) => c.table === 'callouts')).toEqual([]);
		// Asked after her phone last synced: the call-out itself has not changed since.
		const responseId = crypto.randomUUID();
		const asked = await send([
			{
				id: 1,
				name: 'callout.ask',
				args: {
					calloutId: callout.id,
					asks: [{ responseId, volunteerId: me.id, role: 'duty', reasons: [] }],
					at: at(10)
				}
			}
		]);
		expect(asked.results).toEqual([{ id: 1, status: 'applied' }]);
		const after = await pullAll(db, volunteer, 5, before.cursor, clientId);
		expect(after.changes.map((c) => key(c.table, c.id)).sort()).toEqual(
			[key('callouts', callout.id), key('calloutResponses', responseId)].sort()
		);
	});

	it('sends an asked member’s erasure to the staff who read her answer, as a tombstone', async () => {
		const db = await smallWorld();
		const small = demoData({ today, stations: 4, members: 20, projects: 8 }).stations;
		const worker: Actor = { ...actors.xizongbu, stationId: small[0]!.id };
		const member = registration({ phone: phoneNo(779), homeStationId: small[0]!.id });
		const callout = newCallout(small[0]!.id);
		const responseId = crypto.randomUUID();
		const send = (name: string, args: unknown) =>
			push(
				db,
				{
					clientId: crypto.randomUUID(),
					schemaVersion: SCHEMA_VERSION,
					mutations: [{ id: 1, name, args }]
				},
				worker
			);
		await send('volunteer.register', member);
		await send('callout.create', callout);
		await send('callout.ask', {
			calloutId: callout.id,
			asks: [{ responseId, volunteerId: member.id, role: 'duty', reasons: [] }],
			at: at(10)
		});
		const head = (await pullAll(db, actors.dongcheng)).cursor;
		await send('volunteer.requestErasure', { id: member.id, at: at(20) });
		await send('volunteer.erase', { id: member.id, at: at(21) });
		const { changes } = await pullAll(db, actors.dongcheng, 5, head);
		expect(changes).toContainEqual(
			expect.objectContaining({
				table: 'calloutResponses',
				id: responseId,
				deleted: true,
				row: null
			})
		);
		expect(JSON.stringify(changes)).not.toContain(member.name);
	});
});
