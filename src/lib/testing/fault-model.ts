/**
 * Model-based fault test of sync. Several devices (each its own IndexedDB and the real client sync
 * code) make random changes with the real mutations and sync through a network that drops,
 * duplicates, delays, reorders and loses answers, while the server (the real handlers on a SQLite
 * file, or on a PostgreSQL database in the `postgres` vitest project) is killed and restarted.
 * Then the network heals, everyone syncs, and:
 *
 * - every device's tables equal the server's, and no device has anything left to send;
 * - the server applied every mutation exactly once, in one order: replaying that order on a fresh
 *   server gives the very same records, versions and refusals;
 * - every refusal reached the device that made the mutation;
 * - no shift has more confirmed sign-ups than places, its counts match its sign-ups, and nobody
 *   waits while a place is free;
 * - waitlists and promotions follow the order in which requests reached the server;
 * - on the event day (a shift under way, where devices check people in and out, add walk-ins and
 *   correct times, offline and in any order): each person has one attendance, and her times and
 *   hours are what the rules derive from every event the server holds;
 * - in an emergency call-out that asked one member, whose answers her own phone (as her) and two
 *   station tablets (as their workers: the lead station's, and her own station's, which the
 *   call-out reaches) record offline, at clashing instants and in any order: she has exactly one
 *   response, its answer is the one `answerStands` picks from every answer the server applied
 *   (whatever their order), the headcount is exact, and each phone's number reveal is kept once.
 *   Those three devices hold what their accounts may see, and must agree with what the server
 *   sends them.
 * - tablets change a team's leader and members and log a pairing's activities, offline and at
 *   once: each team lists its members once, its leader among them, never an erased member; every
 *   activity logged and applied is kept once. One-to-one visits, logged and verified on several
 *   tablets at once, are kept once each, and a verified one credits its minutes by the rule.
 *
 * The runs are split over two test files so that both cores work. FAULT_RUNS sets the total
 * (600 when CI is set; a fifth of it on PostgreSQL); FAULT_SEED and FAULT_PATH, which fast-check
 * prints with the shrunk scenario, replay a failure: run the file that failed, in the project that
 * failed (`--project unit` or `--project postgres`), with both set.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { clientId, openLocalDb, syncedTables, type LocalDb } from '$lib/client/data/db';
import { runMutation } from '$lib/client/data/mutate';
import { syncOnce, SyncHttpError } from '$lib/client/data/sync';
import { seededRandom } from '$lib/domain/demo';
import { answerStands, headcount, type AnswerSource } from '$lib/domain/emergency';
import type { ArgsOf, MutationName } from '$lib/domain/mutations';
import type { Actor } from '$lib/domain/permissions';
import {
	deriveAttendance,
	defaultRounding,
	holdsPlace,
	roundMinutes
} from '$lib/domain/attendance';
import {
	activeSignupStatuses,
	type Attendance,
	type Callout,
	type CalloutAnswer,
	type CalloutResponse,
	type CarePairing,
	type CareVisit,
	type HoursRule,
	type Shift,
	type Signup,
	type Team
} from '$lib/domain/schemas';
import { PRIVACY_NOTICE_VERSION, type EmergencyRole } from '$lib/domain/reference';
import { SCHEMA_VERSION } from '$lib/domain/sync';
import type { Fetch } from '$lib/client/data/sync';
import { FaultyNetwork, NetworkDown } from './faulty-network';
import {
	appliedLog,
	ServerTemplate,
	SIM_ACCOUNT_HEADER,
	SimServer,
	type AppliedEntry
} from './sim-server';
import { testDatabaseKind } from './test-databases';
import { systemActor } from '$lib/server/authorization';
import type { Db } from '$lib/server/database';
import { decodeRow, SqlRecordStore } from '$lib/server/record-store';
import { pull, push } from '$lib/server/sync';
import { compareText } from '$lib/domain/order';

type Action =
	| { kind: 'register'; client: number; phone: number }
	| { kind: 'update'; client: number; member: number; phone: number | null }
	| { kind: 'setStatus'; client: number; member: number; active: boolean }
	| { kind: 'newShift'; client: number; capacity: number }
	| { kind: 'signup'; client: number; shift: number; member: number }
	| { kind: 'cancel'; client: number; signup: number }
	| { kind: 'checkIn'; client: number; signup: number; override: boolean }
	| { kind: 'checkOut'; client: number; signup: number }
	| { kind: 'correct'; client: number; signup: number; from: number; minutes: number }
	| { kind: 'walkIn'; client: number; member: number; override: boolean }
	| { kind: 'consent'; client: number; member: number; withdraw: boolean }
	| { kind: 'erase'; client: number; member: number; carryOut: boolean }
	| { kind: 'transfer'; client: number; member: number; station: number }
	| { kind: 'decide'; client: number; transfer: number; accept: boolean }
	| { kind: 'stationStatus'; client: number; station: number; open: boolean }
	/** A tablet changes a team: its leader, or whether a member is in it. */
	| { kind: 'team'; client: number; team: number; member: number; leader: boolean }
	/** A tablet logs what a pairing did. */
	| { kind: 'activity'; client: number }
	/** A tablet logs a one-to-one visit, or verifies one. */
	| { kind: 'visit'; client: number; minutes: number; verify: boolean }
	/** One of the call-out's devices (her phone, the lead tablet, her station's tablet) answers. */
	| {
			kind: 'answer';
			responder: number;
			answer: Exclude<CalloutAnswer, 'asked'>;
			when: number;
			role: number;
	  }
	/** A tablet shows her full phone number. */
	| { kind: 'reveal'; responder: number; when: number }
	| { kind: 'syncResponder'; responder: number }
	| { kind: 'sync'; client: number }
	| { kind: 'deliverHeld' }
	| { kind: 'restart' };

interface Scenario {
	clients: number;
	netSeed: number;
	/** Each step's actions run at the same time. */
	steps: Action[][];
}

const client = fc.nat({ max: 3 });
const pick = fc.nat({ max: 40 });
const action: fc.Arbitrary<Action> = fc.oneof(
	{ weight: 3, arbitrary: fc.record({ kind: fc.constant('register'), client, phone: fc.nat(5) }) },
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('update'),
			client,
			member: pick,
			phone: fc.option(fc.nat(5), { nil: null })
		})
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('setStatus'),
			client,
			member: pick,
			active: fc.boolean()
		})
	},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('newShift'),
			client,
			capacity: fc.integer({ min: 1, max: 2 })
		})
	},
	{
		weight: 6,
		arbitrary: fc.record({ kind: fc.constant('signup'), client, shift: fc.nat(2), member: pick })
	},
	{ weight: 3, arbitrary: fc.record({ kind: fc.constant('cancel'), client, signup: pick }) },
	{
		weight: 3,
		arbitrary: fc.record({
			kind: fc.constant('checkIn'),
			client,
			signup: pick,
			override: fc.boolean()
		})
	},
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('checkOut'), client, signup: pick }) },
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('correct'),
			client,
			signup: pick,
			from: fc.integer({ min: -20, max: 60 }),
			minutes: fc.integer({ min: 1, max: 240 })
		})
	},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('walkIn'),
			client,
			member: pick,
			override: fc.boolean()
		})
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('consent'),
			client,
			member: pick,
			withdraw: fc.boolean()
		})
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('erase'),
			client,
			member: pick,
			carryOut: fc.boolean()
		})
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('transfer'),
			client,
			member: pick,
			station: fc.nat(2)
		})
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('decide'),
			client,
			transfer: pick,
			accept: fc.boolean()
		})
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('stationStatus'),
			client,
			station: fc.nat(2),
			open: fc.boolean()
		})
	},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('team'),
			client,
			team: fc.nat(1),
			member: pick,
			leader: fc.boolean()
		})
	},
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('activity'), client }) },
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('visit'),
			client,
			minutes: fc.integer({ min: 1, max: 300 }),
			verify: fc.boolean()
		})
	},
	{
		weight: 8,
		arbitrary: fc.record({
			kind: fc.constant('answer'),
			responder: fc.nat({ max: 2 }),
			answer: fc.constantFrom('accepted' as const, 'declined' as const, 'no_answer' as const),
			// Three instants only, so that answers on two devices clash.
			when: fc.nat({ max: 2 }),
			role: fc.nat({ max: 2 })
		})
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('reveal'),
			responder: fc.nat({ max: 1 }),
			when: fc.nat({ max: 3 })
		})
	},
	{
		weight: 4,
		arbitrary: fc.record({ kind: fc.constant('syncResponder'), responder: fc.nat({ max: 2 }) })
	},
	{ weight: 6, arbitrary: fc.record({ kind: fc.constant('sync'), client }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'deliverHeld' as const }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) }
);
const scenario: fc.Arbitrary<Scenario> = fc.record({
	clients: fc.integer({ min: 2, max: 4 }),
	netSeed: fc.integer(),
	steps: fc.array(fc.array(action, { minLength: 1, maxLength: 3 }), {
		minLength: 3,
		maxLength: 12
	})
});

const phones = ['13900000001', '13900000002', '13900000003', '13900000004', '+86 139 0000 0005'];
const phoneAt = (i: number) => phones[i % phones.length]!;

interface Queued {
	clientId: string;
	mutationId: number;
	name: MutationName;
	args: unknown;
	/** The account the device made it as; the system's when absent. */
	actor?: Actor;
}

const byId = <T extends { id: string }>(rows: T[]) => rows.sort((a, b) => compareText(a.id, b.id));

/** The event day's project and shift: under way while the runs go on (see `faultTemplate`). */
const EVENT_PROJECT = 'e0000000-0000-4000-8000-000000000001';
const EVENT_SHIFT = 'e0000000-0000-4000-8000-000000000002';

/**
 * The call-out: led by the event day's station, reaching a second station of its district, whose
 * member it asked (for duty) before any device spoke.
 */
const CALLOUT = 'e0000000-0000-4000-8000-000000000020';
const CALLOUT_PROJECT = 'e0000000-0000-4000-8000-000000000021';
const CALLOUT_SHIFT = 'e0000000-0000-4000-8000-000000000022';
const REACHED_STATION = 'e0000000-0000-4000-8000-000000000023';
const ASKED_MEMBER = 'e0000000-0000-4000-8000-000000000024';
const ASKED_RESPONSE = 'e0000000-0000-4000-8000-000000000025';
const ASKED_ROLE: EmergencyRole = 'duty';
const CALLOUT_ROLES: Callout['roles'] = [
	{ role: 'duty', headcount: 2 },
	{ role: 'patrol', headcount: 1 }
];

/**
 * The template every run starts from: a little demo data, and a shift that started three hours
 * before and ends five hours after, with four members signed up for its three places.
 */
export async function faultTemplate(): Promise<ServerTemplate> {
	return ServerTemplate.create({ stations: 3, members: 12, projects: 3 }, async (db) => {
		const station = decodeRow(
			'stations',
			await db
				.selectFrom('stations')
				.select(['id', 'version', 'data'])
				.orderBy('version')
				.executeTakeFirstOrThrow()
		);
		// A second station in the first one's district, for the call-out to reach.
		await db.transaction().execute((trx) =>
			new SqlRecordStore(trx).put('stations', {
				...station,
				id: REACHED_STATION,
				name: '东四社区妇女志愿服务站',
				community: '东四'
			})
		);
		const members = await db
			.selectFrom('volunteers')
			.select(['id', 'data'])
			.orderBy('id')
			.execute();
		const active = members.filter(
			(m) => (JSON.parse(m.data) as { status: string }).status === 'active'
		);
		const now = Date.now();
		const at = new Date(now).toISOString();
		const hours = (n: number) => new Date(now + n * 3_600_000).toISOString();
		const steps = [
			{
				name: 'project.create',
				args: {
					id: EVENT_PROJECT,
					stationId: station.id,
					title: '社区义诊日',
					description: '',
					category: 'health_promotion',
					place: '活动室',
					requiredSkills: [],
					urgent: false,
					at
				}
			},
			{
				name: 'shift.add',
				args: {
					id: EVENT_SHIFT,
					projectId: EVENT_PROJECT,
					start: hours(-3),
					end: hours(5),
					capacity: 3,
					at
				}
			},
			{ name: 'project.publish', args: { id: EVENT_PROJECT, at } },
			...active.slice(0, 4).map((m, i) => ({
				name: 'signup.request',
				args: {
					id: `e0000000-0000-4000-8000-00000000010${i}`,
					shiftId: EVENT_SHIFT,
					volunteerId: m.id,
					at
				}
			})),
			{
				name: 'volunteer.register',
				args: {
					id: ASKED_MEMBER,
					name: '应急队员',
					phone: '13700000099',
					gender: 'female',
					birthYear: 1985,
					birthDate: '1985-06-01',
					district: station.district,
					community: '东四',
					skills: [],
					languages: ['zh'],
					availability: '',
					emergencyResponder: true,
					consent: true,
					consentVersion: PRIVACY_NOTICE_VERSION,
					homeStationId: REACHED_STATION,
					source: 'staff',
					at
				}
			},
			{ name: 'volunteer.setStatus', args: { id: ASKED_MEMBER, status: 'active', at } },
			{
				name: 'callout.create',
				args: {
					id: CALLOUT,
					projectId: CALLOUT_PROJECT,
					shiftId: CALLOUT_SHIFT,
					title: '防汛备勤',
					description: '',
					place: '社区居委会',
					community: '',
					start: hours(1),
					end: hours(5),
					urgency: 'urgent',
					roles: CALLOUT_ROLES,
					stationId: station.id,
					reach: 'stations',
					reachStationIds: [REACHED_STATION],
					at
				}
			},
			{
				name: 'callout.ask',
				args: {
					calloutId: CALLOUT,
					asks: [
						{
							responseId: ASKED_RESPONSE,
							volunteerId: ASKED_MEMBER,
							role: ASKED_ROLE,
							reasons: ['ready']
						}
					],
					at
				}
			}
		];
		const answer = await push(
			db,
			{
				clientId: crypto.randomUUID(),
				schemaVersion: SCHEMA_VERSION,
				mutations: steps.map((step, i) => ({ id: i + 1, ...step }))
			},
			systemActor
		);
		if (answer.results.some((r) => r.status !== 'applied')) {
			throw new Error(`event day setup refused: ${JSON.stringify(answer.results)}`);
		}
	});
}
const at = <T>(rows: T[], i: number): T | undefined => rows[i % Math.max(1, rows.length)];

/**
 * One device: its database and what it asked the server to do. With an actor it is that account's
 * (her phone, a station's tablet): its rules run as her and its requests speak for her.
 */
class Device {
	id = '';
	constructor(
		readonly db: LocalDb,
		readonly queued: Queued[],
		readonly actor?: Actor & { accountId: string }
	) {}

	async run<N extends MutationName>(name: N, args: ArgsOf<N>) {
		const outcome = await runMutation(this.db, name, args, this.actor);
		if (outcome.ok) {
			// What the device will send is a JSON copy of the args.
			this.queued.push({
				clientId: this.id,
				mutationId: outcome.mutationId,
				name,
				args: JSON.parse(JSON.stringify(args)) as unknown,
				...(this.actor ? { actor: this.actor } : {})
			});
		}
		return outcome;
	}

	/** The way to the server through `fetcher`, as its account. */
	via(fetcher: Fetch): Fetch {
		const account = this.actor?.accountId;
		if (account === undefined) return fetcher;
		return (url, init) =>
			fetcher(url, {
				...init,
				headers: { ...(init.headers as Record<string, string>), [SIM_ACCOUNT_HEADER]: account }
			});
	}
}

class World {
	readonly devices: Device[] = [];
	/** The call-out's devices: the asked member's phone, the lead station's tablet, hers. */
	readonly responders: Device[] = [];
	readonly queued: Queued[] = [];
	readonly net: FaultyNetwork;
	readonly #ids: ReturnType<typeof seededRandom>;
	#minute = 0;
	#eventMinute = 0;
	readonly #base: number;

	constructor(
		readonly server: SimServer,
		netSeed: number
	) {
		this.net = new FaultyNetwork(server, netSeed);
		this.#ids = seededRandom(netSeed ^ 0x5eed);
		const today = Date.parse(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
		this.#base = today + 3_600_000;
	}

	at() {
		return new Date(this.#base + ++this.#minute * 60_000).toISOString();
	}

	uuid() {
		return this.#ids.uuid();
	}

	/** A tablet's clock on the event day: a minute later each time, from the shift's start on. */
	eventAt(shift: Shift) {
		return new Date(Date.parse(shift.start) + ++this.#eventMinute * 60_000).toISOString();
	}

	/** The event shift's sign-ups this device holds that are not cancelled. */
	async onEventDay(db: LocalDb) {
		const shift = await db.shifts.get(EVENT_SHIFT);
		const signups = await db.signups.where('shiftId').equals(EVENT_SHIFT).toArray();
		return { shift, signups: byId(signups.filter((s) => s.status !== 'cancelled')) };
	}

	async addDevice(actor?: Actor & { accountId: string }) {
		const device = new Device(openLocalDb(`fault-${crypto.randomUUID()}`), this.queued, actor);
		device.id = await clientId(device.db);
		if (actor) this.server.actAs(actor);
		await syncOnce(device.db, device.via(this.server.fetch));
		(actor ? this.responders : this.devices).push(device);
	}

	/** Her phone, as her; the lead station's tablet and her own station's, as their workers. */
	async addResponders() {
		const callout = decodeRow(
			'callouts',
			await this.server.db
				.selectFrom('callouts')
				.select(['version', 'data'])
				.where('id', '=', CALLOUT)
				.executeTakeFirstOrThrow()
		);
		const worker = (accountId: string, stationId: string): Actor & { accountId: string } => ({
			accountId,
			role: 'station_worker',
			district: callout.district,
			stationId,
			volunteerId: null
		});
		await this.addDevice({
			accountId: 'sim-phone',
			role: 'volunteer',
			district: null,
			stationId: null,
			volunteerId: ASKED_MEMBER
		});
		await this.addDevice(worker('sim-lead-tablet', callout.stationId));
		await this.addDevice(worker('sim-reached-tablet', REACHED_STATION));
	}

	/** The instant an answer or a reveal was made: one of a few, so that devices clash. */
	calloutAt(when: number) {
		return new Date(this.#base + (600 + when) * 60_000).toISOString();
	}

	async sync(device: Device, fetcher = this.net.fetch) {
		try {
			await syncOnce(device.db, device.via(fetcher));
		} catch (error) {
			if (error instanceof NetworkDown) return;
			if (error instanceof SyncHttpError && error.status >= 500) return;
			throw error;
		}
	}

	async perform(a: Action): Promise<void> {
		if (a.kind === 'restart') return this.server.restart();
		if (a.kind === 'deliverHeld') return this.net.deliverHeld();
		if (a.kind === 'syncResponder') return this.sync(this.responders[a.responder]!);
		if (a.kind === 'answer') {
			const responder = this.responders[a.responder]!;
			const role = ([null, 'duty', 'patrol'] as const)[a.role] ?? null;
			await responder.run('callout.respond', {
				calloutId: CALLOUT,
				volunteerId: ASKED_MEMBER,
				answer: a.answer,
				...(role ? { role } : {}),
				answeredBy: responder.actor?.role === 'volunteer' ? 'member' : 'staff',
				at: this.calloutAt(a.when)
			});
			return;
		}
		if (a.kind === 'reveal') {
			await this.responders[1 + a.responder]!.run('callout.revealPhone', {
				calloutId: CALLOUT,
				volunteerId: ASKED_MEMBER,
				at: this.calloutAt(a.when)
			});
			return;
		}
		const device = this.devices[a.client % this.devices.length]!;
		const db = device.db;
		switch (a.kind) {
			case 'sync':
				return this.sync(device);
			case 'register': {
				const station = byId(await db.stations.toArray())[0]!;
				await device.run('volunteer.register', {
					id: this.uuid(),
					name: `成员${this.#minute}`,
					phone: phoneAt(a.phone),
					gender: null,
					birthYear: null,
					birthDate: '1985-06-01',
					district: station.district,
					community: station.community,
					skills: [],
					languages: ['zh'],
					availability: '',
					emergencyResponder: false,
					consent: true,
					consentVersion: PRIVACY_NOTICE_VERSION,
					homeStationId: station.id,
					// Staff registrations are members at once; the kiosk's wait for approval.
					source: a.phone % 2 === 0 ? 'staff' : 'kiosk',
					at: this.at()
				});
				return;
			}
			case 'consent': {
				const member = at(byId(await db.volunteers.toArray()), a.member);
				if (!member) return;
				if (a.withdraw) {
					await device.run('volunteer.withdrawConsent', { id: member.id, at: this.at() });
				} else {
					await device.run('volunteer.consent', {
						id: member.id,
						consentVersion: PRIVACY_NOTICE_VERSION,
						at: this.at()
					});
				}
				return;
			}
			case 'erase': {
				const member = at(byId(await db.volunteers.toArray()), a.member);
				if (!member) return;
				await device.run('volunteer.requestErasure', { id: member.id, at: this.at() });
				if (a.carryOut) await device.run('volunteer.erase', { id: member.id, at: this.at() });
				return;
			}
			case 'transfer': {
				const member = at(byId(await db.volunteers.toArray()), a.member);
				const station = at(byId(await db.stations.toArray()), a.station);
				if (!member || !station) return;
				await device.run('transfer.request', {
					id: this.uuid(),
					volunteerId: member.id,
					toStationId: station.id,
					requestedBy: 'station',
					note: '',
					at: this.at()
				});
				return;
			}
			case 'decide': {
				const open = byId(await db.transfers.toArray()).filter((t) => t.status === 'requested');
				const transfer = at(open, a.transfer);
				if (!transfer) return;
				const name = a.accept ? 'transfer.accept' : 'transfer.decline';
				await device.run(name, { id: transfer.id, at: this.at() });
				return;
			}
			case 'stationStatus': {
				// Never the first station, where members are registered and projects released.
				const station = byId(await db.stations.toArray())[1 + (a.station % 2)];
				if (!station) return;
				await device.run('station.setStatus', {
					id: station.id,
					status: a.open ? 'open' : 'suspended',
					at: this.at()
				});
				return;
			}
			case 'team': {
				const team = at(byId(await db.teams.toArray()), a.team);
				const member = at(byId(await db.volunteers.toArray()), a.member);
				if (!team || !member) return;
				const inTeam = team.memberIds.includes(member.id);
				await device.run('team.update', {
					id: team.id,
					changes: a.leader
						? { leaderId: member.id }
						: {
								memberIds: inTeam
									? team.memberIds.filter((id) => id !== member.id)
									: [...team.memberIds, member.id]
							},
					at: this.at()
				});
				return;
			}
			case 'activity': {
				const pairing = byId(await db.pairings.toArray())[0];
				if (!pairing) return;
				await device.run('pairing.logActivity', {
					id: this.uuid(),
					pairingId: pairing.id,
					on: pairing.startOn,
					what: `结对活动${this.#minute}`,
					who: '',
					photos: [],
					at: this.at()
				});
				return;
			}
			case 'visit': {
				if (a.verify) {
					const waiting = byId(await db.careVisits.toArray()).find((v) => v.verifiedAt === null);
					if (waiting) await device.run('care.verifyVisit', { id: waiting.id, at: this.at() });
					return;
				}
				const pairing = byId(await db.carePairings.toArray())[0];
				if (!pairing) return;
				await device.run('care.logVisit', {
					id: this.uuid(),
					carePairingId: pairing.id,
					on: pairing.startOn,
					minutes: a.minutes,
					note: '',
					at: this.at()
				});
				return;
			}
			case 'update': {
				const member = at(byId(await db.volunteers.toArray()), a.member);
				if (!member) return;
				await device.run('volunteer.update', {
					id: member.id,
					changes: a.phone === null ? { name: `改名${this.#minute}` } : { phone: phoneAt(a.phone) },
					at: this.at()
				});
				return;
			}
			case 'setStatus': {
				const member = at(byId(await db.volunteers.toArray()), a.member);
				if (!member) return;
				await device.run('volunteer.setStatus', {
					id: member.id,
					status: a.active ? 'active' : 'inactive',
					at: this.at()
				});
				return;
			}
			case 'newShift': {
				const station = byId(await db.stations.toArray())[0]!;
				const projectId = this.uuid();
				const when = this.at();
				const start = new Date(this.#base + 2 * 86_400_000).toISOString();
				const end = new Date(this.#base + 2 * 86_400_000 + 3 * 3_600_000).toISOString();
				await device.run('project.create', {
					id: projectId,
					stationId: station.id,
					title: '测试项目',
					description: '',
					category: 'first_aid',
					place: '活动室',
					requiredSkills: [],
					urgent: false,
					at: when
				});
				await device.run('shift.add', {
					id: this.uuid(),
					projectId,
					start,
					end,
					capacity: a.capacity,
					at: when
				});
				await device.run('project.publish', { id: projectId, at: when });
				return;
			}
			case 'signup': {
				const open = new Set(
					(await db.projects.where('status').equals('published').toArray()).map((p) => p.id)
				);
				// The smallest shifts, where places run out and waitlists form.
				const shifts = (await db.shifts.toArray())
					.filter((s) => open.has(s.projectId))
					.sort((x, y) => x.capacity - y.capacity || compareText(x.id, y.id))
					.slice(0, 3);
				const shift = at(shifts, a.shift);
				const member = at(byId(await db.volunteers.toArray()), a.member);
				if (!shift || !member) return;
				await device.run('signup.request', {
					id: this.uuid(),
					shiftId: shift.id,
					volunteerId: member.id,
					at: this.at()
				});
				return;
			}
			case 'checkIn':
			case 'checkOut':
			case 'correct': {
				const { shift, signups } = await this.onEventDay(db);
				const signup = at(signups, a.signup);
				if (!shift || !signup) return;
				const base = { id: this.uuid(), shiftId: shift.id, volunteerId: signup.volunteerId };
				if (a.kind === 'checkIn') {
					await device.run('attendance.checkIn', {
						...base,
						overCapacity: a.override,
						at: this.eventAt(shift)
					});
				} else if (a.kind === 'checkOut') {
					await device.run('attendance.checkOut', { ...base, at: this.eventAt(shift) });
				} else {
					const from = Date.parse(shift.start) + a.from * 60_000;
					await device.run('attendance.correct', {
						...base,
						checkInAt: new Date(from).toISOString(),
						checkOutAt: new Date(from + a.minutes * 60_000).toISOString(),
						reason: '按签到表更正',
						afterVerification: false,
						at: this.eventAt(shift)
					});
				}
				return;
			}
			case 'walkIn': {
				const { shift } = await this.onEventDay(db);
				const member = at(byId(await db.volunteers.toArray()), a.member);
				if (!shift || !member) return;
				await device.run('attendance.walkIn', {
					id: this.uuid(),
					signupId: this.uuid(),
					shiftId: shift.id,
					volunteerId: member.id,
					overCapacity: a.override,
					at: this.eventAt(shift)
				});
				return;
			}
			case 'cancel': {
				const active = byId(await db.signups.toArray()).filter((s) =>
					activeSignupStatuses.includes(s.status)
				);
				const signup = at(active, a.signup);
				if (!signup) return;
				await device.run('signup.cancel', { id: signup.id, at: this.at() });
				return;
			}
		}
	}

	/** Runs a step's actions at once; a device's own syncs wait for each other, as the app's lock makes them. */
	async step(actions: Action[]) {
		const syncing = new Map<number | string, Promise<void>>();
		await Promise.all(
			actions.map((a) => {
				if (a.kind !== 'sync' && a.kind !== 'syncResponder') return this.perform(a);
				const key = a.kind === 'sync' ? a.client % this.devices.length : `responder ${a.responder}`;
				const next = (syncing.get(key) ?? Promise.resolve()).then(() => this.perform(a));
				syncing.set(key, next);
				return next;
			})
		);
	}

	/** The network heals; everyone syncs until nothing is left to send, then once more. */
	async heal() {
		this.net.healthy = true;
		await this.net.deliverHeld();
		const everyone = [...this.devices, ...this.responders];
		for (let round = 0; round < 6; round++) {
			for (const device of everyone) await syncOnce(device.db, device.via(this.server.fetch));
			const waiting = await Promise.all(everyone.map((d) => d.db.outbox.count()));
			if (waiting.every((n) => n === 0)) break;
		}
		for (const device of everyone) await syncOnce(device.db, device.via(this.server.fetch));
	}

	async dispose() {
		for (const device of [...this.devices, ...this.responders]) await device.db.delete();
	}
}

async function serverRows(db: Db) {
	const out: Record<string, unknown[]> = {};
	for (const table of syncedTables) {
		const rows = await db
			.selectFrom(table)
			.select(['id', 'version', 'deleted', 'data'])
			.where('deleted', '=', 0)
			.orderBy('id')
			.execute();
		out[table] = rows.map((r) => decodeRow(table, r));
	}
	return out;
}

/** Everything the server stores for records and answers, to compare two servers exactly. */
async function serverState(db: Db) {
	const records: Record<string, unknown[]> = {};
	for (const table of syncedTables) {
		const rows = await db
			.selectFrom(table)
			.select(['id', 'version', 'deleted', 'data'])
			.orderBy('id')
			.execute();
		// When the server received an event is its clock's, the one thing a replay cannot repeat.
		records[table] =
			table === 'attendance'
				? rows.map((r) => ({ ...r, data: { ...JSON.parse(r.data), receivedAt: null } }))
				: rows;
	}
	const results = await db
		.selectFrom('mutation_results')
		.select(['client_id', 'mutation_id', 'status', 'code', 'path', 'detail'])
		.orderBy('client_id')
		.orderBy('mutation_id')
		.execute();
	const counter = await db.selectFrom('counters').selectAll().execute();
	return { records, results, counter };
}

/**
 * What the server sends an account's device of some tables, from the start: every live row, as
 * its latest change left it.
 */
async function pulledAs(db: Db, device: Device, tables: readonly string[]) {
	const rows = new Map<string, { table: string; row: unknown }>();
	let cursor = 0;
	for (;;) {
		const page = await pull(
			db,
			{ clientId: device.id, schemaVersion: SCHEMA_VERSION, cursor, limit: 1000 },
			device.actor!
		);
		for (const change of page.changes) {
			if (!tables.includes(change.table)) continue;
			const key = `${change.table}:${change.id}`;
			if (change.deleted) rows.delete(key);
			else rows.set(key, { table: change.table, row: change.row });
		}
		if (!page.hasMore) break;
		cursor = page.cursor;
	}
	const out: Record<string, unknown[]> = {};
	for (const table of tables) {
		out[table] = byId(
			[...rows.values()].filter((r) => r.table === table).map((r) => r.row as { id: string })
		);
	}
	return out;
}

async function checkInvariants(world: World, template: ServerTemplate) {
	const { server, devices, responders, queued } = world;
	const truth = await serverRows(server.db);
	const erased = !(truth.volunteers as { id: string }[]).some((v) => v.id === ASKED_MEMBER);

	// Everyone sees the server's state, with nothing left to send.
	for (const [i, device] of devices.entries()) {
		expect(await device.db.outbox.count(), `device ${i} outbox`).toBe(0);
		expect(await device.db.base.count(), `device ${i} base`).toBe(0);
		for (const table of syncedTables) {
			const local = byId(await device.db.table(table).toArray());
			expect(local, `device ${i} ${table}`).toEqual(truth[table]);
		}
	}

	// The call-out's devices hold what their accounts are sent of it, with nothing left to send.
	// (Her phone, once she is erased, is signed out and wiped: what it kept is not compared.)
	const calloutTables = ['callouts', 'calloutResponses'] as const;
	for (const [i, device] of responders.entries()) {
		expect(await device.db.outbox.count(), `responder ${i} outbox`).toBe(0);
		expect(await device.db.base.count(), `responder ${i} base`).toBe(0);
		if (erased && device.actor?.role === 'volunteer') continue;
		const sent = await pulledAs(server.db, device, calloutTables);
		for (const table of calloutTables) {
			const local = byId(await device.db.table(table).toArray());
			expect(local, `responder ${i} ${table}`).toEqual(sent[table]);
		}
	}

	// Each device's mutations were applied once each, in its own order, none missing.
	const log = await appliedLog(server.db);
	for (const device of [...devices, ...responders]) {
		const mine = log.filter((e) => e.clientId === device.id).map((e) => e.mutationId);
		const made = queued.filter((q) => q.clientId === device.id).map((q) => q.mutationId);
		expect(mine, 'applied log of a device').toEqual(made);
		expect(made, 'mutation ids').toEqual(made.map((_, k) => k + 1));
	}

	// Replaying that one order on a fresh server gives the same records, versions and refusals.
	const oracle = await SimServer.fromTemplate(template);
	try {
		const byKey = new Map(queued.map((q) => [`${q.clientId}:${q.mutationId}`, q]));
		for (const entry of log) {
			const q = byKey.get(`${entry.clientId}:${entry.mutationId}`)!;
			await push(
				oracle.db,
				{
					clientId: q.clientId,
					schemaVersion: SCHEMA_VERSION,
					mutations: [{ id: q.mutationId, name: q.name, args: q.args }]
				},
				q.actor ?? systemActor
			);
		}
		expect(await serverState(server.db), 'replayed server').toEqual(await serverState(oracle.db));
	} finally {
		await oracle.dispose();
	}

	// Every refusal reached its device.
	const refused = await server.db
		.selectFrom('mutation_results')
		.select(['client_id', 'mutation_id'])
		.execute();
	for (const device of [...devices, ...responders]) {
		const expected = refused
			.filter((r) => r.client_id === device.id)
			.map((r) => Number(r.mutation_id))
			.sort((a, b) => a - b);
		const seen = (await device.db.refusals.toArray()).map((r) => r.mutationId);
		expect(seen, 'refusals on the device').toEqual(expected);
	}

	checkShifts(truth, log, queued);
	checkAttendance(truth);
	checkTeams(truth, log, queued);
	const refusedKeys = new Set(refused.map((r) => `${r.client_id}:${Number(r.mutation_id)}`));
	checkCallout(truth, log, queued, refusedKeys, erased);
}

/**
 * Each team lists its members once, its leader among them, and only live members (an erasure
 * takes her out; a change naming an erased member is refused). Every activity a device logged
 * and the server applied is there once, beside those the demo data had.
 */
function checkTeams(truth: Record<string, unknown[]>, log: AppliedEntry[], queued: Queued[]) {
	const live = new Set((truth.volunteers as { id: string }[]).map((v) => v.id));
	for (const team of truth.teams as Team[]) {
		expect(new Set(team.memberIds).size, 'team members each once').toBe(team.memberIds.length);
		if (team.leaderId !== null) expect(team.memberIds).toContain(team.leaderId);
		for (const id of team.memberIds) expect(live.has(id), 'team member alive').toBe(true);
	}
	const applied = new Set(log.map((e) => `${e.clientId}:${e.mutationId}`));
	const logged = queued
		.filter((q) => q.name === 'pairing.logActivity')
		.filter((q) => applied.has(`${q.clientId}:${q.mutationId}`))
		.map((q) => (q.args as { id: string }).id);
	const activities = new Set((truth.pairingActivities as { id: string }[]).map((a) => a.id));
	for (const id of logged) expect(activities.has(id), 'logged activity kept').toBe(true);
	const fromDemo = [...activities].filter((id) => !logged.includes(id));
	expect(fromDemo.length, 'no activity made twice or lost').toBe(DEMO_ACTIVITIES);

	// Visits: each logged and applied is kept (unless its volunteer was erased before it was
	// verified); a verified one credits its minutes by the rule.
	const logVisits = queued
		.filter((q) => q.name === 'care.logVisit')
		.filter((q) => applied.has(`${q.clientId}:${q.mutationId}`))
		.map((q) => q.args as { id: string; carePairingId: string });
	const visits = truth.careVisits as CareVisit[];
	const visitIds = new Set(visits.map((v) => v.id));
	const pairings = new Map((truth.carePairings as CarePairing[]).map((p) => [p.id, p]));
	const rules = new Map((truth.hoursRules as HoursRule[]).map((r) => [r.district, r]));
	for (const logged of logVisits) {
		const volunteerId = pairings.get(logged.carePairingId)?.volunteerId;
		if (volunteerId !== undefined && !live.has(volunteerId)) continue;
		expect(visitIds.has(logged.id), 'logged visit kept').toBe(true);
	}
	for (const visit of visits) {
		if (visit.verifiedAt === null) {
			expect(visit.hoursCredited).toBeNull();
			continue;
		}
		const rule = rules.get(visit.district) ?? defaultRounding;
		const hours = roundMinutes(visit.minutes, rule) / 60;
		expect(visit.hoursCredited, 'visit hours by the rule').toBe(Math.round(hours * 100) / 100);
	}
}

/** The pairing activities the demo data logs (see `demoData`). */
const DEMO_ACTIVITIES = 3;

/**
 * One response for the asked member (none once she is erased), whose answer is the one
 * `answerStands` picks from every answer the server applied, taken here in the opposite order to
 * the server's; the headcount from it; and each reveal once.
 */
function checkCallout(
	truth: Record<string, unknown[]>,
	log: AppliedEntry[],
	queued: Queued[],
	refused: Set<string>,
	erased: boolean
) {
	const callout = (truth.callouts as Callout[]).find((c) => c.id === CALLOUT);
	if (!callout) throw new Error('the call-out is missing');
	expect(callout.status, 'the call-out stays open').toBe('open');
	const responses = (truth.calloutResponses as CalloutResponse[]).filter(
		(r) => r.calloutId === CALLOUT
	);
	if (erased) {
		expect(responses, 'an erased member’s responses').toEqual([]);
		return;
	}
	expect(
		responses.map((r) => [r.id, r.volunteerId]),
		'one response per member and call-out'
	).toEqual([[ASKED_RESPONSE, ASKED_MEMBER]]);
	const [response] = responses;

	const byKey = new Map(queued.map((q) => [`${q.clientId}:${q.mutationId}`, q]));
	const applied = log
		.map((e) => `${e.clientId}:${e.mutationId}`)
		.filter((key) => !refused.has(key))
		.map((key) => byKey.get(key))
		.filter((q): q is Queued => q !== undefined);
	let end: { answer: CalloutAnswer; answeredAt: string | null } & AnswerSource = {
		answer: 'asked',
		answeredAt: null,
		answeredBy: null,
		recordedBy: null,
		role: ASKED_ROLE
	};
	for (const q of applied.filter((q) => q.name === 'callout.respond').reverse()) {
		const args = q.args as ArgsOf<'callout.respond'>;
		const source: AnswerSource = {
			answeredBy: args.answeredBy,
			recordedBy: args.answeredBy === 'staff' ? (q.actor?.accountId ?? null) : null,
			role: args.role ?? ASKED_ROLE
		};
		if (answerStands(end, args.answer, args.at, source)) {
			end = { answer: args.answer, answeredAt: args.at, ...source };
		}
	}
	expect(
		{
			answer: response!.answer,
			answeredAt: response!.answeredAt,
			answeredBy: response!.answeredBy,
			recordedBy: response!.recordedBy,
			role: response!.role
		},
		'the answer that stands'
	).toEqual(end);

	const accepted = end.answer === 'accepted' ? 1 : 0;
	expect(headcount(callout, responses), 'headcount').toEqual({
		roles: CALLOUT_ROLES.map((r) => ({
			role: r.role,
			need: r.headcount,
			accepted: end.role === r.role ? accepted : 0
		})),
		need: 3,
		asked: 1,
		accepted,
		declined: end.answer === 'declined' ? 1 : 0,
		noAnswer: end.answer === 'no_answer' ? 1 : 0,
		waiting: end.answer === 'asked' ? 1 : 0
	});

	const reveals = new Set(
		applied
			.filter((q) => q.name === 'callout.revealPhone')
			.map((q) => `${q.actor?.accountId}|${(q.args as { at: string }).at}`)
	);
	const kept = response!.reveals.map((r) => `${r.by}|${r.at}`);
	expect(kept.length, 'each reveal once').toBe(new Set(kept).size);
	expect(new Set(kept), 'every reveal kept').toEqual(reveals);
}

/**
 * One attendance per person on the event day, as the rules derive it from every event the server
 * holds, whatever order the events arrived in and however many devices sent them.
 */
function checkAttendance(truth: Record<string, unknown[]>) {
	const shift = (truth.shifts as Shift[]).find((s) => s.id === EVENT_SHIFT);
	if (!shift) throw new Error('the event shift is missing');
	const events = (truth.attendance as Attendance[]).filter((e) => e.shiftId === EVENT_SHIFT);
	const signups = (truth.signups as Signup[]).filter((s) => s.shiftId === EVENT_SHIFT);
	for (const volunteerId of new Set(events.map((e) => e.volunteerId))) {
		const hers = events.filter((e) => e.volunteerId === volunteerId);
		const held = signups.filter((s) => s.volunteerId === volunteerId && s.status !== 'cancelled');
		const ever = signups.filter((s) => s.volunteerId === volunteerId);
		expect(ever.length, 'a sign-up for every attendance').toBeGreaterThan(0);
		expect(held.length, 'one attendance per person').toBeLessThanOrEqual(1);
		const [signup] = held;
		if (!signup) continue;
		const outcome = deriveAttendance(hers, shift, defaultRounding, false);
		expect(
			{
				checkInAt: signup.checkInAt,
				checkOutAt: signup.checkOutAt,
				hours: signup.hoursCredited,
				flag: signup.attendanceFlag ?? null
			},
			'hours the rules give'
		).toEqual({
			checkInAt: outcome.checkInAt,
			checkOutAt: outcome.checkOutAt,
			hours: outcome.hours,
			flag: outcome.flag
		});
		const status =
			outcome.checkInAt === null ? 'confirmed' : outcome.checkOutAt ? 'completed' : 'checked_in';
		expect(signup.status, 'status from the times').toBe(status);
	}
}

/** Capacity and arrival order, from the server's rows and the order it applied requests in. */
function checkShifts(truth: Record<string, unknown[]>, log: AppliedEntry[], queued: Queued[]) {
	const seqOf = new Map(log.map((e) => [`${e.clientId}:${e.mutationId}`, e.seq]));
	const arrival = new Map<string, number>();
	for (const q of queued) {
		if (q.name !== 'signup.request') continue;
		const args = q.args as { id: string };
		arrival.set(args.id, seqOf.get(`${q.clientId}:${q.mutationId}`) ?? Infinity);
	}
	// Demo sign-ups were there before any device spoke, in the order of their request times.
	const arrived = (s: Signup) => arrival.get(s.id) ?? Date.parse(s.requestedAt) - 1e15;
	const shifts = truth.shifts as {
		id: string;
		capacity: number;
		confirmedCount: number;
		waitlistCount: number;
		waitlistSeq: number;
	}[];
	const signups = truth.signups as Signup[];
	for (const shift of shifts) {
		const of = signups.filter((s) => s.shiftId === shift.id);
		// Checked in, completed and no-show took their place too; an override takes one beyond capacity.
		const confirmed = of.filter((s) => holdsPlace(s.status));
		const overrides = confirmed.filter((s) => s.overCapacity).length;
		const waiting = of
			.filter((s) => s.status === 'waitlisted')
			.sort((a, b) => a.waitlistOrder! - b.waitlistOrder!);
		expect(confirmed.length - overrides, 'confirmed within capacity').toBeLessThanOrEqual(
			shift.capacity
		);
		expect(shift.confirmedCount, 'confirmed count').toBe(confirmed.length);
		expect(shift.waitlistCount, 'waitlist count').toBe(waiting.length);
		expect(
			of.filter((s) => s.status === 'pending'),
			'undecided on the server'
		).toEqual([]);
		if (waiting.length > 0)
			expect(shift.confirmedCount, 'nobody waits for a free place').toBeGreaterThanOrEqual(
				shift.capacity
			);
		const orders = waiting.map((s) => s.waitlistOrder!);
		expect(new Set(orders).size, 'distinct waitlist orders').toBe(orders.length);
		expect(Math.max(0, ...orders), 'waitlist seq').toBeLessThanOrEqual(shift.waitlistSeq);
		const arrivals = waiting.map(arrived);
		expect(arrivals, 'waitlist in arrival order').toEqual([...arrivals].sort((a, b) => a - b));
		// Whoever was promoted off the waitlist arrived before everyone still on it.
		// (Let in on the day beyond capacity is the staff's explicit choice, not a promotion.)
		const promoted = confirmed.filter((s) => s.decidedAt !== s.requestedAt && !s.overCapacity);
		const firstWaiting = Math.min(Infinity, ...arrivals);
		for (const s of promoted) expect(arrived(s), 'promotion order').toBeLessThan(firstWaiting);
	}
}

/** The property: any scenario, run against a fresh server from the template, keeps the invariants. */
export function faultProperty(template: ServerTemplate) {
	return fc.asyncProperty(scenario, async ({ clients, netSeed, steps }) => {
		const server = await SimServer.fromTemplate(template);
		const world = new World(server, netSeed);
		try {
			for (let i = 0; i < clients; i++) await world.addDevice();
			await world.addResponders();
			for (const actions of steps) await world.step(actions);
			await world.heal();
			expect(server.failures, 'unexpected server errors').toEqual([]);
			await checkInvariants(world, template);
		} catch (error) {
			const tail = world.net.events.slice(-40).join('\n  ');
			if (error instanceof Error) error.message += `\nnetwork:\n  ${tail}`;
			throw error;
		} finally {
			await world.dispose();
			await server.dispose();
		}
	});
}

/**
 * How many runs, and how to replay one: FAULT_RUNS, FAULT_SEED, FAULT_PATH. PostgreSQL gets a
 * fifth of the runs (200 when CI is set): each takes about three times as long as on SQLite.
 */
export function faultRunSettings(shards: number) {
	const sqliteRuns = Number(process.env.FAULT_RUNS || (process.env.CI ? 1000 : 60));
	const runs = testDatabaseKind() === 'postgres' ? Math.ceil(sqliteRuns / 5) : sqliteRuns;
	const seed = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : undefined;
	const path = process.env.FAULT_PATH || undefined;
	return { runs, numRuns: Math.ceil(runs / shards), seed, path, endOnFailure: path !== undefined };
}

export { ServerTemplate };
