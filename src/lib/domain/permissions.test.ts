/**
 * Who may read and manage each kind of record, for each role, inside and outside its scope: the
 * one table the server's rules, the pull's row check and the screens all rely on.
 */
import { describe, expect, it } from 'vitest';
import { at, registration, station } from '$lib/testing/fixtures';
import type { Project, Shift, Signup, StaffEntry, Station, Transfer, Volunteer } from './schemas';
import {
	factsOf,
	mayAdministerAccount,
	mayCreateAccount,
	mayDecideTransfer,
	mayEditStationDetails,
	mayManage,
	mayRead,
	reachesDevice,
	type Actor,
	type Subject
} from './permissions';

const xizongbu = station({ name: '西总布站', community: '西总布' });
const dongsi = station({ name: '东四站', community: '东四' });
const wangjing = station({ name: '望京站', district: 'chaoyang', community: '望京' });

function member(home: Station, overrides: Partial<Volunteer> = {}): Volunteer {
	const args = registration({ homeStationId: home.id, district: home.district });
	return {
		...args,
		phone: '13800000001',
		createdAt: at(),
		updatedAt: at(),
		version: 1,
		updatedBy: null,
		consentAt: at(),
		status: 'active',
		registeredBy: null,
		...overrides
	} as Volunteer;
}

function project(home: Station, status: Project['status']): Project {
	return {
		id: crypto.randomUUID(),
		createdAt: at(),
		updatedAt: at(),
		version: 1,
		updatedBy: null,
		stationId: home.id,
		district: home.district,
		title: '探访',
		description: '',
		category: 'elderly_care',
		place: '活动室',
		requiredSkills: [],
		status,
		urgent: false,
		minAge: null,
		publishedAt: null,
		closedAt: null,
		calloutId: null,
		teamId: null,
		coOrganizerIds: []
	};
}

const shiftOf = (p: Project): Shift => ({
	id: crypto.randomUUID(),
	createdAt: at(),
	updatedAt: at(),
	version: 1,
	updatedBy: null,
	projectId: p.id,
	stationId: p.stationId,
	start: at(60),
	end: at(120),
	capacity: 3,
	confirmedCount: 0,
	waitlistCount: 0,
	waitlistSeq: 0
});

const signupOf = (s: Shift, volunteerId: string): Signup => ({
	id: crypto.randomUUID(),
	createdAt: at(),
	updatedAt: at(),
	version: 1,
	updatedBy: null,
	shiftId: s.id,
	projectId: s.projectId,
	volunteerId,
	status: 'confirmed',
	waitlistOrder: null,
	requestedAt: at(),
	decidedAt: at(),
	checkInAt: null,
	checkOutAt: null,
	hoursCredited: null,
	recordedBy: null
});

const staffOf = (
	role: StaffEntry['role'],
	at: Station | null,
	district = at?.district ?? null
): StaffEntry => ({
	id: crypto.randomUUID(),
	createdAt: '2026-01-01T00:00:00.000Z',
	updatedAt: '2026-01-01T00:00:00.000Z',
	version: 1,
	updatedBy: null,
	displayName: '某老师',
	role,
	district,
	stationId: at?.id ?? null,
	active: true
});

const transferOf = (volunteerId: string, from: Station, to: Station): Transfer => ({
	id: crypto.randomUUID(),
	createdAt: at(),
	updatedAt: at(),
	version: 1,
	updatedBy: null,
	volunteerId,
	memberName: '某某',
	memberPhone: '138****0001',
	fromStationId: from.id,
	fromDistrict: from.district,
	toStationId: to.id,
	toDistrict: to.district,
	requestedBy: 'member',
	note: '',
	status: 'requested',
	requestedAt: at(),
	decidedAt: null,
	decidedBy: null
});

const her = member(xizongbu);
const actors: Record<string, Actor> = {
	city: { accountId: 'c', role: 'city_admin', district: null, stationId: null, volunteerId: null },
	dongcheng: {
		accountId: 'd',
		role: 'district_admin',
		district: 'dongcheng',
		stationId: null,
		volunteerId: null
	},
	worker: {
		accountId: 'w',
		role: 'station_worker',
		district: 'dongcheng',
		stationId: xizongbu.id,
		volunteerId: null
	},
	volunteer: {
		accountId: 'v',
		role: 'volunteer',
		district: null,
		stationId: null,
		volunteerId: her.id
	}
};

const draftHere = project(xizongbu, 'draft');
const openHere = project(xizongbu, 'published');
const openNextDoor = project(dongsi, 'published');
const draftChaoyang = project(wangjing, 'draft');
const facts = factsOf({
	stations: [xizongbu, dongsi, wangjing],
	projects: [draftHere, openHere, openNextDoor, draftChaoyang]
});

/** R: may read; M: may read and manage; -: neither. Columns: city, dongcheng, worker, volunteer. */
const table: [string, Subject, string][] = [
	['a station', { table: 'stations', row: xizongbu }, 'M M R R'],
	['another district’s station', { table: 'stations', row: wangjing }, 'M R R R'],
	['her own member record', { table: 'volunteers', row: her }, 'M M M R'],
	['a member next door', { table: 'volunteers', row: member(dongsi) }, 'M M - -'],
	[
		'a member living in Dongcheng, of a Chaoyang station',
		{ table: 'volunteers', row: member(wangjing, { district: 'dongcheng' }) },
		'M M - -'
	],
	['a Chaoyang member', { table: 'volunteers', row: member(wangjing) }, 'M - - -'],
	['a draft project here', { table: 'projects', row: draftHere }, 'M M M -'],
	['a published project next door', { table: 'projects', row: openNextDoor }, 'M M - R'],
	['a Chaoyang draft', { table: 'projects', row: draftChaoyang }, 'M - - -'],
	['a shift of a draft here', { table: 'shifts', row: shiftOf(draftHere) }, 'M M M -'],
	[
		'a shift of a published project next door',
		{ table: 'shifts', row: shiftOf(openNextDoor) },
		'M M - R'
	],
	[
		'her own sign-up next door',
		{ table: 'signups', row: signupOf(shiftOf(openNextDoor), her.id) },
		'M M - R'
	],
	[
		'someone else’s sign-up here',
		{ table: 'signups', row: signupOf(shiftOf(openHere), crypto.randomUUID()) },
		'M M M -'
	],
	[
		'her own transfer from here to Chaoyang',
		{ table: 'transfers', row: transferOf(her.id, xizongbu, wangjing) },
		'M M M R'
	],
	[
		'someone’s transfer from Chaoyang to next door',
		{ table: 'transfers', row: transferOf(crypto.randomUUID(), wangjing, dongsi) },
		'M M - -'
	],
	[
		'someone’s transfer within Chaoyang',
		{ table: 'transfers', row: transferOf(crypto.randomUUID(), wangjing, wangjing) },
		'M - - -'
	],
	[
		'a colleague at this station',
		{ table: 'staff', row: staffOf('station_worker', xizongbu) },
		'M R R -'
	],
	['a worker next door', { table: 'staff', row: staffOf('station_worker', dongsi) }, 'M R - -'],
	[
		'Dongcheng’s admin',
		{ table: 'staff', row: staffOf('district_admin', null, 'dongcheng') },
		'M R R -'
	],
	[
		'Chaoyang’s admin',
		{ table: 'staff', row: staffOf('district_admin', null, 'chaoyang') },
		'M - - -'
	],
	['the city admin', { table: 'staff', row: staffOf('city_admin', null) }, 'M R R -']
];

describe('mayRead and mayManage', () => {
	it.each(table)('%s: %s', (_what, subject, expected) => {
		const got = Object.values(actors)
			.map((actor) =>
				mayManage(actor, subject, facts) ? 'M' : mayRead(actor, subject, facts) ? 'R' : '-'
			)
			.join(' ');
		expect(got).toBe(expected);
	});

	it('grants nothing on a fact it does not have', () => {
		const shift = shiftOf(draftHere);
		expect(mayRead(actors.worker!, { table: 'shifts', row: shift }, factsOf({}))).toBe(false);
		expect(mayManage(actors.dongcheng!, { table: 'shifts', row: shift }, factsOf({}))).toBe(false);
	});

	it('lets a worker with no station, or an admin with no district, manage nothing', () => {
		const stray: Actor = { ...actors.worker!, stationId: null };
		const lost: Actor = { ...actors.dongcheng!, district: null };
		for (const [, subject] of table) {
			expect(mayManage(stray, subject, facts)).toBe(false);
			expect(mayManage(lost, subject, facts)).toBe(false);
		}
	});
});

describe('mayAdministerAccount', () => {
	it.each([
		['city', 'city_admin', null, true],
		['city', 'volunteer', 'chaoyang', true],
		['dongcheng', 'station_worker', 'dongcheng', true],
		['dongcheng', 'volunteer', 'dongcheng', true],
		['dongcheng', 'station_worker', 'chaoyang', false],
		['dongcheng', 'city_admin', null, false],
		['worker', 'volunteer', 'dongcheng', false],
		['volunteer', 'volunteer', 'dongcheng', false]
	] as const)('%s administering a %s of %s: %s', (who, role, district, expected) => {
		expect(mayAdministerAccount(actors[who]!, { role, district })).toBe(expected);
	});
});

describe('mayCreateAccount', () => {
	it.each([
		['city', 'district_admin', 'chaoyang', true],
		['city', 'station_worker', 'chaoyang', true],
		['city', 'city_admin', null, false],
		['dongcheng', 'station_worker', 'dongcheng', true],
		['dongcheng', 'station_worker', 'chaoyang', false],
		['dongcheng', 'district_admin', 'dongcheng', false],
		['worker', 'station_worker', 'dongcheng', false],
		['volunteer', 'station_worker', 'dongcheng', false]
	] as const)('%s opening a %s of %s: %s', (who, role, district, expected) => {
		expect(mayCreateAccount(actors[who]!, { role, district })).toBe(expected);
	});
});

describe('stations and transfers', () => {
	it('lets a station’s own worker keep its details, and no one else’s', () => {
		expect(mayEditStationDetails(actors.worker!, xizongbu)).toBe(true);
		expect(mayEditStationDetails(actors.worker!, dongsi)).toBe(false);
		expect(mayEditStationDetails(actors.dongcheng!, dongsi)).toBe(true);
		expect(mayEditStationDetails(actors.volunteer!, xizongbu)).toBe(false);
	});

	it('lets the station she moves to decide her transfer, not the one she leaves', () => {
		const away = transferOf(her.id, xizongbu, wangjing);
		const here = transferOf(crypto.randomUUID(), wangjing, xizongbu);
		expect(mayDecideTransfer(actors.worker!, away)).toBe(false);
		expect(mayDecideTransfer(actors.worker!, here)).toBe(true);
		expect(mayDecideTransfer(actors.dongcheng!, here)).toBe(true);
		expect(mayDecideTransfer(actors.dongcheng!, away)).toBe(false);
		expect(mayDecideTransfer(actors.city!, away)).toBe(true);
	});
});

describe('reachesDevice', () => {
	const shift = shiftOf(openHere);
	const hers = signupOf(shift, her.id);
	const held = { ...facts, heldMembers: new Set([her.id]) };
	const other = member(xizongbu, { registeredBy: 'd' });

	it('gives an admin’s device only the members she holds, with their sign-ups', () => {
		for (const admin of [actors.city!, actors.dongcheng!]) {
			expect(mayManage(admin, { table: 'volunteers', row: her }, facts)).toBe(true);
			expect(reachesDevice(admin, { table: 'volunteers', row: her }, facts)).toBe(false);
			expect(reachesDevice(admin, { table: 'signups', row: hers }, facts)).toBe(false);
			expect(reachesDevice(admin, { table: 'volunteers', row: her }, held)).toBe(true);
			expect(reachesDevice(admin, { table: 'signups', row: hers }, held)).toBe(true);
			// Everything else she reads still reaches her device.
			expect(reachesDevice(admin, { table: 'shifts', row: shift }, facts)).toBe(true);
		}
		// The members she registered herself.
		expect(reachesDevice(actors.dongcheng!, { table: 'volunteers', row: other }, facts)).toBe(true);
		expect(reachesDevice(actors.city!, { table: 'volunteers', row: other }, facts)).toBe(false);
	});

	it('never sends what she may not read, held or not', () => {
		const outside = member(wangjing);
		const holding = { ...facts, heldMembers: new Set([outside.id]) };
		expect(reachesDevice(actors.dongcheng!, { table: 'volunteers', row: outside }, holding)).toBe(
			false
		);
	});

	it('leaves a station’s tablet, a volunteer’s phone and the system their whole scope', () => {
		expect(reachesDevice(actors.worker!, { table: 'volunteers', row: her }, facts)).toBe(true);
		expect(reachesDevice(actors.volunteer!, { table: 'signups', row: hers }, facts)).toBe(true);
		const system = { ...actors.city!, accountId: null };
		expect(reachesDevice(system, { table: 'volunteers', row: her }, facts)).toBe(true);
	});
});
