/**
 * The device's database. Everything a screen shows is read from here, so every screen works with
 * no network. The name is a parameter: each signed-in account gets a database of its own.
 *
 * Tables hold the server's state plus the effect of mutations still waiting in the outbox.
 * `base` keeps, for each row a pending mutation touched, the server's copy of it, so a pull can
 * put server truth back and replay what is pending on top (the rebase).
 */
import { Dexie, type EntityTable } from 'dexie';
import type { FigurePeriod } from '$lib/domain/figures';
import type { MutationName } from '$lib/domain/mutations';
import type { Actor } from '$lib/domain/permissions';
import type {
	Attendance,
	Callout,
	CalloutResponse,
	CarePairing,
	CareVisit,
	HelpedPerson,
	Organization,
	Pairing,
	PairingActivity,
	Team,
	HoursRule,
	Project,
	RosterEntry,
	Shift,
	Signup,
	StaffEntry,
	Station,
	TableName,
	Transfer,
	Volunteer
} from '$lib/domain/schemas';

export interface OutboxEntry {
	/** Contiguous per device, starting at 1. */
	id: number;
	name: MutationName;
	args: unknown;
	createdAt: string;
	/**
	 * Who made it, so a replay after a pull is authorized and recorded as her. Absent on entries
	 * queued before accounts existed.
	 */
	actor?: Actor;
}

/** The key of a record's entry in the base. */
export const baseKey = (table: TableName, id: string) => `${table}:${id}`;

export interface BaseEntry {
	/** `${table}:${id}` */
	key: string;
	table: TableName;
	id: string;
	/** The row as the server last sent it; null when the server has no such row yet. */
	row: Record<string, unknown> | null;
}

/** A mutation the server refused: kept until the user fixes or discards it. */
export interface Refusal {
	mutationId: number;
	name: MutationName;
	args: unknown;
	code: string;
	path: (string | number)[];
	detail: Record<string, string>;
	at: string;
}

export interface MetaEntry {
	key: string;
	value: unknown;
}

/**
 * The last answer the server gave to one question about figures (a scope and a period), kept so
 * the dashboards open offline. Device-only: never synced, and wiped with the account's database.
 */
export interface KeptFigures {
	/** The question as its search parameters (`figuresSearch`), e.g. `period=2026-11&district=…`. */
	key: string;
	period: FigurePeriod;
	/** The answer as it came; parsed again when read back. */
	answer: unknown;
	/** When this device received it (the answer's own `asOf` is the server's time). */
	keptAt: string;
}

export type LocalDb = Dexie & {
	stations: EntityTable<Station, 'id'>;
	volunteers: EntityTable<Volunteer, 'id'>;
	projects: EntityTable<Project, 'id'>;
	shifts: EntityTable<Shift, 'id'>;
	signups: EntityTable<Signup, 'id'>;
	attendance: EntityTable<Attendance, 'id'>;
	roster: EntityTable<RosterEntry, 'id'>;
	hoursRules: EntityTable<HoursRule, 'id'>;
	staff: EntityTable<StaffEntry, 'id'>;
	transfers: EntityTable<Transfer, 'id'>;
	callouts: EntityTable<Callout, 'id'>;
	calloutResponses: EntityTable<CalloutResponse, 'id'>;
	teams: EntityTable<Team, 'id'>;
	organizations: EntityTable<Organization, 'id'>;
	pairings: EntityTable<Pairing, 'id'>;
	pairingActivities: EntityTable<PairingActivity, 'id'>;
	helpedPeople: EntityTable<HelpedPerson, 'id'>;
	carePairings: EntityTable<CarePairing, 'id'>;
	careVisits: EntityTable<CareVisit, 'id'>;
	outbox: EntityTable<OutboxEntry, 'id'>;
	base: EntityTable<BaseEntry, 'key'>;
	refusals: EntityTable<Refusal, 'mutationId'>;
	meta: EntityTable<MetaEntry, 'key'>;
	figures: EntityTable<KeptFigures, 'key'>;
};

export const DEFAULT_DB_NAME = 'volunteer-stations';

export function openLocalDb(name: string = DEFAULT_DB_NAME): LocalDb {
	const db = new Dexie(name) as LocalDb;
	db.version(1).stores({
		stations: 'id, district, name',
		volunteers: 'id, name, phone, district, homeStationId, status, updatedAt',
		projects: 'id, stationId, district, category, status, updatedAt',
		shifts: 'id, projectId, stationId, start',
		signups: 'id, shiftId, volunteerId, projectId, [shiftId+volunteerId]',
		outbox: 'id',
		base: 'key',
		refusals: 'mutationId',
		meta: 'key'
	});
	// Staff names for headers and "recorded by" lines; members moving between stations; and the
	// members who asked for erasure, for their station's list of requests.
	db.version(3).stores({
		volunteers: 'id, name, phone, district, homeStationId, status, updatedAt, erasureRequestedAt',
		staff: 'id, stationId, district, role',
		transfers: 'id, volunteerId, fromStationId, toStationId, status'
	});
	// Event days: attendance events (read per person and shift, and a volunteer's own), the
	// roster's names of people the device holds no record of, and the districts' hours rules.
	db.version(4).stores({
		attendance: 'id, [shiftId+volunteerId], shiftId, volunteerId',
		roster: 'id, shiftId',
		hoursRules: 'id, district'
	});
	// Federation figures: the last answer to each question, for the dashboards offline.
	db.version(5).stores({
		figures: 'key, period'
	});
	// Emergency call-outs, and each member's response to one (read per call-out and per member).
	db.version(6).stores({
		callouts: 'id, status, district, start',
		calloutResponses: 'id, calloutId, volunteerId, [calloutId+volunteerId]'
	});
	// Volunteer teams (read per station, and per member for her teams), a district's social
	// organizations, their pairings with stations and teams, and what each pairing did.
	db.version(7).stores({
		teams: 'id, stationId, *memberIds',
		organizations: 'id, district, name',
		pairings: 'id, organizationId, stationId, teamId',
		pairingActivities: 'id, pairingId, on',
		// One-to-one pairings: the people helped, each pairing (per person, per volunteer), and
		// its visits (per pairing, and a volunteer's own).
		helpedPeople: 'id, stationId',
		carePairings: 'id, stationId, volunteerId, helpedId',
		careVisits: 'id, carePairingId, volunteerId, stationId'
	});
	return db;
}

export const syncedTables = [
	'stations',
	'volunteers',
	'projects',
	'shifts',
	'signups',
	'attendance',
	'roster',
	'hoursRules',
	'staff',
	'transfers',
	'callouts',
	'calloutResponses',
	'teams',
	'organizations',
	'pairings',
	'pairingActivities',
	'helpedPeople',
	'carePairings',
	'careVisits'
] as const;

/** The tables a local change or a rebase writes: the synced ones and the sync bookkeeping. */
export function tablesFor(db: LocalDb) {
	return [...syncedTables.map((t) => db.table(t)), db.outbox, db.base, db.meta];
}

/**
 * Whether the browser refused to store more (its quota for this site is used up). Dexie passes
 * the DOMException on, or wraps it (an aborted transaction) with the cause in `inner`.
 */
export function isStorageFull(error: unknown): boolean {
	let cause = error;
	for (let depth = 0; depth < 5 && typeof cause === 'object' && cause !== null; depth++) {
		if ((cause as { name?: unknown }).name === 'QuotaExceededError') return true;
		cause = (cause as { inner?: unknown }).inner;
	}
	return false;
}

export async function getMeta<T>(db: LocalDb, key: string, fallback: T): Promise<T> {
	const entry = await db.meta.get(key);
	return entry === undefined ? fallback : (entry.value as T);
}

export async function setMeta(db: LocalDb, key: string, value: unknown): Promise<void> {
	await db.meta.put({ key, value });
}

/** This device's id for sync, made once per database. */
export async function clientId(db: LocalDb): Promise<string> {
	return db.transaction('rw', db.meta, async () => {
		const existing = await getMeta<string | null>(db, 'clientId', null);
		if (existing) return existing;
		const id = crypto.randomUUID();
		await setMeta(db, 'clientId', id);
		return id;
	});
}
