/**
 * Every mutation, for every role, into its own scope and into another, through the real push on
 * real SQLite: what the server applies, what it refuses as `forbidden`, and that a refusal is
 * stored and changes nothing. A mutation without rows here fails the guard test below.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/authorization';
import { mutations, type ArgsOf, type MutationName } from '$lib/domain/mutations';
import { PRIVACY_NOTICE_VERSION, type DistrictCode } from '$lib/domain/reference';
import type { Station, TableName } from '$lib/domain/schemas';
import { hoursRuleId } from '$lib/domain/attendance';
import { tableNames } from '$lib/domain/schemas';
import { SCHEMA_VERSION, type MutationResult } from '$lib/domain/sync';
import { testServer } from '$lib/testing/harness';
import { copiesOf } from '$lib/testing/test-databases';
import {
	at,
	must,
	newCallout,
	newProject,
	newShift,
	phoneNo,
	registration,
	serverSide,
	station,
	type Side
} from '$lib/testing/fixtures';
import type { Db } from './database';
import { headVersion } from './record-store';
import { pull, push } from './sync';

/** What one station holds in the test world. */
interface Place {
	station: Station;
	/** Active members of this station: `member` and `member2` each hold a sign-up, `spare` none. */
	member: string;
	member2: string;
	spare: string;
	draft: string;
	draftShift: string;
	open: string;
	openShift: string;
	/** `member`'s and `member2`'s sign-ups on `openShift`. */
	signup: string;
	signup2: string;
	/** A shift of `open` that is over when the tests push (`member` signed up for it). */
	pastShift: string;
}

/** Two districts with two stations each: A1 and A2 in Dongcheng, B1 and B2 in Chaoyang. */
type World = Record<'A1' | 'A2' | 'B1' | 'B2', Place>;
type PlaceKey = keyof World;

const homes: Record<PlaceKey, { district: DistrictCode; community: string }> = {
	A1: { district: 'dongcheng', community: '西总布' },
	A2: { district: 'dongcheng', community: '东四' },
	B1: { district: 'chaoyang', community: '望京' },
	B2: { district: 'chaoyang', community: '三里屯' }
};

let phones = 0;

async function buildPlace(side: Side, key: PlaceKey): Promise<Place> {
	const home = station({ ...homes[key], name: `${homes[key].community}社区妇女志愿服务站` });
	await side.addStation(home);
	const member = async () => {
		const args = registration({
			phone: phoneNo(++phones),
			district: home.district,
			community: home.community,
			homeStationId: home.id
		});
		await must(side, 'volunteer.register', args);
		await must(side, 'volunteer.setStatus', { id: args.id, status: 'active', at: at() });
		return args.id;
	};
	const [m1, m2, spare] = [await member(), await member(), await member()];
	const draft = newProject(home.id);
	await must(side, 'project.create', draft);
	const draftShift = newShift(draft.id);
	await must(side, 'shift.add', draftShift);
	const open = newProject(home.id);
	await must(side, 'project.create', open);
	const openShift = newShift(open.id, { capacity: 10 });
	await must(side, 'shift.add', openShift);
	await must(side, 'project.publish', { id: open.id, at: at(1) });
	const pastShift = newShift(open.id, { start: at(30), end: at(90), capacity: 10 });
	await must(side, 'shift.add', pastShift);
	const signups = [crypto.randomUUID(), crypto.randomUUID()] as const;
	for (const [i, volunteerId] of [m1, m2].entries()) {
		await must(side, 'signup.request', {
			id: signups[i]!,
			shiftId: openShift.id,
			volunteerId,
			at: at(2)
		});
	}
	const onPast = { id: crypto.randomUUID(), shiftId: pastShift.id, volunteerId: m1, at: at(2) };
	await must(side, 'signup.request', onPast);
	return {
		station: home,
		member: m1,
		member2: m2,
		spare,
		draft: draft.id,
		draftShift: draftShift.id,
		open: open.id,
		openShift: openShift.id,
		signup: signups[0],
		signup2: signups[1],
		pastShift: pastShift.id
	};
}

/** The world every test starts from, and a way to copy its database. */
let built: { world: World; copy: () => Promise<Db> };

/**
 * The world is built once through the push, and every test gets its own copy of its database:
 * building it again for each of the hundreds of tests took minutes on PostgreSQL.
 */
beforeAll(async () => {
	const db = await testServer();
	const side = serverSide(db);
	const world = {} as World;
	for (const key of ['A1', 'A2', 'B1', 'B2'] as const) world[key] = await buildPlace(side, key);
	built = { world, copy: await copiesOf(db) };
});

/** A database of its own holding the world, for one test to change. */
async function copyOfWorld(): Promise<{ db: Db; world: World }> {
	return { db: await built.copy(), world: structuredClone(built.world) };
}

const roles = ['city_admin', 'district_admin', 'station_worker', 'volunteer'] as const;
type RoleName = (typeof roles)[number];
type Scope = 'own' | 'other';
/**
 * Who acts: a role, or (for call-outs) a worker of a station a call-out reaches that another
 * station leads: A1's worker, with A2 leading and reaching A1 too.
 */
type Who = RoleName | 'reached_worker';

function actorOf(role: Who, world: World): Actor {
	const accountId = `account-${role}`;
	switch (role) {
		case 'city_admin':
			return { accountId, role, district: null, stationId: null, volunteerId: null };
		case 'district_admin':
			return { accountId, role, district: 'dongcheng', stationId: null, volunteerId: null };
		case 'station_worker':
		case 'reached_worker':
			return {
				accountId,
				role: 'station_worker',
				district: 'dongcheng',
				stationId: world.A1.station.id,
				volunteerId: null
			};
		case 'volunteer':
			return { accountId, role, district: null, stationId: null, volunteerId: world.A1.member };
	}
}

/**
 * The station each role acts on. Staff: one in their scope and the nearest one outside it (a
 * worker's neighbour in her own district, a district admin's in the next district). For the
 * volunteer, who is a member of A1, "own" and "other" are about people: herself or someone else.
 */
const places: Record<Who, Record<Scope, PlaceKey>> = {
	city_admin: { own: 'A1', other: 'B2' },
	district_admin: { own: 'A2', other: 'B1' },
	station_worker: { own: 'A1', other: 'A2' },
	volunteer: { own: 'A1', other: 'B1' },
	// The station that leads the call-out she is reached by.
	reached_worker: { own: 'A2', other: 'A2' }
};

interface Target {
	world: World;
	place: Place;
	role: Who;
	scope: Scope;
	/** What the row's `prepare` made (a transfer's id). */
	made: string;
}

/**
 * The member a mutation on "a member" targets: for the volunteer, herself or another; for the
 * worker of a reached station, a member of her own station or one of the station that leads.
 */
const memberOf = ({ world, place, role, scope }: Omit<Target, 'made'>) => {
	if (role === 'volunteer') return scope === 'own' ? world.A1.member : world.A1.member2;
	if (role === 'reached_worker') return scope === 'own' ? world.A1.member2 : world.A2.member2;
	return place.member2;
};

type Expect = 'applied' | 'forbidden';
type Expected = Record<RoleName, Record<Scope, Expect>>;

const A = 'applied';
const F = 'forbidden';
/** The usual answer: staff within their scope, nobody outside it, and no volunteer. */
const staffInScope: Expected = {
	city_admin: { own: A, other: A },
	district_admin: { own: A, other: F },
	station_worker: { own: A, other: F },
	volunteer: { own: F, other: F }
};
/** Staff within their scope, and a volunteer for herself. */
const staffOrSelf: Expected = { ...staffInScope, volunteer: { own: A, other: F } };
/**
 * One-to-one pairings: the station's own workers, never an admin, not even the city's (and a
 * volunteer only where her row says so).
 */
const stationOnly: Expected = {
	city_admin: { own: 'forbidden', other: 'forbidden' },
	district_admin: { own: 'forbidden', other: 'forbidden' },
	station_worker: { own: 'applied', other: 'forbidden' },
	volunteer: { own: 'forbidden', other: 'forbidden' }
};
/** City and district admins within their scope only. */
const adminsInScope: Expected = {
	...staffInScope,
	station_worker: { own: F, other: F }
};

interface Row<N extends MutationName> {
	args: (target: Target) => ArgsOf<N>;
	expected: Expected;
	/** A call-out's: for the worker of a station it reaches, for her member and for another's. */
	reached?: Record<Scope, Expect>;
	/** Run by the system before the push: what the mutation needs to find (a request to decide). */
	prepare?: (side: Side, target: Omit<Target, 'made'>) => Promise<string>;
	/** The mutation deletes its record (an erasure): check the tombstone instead. */
	deletes?: boolean;
}

/** Another station than this place's, to move a member to: the next district's first. */
const elsewhere = (world: World, place: Place) =>
	place === world.B2 ? world.B1.station : world.B2.station;

/** A member of another station than this one asks to move here. */
async function transferHere(side: Side, { world, place }: Omit<Target, 'made'>) {
	const from = place === world.B1 ? world.A1 : world.B1;
	const id = crypto.randomUUID();
	await must(side, 'transfer.request', {
		id,
		volunteerId: from.member2,
		toStationId: place.station.id,
		requestedBy: 'station',
		note: '',
		at: at(4)
	});
	return id;
}

/** The member a mutation on "a member" targets asks to move elsewhere. */
async function transferAway(side: Side, target: Omit<Target, 'made'>) {
	const id = crypto.randomUUID();
	const volunteerId = memberOf(target);
	await must(side, 'transfer.request', {
		id,
		volunteerId,
		toStationId: elsewhere(target.world, target.place).id,
		requestedBy: 'station',
		note: '',
		at: at(4)
	});
	return id;
}

/**
 * The call-out a row acts on, made by the system: led by the target's station (A1 for the
 * volunteer, who is A1's), and for the worker of a reached station led by A2 and reaching A1 too.
 * With `ask`, the target member is asked.
 */
async function calloutHere(side: Side, t: Omit<Target, 'made'>, ask: boolean): Promise<string> {
	const lead = t.role === 'volunteer' ? t.world.A1.station : t.place.station;
	const reachStationIds = t.role === 'reached_worker' ? [t.world.A1.station.id] : [];
	const callout = newCallout(lead.id, { reachStationIds });
	await must(side, 'callout.create', callout);
	if (ask) {
		await must(side, 'callout.ask', {
			calloutId: callout.id,
			asks: [
				{ responseId: crypto.randomUUID(), volunteerId: memberOf(t), role: 'duty', reasons: [] }
			],
			at: at(4)
		});
	}
	return callout.id;
}
const madeCallout = (side: Side, t: Omit<Target, 'made'>) => calloutHere(side, t, false);

/** A person helped at the target member's station, recorded by the system. */
async function helpedHere(side: Side, t: Omit<Target, 'made'>): Promise<string> {
	const id = crypto.randomUUID();
	await must(side, 'helped.register', {
		id,
		stationId: (t.role === 'volunteer' ? t.world.A1 : t.place).station.id,
		alias: '张奶奶',
		community: '西总布',
		minor: false,
		guardianName: '',
		guardianPhone: '',
		note: '',
		consent: true,
		at: at(4)
	});
	return id;
}

/** The target member paired one to one with a person helped at her station. */
async function carePairingHere(side: Side, t: Omit<Target, 'made'>): Promise<string> {
	const helpedId = await helpedHere(side, t);
	const id = crypto.randomUUID();
	await must(side, 'care.pair', {
		id,
		helpedId,
		volunteerId: memberOf(t),
		kind: 'elderly_companion',
		startOn: '2020-01-01',
		at: at(4)
	});
	return id;
}

/** A visit of such a pairing, logged by the system. */
async function visitHere(side: Side, t: Omit<Target, 'made'>): Promise<string> {
	const carePairingId = await carePairingHere(side, t);
	const id = crypto.randomUUID();
	await must(side, 'care.logVisit', {
		id,
		carePairingId,
		on: '2020-02-01',
		minutes: 95,
		note: '陪老人聊天、读报',
		at: at(4)
	});
	return id;
}

/** A team of the target's station, made by the system, led by one of its members. */
async function teamHere(side: Side, { place }: Omit<Target, 'made'>): Promise<string> {
	const id = crypto.randomUUID();
	await must(side, 'team.create', {
		id,
		stationId: place.station.id,
		name: '巾帼志愿服务队',
		leaderId: place.member,
		memberIds: [place.member2],
		focus: ['elderly_care'],
		at: at(4)
	});
	return id;
}

/** A social organization of the target station's district, made by the system. */
async function organizationHere(side: Side, { place }: Omit<Target, 'made'>): Promise<string> {
	const id = crypto.randomUUID();
	await must(side, 'organization.create', {
		id,
		district: place.station.district,
		name: '暖心社会工作服务中心',
		type: 'social_organization',
		contactName: '',
		contactPhone: '',
		offers: '',
		at: at(4)
	});
	return id;
}

/** An organization of its district paired with the target's station, made by the system. */
async function pairingHere(side: Side, target: Omit<Target, 'made'>): Promise<string> {
	const organizationId = await organizationHere(side, target);
	const id = crypto.randomUUID();
	await must(side, 'pairing.create', {
		id,
		organizationId,
		stationId: target.place.station.id,
		teamId: null,
		focus: [],
		startOn: '2026-01-01',
		endOn: null,
		at: at(4)
	});
	return id;
}
const askedMember = (side: Side, t: Omit<Target, 'made'>) => calloutHere(side, t, true);

const table: { [N in MutationName]: Row<N> } = {
	'volunteer.register': {
		args: ({ place }) =>
			registration({
				phone: phoneNo(900),
				district: place.station.district,
				community: place.station.community,
				homeStationId: place.station.id
			}),
		expected: staffInScope
	},
	'volunteer.update': {
		args: (t) => ({ id: memberOf(t), changes: { availability: '晚上' }, at: at(5) }),
		expected: staffOrSelf
	},
	'volunteer.setStatus': {
		args: (t) => ({ id: memberOf(t), status: 'inactive', at: at(5) }),
		expected: staffInScope
	},
	'project.create': {
		args: ({ place }) => newProject(place.station.id, { at: at(5) }),
		expected: staffInScope
	},
	'project.update': {
		args: ({ place }) => ({ id: place.draft, changes: { title: '楼门安全巡查' }, at: at(5) }),
		expected: staffInScope
	},
	'project.publish': {
		args: ({ place }) => ({ id: place.draft, at: at(5) }),
		expected: staffInScope
	},
	'project.close': {
		args: ({ place }) => ({ id: place.open, at: at(5) }),
		expected: staffInScope
	},
	'shift.add': {
		args: ({ place }) => newShift(place.draft, { at: at(5) }),
		expected: staffInScope
	},
	'shift.update': {
		args: ({ place }) => ({ id: place.draftShift, changes: { capacity: 6 }, at: at(5) }),
		expected: staffInScope
	},
	'signup.request': {
		// A volunteer may sign herself up anywhere (here in the other district), nobody else.
		args: ({ world, place, role, scope }) =>
			role === 'volunteer'
				? scope === 'own'
					? {
							id: crypto.randomUUID(),
							shiftId: world.B1.openShift,
							volunteerId: world.A1.member,
							at: at(5)
						}
					: {
							id: crypto.randomUUID(),
							shiftId: world.A1.openShift,
							volunteerId: world.A1.spare,
							at: at(5)
						}
				: {
						id: crypto.randomUUID(),
						shiftId: place.openShift,
						volunteerId: place.spare,
						at: at(5)
					},
		expected: staffOrSelf
	},
	'signup.cancel': {
		args: ({ world, place, role, scope }) => ({
			id:
				role === 'volunteer'
					? scope === 'own'
						? world.A1.signup
						: world.A1.signup2
					: place.signup2,
			at: at(5)
		}),
		expected: staffOrSelf
	},
	'attendance.checkIn': {
		args: ({ place }) => ({
			id: crypto.randomUUID(),
			shiftId: place.openShift,
			volunteerId: place.member,
			overCapacity: false,
			at: DURING
		}),
		expected: staffInScope
	},
	'attendance.checkOut': {
		args: ({ place }) => ({
			id: crypto.randomUUID(),
			shiftId: place.openShift,
			volunteerId: place.member2,
			at: DURING
		}),
		expected: staffInScope
	},
	'attendance.walkIn': {
		args: ({ place }) => ({
			id: crypto.randomUUID(),
			signupId: crypto.randomUUID(),
			shiftId: place.openShift,
			volunteerId: place.spare,
			overCapacity: false,
			at: DURING
		}),
		expected: staffInScope
	},
	'attendance.correct': {
		args: ({ place }) => ({
			id: crypto.randomUUID(),
			shiftId: place.openShift,
			volunteerId: place.member,
			reason: '忘记签到，按签到表更正',
			afterVerification: false,
			checkInAt: at(24 * 60),
			checkOutAt: at(24 * 60 + 50),
			at: DURING
		}),
		expected: staffInScope
	},
	'attendance.backfill': {
		args: ({ place }) => ({
			id: crypto.randomUUID(),
			signupId: crypto.randomUUID(),
			shiftId: place.pastShift,
			volunteerId: place.spare,
			reason: '纸质签到表补录',
			afterVerification: false,
			checkInAt: at(35),
			checkOutAt: at(85),
			at: DURING
		}),
		expected: staffInScope
	},
	'attendance.verify': {
		args: ({ place }) => ({ shiftId: place.openShift, at: DURING }),
		expected: staffInScope
	},
	'district.setHoursRule': {
		args: ({ place }) => ({
			district: place.station.district,
			unitMinutes: 30,
			mode: 'down',
			at: DURING
		}),
		expected: {
			city_admin: { own: A, other: A },
			district_admin: { own: A, other: F },
			station_worker: { own: F, other: F },
			volunteer: { own: F, other: F }
		}
	},
	'station.create': {
		args: ({ place }) => ({
			id: crypto.randomUUID(),
			name: '新站',
			district: place.station.district,
			community: place.station.community,
			address: '北京市某社区2号',
			level: 'community',
			contactName: '',
			contactPhone: '',
			openingHours: '',
			services: [],
			at: at(5)
		}),
		expected: adminsInScope
	},
	'station.update': {
		// Everyday details: her own station's workers keep them up to date.
		args: ({ place }) => ({
			id: place.station.id,
			changes: { openingHours: '周一至周六 9:00–17:00', contactName: '刘老师' },
			at: at(5)
		}),
		expected: staffInScope
	},
	'station.setStatus': {
		args: ({ place }) => ({ id: place.station.id, status: 'suspended', at: at(5) }),
		expected: adminsInScope
	},
	'volunteer.consent': {
		args: (t) => ({ id: memberOf(t), consentVersion: PRIVACY_NOTICE_VERSION, at: at(5) }),
		expected: staffOrSelf
	},
	'volunteer.withdrawConsent': {
		args: (t) => ({ id: memberOf(t), at: at(5) }),
		expected: staffOrSelf
	},
	'volunteer.requestErasure': {
		args: (t) => ({ id: memberOf(t), at: at(5) }),
		expected: staffOrSelf
	},
	'volunteer.erase': {
		prepare: async (side, t) => {
			await must(side, 'volunteer.requestErasure', { id: memberOf(t), at: at(4) });
			return '';
		},
		args: (t) => ({ id: memberOf(t), at: at(5) }),
		expected: staffInScope,
		deletes: true
	},
	'transfer.request': {
		args: (t) =>
			t.role === 'volunteer'
				? {
						id: crypto.randomUUID(),
						volunteerId: memberOf(t),
						toStationId: t.world.A2.station.id,
						requestedBy: 'member',
						note: '',
						at: at(5)
					}
				: {
						id: crypto.randomUUID(),
						volunteerId: t.place.member2,
						toStationId: elsewhere(t.world, t.place).id,
						requestedBy: 'station',
						note: '',
						at: at(5)
					},
		expected: staffOrSelf
	},
	'transfer.accept': {
		prepare: transferHere,
		args: ({ made }) => ({ id: made, at: at(5) }),
		expected: staffInScope
	},
	'transfer.decline': {
		prepare: transferHere,
		args: ({ made }) => ({ id: made, at: at(5) }),
		expected: staffInScope
	},
	'transfer.cancel': {
		prepare: transferAway,
		args: ({ made }) => ({ id: made, at: at(5) }),
		expected: staffOrSelf
	},
	'volunteer.setReadiness': {
		args: (t) => ({
			id: memberOf(t),
			emergencyResponder: true,
			readiness: {
				weekly: ['sat_morning', 'sat_afternoon'],
				standby: [{ from: at(24 * 60), to: at(48 * 60) }],
				roles: ['patrol', 'first_aid'],
				firstAidExpiresOn: '2027-06-30'
			},
			at: at(5)
		}),
		expected: staffOrSelf
	},
	'callout.create': {
		// Admins reach a whole district; a worker her own station only. The worker of a station a
		// call-out would reach may neither lead one that reaches another station nor make one
		// another station leads.
		args: ({ world, place, role, scope }) =>
			role === 'reached_worker'
				? scope === 'own'
					? newCallout(world.A1.station.id, { reachStationIds: [world.A2.station.id] })
					: newCallout(world.A2.station.id, { reachStationIds: [world.A1.station.id] })
				: newCallout(place.station.id, {
						reach: role === 'city_admin' || role === 'district_admin' ? 'district' : 'stations'
					}),
		expected: staffInScope,
		reached: { own: F, other: F }
	},
	'callout.ask': {
		prepare: madeCallout,
		args: (t) => ({
			calloutId: t.made,
			asks: [
				{
					responseId: crypto.randomUUID(),
					volunteerId: memberOf(t),
					role: 'duty',
					reasons: ['available', 'ready']
				}
			],
			at: at(5)
		}),
		expected: staffInScope,
		reached: { own: A, other: F }
	},
	'callout.respond': {
		prepare: askedMember,
		args: (t) => ({
			calloutId: t.made,
			volunteerId: memberOf(t),
			answer: 'accepted',
			answeredBy: t.role === 'volunteer' ? 'member' : 'staff',
			at: at(5)
		}),
		expected: staffOrSelf,
		reached: { own: A, other: F }
	},
	'callout.revealPhone': {
		prepare: askedMember,
		args: (t) => ({ calloutId: t.made, volunteerId: memberOf(t), at: at(5) }),
		expected: staffInScope,
		reached: { own: A, other: F }
	},
	'callout.close': {
		prepare: madeCallout,
		args: ({ made }) => ({ id: made, outcome: 'stood_down', note: '雨停，解除备勤', at: at(5) }),
		expected: staffInScope,
		reached: { own: F, other: F }
	},
	// A station keeps its own teams.
	'team.create': {
		args: ({ place }) => ({
			id: crypto.randomUUID(),
			stationId: place.station.id,
			name: '巾帼志愿服务队',
			leaderId: place.member,
			memberIds: [place.member2],
			focus: [],
			at: at(5)
		}),
		expected: staffInScope
	},
	'team.update': {
		prepare: teamHere,
		args: ({ made, place }) => ({ id: made, changes: { memberIds: [place.spare] }, at: at(5) }),
		expected: staffInScope
	},
	// A district's registry and pairings are its admin's.
	'organization.create': {
		args: ({ place }) => ({
			id: crypto.randomUUID(),
			district: place.station.district,
			name: '东城区暖心社会工作服务中心',
			type: 'social_organization',
			contactName: '林老师',
			contactPhone: '010-65001234',
			offers: '心理疏导',
			at: at(5)
		}),
		expected: adminsInScope
	},
	'organization.update': {
		prepare: organizationHere,
		args: ({ made }) => ({ id: made, changes: { offers: '法律咨询' }, at: at(5) }),
		expected: adminsInScope
	},
	'pairing.create': {
		prepare: organizationHere,
		args: ({ made, place }) => ({
			id: crypto.randomUUID(),
			organizationId: made,
			stationId: place.station.id,
			teamId: null,
			focus: ['elderly_care'],
			startOn: '2026-03-01',
			endOn: null,
			at: at(5)
		}),
		expected: adminsInScope
	},
	'pairing.end': {
		prepare: pairingHere,
		args: ({ made }) => ({ id: made, endOn: '2026-11-01', reason: '项目期满', at: at(5) }),
		expected: adminsInScope
	},
	// One-to-one pairings are the station's own.
	'helped.register': {
		args: ({ place }) => ({
			id: crypto.randomUUID(),
			stationId: place.station.id,
			alias: '小雨',
			community: '西总布',
			minor: true,
			guardianName: '雨妈妈',
			guardianPhone: '13900001111',
			note: '',
			consent: true,
			at: at(5)
		}),
		expected: stationOnly
	},
	'helped.update': {
		prepare: helpedHere,
		args: ({ made }) => ({ id: made, changes: { note: '行动不便，先打电话' }, at: at(5) }),
		expected: stationOnly
	},
	'helped.erase': {
		prepare: helpedHere,
		args: ({ made }) => ({ id: made, at: at(5) }),
		expected: stationOnly,
		deletes: true
	},
	'care.pair': {
		prepare: helpedHere,
		args: ({ made, ...t }) => ({
			id: crypto.randomUUID(),
			helpedId: made,
			volunteerId: memberOf(t),
			kind: 'elderly_companion',
			startOn: '2020-01-01',
			at: at(5)
		}),
		expected: stationOnly
	},
	'care.end': {
		prepare: carePairingHere,
		args: ({ made }) => ({ id: made, endOn: '2020-06-01', reason: '老人搬去女儿家', at: at(5) }),
		expected: stationOnly
	},
	// She logs her own visits on her phone.
	'care.logVisit': {
		prepare: carePairingHere,
		args: ({ made }) => ({
			id: crypto.randomUUID(),
			carePairingId: made,
			on: '2020-03-01',
			minutes: 60,
			note: '',
			at: at(5)
		}),
		expected: { ...stationOnly, volunteer: { own: 'applied', other: 'forbidden' } }
	},
	'care.verifyVisit': {
		prepare: visitHere,
		args: ({ made }) => ({ id: made, at: at(5) }),
		expected: stationOnly
	},
	// The paired station's staff log what they did together.
	'pairing.logActivity': {
		prepare: pairingHere,
		args: ({ made }) => ({
			id: crypto.randomUUID(),
			pairingId: made,
			on: '2026-06-01',
			what: '为独居老人上门理发',
			who: '王老师等三人',
			photos: [],
			at: at(5)
		}),
		expected: staffInScope
	}
};

/** Each mutation's own record lives in the table its name starts with, by its `id`. */
const recordTable: Record<string, TableName> = {
	volunteer: 'volunteers',
	project: 'projects',
	shift: 'shifts',
	signup: 'signups',
	station: 'stations',
	attendance: 'attendance',
	transfer: 'transfers',
	callout: 'callouts',
	team: 'teams',
	organization: 'organizations',
	pairing: 'pairings',
	helped: 'helpedPeople',
	care: 'carePairings'
};

/** The record a mutation writes as its own, as stored. */
async function ownRecord(
	db: Db,
	name: MutationName,
	args: Record<string, unknown>
): Promise<{ data: string; deleted: number }> {
	const read = (table: TableName, id: string) =>
		db.selectFrom(table).select(['data', 'deleted']).where('id', '=', id).executeTakeFirstOrThrow();
	switch (name) {
		case 'attendance.verify':
			return read('shifts', String(args.shiftId));
		case 'district.setHoursRule':
			return read('hoursRules', hoursRuleId(args.district as DistrictCode));
		case 'pairing.logActivity':
			return read('pairingActivities', String(args.id));
		case 'care.logVisit':
		case 'care.verifyVisit':
			return read('careVisits', String(args.id));
		case 'callout.ask':
			return read('calloutResponses', (args.asks as { responseId: string }[])[0]!.responseId);
		case 'callout.respond':
		case 'callout.revealPhone':
			// The member's one response to the call-out, whatever its id.
			return db
				.selectFrom('calloutResponses')
				.select(['data', 'deleted'])
				.where('callout_id', '=', String(args.calloutId))
				.where('volunteer_id', '=', String(args.volunteerId))
				.executeTakeFirstOrThrow();
		default:
			return read(recordTable[name.split('.')[0]!]!, String(args.id));
	}
}

/** Everything the server holds, to compare before and after a refusal. */
async function snapshot(db: Db) {
	const all: Record<string, unknown[]> = {};
	for (const name of tableNames) {
		all[name] = await db.selectFrom(name).selectAll().orderBy('id').execute();
	}
	return { head: await db.transaction().execute(headVersion), all };
}

/** The server's clock as the tests push: an hour into every place's open shift. */
const NOW = at(25 * 60);
/** When an event of the day happens: ten minutes before the server hears of it. */
const DURING = at(25 * 60 - 10);

async function pushOne(db: Db, actor: Actor, name: MutationName, args: unknown) {
	const clientId = crypto.randomUUID();
	const request = {
		clientId,
		schemaVersion: SCHEMA_VERSION,
		mutations: [{ id: 1, name, args }]
	};
	const answer = await push(db, request, actor, () => NOW);
	return { clientId, request, answer };
}

const scopes = ['own', 'other'] as const;
const cases = (Object.keys(table) as MutationName[]).flatMap((name) => {
	const { expected, reached } = table[name] as Row<MutationName>;
	return [
		...roles.flatMap((role) =>
			scopes.map((scope) => ({ name, role: role as Who, scope, expect: expected[role][scope] }))
		),
		...(reached
			? scopes.map((scope) => ({
					name,
					role: 'reached_worker' as Who,
					scope,
					expect: reached[scope]
				}))
			: [])
	];
});

describe('authorization of every mutation, through the real push', () => {
	it('has rows for every mutation', () => {
		expect(Object.keys(table).sort()).toEqual(Object.keys(mutations).sort());
		for (const name of Object.keys(mutations) as MutationName[]) {
			// A call-out's rows also try the worker of a station it reaches.
			const extra = name.startsWith('callout.') ? 2 : 0;
			expect(cases.filter((c) => c.name === name)).toHaveLength(roles.length * 2 + extra);
		}
	});

	it.each(cases)(
		'$name by a $role in $scope scope: $expect',
		async ({ name, role, scope, expect: wanted }) => {
			const { db, world } = await copyOfWorld();
			const actor = actorOf(role, world);
			const row = table[name] as Row<MutationName>;
			const target = { world, place: world[places[role][scope]], role, scope };
			const made = (await row.prepare?.(serverSide(db), target)) ?? '';
			const args = row.args({ ...target, made });
			const before = await snapshot(db);
			const { clientId, request, answer } = await pushOne(db, actor, name, args);
			expect(answer.lastMutationId).toBe(1);
			const [result] = answer.results;

			if (wanted === 'forbidden') {
				expect(result).toEqual({
					id: 1,
					status: 'refused',
					code: 'forbidden',
					path: [],
					detail: {}
				});
				expect(await snapshot(db)).toEqual(before);
				const stored = await db
					.selectFrom('mutation_results')
					.selectAll()
					.where('client_id', '=', clientId)
					.execute();
				expect(stored).toMatchObject([
					{ mutation_id: 1, name, status: 'refused', code: 'forbidden' }
				]);
				// The refusal comes back on a replay and with a pull, never lost.
				expect((await push(db, request, actor)).results).toEqual([result]);
				const pulled = await pull(
					db,
					{ clientId, schemaVersion: SCHEMA_VERSION, cursor: before.head, resultsAfter: 0 },
					actor
				);
				expect(pulled.results).toEqual([result]);
				return;
			}

			expect(result).toEqual<MutationResult>({ id: 1, status: 'applied' });
			expect((await snapshot(db)).head).toBeGreaterThan(before.head);
			// Every write records the account that made it (an erasure leaves a bare tombstone).
			const written = await ownRecord(db, name, args as Record<string, unknown>);
			if (row.deletes) expect(written).toEqual({ data: '{}', deleted: 1 });
			else expect(JSON.parse(written.data)).toMatchObject({ updatedBy: actor.accountId });
		}
	);
});

describe('authorization edge cases', () => {
	it('lets the mutation answer not_found when the record a rule needs is missing', async () => {
		const { db, world } = await copyOfWorld();
		const worker = actorOf('station_worker', world);
		const { answer } = await pushOne(db, worker, 'project.publish', {
			id: crypto.randomUUID(),
			at: at(5)
		});
		expect(answer.results[0]).toMatchObject({ status: 'refused', code: 'not_found' });
	});

	it('refuses a district admin registering a member of her district at another district’s station', async () => {
		const { db, world } = await copyOfWorld();
		const admin = actorOf('district_admin', world);
		const args = registration({
			phone: phoneNo(901),
			district: 'dongcheng',
			homeStationId: world.B1.station.id
		});
		const { answer } = await pushOne(db, admin, 'volunteer.register', args);
		expect(answer.results[0]).toMatchObject({ status: 'refused', code: 'forbidden' });
		const mine = registration({ phone: phoneNo(902), district: 'dongcheng', homeStationId: null });
		expect((await pushOne(db, admin, 'volunteer.register', mine)).answer.results[0]).toEqual({
			id: 1,
			status: 'applied'
		});
	});

	it('refuses a volunteer registering anyone, herself included', async () => {
		const { db, world } = await copyOfWorld();
		const volunteer = actorOf('volunteer', world);
		const args = registration({ phone: phoneNo(903), homeStationId: null });
		const { answer } = await pushOne(db, volunteer, 'volunteer.register', args);
		expect(answer.results[0]).toMatchObject({ code: 'forbidden' });
	});

	it('lets a volunteer edit her own details but not the phone she signs in with', async () => {
		const { db, world } = await copyOfWorld();
		const volunteer = actorOf('volunteer', world);
		const phone = { id: world.A1.member, changes: { phone: phoneNo(904) }, at: at(5) };
		expect(
			(await pushOne(db, volunteer, 'volunteer.update', phone)).answer.results[0]
		).toMatchObject({ code: 'forbidden' });
		const worker = actorOf('station_worker', world);
		expect((await pushOne(db, worker, 'volunteer.update', phone)).answer.results[0]).toEqual({
			id: 1,
			status: 'applied'
		});
	});

	it('refuses a worker with no station, and a district admin with no district, everything', async () => {
		const { db, world } = await copyOfWorld();
		const strays: Actor[] = [
			{
				accountId: 'w',
				role: 'station_worker',
				district: null,
				stationId: null,
				volunteerId: null
			},
			{ accountId: 'd', role: 'district_admin', district: null, stationId: null, volunteerId: null }
		];
		for (const actor of strays) {
			const { answer } = await pushOne(
				db,
				actor,
				'project.create',
				newProject(world.A1.station.id)
			);
			expect(answer.results[0]).toMatchObject({ code: 'forbidden' });
		}
	});

	it('judges a later mutation in the same push on what the earlier ones wrote', async () => {
		const { db, world } = await copyOfWorld();
		const worker = actorOf('station_worker', world);
		const project = newProject(world.A1.station.id);
		const shift = newShift(project.id);
		const answer = await push(
			db,
			{
				clientId: crypto.randomUUID(),
				schemaVersion: SCHEMA_VERSION,
				mutations: [
					{ id: 1, name: 'project.create', args: project },
					{ id: 2, name: 'shift.add', args: shift },
					{ id: 3, name: 'shift.add', args: newShift(world.A2.draft) }
				]
			},
			worker
		);
		expect(answer.results.map((r) => r.code ?? r.status)).toEqual([
			'applied',
			'applied',
			'forbidden'
		]);
	});

	it('lets a station worker keep her station’s details, never its name, level or status', async () => {
		const { db, world } = await copyOfWorld();
		const worker = actorOf('station_worker', world);
		const rename = { id: world.A1.station.id, changes: { name: '新名字服务站' }, at: at(5) };
		expect((await pushOne(db, worker, 'station.update', rename)).answer.results[0]).toMatchObject({
			code: 'forbidden'
		});
		const mixed = {
			id: world.A1.station.id,
			changes: { openingHours: '全天', level: 'national' as const },
			at: at(5)
		};
		expect((await pushOne(db, worker, 'station.update', mixed)).answer.results[0]).toMatchObject({
			code: 'forbidden'
		});
		const district = actorOf('district_admin', world);
		expect((await pushOne(db, district, 'station.update', rename)).answer.results[0]).toEqual({
			id: 1,
			status: 'applied'
		});
	});

	it('lets only the station a member moves to decide, not the one she leaves', async () => {
		const { db, world } = await copyOfWorld();
		const side = serverSide(db);
		const id = crypto.randomUUID();
		await must(side, 'transfer.request', {
			id,
			volunteerId: world.A1.member2,
			toStationId: world.B2.station.id,
			requestedBy: 'station',
			note: '',
			at: at(4)
		});
		const worker = actorOf('station_worker', world);
		for (const name of ['transfer.accept', 'transfer.decline'] as const) {
			expect((await pushOne(db, worker, name, { id, at: at(5) })).answer.results[0]).toMatchObject({
				code: 'forbidden'
			});
		}
		// She may withdraw her station's request, though.
		expect(
			(await pushOne(db, worker, 'transfer.cancel', { id, at: at(5) })).answer.results[0]
		).toEqual({ id: 1, status: 'applied' });
	});

	it('refuses a request that says it is the member’s when staff make it, and the other way round', async () => {
		const { db, world } = await copyOfWorld();
		const request = (requestedBy: 'member' | 'station', volunteerId: string) => ({
			id: crypto.randomUUID(),
			volunteerId,
			toStationId: world.A2.station.id,
			requestedBy,
			note: '',
			at: at(5)
		});
		const worker = actorOf('station_worker', world);
		const volunteer = actorOf('volunteer', world);
		for (const [actor, args] of [
			[worker, request('member', world.A1.member2)],
			[volunteer, request('station', world.A1.member)]
		] as const) {
			expect((await pushOne(db, actor, 'transfer.request', args)).answer.results[0]).toMatchObject({
				code: 'forbidden'
			});
		}
	});

	it('never lets a volunteer carry out an erasure, even her own', async () => {
		const { db, world } = await copyOfWorld();
		const volunteer = actorOf('volunteer', world);
		const mine = world.A1.member;
		await must(serverSide(db), 'volunteer.requestErasure', { id: mine, at: at(4) });
		expect(
			(await pushOne(db, volunteer, 'volunteer.erase', { id: mine, at: at(5) })).answer.results[0]
		).toMatchObject({ code: 'forbidden' });
	});
});

describe('authorization of call-outs', () => {
	const askOne = (calloutId: string, volunteerId: string) => ({
		calloutId,
		asks: [{ responseId: crypto.randomUUID(), volunteerId, role: 'duty' as const, reasons: [] }],
		at: at(5)
	});

	it('lets the workers of every station of a district call-out’s district call their own members, and nobody else', async () => {
		const { db, world } = await copyOfWorld();
		const callout = newCallout(world.A2.station.id, { reach: 'district' });
		await must(serverSide(db), 'callout.create', callout);
		const a1 = actorOf('station_worker', world);
		expect(
			(await pushOne(db, a1, 'callout.ask', askOne(callout.id, world.A1.spare))).answer
		).toMatchObject({ results: [{ status: 'applied' }] });
		// A2 leads it: its members are its own workers' and the admins' to call.
		expect(
			(await pushOne(db, a1, 'callout.ask', askOne(callout.id, world.A2.spare))).answer.results[0]
		).toMatchObject({ code: 'forbidden' });
		// A Chaoyang worker is not reached by a Dongcheng call-out.
		const b1: Actor = {
			...a1,
			accountId: 'b1',
			district: 'chaoyang',
			stationId: world.B1.station.id
		};
		expect(
			(await pushOne(db, b1, 'callout.ask', askOne(callout.id, world.A1.member))).answer.results[0]
		).toMatchObject({ code: 'forbidden' });
	});

	it('refuses a whole ask when one of the members it names is another station’s', async () => {
		const { db, world } = await copyOfWorld();
		const callout = newCallout(world.A2.station.id, { reachStationIds: [world.A1.station.id] });
		await must(serverSide(db), 'callout.create', callout);
		const worker = actorOf('reached_worker', world);
		const args = askOne(callout.id, world.A1.spare);
		args.asks.push({
			responseId: crypto.randomUUID(),
			volunteerId: world.A2.spare,
			role: 'duty',
			reasons: []
		});
		const before = await snapshot(db);
		expect((await pushOne(db, worker, 'callout.ask', args)).answer.results[0]).toMatchObject({
			code: 'forbidden'
		});
		expect((await snapshot(db)).all.calloutResponses).toEqual(before.all.calloutResponses);
	});

	it('lets a member answer only as herself, and staff only as staff', async () => {
		const { db, world } = await copyOfWorld();
		const callout = newCallout(world.A1.station.id);
		await must(serverSide(db), 'callout.create', callout);
		await must(serverSide(db), 'callout.ask', askOne(callout.id, world.A1.member));
		const answer = (answeredBy: 'member' | 'staff') => ({
			calloutId: callout.id,
			volunteerId: world.A1.member,
			answer: 'accepted' as const,
			answeredBy,
			at: at(6)
		});
		const volunteer = actorOf('volunteer', world);
		const worker = actorOf('station_worker', world);
		for (const [actor, args] of [
			[volunteer, answer('staff')],
			[worker, answer('member')]
		] as const) {
			expect((await pushOne(db, actor, 'callout.respond', args)).answer.results[0]).toMatchObject({
				code: 'forbidden'
			});
		}
		for (const [actor, args] of [
			[volunteer, answer('member')],
			[worker, answer('staff')]
		] as const) {
			expect((await pushOne(db, actor, 'callout.respond', args)).answer.results[0]).toEqual({
				id: 1,
				status: 'applied'
			});
		}
	});

	it('never lets a station worker call out a whole district, even from her own station', async () => {
		const { db, world } = await copyOfWorld();
		const worker = actorOf('station_worker', world);
		const district = newCallout(world.A1.station.id, { reach: 'district' });
		expect((await pushOne(db, worker, 'callout.create', district)).answer.results[0]).toMatchObject(
			{ code: 'forbidden' }
		);
	});

	it('never lets a volunteer see a full phone number or close a call-out that asked her', async () => {
		const { db, world } = await copyOfWorld();
		const callout = newCallout(world.A1.station.id);
		await must(serverSide(db), 'callout.create', callout);
		await must(serverSide(db), 'callout.ask', askOne(callout.id, world.A1.member));
		const volunteer = actorOf('volunteer', world);
		const reveal = { calloutId: callout.id, volunteerId: world.A1.member, at: at(6) };
		expect(
			(await pushOne(db, volunteer, 'callout.revealPhone', reveal)).answer.results[0]
		).toMatchObject({ code: 'forbidden' });
		const close = { id: callout.id, outcome: 'closed' as const, note: '', at: at(6) };
		expect((await pushOne(db, volunteer, 'callout.close', close)).answer.results[0]).toMatchObject({
			code: 'forbidden'
		});
	});
});
