import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/authorization';
import { testServer } from '$lib/testing/harness';
import { phoneNo, registration, serverSide, must, station } from '$lib/testing/fixtures';
import type { Db } from './database';
import { lookUpMember } from './member-lookup';

let db: Db;
const home = station({ name: '望京社区妇女志愿服务站', district: 'chaoyang', community: '望京' });
const member = registration({ phone: phoneNo(42), name: '外站巾帼', homeStationId: home.id });
const worker = (accountId = crypto.randomUUID()): Actor => ({
	accountId,
	role: 'station_worker',
	district: 'dongcheng',
	stationId: crypto.randomUUID(),
	volunteerId: null
});

beforeAll(async () => {
	db = await testServer();
	const side = serverSide(db);
	await side.addStation(home);
	await must(side, 'volunteer.register', member);
});

describe('finding a walk-in by her full phone number', () => {
	it('tells staff of any station her name, masked phone and home station, nothing more', async () => {
		const found = await lookUpMember(db, worker(), '139 0000 0042');
		expect(found).toEqual({
			ok: true,
			answer: {
				member: {
					id: member.id,
					name: '外站巾帼',
					phone: '139****0042',
					// Registered by the system, as by staff: active at once.
					status: 'active',
					homeStationName: '望京社区妇女志愿服务站'
				}
			}
		});
		expect(JSON.stringify(found)).not.toContain(phoneNo(42));
	});

	it('looks up only a whole number, and answers not_found for one nobody holds', async () => {
		expect(await lookUpMember(db, worker(), '1390000')).toMatchObject({
			status: 400,
			code: 'invalid_phone'
		});
		expect(await lookUpMember(db, worker(), phoneNo(43))).toMatchObject({ status: 404 });
	});

	it('refuses volunteers', async () => {
		const volunteer: Actor = {
			...worker(),
			role: 'volunteer',
			stationId: null,
			volunteerId: member.id
		};
		expect(await lookUpMember(db, volunteer, phoneNo(42))).toMatchObject({ status: 403 });
	});

	it('limits each account to 30 look-ups in ten minutes, found or not', async () => {
		const account = crypto.randomUUID();
		const now = Date.now();
		for (let i = 0; i < 30; i++) {
			expect((await lookUpMember(db, worker(account), phoneNo(100 + i), now)).ok).toBe(false);
		}
		const held = await lookUpMember(db, worker(account), phoneNo(42), now);
		expect(held).toMatchObject({ ok: false, status: 429, code: 'lookup_limited' });
		expect((await lookUpMember(db, worker(), phoneNo(42), now)).ok).toBe(true);
		expect((await lookUpMember(db, worker(account), phoneNo(42), now + 10 * 60_000 + 1)).ok).toBe(
			true
		);
	});
});
