/**
 * Reads for one-to-one pairing (结对帮扶). A station's tablet holds its people helped, their
 * pairings and visits; a volunteer's phone holds only her own pairings, their visits and the
 * people she is paired with; an admin's device holds none. Every read starts from an index
 * (`stationId`, `volunteerId`, `helpedId`, `carePairingId`) and reads the rest by id, so it all
 * works offline. A visit still in the outbox has a `base` entry: it shows as waiting to be sent.
 */
import type { LocalDb } from '$lib/client/data/db';
import { defaultRounding, hoursForMinutes, hoursRuleId } from '$lib/domain/attendance';
import type { CarePairing, CareVisit, HelpedPerson, Volunteer } from '$lib/domain/schemas';
import { compareNames, compareText } from '$lib/domain/order';

/** A pairing with the name of the volunteer in it (null when her record is not on the device). */
export interface PairingView {
	pairing: CarePairing;
	volunteerName: string | null;
}

/** A person helped with her pairings: the active ones, and the ended ones to fold away. */
export interface CarePersonSummary {
	person: HelpedPerson;
	active: PairingView[];
	ended: PairingView[];
}

/** A visit awaiting the station's check, with whom it was for and what it will credit. */
export interface VisitToVerify {
	visit: CareVisit;
	alias: string | null;
	volunteerName: string | null;
	/** The hours verifying it credits now, by the district's rule on this device. */
	hours: number;
}

export interface StationCare {
	/** Visits not yet verified, the oldest first: the station's work to do. */
	toVerify: VisitToVerify[];
	/** Everyone helped: those with an active pairing first, then by name. */
	people: CarePersonSummary[];
}

/** A visit as its volunteer and her station see it. */
export interface VisitView {
	visit: CareVisit;
	/** Logged on this device and not yet on the server. */
	waiting: boolean;
}

const latestFirst = (a: CareVisit, b: CareVisit) =>
	compareText(b.on, a.on) || compareText(b.createdAt, a.createdAt);

async function namesOf(db: LocalDb, volunteerIds: string[]): Promise<Map<string, string>> {
	const unique = [...new Set(volunteerIds)];
	const members = await db.volunteers.bulkGet(unique);
	return new Map(members.filter((v): v is Volunteer => v !== undefined).map((v) => [v.id, v.name]));
}

async function withWaiting(db: LocalDb, visits: CareVisit[]): Promise<VisitView[]> {
	const pending = await db.base.bulkGet(visits.map((v) => `careVisits:${v.id}`));
	return visits.map((visit, i) => ({ visit, waiting: pending[i] !== undefined }));
}

/** The station's people helped, their pairings, and the visits waiting for its check. */
export async function stationCare(db: LocalDb, stationId: string): Promise<StationCare> {
	const people = await db.helpedPeople.where('stationId').equals(stationId).toArray();
	const pairings = await db.carePairings.where('stationId').equals(stationId).toArray();
	const visits = await db.careVisits.where('stationId').equals(stationId).toArray();
	const names = await namesOf(db, [
		...pairings.map((p) => p.volunteerId),
		...visits.map((v) => v.volunteerId)
	]);
	const districts = [...new Set(visits.map((v) => v.district))];
	const rules = await db.hoursRules.bulkGet(districts.map(hoursRuleId));
	const ruleOf = new Map(districts.map((d, i) => [d, rules[i] ?? defaultRounding]));

	const aliasOfPairing = new Map<string, string>();
	const summaries = new Map<string, CarePersonSummary>(
		people.map((person) => [person.id, { person, active: [], ended: [] }])
	);
	for (const pairing of pairings) {
		const summary = summaries.get(pairing.helpedId);
		if (!summary) continue;
		aliasOfPairing.set(pairing.id, summary.person.alias);
		const view = { pairing, volunteerName: names.get(pairing.volunteerId) ?? null };
		(pairing.status === 'active' ? summary.active : summary.ended).push(view);
	}
	for (const summary of summaries.values()) {
		summary.active.sort((a, b) => compareText(a.pairing.startOn, b.pairing.startOn));
		summary.ended.sort((a, b) => compareText(b.pairing.endOn ?? '', a.pairing.endOn ?? ''));
	}

	const toVerify = visits
		.filter((visit) => visit.verifiedAt === null)
		.sort((a, b) => compareText(a.on, b.on) || compareText(a.createdAt, b.createdAt))
		.map((visit) => ({
			visit,
			alias: aliasOfPairing.get(visit.carePairingId) ?? null,
			volunteerName: names.get(visit.volunteerId) ?? null,
			hours: hoursForMinutes(visit.minutes, ruleOf.get(visit.district) ?? defaultRounding)
		}));
	const list = [...summaries.values()].sort(
		(a, b) =>
			Number(b.active.length > 0) - Number(a.active.length > 0) ||
			compareNames(a.person.alias, b.person.alias)
	);
	return { toVerify, people: list };
}

/** How many visits wait for the station's check: the figure on its home. */
export function visitsToVerifyCount(db: LocalDb, stationId: string): Promise<number> {
	return db.careVisits
		.where('stationId')
		.equals(stationId)
		.filter((visit) => visit.verifiedAt === null)
		.count();
}

/** One pairing of a person helped, with its visits, the latest first. */
export interface PairingDetail extends PairingView {
	visits: VisitView[];
}

export interface CarePersonDetail {
	person: HelpedPerson;
	/** Active pairings first (the oldest first), then the ended ones (the latest ended first). */
	pairings: PairingDetail[];
}

/** A person helped, as her station's page about her shows her; null when not on this device. */
export async function carePersonDetail(
	db: LocalDb,
	helpedId: string
): Promise<CarePersonDetail | null> {
	const person = await db.helpedPeople.get(helpedId);
	if (!person) return null;
	const pairings = await db.carePairings.where('helpedId').equals(helpedId).toArray();
	const names = await namesOf(
		db,
		pairings.map((p) => p.volunteerId)
	);
	const details: PairingDetail[] = [];
	for (const pairing of pairings) {
		const visits = await db.careVisits.where('carePairingId').equals(pairing.id).toArray();
		details.push({
			pairing,
			volunteerName: names.get(pairing.volunteerId) ?? null,
			visits: await withWaiting(db, visits.sort(latestFirst))
		});
	}
	details.sort(
		(a, b) =>
			Number(b.pairing.status === 'active') - Number(a.pairing.status === 'active') ||
			(a.pairing.status === 'active'
				? compareText(a.pairing.startOn, b.pairing.startOn)
				: compareText(b.pairing.endOn ?? '', a.pairing.endOn ?? ''))
	);
	return { person, pairings: details };
}

/** The members a station may pair with someone: its active members on this device, by name. */
export async function pairingCandidates(db: LocalDb, stationId: string): Promise<Volunteer[]> {
	const members = await db.volunteers.where('homeStationId').equals(stationId).toArray();
	return members.filter((v) => v.status === 'active').sort((a, b) => compareNames(a.name, b.name));
}

/** How many of a volunteer's latest visits her home shows per pairing. */
export const RECENT_VISITS = 3;

/** One of her active pairings, for her home: whom she helps and her latest visits. */
export interface MyPairing {
	pairing: CarePairing;
	/** Null when the record is not on her phone (yet, or no longer). */
	person: HelpedPerson | null;
	recent: VisitView[];
}

/** A volunteer's active pairings, the oldest first, each with her latest visits. */
export async function myPairings(db: LocalDb, volunteerId: string): Promise<MyPairing[]> {
	const pairings = (await db.carePairings.where('volunteerId').equals(volunteerId).toArray())
		.filter((p) => p.status === 'active')
		.sort((a, b) => compareText(a.startOn, b.startOn));
	const people = await db.helpedPeople.bulkGet(pairings.map((p) => p.helpedId));
	const result: MyPairing[] = [];
	for (const [i, pairing] of pairings.entries()) {
		const visits = await db.careVisits.where('carePairingId').equals(pairing.id).toArray();
		result.push({
			pairing,
			person: people[i] ?? null,
			recent: await withWaiting(db, visits.sort(latestFirst).slice(0, RECENT_VISITS))
		});
	}
	return result;
}

/** One of her visits, for her hours history. */
export interface MyVisitEntry {
	visit: CareVisit;
	/** Whom she visited; null when the record is gone (erased) or not on her phone. */
	alias: string | null;
}

/** All her visits, the latest first, with whom each was for. */
export async function myVisits(db: LocalDb, volunteerId: string): Promise<MyVisitEntry[]> {
	const visits = (await db.careVisits.where('volunteerId').equals(volunteerId).toArray()).sort(
		latestFirst
	);
	const pairings = await db.carePairings.bulkGet(visits.map((v) => v.carePairingId));
	const people = await db.helpedPeople.bulkGet(pairings.map((p) => p?.helpedId ?? ''));
	return visits.map((visit, i) => ({ visit, alias: people[i]?.alias ?? null }));
}
