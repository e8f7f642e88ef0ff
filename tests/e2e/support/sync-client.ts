/**
 * A bare sync client for specs that talk to the built server over HTTP without a browser: the
 * same requests the device sends, with Node's fetch. It signs in first, as a device must, and
 * sends what a browser would: the session cookie, the account header and the app's Origin.
 */
import { ACCOUNT_HEADER, sessionCookieName } from '../../../src/lib/domain/accounts';
import { PRIVACY_NOTICE_VERSION } from '../../../src/lib/domain/reference';
import { SCHEMA_VERSION } from '../../../src/lib/domain/sync';

/** Every demo account's password (README, "Demo accounts"). */
export const DEMO_PASSWORD = 'demo-pass-2026';

export interface PushItem {
	id: number;
	name: string;
	args: unknown;
}

export interface PulledChange {
	table: string;
	id: string;
	version: number;
	deleted: boolean;
	row: Record<string, unknown> | null;
}

/** A signed-in account on one server: what its requests carry. */
export interface Session {
	base: string;
	accountId: string;
	/** The `Cookie` header value holding its session. */
	cookie: string;
}

/**
 * Signs in over HTTP. The city admin `beijing` sees and may change the whole demo city, which
 * specs about sync itself (not about who may do what) want.
 */
export async function signIn(
	base: string,
	login = 'beijing',
	password = DEMO_PASSWORD
): Promise<Session> {
	const response = await fetch(`${base}/api/auth/sign-in`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: base },
		body: JSON.stringify({ login, password })
	});
	if (!response.ok)
		throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
	const { account } = (await response.json()) as { account: { id: string } };
	const name = sessionCookieName(account.id);
	const set = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
	if (!set) throw new Error('sign-in set no session cookie');
	return { base, accountId: account.id, cookie: set.split(';')[0]! };
}

/** The headers that say who a request speaks for, and that it comes from the app's page. */
export function sessionHeaders(session: Session): Record<string, string> {
	return { origin: session.base, cookie: session.cookie, [ACCOUNT_HEADER]: session.accountId };
}

export async function postJson(session: Session, path: string, body: unknown) {
	return fetch(`${session.base}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...sessionHeaders(session) },
		body: JSON.stringify(body)
	});
}

export async function pushBatch(session: Session, clientId: string, mutations: PushItem[]) {
	const response = await postJson(session, '/api/sync/push', {
		clientId,
		schemaVersion: SCHEMA_VERSION,
		mutations
	});
	if (!response.ok) throw new Error(`push answered ${response.status}: ${await response.text()}`);
	return (await response.json()) as {
		lastMutationId: number;
		results: { id: number; status: string; code?: string }[];
	};
}

/** Every change since `cursor`, all pages, with the device's last mutation id. */
export async function pullAll(session: Session, clientId: string, cursor = 0) {
	const changes: PulledChange[] = [];
	for (;;) {
		const response = await postJson(session, '/api/sync/pull', {
			clientId,
			schemaVersion: SCHEMA_VERSION,
			cursor,
			limit: 2000
		});
		if (!response.ok) throw new Error(`pull answered ${response.status}`);
		const page = (await response.json()) as {
			changes: PulledChange[];
			cursor: number;
			hasMore: boolean;
			lastMutationId: number;
			headVersion: number;
		};
		changes.push(...page.changes);
		cursor = page.cursor;
		if (!page.hasMore) {
			return {
				changes,
				cursor,
				lastMutationId: page.lastMutationId,
				headVersion: page.headVersion
			};
		}
	}
}

/** The latest row of each record, by table. */
export function latestRows(changes: PulledChange[]) {
	const rows = new Map<string, Record<string, unknown>>();
	for (const change of changes) {
		if (change.row) rows.set(`${change.table}:${change.id}`, change.row);
	}
	const of = (table: string) =>
		[...rows.entries()].filter(([key]) => key.startsWith(`${table}:`)).map(([, row]) => row);
	return { of };
}

/**
 * What a test device starts from: a station to work in and `count` active members of it who may
 * still sign up, registered by this (admin) session, since an admin's device receives only the
 * members she registered or opened; then everything pulled once. `cursor` lets the test pull only
 * what happened after.
 */
export async function demoWorld(session: Session, observer: string, count: number) {
	const before = latestRows((await pullAll(session, observer)).changes);
	const station = before.of('stations').find((s) => s.status === 'open')!;
	const at = new Date().toISOString();
	const prefix = `199${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
	const registered = await pushBatch(
		session,
		crypto.randomUUID(),
		Array.from({ length: count }, (_, k) => ({
			id: k + 1,
			name: 'volunteer.register',
			args: {
				id: crypto.randomUUID(),
				name: `测试${'秀英华玉兰芳'[k % 6]}${'丽敏静燕'[k % 4]}`,
				phone: `${prefix}${String(k).padStart(5, '0')}`,
				gender: 'female',
				birthYear: 1970 + (k % 30),
				district: station.district,
				community: station.community,
				skills: [],
				languages: ['zh'],
				availability: '',
				emergencyResponder: false,
				consent: true,
				consentVersion: PRIVACY_NOTICE_VERSION,
				homeStationId: station.id,
				source: 'staff',
				at
			}
		}))
	);
	if (registered.results.some((r) => r.status !== 'applied')) {
		throw new Error(`registering the test's members: ${JSON.stringify(registered.results)}`);
	}
	const start = await pullAll(session, observer);
	const rows = latestRows(start.changes);
	return {
		cursor: start.cursor,
		stationId: String(station.id),
		members: rows
			.of('volunteers')
			.filter((v) => v.status === 'active' && v.homeStationId === station.id)
			.map((v) => String(v.id))
	};
}

/** A published project with one shift of `capacity` places, made by a staff device. */
export async function openShift(
	session: Session,
	stationId: string,
	capacity: number,
	title = '社区义诊'
) {
	const at = new Date().toISOString();
	const projectId = crypto.randomUUID();
	const shiftId = crypto.randomUUID();
	const start = new Date(Date.now() + 86_400_000).toISOString();
	const end = new Date(Date.now() + 90_000_000).toISOString();
	const answer = await pushBatch(session, crypto.randomUUID(), [
		{
			id: 1,
			name: 'project.create',
			args: {
				id: projectId,
				stationId,
				title,
				description: '',
				category: 'health_promotion',
				place: '活动室',
				requiredSkills: [],
				urgent: false,
				at
			}
		},
		{ id: 2, name: 'shift.add', args: { id: shiftId, projectId, start, end, capacity, at } },
		{ id: 3, name: 'project.publish', args: { id: projectId, at } }
	]);
	if (answer.results.some((r) => r.status !== 'applied')) {
		throw new Error(`could not open a shift: ${JSON.stringify(answer.results)}`);
	}
	return { projectId, shiftId, at };
}
