/**
 * What the benchmark runs inside Chromium, on the server's origin: the real device code (Dexie
 * database, pull, mutations, member search) against raw IndexedDB doing the same writes and reads.
 * Each function returns plain timings in milliseconds; the runner turns them into figures.
 */
import { openLocalDb, syncedTables, type LocalDb } from '$lib/client/data/db';
import { runMutation } from '$lib/client/data/mutate';
import { MEMBER_PAGE, memberIndex, phoneDigits } from '$lib/client/screens/queries/members';
import { loadCharReadings } from '$lib/client/screens/search/pinyin';
import { pullChanges, type Fetch } from '$lib/client/data/sync';
import { ACCOUNT_HEADER } from '$lib/domain/accounts';
import { seededRandom } from '$lib/domain/demo';
import { PRIVACY_NOTICE_VERSION } from '$lib/domain/reference';
import type { Signup, Volunteer } from '$lib/domain/schemas';
import { districtMembers } from './district';
import {
	committed,
	createMirror,
	deleteDatabase,
	openExisting,
	prefixCursor,
	putAll,
	request
} from './raw-idb';

async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
	const start = performance.now();
	const result = await run();
	return [performance.now() - start, result];
}

async function openDb(name: string): Promise<LocalDb> {
	const db = openLocalDb(name);
	await db.open();
	return db;
}

/** Signs in on the page's origin, as the app does; the session cookie stays in the profile. */
export async function signIn(login: string, password: string): Promise<string> {
	const response = await fetch('/api/auth/sign-in', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ login, password })
	});
	if (!response.ok) throw new Error(`sign-in answered ${response.status}`);
	const { account } = (await response.json()) as { account: { id: string } };
	return account.id;
}

/**
 * Bootstrap: an empty device database pulls everything from the server with the real sync,
 * speaking for a signed-in account (the cookie goes along by itself; the header names it).
 */
export async function bootstrap(
	name: string,
	accountId: string
): Promise<{ ms: number; records: number }> {
	const db = await openDb(name);
	const speaking: Fetch = (url, init) => {
		const headers = new Headers(init.headers);
		headers.set(ACCOUNT_HEADER, accountId);
		return fetch(url, { ...init, headers });
	};
	const [ms, records] = await timed(() => pullChanges(db, speaking));
	db.close();
	return { ms, records };
}

/**
 * The baseline of bootstrap: the rows the device now holds, written with plain IndexedDB `put`s
 * into a database with the same indexes, one transaction per table.
 */
export async function rawBulkWrite(
	source: string,
	target: string
): Promise<{ ms: number; records: number }> {
	const db = await openDb(source);
	const rows = await Promise.all(syncedTables.map((t) => db.table(t).toArray()));
	const raw = await createMirror(target, db);
	db.close();
	const [ms] = await timed(async () => {
		for (const [i, table] of syncedTables.entries()) await putAll(raw, table, rows[i]!);
	});
	raw.close();
	return { ms, records: rows.reduce((n, r) => n + r.length, 0) };
}

/** Setup for the district view: generated members written with bulkPut (not timed). */
export async function seedDistrict(name: string, count: number): Promise<{ members: number }> {
	const { stations, volunteers } = await districtMembers(count);
	const db = await openDb(name);
	await db.stations.bulkPut(stations);
	for (let i = 0; i < volunteers.length; i += 10_000) {
		await db.volunteers.bulkPut(volunteers.slice(i, i + 10_000));
	}
	const members = await db.volunteers.count();
	db.close();
	return { members };
}

/** What a user would type: whole phone numbers and whole names of members the device holds. */
export async function typedTexts(name: string, each: number): Promise<string[]> {
	const db = await openDb(name);
	const ids = await db.volunteers.toCollection().primaryKeys();
	const rnd = seededRandom(42);
	const picked = (await db.volunteers.bulkGet(
		Array.from({ length: each * 2 }, () => rnd.pick(ids))
	)) as Volunteer[];
	db.close();
	return picked.map((v, i) => (i % 2 === 0 ? v.phone : v.name));
}

/**
 * Search as you type, as the members screen does it: the member index is built once (timed on its
 * own: the first build, which works out every name's pinyin, then rebuilds, which a change to the
 * members table causes), then each text is typed one character at a time; every keystroke runs
 * the real `MemberIndex.search` (a page of 50), and a raw index cursor over the same prefix with
 * the same limit. Which of the two goes first alternates, so neither always reads a warmer cache.
 * The builds' baseline is reading every member with one raw `getAll`, the read a build starts with.
 */
export async function searchAsYouType(
	name: string,
	texts: string[]
): Promise<{
	real: number[];
	raw: number[];
	found: number;
	firstBuild: number;
	rebuilds: number[];
	rawReads: number[];
}> {
	const db = await openDb(name);
	const raw = await openExisting(name);
	const readings = await loadCharReadings();
	const [firstBuild] = await timed(() => memberIndex(db, readings));
	const rebuilds: number[] = [];
	const rawReads: number[] = [];
	for (let i = 0; i < 5; i++) {
		rebuilds.push((await timed(() => memberIndex(db, readings)))[0]);
		rawReads.push(
			(
				await timed(() => request(raw.transaction('volunteers').objectStore('volunteers').getAll()))
			)[0]
		);
	}
	const index = await memberIndex(db, readings);
	const real: number[] = [];
	const baseline: number[] = [];
	let found = 0;
	let turn = 0;
	const keystroke = async (query: string, record: boolean) => {
		const digits = phoneDigits(query);
		const runReal = async () => index.search({ query, limit: MEMBER_PAGE });
		const runRaw = () =>
			prefixCursor(raw, 'volunteers', digits ? 'phone' : 'name', digits ?? query, MEMBER_PAGE + 1);
		const first = turn++ % 2 === 0;
		const [rawFirstMs] = first ? [0] : await timed(runRaw);
		const [realMs, result] = await timed(runReal);
		const [rawMs] = first ? await timed(runRaw) : [rawFirstMs];
		if (!record) return;
		real.push(realMs);
		baseline.push(rawMs);
		found += result.items.length;
	};
	// One text typed unrecorded first: opening the database and the first reads are not keystrokes.
	for (const [i, text] of [texts[0] ?? '', ...texts].entries()) {
		for (let n = 1; n <= text.length; n++) await keystroke(text.slice(0, n), i > 0);
	}
	raw.close();
	db.close();
	return { real, raw: baseline, found, firstBuild, rebuilds, rawReads };
}

export interface CommitTimings {
	register: { real: number[]; raw: number[] };
	signup: { real: number[]; raw: number[] };
	refused: string[];
}

/**
 * Local mutation commit: `runMutation` (rule, record and outbox in one transaction) for
 * `volunteer.register` and `signup.request`, against a raw transaction putting the same record
 * and an outbox row into `rawName` (a database with the same indexes).
 */
export async function commitTimings(
	name: string,
	rawName: string,
	count: number,
	warmup: number
): Promise<CommitTimings> {
	const db = await openDb(name);
	const raw = await openExisting(rawName);
	const rnd = seededRandom(7);
	const station = (await db.stations.toCollection().first())!;
	const published = new Set(await db.projects.where('status').equals('published').primaryKeys());
	const now = new Date().toISOString();
	const shifts = (await db.shifts.toArray()).filter(
		(s) => published.has(s.projectId) && s.end > now
	);
	const active = await db.volunteers.where('status').equals('active').primaryKeys();
	const taken = new Set(
		(await db.signups.toArray()).map((s: Signup) => `${s.shiftId}:${s.volunteerId}`)
	);
	const result: CommitTimings = {
		register: { real: [], raw: [] },
		signup: { real: [], raw: [] },
		refused: []
	};
	let outboxId = 1_000_000;
	const rawCommit = async (table: 'volunteers' | 'signups', row: unknown, entry: unknown) => {
		const tx = raw.transaction([table, 'outbox'], 'readwrite');
		tx.objectStore(table).put(row);
		tx.objectStore('outbox').put(entry);
		await committed(tx);
	};

	let volunteerTemplate: Volunteer | undefined;
	let signupTemplate: Signup | undefined;
	for (let i = 0; i < warmup + count; i++) {
		const record = i >= warmup;
		const rawFirst = i % 2 === 1 && volunteerTemplate !== undefined;
		const at = new Date().toISOString();

		const registerArgs = {
			id: crypto.randomUUID(),
			name: `白${'秀英华玉兰芳'[i % 6]}${'丽敏静燕'[i % 4]}`,
			phone: `166${String(i).padStart(8, '0')}`,
			gender: 'female' as const,
			birthYear: 1960 + (i % 40),
			district: station.district,
			community: station.community,
			skills: ['elderly_care' as const],
			languages: ['zh' as const],
			availability: '周末',
			emergencyResponder: false,
			consent: true,
			consentVersion: PRIVACY_NOTICE_VERSION,
			homeStationId: station.id,
			source: 'staff' as const,
			at
		};
		const rawRegister = () =>
			rawCommit(
				'volunteers',
				{
					...volunteerTemplate,
					id: crypto.randomUUID(),
					phone: `167${String(i).padStart(8, '0')}`
				},
				{ id: outboxId++, name: 'volunteer.register', args: registerArgs, createdAt: at }
			);
		const [rawBefore] = rawFirst ? await timed(rawRegister) : [0];
		const [realMs, outcome] = await timed(() =>
			runMutation(db, 'volunteer.register', registerArgs)
		);
		if (!outcome.ok) result.refused.push(`volunteer.register: ${outcome.code}`);
		volunteerTemplate ??= await db.volunteers.get(registerArgs.id);
		const [rawMs] = rawFirst ? [rawBefore] : await timed(rawRegister);
		if (record && outcome.ok) {
			result.register.real.push(realMs);
			result.register.raw.push(rawMs);
		}

		let shiftId = '';
		let volunteerId = '';
		while (!shiftId || taken.has(`${shiftId}:${volunteerId}`)) {
			shiftId = rnd.pick(shifts).id;
			volunteerId = rnd.pick(active);
		}
		taken.add(`${shiftId}:${volunteerId}`);
		const signupArgs = { id: crypto.randomUUID(), shiftId, volunteerId, at };
		const rawSignup = () =>
			rawCommit(
				'signups',
				{ ...signupTemplate, id: crypto.randomUUID(), shiftId, volunteerId },
				{ id: outboxId++, name: 'signup.request', args: signupArgs, createdAt: at }
			);
		const signupRawFirst = rawFirst && signupTemplate !== undefined;
		const [signupRawBefore] = signupRawFirst ? await timed(rawSignup) : [0];
		const [signupMs, signupOutcome] = await timed(() =>
			runMutation(db, 'signup.request', signupArgs)
		);
		if (!signupOutcome.ok) result.refused.push(`signup.request: ${signupOutcome.code}`);
		signupTemplate ??= await db.signups.get(signupArgs.id);
		const [signupRawMs] = signupRawFirst ? [signupRawBefore] : await timed(rawSignup);
		if (record && signupOutcome.ok) {
			result.signup.real.push(signupMs);
			result.signup.raw.push(signupRawMs);
		}
	}
	raw.close();
	db.close();
	return result;
}

export { deleteDatabase };
