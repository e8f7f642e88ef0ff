/**
 * Staff accounts administered over HTTP, and a member claiming her record: every endpoint through
 * its real handler on a real SQLite database with the demo data, each role in and out of scope.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { AccountInfo } from '$lib/domain/accounts';
import { demoData, type DemoOptions } from '$lib/domain/demo';
import type { MemberExport } from '$lib/domain/member-export';
import { PRIVACY_NOTICE_VERSION } from '$lib/domain/reference';
import type { CredentialIssued, StaffAccountSummary } from '$lib/domain/staff-accounts';
import { SCHEMA_VERSION } from '$lib/domain/sync';
import { APP_ORIGIN, TestBrowser } from '$lib/testing/browser-client';
import { at, registration } from '$lib/testing/fixtures';
import { testServer } from '$lib/testing/harness';
import { GET as list, POST as create } from '../../routes/api/accounts/+server';
import { POST as disable } from '../../routes/api/accounts/[id]/disable/+server';
import { POST as enable } from '../../routes/api/accounts/[id]/enable/+server';
import { POST as rename } from '../../routes/api/accounts/[id]/profile/+server';
import { POST as reset } from '../../routes/api/accounts/[id]/reset/+server';
import { POST as activate } from '../../routes/api/auth/activate/+server';
import { POST as claim } from '../../routes/api/auth/claim/+server';
import { POST as register } from '../../routes/api/auth/register/+server';
import { POST as signIn } from '../../routes/api/auth/sign-in/+server';
import { GET as myData } from '../../routes/api/me/data/+server';
import { POST as claimCode } from '../../routes/api/members/[id]/claim-code/+server';
import { GET as stationChoices } from '../../routes/api/stations/choices/+server';
import { POST as pull } from '../../routes/api/sync/pull/+server';
import { POST as push } from '../../routes/api/sync/push/+server';
import type { Db } from './database';
import { decodeRow } from './record-store';
import { DEMO_PASSWORD, loadDemoData } from './seed';

const server = vi.hoisted(() => ({ db: undefined as unknown as Db }));
vi.mock('$lib/server/context', () => ({
	serverContext: () => Promise.resolve({ db: server.db, schemaVersion: 4 })
}));

const DEMO: DemoOptions = { stations: 18, members: 30, projects: 2 };
const data = demoData(DEMO);
const [xizongbu, xicheng, chaoyang] = data.stations;
/** Dongcheng's second station (the 17th: the districts come round again). */
const dongcheng2 = data.stations[16]!;

let nextAddress = 1;
const browser = () => new TestBrowser(APP_ORIGIN, `198.51.100.${nextAddress++}`);

beforeAll(async () => {
	server.db = await testServer();
	await loadDemoData(server.db, DEMO);
}, 60_000);

async function body<T = Record<string, unknown>>(response: Response): Promise<T> {
	return (await response.json()) as T;
}

async function signedIn(login: string, password = DEMO_PASSWORD, as = browser()) {
	const response = await as.call(signIn, '/api/auth/sign-in', { body: { login, password } });
	expect(response.status, await response.clone().text()).toBe(200);
	return { as, account: (await body<{ account: AccountInfo }>(response)).account };
}

type Session = Awaited<ReturnType<typeof signedIn>>;

const opens = (by: Session, form: Record<string, unknown>) =>
	by.as.call(create, '/api/accounts', { account: by.account.id, body: form });

const onAccount = <E>(
	handler: (event: E) => Response | Promise<Response>,
	path: string,
	by: Session,
	id: string,
	form?: unknown
) =>
	by.as.call(handler, `/api/accounts/${id}/${path}`, {
		account: by.account.id,
		params: { id },
		body: form
	});

let usernames = 0;
const worker = (stationId: string, credential: Record<string, unknown> = { kind: 'code' }) => ({
	role: 'station_worker',
	username: `worker${++usernames}`,
	displayName: '周慧敏',
	stationId,
	credential
});

/** Whatever the staff directory holds for an account, as the server stores it. */
async function staffEntry(id: string) {
	const row = await server.db
		.selectFrom('staff')
		.select(['data', 'version'])
		.where('id', '=', id)
		.executeTakeFirst();
	return row ? decodeRow('staff', row) : undefined;
}

describe('opening staff accounts', () => {
	it('lets Dongcheng’s admin open a worker for her station, who sets her own password first', async () => {
		const admin = await signedIn('dongcheng');
		const form = worker(dongcheng2.id);
		const opened = await opens(admin, form);
		expect(opened.status).toBe(201);
		const issued = await body<CredentialIssued>(opened);
		expect(issued.account).toMatchObject({
			role: 'station_worker',
			username: form.username,
			displayName: '周慧敏',
			district: 'dongcheng',
			stationId: dongcheng2.id,
			mustChangePassword: true,
			lastSignInAt: null
		});
		expect(issued.setupCode).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
		// Only a slow hash of the code is kept.
		const stored = await server.db
			.selectFrom('accounts')
			.select('password_hash')
			.where('id', '=', issued.account.id)
			.executeTakeFirstOrThrow();
		expect(stored.password_hash.startsWith('$scrypt$')).toBe(true);
		expect(stored.password_hash.includes(issued.setupCode!)).toBe(false);
		// Her colleagues' devices learn her name.
		expect(await staffEntry(issued.account.id)).toMatchObject({
			displayName: '周慧敏',
			stationId: dongcheng2.id,
			active: true
		});

		// The code, typed in lower case without its dash, opens only the step that sets her own.
		const typed = issued.setupCode!.replace('-', '').toLowerCase();
		const as = browser();
		const first = await as.call(signIn, '/api/auth/sign-in', {
			body: { login: form.username, password: typed }
		});
		expect(first.status).toBe(403);
		expect(await body(first)).toEqual({ code: 'password_change_required' });
		const same = await as.call(activate, '/api/auth/activate', {
			body: { login: form.username, password: typed, newPassword: typed }
		});
		expect(await body(same)).toEqual({ code: 'password_unchanged', path: ['newPassword'] });
		const done = await as.call(activate, '/api/auth/activate', {
			body: { login: form.username, password: typed, newPassword: 'her-own-pass-1' }
		});
		expect(done.status).toBe(200);
		expect((await body<{ account: AccountInfo }>(done)).account).toMatchObject({
			id: issued.account.id,
			displayName: '周慧敏',
			stationId: dongcheng2.id
		});
		// From now on her own password signs her in, the code never again.
		await signedIn(form.username, 'her-own-pass-1');
		const old = await browser().call(signIn, '/api/auth/sign-in', {
			body: { login: form.username, password: typed }
		});
		expect(old.status).toBe(401);
	});

	it('takes a first-time password instead of a code, which must be changed as well', async () => {
		const admin = await signedIn('dongcheng');
		const form = worker(xizongbu!.id, { kind: 'password', password: 'first-time-1' });
		const issued = await body<CredentialIssued>(await opens(admin, form));
		expect(issued.setupCode).toBeUndefined();
		const first = await browser().call(signIn, '/api/auth/sign-in', {
			body: { login: form.username, password: 'first-time-1' }
		});
		expect(await body(first)).toEqual({ code: 'password_change_required' });
	});

	it('refuses a setup code a week old, by the server’s clock', async () => {
		const admin = await signedIn('dongcheng');
		const form = worker(xizongbu!.id);
		const issued = await body<CredentialIssued>(await opens(admin, form));
		await server.db
			.updateTable('accounts')
			.set({ password_expires_at: new Date(Date.now() - 1000).toISOString() })
			.where('id', '=', issued.account.id)
			.execute();
		const late = await browser().call(activate, '/api/auth/activate', {
			body: { login: form.username, password: issued.setupCode, newPassword: 'late-pass-11' }
		});
		expect(late.status).toBe(403);
		expect(await body(late)).toEqual({ code: 'setup_code_expired' });
	});

	it('keeps each admin to the accounts she may open', async () => {
		const city = await signedIn('beijing');
		const district = await signedIn('dongcheng');
		const station = await signedIn('xizongbu');
		const volunteer = await signedIn('13800000001');
		const districtAdmin = (d: string) => ({
			role: 'district_admin',
			username: `admin${++usernames}`,
			displayName: '吴秀珍',
			district: d,
			credential: { kind: 'code' }
		});
		const cases: [Session, Record<string, unknown>, number][] = [
			[city, districtAdmin('chaoyang'), 201],
			[city, worker(chaoyang!.id), 201],
			[district, worker(dongcheng2.id), 201],
			[district, worker(chaoyang!.id), 403],
			[district, districtAdmin('dongcheng'), 403],
			[station, worker(xizongbu!.id), 403],
			[volunteer, worker(xizongbu!.id), 403]
		];
		for (const [by, form, status] of cases) {
			const response = await opens(by, form);
			expect(response.status, `${by.account.role} opens ${JSON.stringify(form)}`).toBe(status);
		}
	});

	it('answers what is wrong with a form, field by field', async () => {
		const admin = await signedIn('beijing');
		const taken = { ...worker(xizongbu!.id), username: 'xizongbu' };
		expect(await body(await opens(admin, taken))).toEqual({
			code: 'username_taken',
			path: ['username']
		});
		for (const [form, code, path] of [
			[{ ...worker(xizongbu!.id), username: '13900001111' }, 'invalid_username', ['username']],
			[{ ...worker(xizongbu!.id), username: 'a b' }, 'invalid_username', ['username']],
			[{ ...worker(xizongbu!.id), displayName: '' }, 'required', ['displayName']],
			[{ ...worker(xizongbu!.id), stationId: null }, 'required', ['stationId']],
			[
				{ ...worker(xizongbu!.id), credential: { kind: 'password', password: 'short' } },
				'password_too_short',
				['credential', 'password']
			]
		] as const) {
			const response = await opens(admin, form);
			expect(response.status).toBe(400);
			expect(await body(response)).toEqual({ code, path });
		}
		const unknown = await opens(admin, worker(crypto.randomUUID()));
		expect(await body(unknown)).toEqual({ code: 'station_not_synced', path: ['stationId'] });
	});
});

describe('administering staff accounts', () => {
	it('lists a district’s staff with their last sign-in, to its admin only', async () => {
		await signedIn('xizongbu');
		const admin = await signedIn('dongcheng');
		const answer = await admin.as.call(list, `/api/accounts?station=${xizongbu!.id}`, {
			method: 'GET',
			account: admin.account.id
		});
		const { accounts } = await body<{ accounts: StaffAccountSummary[] }>(answer);
		const xizongbuWorker = accounts.find((a) => a.username === 'xizongbu');
		expect(xizongbuWorker).toMatchObject({ displayName: '王淑芬', disabled: false });
		expect(xizongbuWorker?.lastSignInAt).not.toBeNull();
		expect(accounts.every((a) => a.stationId === xizongbu!.id)).toBe(true);
		const all = await admin.as.call(list, '/api/accounts', {
			method: 'GET',
			account: admin.account.id
		});
		const everyone = (await body<{ accounts: StaffAccountSummary[] }>(all)).accounts;
		expect(everyone.every((a) => a.district === 'dongcheng')).toBe(true);
		expect(everyone.some((a) => a.role === 'city_admin')).toBe(false);
		const station = await signedIn('xizongbu');
		const refused = await station.as.call(list, '/api/accounts', {
			method: 'GET',
			account: station.account.id
		});
		expect(refused.status).toBe(403);
	});

	it('resets a forgotten password with a new code, ending her sessions everywhere', async () => {
		const admin = await signedIn('dongcheng');
		const form = worker(xizongbu!.id, { kind: 'password', password: 'first-time-2' });
		const { account } = await body<CredentialIssued>(await opens(admin, form));
		await browser().call(activate, '/api/auth/activate', {
			body: { login: form.username, password: 'first-time-2', newPassword: 'forgotten-11' }
		});
		const her = await signedIn(form.username, 'forgotten-11');
		const reply = await onAccount(reset, 'reset', admin, account.id, {
			credential: { kind: 'code' }
		});
		const issued = await body<CredentialIssued>(reply);
		expect(issued.account.mustChangePassword).toBe(true);
		expect(issued.setupCode).toBeTruthy();
		const pulled = await her.as.call(pull, '/api/sync/pull', {
			account: her.account.id,
			body: { clientId: crypto.randomUUID(), schemaVersion: SCHEMA_VERSION, cursor: 0 }
		});
		expect(pulled.status).toBe(401);
		const again = await browser().call(activate, '/api/auth/activate', {
			body: { login: form.username, password: issued.setupCode, newPassword: 'remembered-1' }
		});
		expect(again.status).toBe(200);
	});

	it('disables and enables again, and renames, telling colleagues’ devices', async () => {
		const admin = await signedIn('dongcheng');
		const { account } = await body<CredentialIssued>(await opens(admin, worker(xizongbu!.id)));
		const before = (await staffEntry(account.id))!.version;
		expect((await onAccount(disable, 'disable', admin, account.id)).status).toBe(200);
		expect(await staffEntry(account.id)).toMatchObject({ active: false });
		expect((await onAccount(enable, 'enable', admin, account.id)).status).toBe(200);
		const renamed = await onAccount(rename, 'profile', admin, account.id, { displayName: '周慧' });
		expect((await body<{ account: StaffAccountSummary }>(renamed)).account.displayName).toBe(
			'周慧'
		);
		const entry = (await staffEntry(account.id))!;
		expect(entry).toMatchObject({ active: true, displayName: '周慧', updatedBy: admin.account.id });
		expect(entry.version).toBeGreaterThan(before);
		// Not an account of her district: Chaoyang's worker is not hers to touch.
		const chaoyangWorker = (await signedIn('chaoyang1')).account.id;
		const handlers = { enable, disable, reset, profile: rename } as Record<
			string,
			(event: unknown) => Promise<Response>
		>;
		for (const [path, handler] of Object.entries(handlers)) {
			const response = await onAccount(handler, path, admin, chaoyangWorker, {
				credential: { kind: 'code' },
				displayName: '某某'
			});
			expect(response.status, path).toBe(403);
		}
	});
});

/** A member Xizongbu registered, with no account yet. */
async function staffRegistered(phone: string) {
	const station = await signedIn('xizongbu');
	const member = registration({ phone, name: '陈桂香', homeStationId: xizongbu!.id, at: at() });
	const answer = await station.as.call(push, '/api/sync/push', {
		account: station.account.id,
		body: {
			clientId: crypto.randomUUID(),
			schemaVersion: SCHEMA_VERSION,
			mutations: [{ id: 1, name: 'volunteer.register', args: member }]
		}
	});
	expect((await body<{ results: unknown[] }>(answer)).results).toEqual([
		{ id: 1, status: 'applied' }
	]);
	return { station, member };
}

const codeFor = (by: Session, memberId: string) =>
	by.as.call(claimCode, `/api/members/${memberId}/claim-code`, {
		account: by.account.id,
		params: { id: memberId }
	});

const claims = (as: TestBrowser, form: Record<string, unknown>) =>
	as.call(claim, '/api/auth/claim', { body: form });

describe('a member claims her record with her station’s code', () => {
	it('gives a code to the member’s station only, and signs her in with it once', async () => {
		const { station, member } = await staffRegistered('13922220001');
		const others = await Promise.all([signedIn('chaoyang1'), signedIn('13800000001')]);
		for (const other of others) expect((await codeFor(other, member.id)).status).toBe(403);
		const given = await codeFor(station, member.id);
		expect(given.status).toBe(200);
		const { code, expiresAt } = await body<{ code: string; expiresAt: string }>(given);
		expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

		// Her phone alone claims nothing.
		const guess = await claims(browser(), {
			phone: '139 2222 0001',
			code: 'AAAA-AAAA',
			password: 'claimed-pass'
		});
		expect(guess.status).toBe(401);
		expect(await body(guess)).toEqual({ code: 'wrong_code', path: ['code'] });

		const as = browser();
		const claimed = await claims(as, { phone: '139 2222 0001', code, password: 'claimed-pass' });
		expect(claimed.status).toBe(201);
		const { account } = await body<{ account: AccountInfo }>(claimed);
		expect(account).toMatchObject({
			role: 'volunteer',
			volunteerId: member.id,
			displayName: '陈桂香'
		});
		await signedIn('13922220001', 'claimed-pass');
		// Used up; and a member with an account gets no more codes.
		expect(
			(await claims(browser(), { phone: '13922220001', code, password: 'x'.repeat(9) })).status
		).toBe(401);
		expect(await body(await codeFor(station, member.id))).toEqual({ code: 'already_claimed' });
	});

	it('refuses a code past its week, and counts tries per phone before checking', async () => {
		const { station, member } = await staffRegistered('13922220002');
		const { code } = await body<{ code: string }>(await codeFor(station, member.id));
		await server.db
			.updateTable('one_time_codes')
			.set({ expires_at: new Date(Date.now() - 1000).toISOString() })
			.where('subject_id', '=', member.id)
			.execute();
		const late = await claims(browser(), { phone: '13922220002', code, password: 'late-pass-1' });
		expect(late.status).toBe(403);
		expect(await body(late)).toEqual({ code: 'code_expired', path: ['code'] });
		for (let i = 0; i < 4; i++) {
			const wrong = await claims(browser(), {
				phone: '13922220002',
				code: 'ZZZZ-ZZZZ',
				password: 'late-pass-1'
			});
			expect(wrong.status).toBe(401);
		}
		const turnedAway = await claims(browser(), {
			phone: '13922220002',
			code,
			password: 'late-pass-1'
		});
		expect(turnedAway.status).toBe(429);
	});
});

describe('self-registration at a chosen station', () => {
	const form = (overrides: Record<string, unknown>) => ({
		phone: '13933330000',
		password: 'my-own-pass',
		name: '林小雨',
		birthDate: '1995-05-05',
		district: 'dongcheng',
		community: '西总布',
		homeStationId: xizongbu!.id,
		consent: true,
		consentVersion: PRIVACY_NOTICE_VERSION,
		...overrides
	});
	const registers = (overrides: Record<string, unknown>) =>
		browser().call(register, '/api/auth/register', { body: form(overrides) });

	it('offers the open stations to choose from', async () => {
		const answer = await browser().call(stationChoices, '/api/stations/choices', {
			method: 'GET'
		});
		const { stations } = await body<{ stations: { id: string; street: string }[] }>(answer);
		expect(stations).toHaveLength(DEMO.stations!);
		expect(stations.find((s) => s.id === xizongbu!.id)?.street).toBe('建国门街道');
	});

	it('leaves her pending at the station she chose, and holds a child and a minor to the age rules', async () => {
		const ok = await registers({ phone: '13933330001' });
		expect(ok.status).toBe(201);
		const { account } = await body<{ account: AccountInfo }>(ok);
		const member = await server.db
			.selectFrom('volunteers')
			.select(['data', 'version'])
			.where('id', '=', account.volunteerId!)
			.executeTakeFirstOrThrow();
		expect(decodeRow('volunteers', member)).toMatchObject({
			status: 'pending',
			homeStationId: xizongbu!.id,
			source: 'self'
		});
		const twelve = await registers({ phone: '13933330002', birthDate: '2014-01-01' });
		expect(await body(twelve)).toEqual({ code: 'too_young', path: ['birthDate'] });
		const sixteen = await registers({ phone: '13933330003', birthDate: '2010-01-01' });
		expect(await body(sixteen)).toEqual({ code: 'guardian_required', path: ['guardian'] });
		const withGuardian = await registers({
			phone: '13933330004',
			birthDate: '2010-01-01',
			guardian: { name: '林建华', phone: '13933339999', consent: true }
		});
		expect(withGuardian.status).toBe(201);
	});

	it('refuses a station that is suspended', async () => {
		const admin = await signedIn('beijing');
		const answer = await admin.as.call(push, '/api/sync/push', {
			account: admin.account.id,
			body: {
				clientId: crypto.randomUUID(),
				schemaVersion: SCHEMA_VERSION,
				mutations: [
					{
						id: 1,
						name: 'station.setStatus',
						args: { id: xicheng!.id, status: 'suspended', at: new Date().toISOString() }
					}
				]
			}
		});
		expect(answer.status).toBe(200);
		const refused = await registers({ phone: '13933330005', homeStationId: xicheng!.id });
		expect(await body(refused)).toEqual({ code: 'station_not_open', path: ['homeStationId'] });
		const choices = await browser().call(stationChoices, '/api/stations/choices', {
			method: 'GET'
		});
		const { stations } = await body<{ stations: { id: string }[] }>(choices);
		expect(stations.some((s) => s.id === xicheng!.id)).toBe(false);
	});
});

describe('her own data', () => {
	it('gives the volunteer everything held about her, and staff nothing', async () => {
		const her = await signedIn('13800000001');
		const answer = await her.as.call(myData, '/api/me/data', {
			method: 'GET',
			account: her.account.id
		});
		const exported = await body<MemberExport>(answer);
		expect(exported).toMatchObject({
			format: 'volunteer-stations/member-data',
			source: 'server',
			controller: { district: 'dongcheng', station: xizongbu!.name },
			account: { login: '13800000001' },
			member: { id: her.account.volunteerId, phone: '13800000001' }
		});
		expect(exported.signups.length).toBeGreaterThan(0);
		expect(exported.signups[0]).toMatchObject({ project: expect.any(String) });
		const staff = await signedIn('xizongbu');
		const refused = await staff.as.call(myData, '/api/me/data', {
			method: 'GET',
			account: staff.account.id
		});
		expect(refused.status).toBe(403);
	});

	it('removes her account with her erasure: her phone signs in no more', async () => {
		const { station, member } = await staffRegistered('13922220003');
		const { code } = await body<{ code: string }>(await codeFor(station, member.id));
		await claims(browser(), { phone: '13922220003', code, password: 'erase-me-11' });
		const her = await signedIn('13922220003', 'erase-me-11');
		const mutations = [
			{ id: 1, name: 'volunteer.requestErasure', args: { id: member.id, at: at(5) } }
		];
		await her.as.call(push, '/api/sync/push', {
			account: her.account.id,
			body: { clientId: crypto.randomUUID(), schemaVersion: SCHEMA_VERSION, mutations }
		});
		const erased = await station.as.call(push, '/api/sync/push', {
			account: station.account.id,
			body: {
				clientId: crypto.randomUUID(),
				schemaVersion: SCHEMA_VERSION,
				mutations: [{ id: 1, name: 'volunteer.erase', args: { id: member.id, at: at(6) } }]
			}
		});
		expect((await body<{ results: unknown[] }>(erased)).results).toEqual([
			{ id: 1, status: 'applied' }
		]);
		const account = await server.db
			.selectFrom('accounts')
			.select('id')
			.where('volunteer_id', '=', member.id)
			.executeTakeFirst();
		expect(account).toBeUndefined();
		for (const table of ['sessions', 'trusted_devices', 'one_time_codes', 'attempts'] as const) {
			const rows = JSON.stringify(await server.db.selectFrom(table).selectAll().execute());
			expect(rows.includes('13922220003'), table).toBe(false);
			expect(rows.includes(member.id), table).toBe(false);
		}
		const again = await browser().call(signIn, '/api/auth/sign-in', {
			body: { login: '13922220003', password: 'erase-me-11' }
		});
		expect(again.status).toBe(401);
	});
});
