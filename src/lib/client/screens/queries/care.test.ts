import { describe, expect, it } from 'vitest';
import type { LocalDb } from '$lib/client/data/db';
import { hoursRuleId } from '$lib/domain/attendance';
import type { ArgsOf } from '$lib/domain/mutations';
import { testDevice } from '$lib/testing/harness';
import { at, deviceSide, must, phoneNo, registration, station } from '$lib/testing/fixtures';
import {
	carePersonDetail,
	myPairings,
	myVisits,
	pairingCandidates,
	RECENT_VISITS,
	stationCare,
	visitsToVerifyCount
} from './care';
import { hoursHistory, serviceHours } from './me';

/**
 * A station's tablet after these were synced: 张奶奶 paired with 李秀英 (then, ended, with 王芳),
 * 小雨 (a minor) not paired yet, and 李秀英's visits to 张奶奶, one of them verified.
 */
async function tablet() {
	const db = testDevice();
	const side = deviceSide(db);
	const home = station();
	await side.addStation(home);
	let phones = 0;
	const member = async (name: string, status: 'active' | 'inactive' = 'active') => {
		const args = registration({ phone: phoneNo(++phones), name, homeStationId: home.id });
		await must(side, 'volunteer.register', args);
		await must(side, 'volunteer.setStatus', { id: args.id, status, at: at(1) });
		return args.id;
	};
	const li = await member('李秀英');
	const wang = await member('王芳');
	const gone = await member('赵敏', 'inactive');
	const person = (alias: string, minor = false): ArgsOf<'helped.register'> => ({
		id: crypto.randomUUID(),
		stationId: home.id,
		alias,
		community: '西总布',
		minor,
		guardianName: minor ? '雨妈妈' : '',
		guardianPhone: minor ? '13900000388' : '',
		note: '',
		consent: true,
		at: at(2)
	});
	const zhang = person('张奶奶');
	const yu = person('小雨', true);
	await must(side, 'helped.register', zhang);
	await must(side, 'helped.register', yu);
	const pair = async (volunteerId: string, startOn: string) => {
		const id = crypto.randomUUID();
		await must(side, 'care.pair', {
			id,
			helpedId: zhang.id,
			volunteerId,
			kind: 'elderly_companion',
			startOn,
			at: at(3)
		});
		return id;
	};
	const earlier = await pair(wang, '2026-01-10');
	await must(side, 'care.end', { id: earlier, endOn: '2026-02-20', reason: '搬家', at: at(4) });
	const pairing = await pair(li, '2026-02-25');
	const log = async (on: string, minutes: number) => {
		const id = crypto.randomUUID();
		await must(side, 'care.logVisit', {
			id,
			carePairingId: pairing,
			on,
			minutes,
			note: '陪老人聊天',
			at: `${on}T10:00:00.000Z`
		});
		return id;
	};
	const first = await log('2026-02-27', 90);
	const second = await log('2026-03-01', 50);
	await must(side, 'care.verifyVisit', { id: first, at: at(60) });
	// Everything above came from the server: nothing waits to be sent.
	await db.base.clear();
	return { db, side, home, li, wang, gone, zhang, yu, pairing, earlier, first, second };
}

async function stationRounding(db: LocalDb, district: 'dongcheng') {
	await db.hoursRules.put({
		id: hoursRuleId(district),
		createdAt: at(),
		updatedAt: at(),
		version: 1,
		updatedBy: null,
		district,
		unitMinutes: 30,
		mode: 'down'
	});
}

describe('stationCare', () => {
	it('lists the visits to verify with the hours the district rule credits, and everyone helped', async () => {
		const { db, home, zhang, yu, second } = await tablet();
		await stationRounding(db, 'dongcheng');
		const care = await stationCare(db, home.id);
		// 50 minutes, rounded down to the half hour.
		expect(care.toVerify).toEqual([
			expect.objectContaining({
				visit: expect.objectContaining({ id: second }),
				alias: '张奶奶',
				volunteerName: '李秀英',
				hours: 0.5
			})
		]);
		expect(care.people.map((p) => p.person.id)).toEqual([zhang.id, yu.id]);
		const [withPairings, unpaired] = care.people;
		expect(withPairings!.active.map((p) => p.volunteerName)).toEqual(['李秀英']);
		expect(withPairings!.ended.map((p) => p.volunteerName)).toEqual(['王芳']);
		expect(unpaired!.active).toEqual([]);
		expect(await visitsToVerifyCount(db, home.id)).toBe(1);
	});

	it('holds nothing of another station', async () => {
		const { db } = await tablet();
		expect(await stationCare(db, crypto.randomUUID())).toEqual({ toVerify: [], people: [] });
	});
});

describe('carePersonDetail', () => {
	it('shows her active pairing first, with its visits the latest first', async () => {
		const { db, zhang, pairing, earlier, first, second } = await tablet();
		const detail = await carePersonDetail(db, zhang.id);
		expect(detail?.pairings.map((p) => p.pairing.id)).toEqual([pairing, earlier]);
		expect(detail?.pairings[0]!.visits.map((v) => v.visit.id)).toEqual([second, first]);
		expect(await carePersonDetail(db, crypto.randomUUID())).toBeNull();
	});
});

describe('pairingCandidates', () => {
	it('offers only the station’s active members', async () => {
		const { db, home } = await tablet();
		expect((await pairingCandidates(db, home.id)).map((v) => v.name).sort()).toEqual(
			['李秀英', '王芳'].sort()
		);
	});
});

describe('a volunteer’s own pairings', () => {
	it('shows her active pairing with her latest visits, a new one at once as waiting', async () => {
		const { db, side, li, pairing, first, second } = await tablet();
		const logged = crypto.randomUUID();
		await must(side, 'care.logVisit', {
			id: logged,
			carePairingId: pairing,
			on: '2026-03-02',
			minutes: 60,
			note: '',
			at: '2026-03-02T10:00:00.000Z'
		});
		const [mine, ...others] = await myPairings(db, li);
		expect(others).toEqual([]);
		expect(mine!.person?.alias).toBe('张奶奶');
		expect(mine!.recent.map((v) => [v.visit.id, v.waiting])).toEqual([
			[logged, true],
			[second, false],
			[first, false]
		]);
		expect(mine!.recent.length).toBeLessThanOrEqual(RECENT_VISITS);
	});

	it('counts a verified visit in her hours and lists every visit in her history', async () => {
		const { db, li, first, second } = await tablet();
		const hours = await serviceHours(db, li);
		expect(hours).toMatchObject({ hours: 1.5, visits: 1, completed: 0 });
		const visits = await myVisits(db, li);
		expect(visits.map((v) => [v.visit.id, v.alias])).toEqual([
			[second, '张奶奶'],
			[first, '张奶奶']
		]);
		const history = await hoursHistory(db, li);
		expect(history.map((e) => (e.kind === 'visit' ? [e.visit.id, e.verified] : null))).toEqual([
			[second, false],
			[first, true]
		]);
	});

	it('keeps her visits in her history after the person’s record is erased, without a name', async () => {
		const { db, side, li, zhang } = await tablet();
		await must(side, 'helped.erase', { id: zhang.id, at: at(90) });
		expect(await myPairings(db, li)).toEqual([]);
		expect((await myVisits(db, li)).map((v) => v.alias)).toEqual([null, null]);
		expect((await serviceHours(db, li)).hours).toBe(1.5);
	});
});
