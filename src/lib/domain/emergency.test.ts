import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	answerStands,
	calloutReport,
	firstAidValid,
	headcount,
	inReach,
	judgeMember,
	matchMembers,
	slotsOfWindow,
	type CalloutCriteria,
	type LeftOut,
	type Match
} from './emergency';
import { weekSlots, type DistrictCode, type WeekSlot } from './reference';
import {
	noReadiness,
	type CalloutAnswer,
	type CalloutResponse,
	type Readiness,
	type Signup,
	type Volunteer
} from './schemas';

/** An instant given in Beijing time, stored as UTC. */
const bj = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();

// 2026-03-02 is a Monday.
const MON = '2026-03-02';
const TUE = '2026-03-03';
const SUN = '2026-03-08';
const NEXT_MON = '2026-03-09';

const LEAD = 'a0000000-0000-4000-8000-000000000001';
const NEIGHBOUR = 'a0000000-0000-4000-8000-000000000002';
const CHAOYANG = 'a0000000-0000-4000-8000-000000000003';
const districtOf = (stationId: string): DistrictCode | undefined =>
	({ [LEAD]: 'dongcheng', [NEIGHBOUR]: 'dongcheng', [CHAOYANG]: 'chaoyang' })[stationId] as
		DistrictCode | undefined;

let n = 0;
function member(fields: Partial<Volunteer> = {}, readiness: Partial<Readiness> = {}): Volunteer {
	n++;
	return {
		id: `b0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		createdAt: bj(MON, '08:00'),
		updatedAt: bj(MON, '08:00'),
		version: 1,
		updatedBy: null,
		name: `成员${n}`,
		phone: `139${String(n).padStart(8, '0')}`,
		gender: 'female',
		birthYear: 1980,
		district: 'dongcheng',
		community: '东四',
		skills: [],
		languages: ['zh'],
		availability: '',
		emergencyResponder: true,
		readiness: { ...noReadiness(), weekly: [...weekSlots], ...readiness },
		consentAt: bj(MON, '08:00'),
		consentVersion: '2026-05',
		status: 'active',
		homeStationId: NEIGHBOUR,
		source: 'staff',
		registeredBy: null,
		birthDate: null,
		guardian: null,
		consentWithdrawnAt: null,
		erasureRequestedAt: null,
		...fields
	};
}

/** Monday 20:00 to Tuesday 08:00, Beijing: needing three on duty, in 西总布, led by LEAD. */
function criteria(fields: Partial<CalloutCriteria> = {}): CalloutCriteria {
	return {
		start: bj(MON, '20:00'),
		end: bj(TUE, '08:00'),
		roles: [{ role: 'duty', headcount: 3 }],
		community: '西总布',
		district: 'dongcheng',
		stationId: LEAD,
		reach: 'district',
		reachStationIds: [],
		...fields
	};
}

const matched = (judged: Match | LeftOut): Match => {
	if (!('role' in judged)) throw new Error(`left out: ${judged.reason}`);
	return judged;
};
const reasonOf = (judged: Match | LeftOut) => ('reason' in judged ? judged.reason : 'matched');

describe('slotsOfWindow', () => {
	it('gives Monday’s evening and night and Tuesday’s morning for 20:00–08:00 on a Monday', () => {
		expect(slotsOfWindow(bj(MON, '20:00'), bj(TUE, '08:00'))).toEqual([
			'mon_evening',
			'mon_night',
			'tue_morning'
		]);
	});

	it('reads the window in Beijing time, not UTC', () => {
		// 23:00–01:00 UTC is 07:00–09:00 on Tuesday in Beijing: Monday night in London.
		expect(slotsOfWindow('2026-03-02T23:00:00.000Z', '2026-03-03T01:00:00.000Z')).toEqual([
			'tue_morning'
		]);
	});

	it('counts the hours before six as the night of the day before', () => {
		expect(slotsOfWindow(bj(TUE, '01:00'), bj(TUE, '03:00'))).toEqual(['mon_night']);
		expect(slotsOfWindow(bj(TUE, '05:00'), bj(TUE, '07:00'))).toEqual(['mon_night', 'tue_morning']);
	});

	it('crosses from Sunday into the next week', () => {
		expect(slotsOfWindow(bj(SUN, '20:00'), bj(NEXT_MON, '08:00'))).toEqual([
			'sun_evening',
			'sun_night',
			'mon_morning'
		]);
		expect(slotsOfWindow(bj(NEXT_MON, '02:00'), bj(NEXT_MON, '04:00'))).toEqual(['sun_night']);
	});

	it('does not touch a part the window ends at, and gives nothing for an empty window', () => {
		expect(slotsOfWindow(bj(MON, '09:00'), bj(MON, '12:00'))).toEqual(['mon_morning']);
		expect(slotsOfWindow(bj(MON, '12:00'), bj(MON, '12:00'))).toEqual([]);
		expect(slotsOfWindow(bj(MON, '14:00'), bj(MON, '12:00'))).toEqual([]);
	});

	it('gives each of the 28 parts once for a whole week, and no more for longer', () => {
		const week = slotsOfWindow(bj(MON, '06:00'), bj(NEXT_MON, '06:00'));
		expect(week).toHaveLength(28);
		expect(new Set(week)).toEqual(new Set(weekSlots));
		expect(slotsOfWindow(bj(MON, '06:00'), bj('2026-03-20', '06:00'))).toHaveLength(28);
	});

	it('runs through the days of a window crossing several of them, in order', () => {
		expect(slotsOfWindow(bj(SUN, '21:00'), bj('2026-03-10', '13:00'))).toEqual([
			'sun_evening',
			'sun_night',
			'mon_morning',
			'mon_afternoon',
			'mon_evening',
			'mon_night',
			'tue_morning',
			'tue_afternoon'
		]);
	});
});

describe('availability against the weekly grid and standby', () => {
	const window: WeekSlot[] = ['mon_evening', 'mon_night', 'tue_morning'];

	it('finds her available when her week covers the whole window', () => {
		const judged = matched(judgeMember(member({}, { weekly: window }), criteria()));
		expect(judged.reasons[0]).toBe('available');
	});

	it('finds her partly available when her week covers some of it', () => {
		const judged = matched(judgeMember(member({}, { weekly: ['mon_evening'] }), criteria()));
		expect(judged.reasons[0]).toBe('partly_available');
	});

	it('leaves her out when her week misses the window, or she never said', () => {
		expect(reasonOf(judgeMember(member({}, { weekly: ['sat_morning'] }), criteria()))).toBe(
			'not_available'
		);
		expect(reasonOf(judgeMember(member({}, { weekly: [] }), criteria()))).toBe('no_availability');
	});

	it('puts a standby covering the whole window first, whatever her week says', () => {
		const standby = [{ from: bj(MON, '18:00'), to: bj(TUE, '10:00') }];
		const judged = matched(judgeMember(member({}, { weekly: [], standby }), criteria()));
		expect(judged.reasons[0]).toBe('standby');
	});

	it('counts a standby covering part of the window as partly available', () => {
		const standby = [{ from: bj(MON, '22:00'), to: bj(TUE, '02:00') }];
		const judged = matched(judgeMember(member({}, { weekly: [], standby }), criteria()));
		expect(judged.reasons[0]).toBe('partly_available');
	});

	it('counts no standby that ends as the window starts, or is another day’s', () => {
		for (const standby of [
			[{ from: bj(MON, '08:00'), to: bj(MON, '20:00') }],
			[{ from: bj(SUN, '08:00'), to: bj(SUN, '20:00') }]
		]) {
			expect(reasonOf(judgeMember(member({}, { weekly: [], standby }), criteria()))).toBe(
				'not_available'
			);
		}
	});
});

describe('skills and first aid', () => {
	const needs = (...roles: CalloutCriteria['roles'][number]['role'][]) =>
		criteria({ roles: roles.map((role) => ({ role, headcount: 2 })) });

	it('gives a skilled role only to a member who has the skill', () => {
		expect(reasonOf(judgeMember(member(), needs('hazard_check')))).toBe('no_fitting_role');
		const judged = matched(
			judgeMember(member({}, { roles: ['hazard_check'] }), needs('hazard_check'))
		);
		expect(judged.role).toBe('hazard_check');
		expect(judged.reasons).toContain('has_skill');
	});

	it('gives an open role to anyone ready, without calling it a skill', () => {
		const judged = matched(judgeMember(member(), needs('hazard_check', 'patrol')));
		expect(judged.role).toBe('patrol');
		expect(judged.reasons).not.toContain('has_skill');
	});

	it('prefers a skilled role she has, then one she named, to an open one', () => {
		const both = member({}, { roles: ['patrol', 'first_aid'], firstAidExpiresOn: '2027-01-01' });
		expect(matched(judgeMember(both, needs('duty', 'patrol', 'first_aid'))).role).toBe('first_aid');
		const named = member({}, { roles: ['patrol'] });
		const judged = matched(judgeMember(named, needs('duty', 'patrol')));
		expect(judged.role).toBe('patrol');
		expect(judged.reasons).toContain('has_skill');
	});

	it('takes first aid valid through the call-out’s start day, in Beijing', () => {
		// Starts at 01:00 on Tuesday in Beijing: still Monday in UTC.
		const start = bj(TUE, '01:00');
		const window = criteria({
			start,
			end: bj(TUE, '05:00'),
			roles: [{ role: 'first_aid', headcount: 1 }]
		});
		const expiring = (on: string | null) =>
			member({}, { roles: ['first_aid'], firstAidExpiresOn: on, weekly: ['mon_night'] });
		expect(firstAidValid(expiring(TUE), start)).toBe(true);
		expect(matched(judgeMember(expiring(TUE), window)).role).toBe('first_aid');
		expect(firstAidValid(expiring(MON), start)).toBe(false);
		expect(reasonOf(judgeMember(expiring(MON), window))).toBe('first_aid_expired');
		// No date known: the skill stands.
		expect(firstAidValid(expiring(null), start)).toBe(true);
		// A date without the skill says nothing.
		expect(firstAidValid(member({}, { firstAidExpiresOn: '2030-01-01' }), start)).toBe(false);
	});

	it('sends a member whose first aid ran out to an open role the call-out also needs', () => {
		const lapsed = member({}, { roles: ['first_aid'], firstAidExpiresOn: '2026-01-01' });
		const judged = matched(judgeMember(lapsed, needs('first_aid', 'logistics')));
		expect(judged.role).toBe('logistics');
		expect(judged.reasons).not.toContain('has_skill');
	});
});

describe('reach', () => {
	const stations = criteria({ reach: 'stations', reachStationIds: [LEAD, NEIGHBOUR] });

	it('reaches the members of the stations a call-out names, and nobody without one', () => {
		expect(inReach(stations, member({ homeStationId: NEIGHBOUR }), districtOf)).toBe(true);
		expect(inReach(stations, member({ homeStationId: CHAOYANG }), districtOf)).toBe(false);
		expect(inReach(stations, member({ homeStationId: null }), districtOf)).toBe(false);
	});

	it('reaches a district’s stations’ members, and members with no station who live there', () => {
		const district = criteria();
		expect(inReach(district, member({ homeStationId: NEIGHBOUR }), districtOf)).toBe(true);
		// She lives in Dongcheng but belongs to a Chaoyang station: Chaoyang's to call.
		expect(
			inReach(district, member({ homeStationId: CHAOYANG, district: 'dongcheng' }), districtOf)
		).toBe(false);
		expect(
			inReach(district, member({ homeStationId: null, district: 'dongcheng' }), districtOf)
		).toBe(true);
		expect(
			inReach(district, member({ homeStationId: null, district: 'chaoyang' }), districtOf)
		).toBe(false);
		// A station the caller does not know is not taken to be in the district.
		const unknown = 'a0000000-0000-4000-8000-0000000000ff';
		expect(inReach(district, member({ homeStationId: unknown }), districtOf)).toBe(false);
	});

	it('leaves members out of reach out of both lists', () => {
		const outside = member({ homeStationId: CHAOYANG, emergencyResponder: false });
		const inside = member({ homeStationId: LEAD });
		const result = matchMembers(stations, [outside, inside], districtOf);
		expect(result.matches.map((m) => m.member.id)).toEqual([inside.id]);
		expect(result.leftOut).toEqual([]);
	});
});

describe('members left out, with why', () => {
	it('leaves out inactive members: not yet approved, made inactive, consent withdrawn, erasure asked', () => {
		const at = bj(MON, '09:00');
		for (const fields of [
			{ status: 'pending' },
			{ status: 'inactive' },
			{ consentWithdrawnAt: at },
			{ erasureRequestedAt: at }
		] as Partial<Volunteer>[]) {
			expect(reasonOf(judgeMember(member(fields), criteria()))).toBe('inactive');
		}
	});

	it('leaves out a minor on the call-out’s start day, and takes her from her eighteenth birthday', () => {
		// The call-out starts at 20:00 on 2 March, Beijing.
		const seventeen = member({ birthDate: '2008-03-03', birthYear: 2008 });
		const eighteen = member({ birthDate: '2008-03-02', birthYear: 2008 });
		expect(reasonOf(judgeMember(seventeen, criteria()))).toBe('minor');
		expect(reasonOf(judgeMember(eighteen, criteria()))).toBe('matched');
		// With only her birth year she may still be seventeen: she is not called.
		expect(reasonOf(judgeMember(member({ birthYear: 2008 }), criteria()))).toBe('minor');
		// Nothing known of her age: she said she is ready.
		expect(reasonOf(judgeMember(member({ birthYear: null }), criteria()))).toBe('matched');
	});

	it('leaves out a member who did not say she would respond in emergencies', () => {
		expect(reasonOf(judgeMember(member({ emergencyResponder: false }), criteria()))).toBe(
			'not_ready'
		);
	});

	it('lists those left out by why, then by name', () => {
		const result = matchMembers(
			criteria(),
			[
				member({ name: '王芳', emergencyResponder: false }),
				member({ name: '张丽', status: 'inactive' }),
				member({ name: '李娜', emergencyResponder: false }),
				member({ name: '赵敏', birthDate: '2012-01-01', birthYear: 2012 })
			],
			districtOf
		);
		expect(result.matches).toEqual([]);
		expect(result.leftOut.map((l) => [l.reason, l.member.name])).toEqual([
			['inactive', '张丽'],
			['minor', '赵敏'],
			['not_ready', '李娜'],
			['not_ready', '王芳']
		]);
	});
});

describe('ranking', () => {
	const window: WeekSlot[] = ['mon_evening', 'mon_night', 'tue_morning'];
	const standby = [{ from: bj(MON, '18:00'), to: bj(TUE, '10:00') }];

	it('puts standby first, then whole-window availability, then partly', () => {
		const partly = member({ name: '甲' }, { weekly: ['mon_evening'] });
		const available = member({ name: '乙' }, { weekly: window });
		const onStandby = member({ name: '丙' }, { weekly: [], standby });
		const { matches } = matchMembers(criteria(), [partly, available, onStandby], districtOf);
		expect(matches.map((m) => m.member.id)).toEqual([onStandby.id, available.id, partly.id]);
	});

	it('puts a member on standby before one who is only partly there, whatever else she has', () => {
		// Only partly available, but with the skill, in the community, of the lead station.
		const strong = member(
			{ name: '甲', community: '西总布', homeStationId: LEAD },
			{ weekly: ['mon_evening'], roles: ['duty'] }
		);
		const onStandby = member({ name: '乙' }, { weekly: [], standby });
		const { matches } = matchMembers(criteria(), [strong, onStandby], districtOf);
		expect(matches.map((m) => m.member.id)).toEqual([onStandby.id, strong.id]);
	});

	it('puts standby before whole-window availability even with the skill', () => {
		const skilled = member({ name: '甲' }, { weekly: window, roles: ['duty'] });
		const onStandby = member({ name: '乙' }, { weekly: [], standby });
		const { matches } = matchMembers(criteria(), [skilled, onStandby], districtOf);
		expect(matches.map((m) => m.member.id)).toEqual([onStandby.id, skilled.id]);
	});

	it('among the equally available: the skill, then the community, then the lead station', () => {
		// Named so that their names alone would give another order.
		const plain = member({ name: '安然', community: '东四', homeStationId: NEIGHBOUR });
		const station = member({ name: '白雪', community: '东四', homeStationId: LEAD });
		const community = member({ name: '张丽', community: '西总布', homeStationId: NEIGHBOUR });
		const skilled = member(
			{ name: '周敏', community: '东四', homeStationId: NEIGHBOUR },
			{ roles: ['duty'] }
		);
		const { matches } = matchMembers(criteria(), [plain, station, community, skilled], districtOf);
		expect(matches.map((m) => m.member.name)).toEqual(['周敏', '张丽', '白雪', '安然']);
		expect(matches.map((m) => m.reasons)).toEqual([
			['available', 'has_skill', 'ready'],
			['available', 'same_community', 'ready'],
			['available', 'same_station', 'ready'],
			['available', 'ready']
		]);
	});

	it('orders members who rank the same by name in pinyin, then by id', () => {
		const wang = member({ name: '王芳' });
		const li = member({ name: '李娜' });
		const an = member({ name: '安然' });
		const { matches } = matchMembers(criteria(), [wang, li, an], districtOf);
		expect(matches.map((m) => m.member.name)).toEqual(['安然', '李娜', '王芳']);
	});
});

describe('answerStands', () => {
	const asked = { answer: 'asked' as const, answeredAt: null };
	const standing = (answer: CalloutAnswer, at: string) => ({ answer, answeredAt: at });
	const t1 = bj(MON, '20:05');
	const t2 = bj(MON, '20:10');

	it('lets a first answer stand', () => {
		for (const answer of ['accepted', 'declined', 'no_answer'] as const) {
			expect(answerStands(asked, answer, t1)).toBe(true);
		}
	});

	it('lets the answer given later stand, whatever it says', () => {
		expect(answerStands(standing('accepted', t1), 'declined', t2)).toBe(true);
		expect(answerStands(standing('declined', t1), 'no_answer', t2)).toBe(true);
		expect(answerStands(standing('declined', t2), 'accepted', t1)).toBe(false);
	});

	it('lets the stronger of two answers given at the same instant stand', () => {
		expect(answerStands(standing('declined', t1), 'accepted', t1)).toBe(true);
		expect(answerStands(standing('no_answer', t1), 'declined', t1)).toBe(true);
		expect(answerStands(standing('accepted', t1), 'declined', t1)).toBe(false);
		expect(answerStands(standing('declined', t1), 'no_answer', t1)).toBe(false);
		expect(answerStands(standing('accepted', t1), 'accepted', t1)).toBe(false);
	});

	it('lets her own answer stand over staff’s of the same at the same instant, then by account', () => {
		const staff = (recordedBy: string) => ({
			answeredBy: 'staff' as const,
			recordedBy,
			role: 'duty' as const
		});
		const member = { answeredBy: 'member' as const, recordedBy: null, role: 'duty' as const };
		const byStaff = { ...standing('accepted', t1), ...staff('worker-a') };
		expect(answerStands(byStaff, 'accepted', t1, member)).toBe(true);
		expect(
			answerStands({ ...standing('accepted', t1), ...member }, 'accepted', t1, staff('x'))
		).toBe(false);
		expect(answerStands(byStaff, 'accepted', t1, staff('worker-b'))).toBe(true);
		expect(answerStands(byStaff, 'accepted', t1, staff('worker-a'))).toBe(false);
		// Strength still comes first.
		expect(answerStands(byStaff, 'declined', t1, member)).toBe(false);
	});

	it('ends with the same answer, and who gave it, whatever order the answers arrive in', () => {
		const answer = fc.record({
			answer: fc.constantFrom<CalloutAnswer>('accepted', 'declined', 'no_answer'),
			// A few instants, so that ties happen.
			at: fc.constantFrom(t1, t2, bj(MON, '20:15')),
			source: fc.constantFrom(
				{ answeredBy: 'member' as const, recordedBy: null, role: 'duty' as const },
				{ answeredBy: 'staff' as const, recordedBy: 'worker-a', role: 'duty' as const },
				{ answeredBy: 'staff' as const, recordedBy: 'worker-b', role: 'patrol' as const }
			)
		});
		fc.assert(
			fc.property(
				fc
					.array(answer, { minLength: 1, maxLength: 6 })
					.chain((answers) =>
						fc.tuple(
							fc.constant(answers),
							fc.shuffledSubarray(answers, { minLength: answers.length })
						)
					),
				([answers, shuffled]) => {
					const settle = (list: typeof answers) => {
						let end: Parameters<typeof answerStands>[0] = asked;
						for (const a of list) {
							if (answerStands(end, a.answer, a.at, a.source)) {
								end = { answer: a.answer, answeredAt: a.at, ...a.source };
							}
						}
						return end;
					};
					expect(settle(shuffled)).toEqual(settle(answers));
				}
			)
		);
	});
});

let r = 0;
function response(fields: Partial<CalloutResponse> = {}): CalloutResponse {
	r++;
	const at = bj(MON, '19:00');
	return {
		id: `c0000000-0000-4000-8000-${String(r).padStart(12, '0')}`,
		createdAt: at,
		updatedAt: at,
		version: 1,
		updatedBy: null,
		calloutId: 'd0000000-0000-4000-8000-000000000001',
		volunteerId: `b1000000-0000-4000-8000-${String(r).padStart(12, '0')}`,
		stationId: LEAD,
		district: 'dongcheng',
		memberName: `成员${r}`,
		memberPhone: '139****0001',
		role: 'duty',
		askedRole: 'duty',
		reasons: [],
		answer: 'asked',
		answeredAt: null,
		answeredBy: null,
		recordedBy: null,
		askedAt: at,
		askedBy: null,
		reveals: [],
		...fields
	};
}

describe('headcount', () => {
	it('counts who accepted for each role against its need, and the answers', () => {
		const callout = {
			roles: [
				{ role: 'duty' as const, headcount: 3 },
				{ role: 'first_aid' as const, headcount: 1 }
			]
		};
		const count = headcount(callout, [
			response({ answer: 'accepted', role: 'duty' }),
			response({ answer: 'accepted', role: 'first_aid' }),
			response({ answer: 'accepted', role: 'duty' }),
			// A role the call-out does not list counts toward its first.
			response({ answer: 'accepted', role: 'patrol' }),
			response({ answer: 'declined', role: 'first_aid' }),
			response({ answer: 'no_answer' }),
			response({ answer: 'asked' }),
			response({ answer: 'asked' })
		]);
		expect(count).toEqual({
			roles: [
				{ role: 'duty', need: 3, accepted: 3 },
				{ role: 'first_aid', need: 1, accepted: 1 }
			],
			need: 4,
			asked: 8,
			accepted: 4,
			declined: 1,
			noAnswer: 1,
			waiting: 2
		});
	});

	it('counts nothing before anyone is asked', () => {
		expect(headcount({ roles: [{ role: 'patrol', headcount: 5 }] }, [])).toEqual({
			roles: [{ role: 'patrol', need: 5, accepted: 0 }],
			need: 5,
			asked: 0,
			accepted: 0,
			declined: 0,
			noAnswer: 0,
			waiting: 0
		});
	});
});

describe('calloutReport', () => {
	let s = 0;
	const signup = (volunteerId: string, fields: Partial<Signup>): Signup => {
		s++;
		return {
			id: `e0000000-0000-4000-8000-${String(s).padStart(12, '0')}`,
			createdAt: bj(MON, '19:00'),
			updatedAt: bj(MON, '19:00'),
			version: 1,
			updatedBy: null,
			shiftId: 'f0000000-0000-4000-8000-000000000001',
			projectId: 'f0000000-0000-4000-8000-000000000002',
			volunteerId,
			status: 'confirmed',
			waitlistOrder: null,
			requestedAt: bj(MON, '19:00'),
			decidedAt: bj(MON, '19:00'),
			checkInAt: null,
			checkOutAt: null,
			hoursCredited: null,
			recordedBy: null,
			...fields
		};
	};

	it('reports asked, accepted, came and hours by the station that asked, and those who walked up', () => {
		const lead = [
			response({ stationId: LEAD, answer: 'accepted' }),
			response({ stationId: LEAD, answer: 'accepted' }),
			response({ stationId: LEAD, answer: 'declined' })
		];
		const neighbour = [
			response({ stationId: NEIGHBOUR, answer: 'accepted' }),
			response({ stationId: NEIGHBOUR, answer: 'asked' })
		];
		const walkUp = 'b2000000-0000-4000-8000-000000000001';
		const report = calloutReport(
			[...lead, ...neighbour],
			[
				signup(lead[0]!.volunteerId, { status: 'completed', hoursCredited: 4 }),
				signup(lead[1]!.volunteerId, { status: 'checked_in' }),
				// Cancelled, or never came: no visit, no hours.
				signup(lead[2]!.volunteerId, { status: 'cancelled' }),
				signup(neighbour[0]!.volunteerId, { status: 'no_show' }),
				signup(walkUp, { status: 'completed', hoursCredited: 2.5, walkIn: true })
			]
		);
		expect(report.rows).toEqual([
			{ stationId: LEAD, asked: 3, accepted: 2, came: 2, hours: 4 },
			{ stationId: NEIGHBOUR, asked: 2, accepted: 1, came: 0, hours: 0 },
			{ stationId: null, asked: 0, accepted: 0, came: 1, hours: 2.5 }
		]);
		expect(report.total).toEqual({ stationId: null, asked: 5, accepted: 3, came: 3, hours: 6.5 });
	});

	it('reports nothing for a call-out nobody was asked for and nobody came to', () => {
		expect(calloutReport([], [])).toEqual({
			rows: [],
			total: { stationId: null, asked: 0, accepted: 0, came: 0, hours: 0 }
		});
	});
});
