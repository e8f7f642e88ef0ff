/**
 * The account endpoints and the sync endpoints' sign-in check, through their real request
 * handlers on a real SQLite database with the demo data and accounts, as a browser calls them.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sessionCookieName, type AccountInfo } from '$lib/domain/accounts';
import { demoData, type DemoOptions } from '$lib/domain/demo';
import { PRIVACY_NOTICE_VERSION } from '$lib/domain/reference';
import { SCHEMA_VERSION } from '$lib/domain/sync';
import { APP_ORIGIN, TestBrowser } from '$lib/testing/browser-client';
import { registration } from '$lib/testing/fixtures';
import { testServer } from '$lib/testing/harness';
import { POST as disable } from '../../routes/api/accounts/[id]/disable/+server';
import { POST as register } from '../../routes/api/auth/register/+server';
import { GET as session } from '../../routes/api/auth/session/+server';
import { POST as signIn } from '../../routes/api/auth/sign-in/+server';
import { POST as signOut } from '../../routes/api/auth/sign-out/+server';
import { POST as pull } from '../../routes/api/sync/pull/+server';
import { POST as push } from '../../routes/api/sync/push/+server';
import { createAccount } from './accounts';
import type { Db } from './database';
import { hashPassword } from './passwords';
import { DEMO_PASSWORD, demoAccounts, demoScope, loadDemoData } from './seed';
import { hashSessionToken } from './sessions';

const server = vi.hoisted(() => ({ db: undefined as unknown as Db }));
vi.mock('$lib/server/context', () => ({
	serverContext: () => Promise.resolve({ db: server.db, schemaVersion: 2 })
}));

const DEMO: DemoOptions = { stations: 3, members: 12, projects: 2 };
const data = demoData(DEMO);
const xizongbuStation = data.stations[0]!;
const accountId = (login: string) =>
	demoAccounts(demoScope(data)).find((a) => a.username === login || a.phone === login)!.id;

let nextAddress = 1;
/** A browser at its own address, so one test's failures do not count against another's. */
const browser = (origin = APP_ORIGIN) => new TestBrowser(origin, `198.51.100.${nextAddress++}`);

beforeAll(async () => {
	server.db = await testServer();
	await loadDemoData(server.db, DEMO);
});

afterEach(() => {
	vi.useRealTimers();
});

async function body<T = Record<string, unknown>>(response: Response): Promise<T> {
	return (await response.json()) as T;
}

async function signedIn(login: string, as = browser(), password = DEMO_PASSWORD) {
	const response = await as.call(signIn, '/api/auth/sign-in', { body: { login, password } });
	expect(response.status, await response.clone().text()).toBe(200);
	const { account } = await body<{ account: AccountInfo }>(response);
	return { browser: as, account };
}

const pullRequest = () => ({
	clientId: crypto.randomUUID(),
	schemaVersion: SCHEMA_VERSION,
	cursor: 0,
	limit: 10
});

const pulls = (as: TestBrowser, account?: string) =>
	as.call(pull, '/api/sync/pull', { account, body: pullRequest() });

/** A staff account made for one test, so disabling it leaves the demo accounts alone. */
async function staffAccount(
	username: string,
	role: 'station_worker' | 'district_admin' | 'city_admin' = 'station_worker',
	district: 'dongcheng' | 'chaoyang' | null = 'dongcheng'
) {
	return createAccount(server.db, {
		role,
		username,
		passwordHash: await hashPassword('a-password-1', { ln: 10, r: 8, p: 1 }),
		district,
		stationId: role === 'station_worker' ? xizongbuStation.id : null
	});
}

describe('POST /api/auth/sign-in', () => {
	it('answers the account and sets an HttpOnly, SameSite=Strict, Secure session cookie', async () => {
		const { browser: as, account } = await signedIn('xizongbu');
		expect(account).toEqual({
			id: accountId('xizongbu'),
			role: 'station_worker',
			displayName: '王淑芬',
			username: 'xizongbu',
			district: 'dongcheng',
			stationId: xizongbuStation.id,
			volunteerId: null
		});
		const cookie = as.cookies.get(sessionCookieName(account.id))!;
		expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(cookie.attributes).toEqual(
			expect.arrayContaining([
				'HttpOnly',
				'SameSite=Strict',
				'Secure',
				'Path=/',
				`Max-Age=${90 * 86_400}`
			])
		);
		// The database holds the token's hash, never the token.
		const stored = await server.db
			.selectFrom('sessions')
			.select('token_hash')
			.where('token_hash', '=', hashSessionToken(cookie.value))
			.executeTakeFirst();
		expect(stored).toBeDefined();
		const again = await as.call(session, '/api/auth/session', {
			method: 'GET',
			account: account.id
		});
		expect(await body(again)).toEqual({ account });
	});

	it.each(['http://localhost:5173', 'http://127.0.0.1:4173', 'http://[::1]:3000'])(
		'leaves Secure off over plain http on this machine (%s)',
		async (origin) => {
			const { browser: as, account } = await signedIn('xizongbu2', browser(origin));
			const cookie = as.cookies.get(sessionCookieName(account.id))!;
			expect(cookie.attributes).toContain('HttpOnly');
			expect(cookie.attributes).toContain('SameSite=Strict');
			expect(cookie.attributes).not.toContain('Secure');
		}
	);

	it('keeps Secure over plain http anywhere else', async () => {
		const { browser: as, account } = await signedIn('xizongbu2', browser('http://192.168.1.20'));
		expect(as.cookies.get(sessionCookieName(account.id))!.attributes).toContain('Secure');
	});

	it('takes a username in any case and a phone number in any spelling', async () => {
		expect((await signedIn('  BeiJing ')).account.role).toBe('city_admin');
		const volunteer = await signedIn('+86 138-0000-0001');
		expect(volunteer.account).toMatchObject({
			id: accountId('13800000001'),
			role: 'volunteer',
			username: null,
			volunteerId: data.steps.flatMap((s) =>
				s.name === 'volunteer.register' && s.args.phone === '13800000001' ? [s.args.id] : []
			)[0]
		});
	});

	it('answers a wrong password and an unknown login alike, with no cookie', async () => {
		const as = browser();
		for (const login of ['xizongbu', 'nobody-here']) {
			const response = await as.call(signIn, '/api/auth/sign-in', {
				body: { login, password: 'wrong-password' }
			});
			expect(response.status).toBe(401);
			expect(await body(response)).toEqual({ code: 'wrong_credentials' });
		}
		expect(as.cookies.size).toBe(0);
	});

	it('names the field a malformed request lacks', async () => {
		const response = await browser().call(signIn, '/api/auth/sign-in', {
			body: { login: 'xizongbu' }
		});
		expect(response.status).toBe(400);
		expect(await body(response)).toEqual({ code: 'required', path: ['password'] });
		const extra = await browser().call(signIn, '/api/auth/sign-in', {
			body: { login: 'xizongbu', password: 'x', remember: true }
		});
		expect(await body(extra)).toEqual({ code: 'unknown_field', path: ['remember'] });
	});

	it('refuses another origin, no origin, and a body that is not JSON', async () => {
		const sent = { login: 'xizongbu', password: DEMO_PASSWORD };
		const from = async (options: Parameters<TestBrowser['call']>[2]) => {
			const response = await browser().call(signIn, '/api/auth/sign-in', options);
			return [response.status, await body(response)];
		};
		expect(await from({ body: sent, origin: 'https://evil.example' })).toEqual([
			403,
			{ code: 'bad_origin' }
		]);
		expect(await from({ body: sent, origin: null })).toEqual([403, { code: 'bad_origin' }]);
		expect(
			await from({
				body: 'login=xizongbu&password=demo-pass-2026',
				headers: { 'content-type': 'application/x-www-form-urlencoded' }
			})
		).toEqual([415, { code: 'json_required' }]);
	});

	it('rotates: a new token each time, and the one this browser held before is dead', async () => {
		const { browser: as, account } = await signedIn('xizongbu2');
		const name = sessionCookieName(account.id);
		const before = as.cookies.get(name)!.value;
		await signedIn('xizongbu2', as);
		const after = as.cookies.get(name)!.value;
		expect(after).not.toBe(before);

		const stale = browser();
		stale.cookies.set(name, { value: before, attributes: [] });
		expect((await pulls(stale, account.id)).status).toBe(401);
		expect((await pulls(as, account.id)).status).toBe(200);
	});

	it('leaves the same account’s sessions on other devices alone', async () => {
		const tablet = await signedIn('xizongbu2');
		await signedIn('xizongbu2');
		expect((await pulls(tablet.browser, tablet.account.id)).status).toBe(200);
	});

	it('refuses a disabled account with the right password only', async () => {
		const account = await staffAccount('disabled-worker');
		await server.db
			.updateTable('accounts')
			.set({ disabled: 1 })
			.where('id', '=', account.id)
			.execute();
		const as = browser();
		const right = await as.call(signIn, '/api/auth/sign-in', {
			body: { login: 'disabled-worker', password: 'a-password-1' }
		});
		expect(right.status).toBe(403);
		expect(await body(right)).toEqual({ code: 'account_disabled' });
		const wrong = await as.call(signIn, '/api/auth/sign-in', {
			body: { login: 'disabled-worker', password: 'not-it' }
		});
		expect(await body(wrong)).toEqual({ code: 'wrong_credentials' });
		expect(as.cookies.size).toBe(0);
	});

	it('stores a hash made at an older cost again at the current one', async () => {
		const account = await staffAccount('old-hash-worker');
		await signedIn('old-hash-worker', browser(), 'a-password-1');
		const row = await server.db
			.selectFrom('accounts')
			.select('password_hash')
			.where('id', '=', account.id)
			.executeTakeFirstOrThrow();
		expect(row.password_hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$/);
	});
});

describe('sign-in attempts are limited', () => {
	const attempt = (as: TestBrowser, login: string, password: string) =>
		as.call(signIn, '/api/auth/sign-in', { body: { login, password } });

	it('turns the 6th try within 15 minutes away, even with the right password', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date('2026-03-01T08:00:00Z'));
		await staffAccount('limited-worker');
		for (let i = 0; i < 5; i++) {
			// Each from its own address: the limit is the login's, wherever the tries come from.
			expect((await attempt(browser(), 'limited-worker', `guess-${i}`)).status).toBe(401);
		}
		vi.setSystemTime(new Date('2026-03-01T08:05:00Z'));
		const refused = await attempt(browser(), 'LIMITED-worker', 'a-password-1');
		expect(refused.status).toBe(429);
		const answer = await body<{ code: string; retryAfter: number }>(refused);
		expect(answer).toEqual({ code: 'too_many_attempts', retryAfter: 10 * 60 });
		expect(refused.headers.get('retry-after')).toBe('600');

		vi.setSystemTime(new Date('2026-03-01T08:15:00Z'));
		expect((await attempt(browser(), 'limited-worker', 'a-password-1')).status).toBe(200);
	});

	it('counts failures per address too, whatever logins it tries', async () => {
		const account = await staffAccount('address-limited');
		const from = browser();
		const guesses = Array.from({ length: 30 }, (_, i) => attempt(from, `user-${i}`, 'guess'));
		expect((await Promise.all(guesses)).map((r) => r.status)).toEqual(Array(30).fill(401));
		const refused = await attempt(from, 'address-limited', 'a-password-1');
		expect(refused.status).toBe(429);
		expect((await body(refused)).code).toBe('too_many_attempts');
		const elsewhere = await signedIn('address-limited', browser(), 'a-password-1');
		expect(elsewhere.account.id).toBe(account.id);
	});

	it('forgets a login’s failures once it signs in', async () => {
		await staffAccount('forgiven-worker');
		for (let i = 0; i < 4; i++) await attempt(browser(), 'forgiven-worker', 'wrong');
		await signedIn('forgiven-worker', browser(), 'a-password-1');
		for (let i = 0; i < 4; i++) await attempt(browser(), 'forgiven-worker', 'wrong');
		await signedIn('forgiven-worker', browser(), 'a-password-1');
	});
});

describe('POST /api/auth/sign-out', () => {
	it('revokes the session and clears its cookie; again is still 204', async () => {
		const { browser: as, account } = await signedIn('chaoyang1');
		const token = as.cookies.get(sessionCookieName(account.id))!.value;
		const out = await as.call(signOut, '/api/auth/sign-out', { account: account.id });
		expect(out.status).toBe(204);
		expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
		expect(as.cookies.has(sessionCookieName(account.id))).toBe(false);

		// The token, replayed, is dead on the server, not only forgotten by the browser.
		const replay = browser();
		replay.cookies.set(sessionCookieName(account.id), { value: token, attributes: [] });
		expect((await pulls(replay, account.id)).status).toBe(401);
		const twice = await replay.call(signOut, '/api/auth/sign-out', { account: account.id });
		expect(twice.status).toBe(204);
	});

	it('signs out one account of a shared tablet, not the other', async () => {
		const tablet = browser();
		const a = await signedIn('xizongbu', tablet);
		const b = await signedIn('xizongbu2', tablet);
		await tablet.call(signOut, '/api/auth/sign-out', { account: a.account.id });
		expect((await pulls(tablet, a.account.id)).status).toBe(401);
		expect((await pulls(tablet, b.account.id)).status).toBe(200);
	});

	it('needs the account header and our origin', async () => {
		const { browser: as, account } = await signedIn('xizongbu');
		const bare = await as.call(signOut, '/api/auth/sign-out');
		expect(bare.status).toBe(400);
		expect(await body(bare)).toEqual({ code: 'account_required', path: ['x-account'] });
		const forged = await as.call(signOut, '/api/auth/sign-out', {
			account: account.id,
			origin: 'https://evil.example'
		});
		expect(forged.status).toBe(403);
		expect((await pulls(as, account.id)).status).toBe(200);
	});
});

describe('GET /api/auth/session', () => {
	it('answers 401 signed_out without the header, without the cookie, or with another’s', async () => {
		const a = await signedIn('xizongbu');
		const b = await signedIn('beijing');
		const get = (as: TestBrowser, account?: string) =>
			as.call(session, '/api/auth/session', { method: 'GET', account });
		for (const response of [
			await get(a.browser),
			await get(browser(), a.account.id),
			await get(a.browser, b.account.id)
		]) {
			expect(response.status).toBe(401);
			expect(await body(response)).toEqual({ code: 'signed_out' });
		}
	});

	it('ends after 30 idle days, not before', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date('2026-04-01T08:00:00Z'));
		const { browser: as, account } = await signedIn('dongcheng');
		const get = () => as.call(session, '/api/auth/session', { method: 'GET', account: account.id });
		vi.setSystemTime(new Date('2026-04-29T08:00:00Z'));
		expect((await get()).status).toBe(200);
		vi.setSystemTime(new Date('2026-05-29T07:59:00Z'));
		expect((await get()).status).toBe(200);
		vi.setSystemTime(new Date('2026-06-28T08:00:00Z'));
		expect((await get()).status).toBe(401);
	});
});

describe('the sync endpoints', () => {
	it('answer 401 signed_out without the header or the cookie', async () => {
		const { browser: as, account } = await signedIn('xizongbu');
		for (const response of [
			await pulls(browser(), undefined),
			await pulls(as, undefined),
			await pulls(browser(), account.id),
			await browser().call(push, '/api/sync/push', {
				account: account.id,
				body: { clientId: crypto.randomUUID(), schemaVersion: SCHEMA_VERSION, mutations: [] }
			})
		]) {
			expect(response.status).toBe(401);
			expect(await body(response)).toEqual({ code: 'signed_out' });
		}
	});

	it('refuse another origin (403) and a body that is not JSON (415)', async () => {
		const { browser: as, account } = await signedIn('xizongbu');
		const forged = await as.call(pull, '/api/sync/pull', {
			account: account.id,
			body: pullRequest(),
			origin: 'https://evil.example'
		});
		expect(forged.status).toBe(403);
		expect(await body(forged)).toEqual({ code: 'bad_origin' });
		const form = await as.call(pull, '/api/sync/pull', {
			account: account.id,
			body: JSON.stringify(pullRequest()),
			headers: { 'content-type': 'text/plain' }
		});
		expect(form.status).toBe(415);
	});

	it('apply a push as the signed-in account, which every write records', async () => {
		const { browser: as, account } = await signedIn('xizongbu');
		const member = registration({
			phone: '13912345678',
			homeStationId: xizongbuStation.id,
			at: new Date().toISOString()
		});
		const response = await as.call(push, '/api/sync/push', {
			account: account.id,
			body: {
				clientId: crypto.randomUUID(),
				schemaVersion: SCHEMA_VERSION,
				mutations: [{ id: 1, name: 'volunteer.register', args: member }]
			}
		});
		expect(await body(response)).toEqual({
			lastMutationId: 1,
			results: [{ id: 1, status: 'applied' }]
		});
		const row = await server.db
			.selectFrom('volunteers')
			.select('data')
			.where('id', '=', member.id)
			.executeTakeFirstOrThrow();
		expect(JSON.parse(row.data)).toMatchObject({
			updatedBy: account.id,
			registeredBy: account.id
		});
	});
});

/** A Chaoyang station she chooses in the small demo data. */
const wangjing = data.stations.find((s) => s.district === 'chaoyang') ?? data.stations[2]!;

const selfRegistration = (phone: string, overrides: Record<string, unknown> = {}) => ({
	phone,
	password: 'my-own-pass',
	name: '周丽',
	birthDate: '1986-07-15',
	district: 'chaoyang',
	community: '望京',
	homeStationId: wangjing.id,
	consent: true,
	consentVersion: PRIVACY_NOTICE_VERSION,
	...overrides
});

describe('POST /api/auth/register', () => {
	const registers = (as: TestBrowser, form: unknown) =>
		as.call(register, '/api/auth/register', { body: form });

	it('makes her member record, her account and a session in one go', async () => {
		const as = browser();
		const response = await registers(as, selfRegistration('137 1111 2222'));
		expect(response.status).toBe(201);
		const { account } = await body<{ account: AccountInfo }>(response);
		expect(account).toMatchObject({
			role: 'volunteer',
			displayName: '周丽',
			username: null,
			district: null,
			stationId: null
		});
		const member = await server.db
			.selectFrom('volunteers')
			.select(['data', 'phone'])
			.where('id', '=', account.volunteerId!)
			.executeTakeFirstOrThrow();
		expect(member.phone).toBe('13711112222');
		expect(JSON.parse(member.data)).toMatchObject({
			name: '周丽',
			district: 'chaoyang',
			community: '望京',
			status: 'pending',
			source: 'self',
			homeStationId: wangjing.id,
			birthDate: '1986-07-15',
			registeredBy: account.id,
			updatedBy: account.id,
			consentVersion: PRIVACY_NOTICE_VERSION
		});
		// Signed in already, and later by phone and password.
		expect(as.cookies.has(sessionCookieName(account.id))).toBe(true);
		const now = await as.call(session, '/api/auth/session', { method: 'GET', account: account.id });
		expect(await body(now)).toEqual({ account });
		expect((await signedIn('13711112222', browser(), 'my-own-pass')).account).toEqual(account);
	});

	it('answers 409 phone_taken to a phone that has an account, in any spelling', async () => {
		expect((await registers(browser(), selfRegistration('13722223333'))).status).toBe(201);
		for (const phone of ['+86 137 2222 3333', '13800000001']) {
			const response = await registers(browser(), selfRegistration(phone));
			expect(response.status).toBe(409);
			expect(await body(response)).toEqual({ code: 'phone_taken', path: ['phone'] });
		}
	});

	it('answers 409 phone_registered to the phone of a member staff registered, and keeps nothing', async () => {
		const member = data.steps.find(
			(s) => s.name === 'volunteer.register' && s.args.phone !== '13800000001'
		)!;
		const phone = (member.args as { phone: string }).phone;
		const count = async () => ({
			accounts: (await server.db.selectFrom('accounts').select('id').execute()).length,
			members: (await server.db.selectFrom('volunteers').select('id').execute()).length
		});
		const before = await count();
		const response = await registers(browser(), selfRegistration(phone));
		expect(response.status).toBe(409);
		expect(await body(response)).toEqual({ code: 'phone_registered', path: ['phone'] });
		expect(await count()).toEqual(before);
	});

	it.each([
		[{ consent: false }, 'consent_required', ['consent']],
		[{ password: 'short' }, 'password_too_short', ['password']],
		[{ phone: '12345' }, 'invalid_phone', ['phone']],
		[{ name: '  ' }, 'required', ['name']],
		[{ district: 'atlantis' }, 'required', ['district']],
		[{ consentVersion: '2020-01' }, 'consent_outdated', ['consentVersion']]
	])('answers 400 to %j with its code and field', async (change, code, path) => {
		const response = await registers(browser(), selfRegistration('13733334444', change));
		expect(response.status).toBe(400);
		expect(await body(response)).toEqual({ code, path });
	});

	it('is limited per address', async () => {
		const from = browser();
		for (let i = 0; i < 20; i++) {
			expect((await registers(from, selfRegistration('13800000001'))).status).toBe(409);
		}
		const refused = await registers(from, selfRegistration('13744445555'));
		expect(refused.status).toBe(429);
		expect((await body(refused)).code).toBe('too_many_attempts');
		expect((await registers(browser(), selfRegistration('13744445555'))).status).toBe(201);
	});
});

describe('POST /api/accounts/:id/disable', () => {
	const disables = (as: TestBrowser, by: string, target: string) =>
		as.call(disable, `/api/accounts/${target}/disable`, { account: by, params: { id: target } });

	it('lets a city admin disable an account, whose sessions stop working at once', async () => {
		const target = await staffAccount('leaving-worker');
		const worker = await signedIn('leaving-worker', browser(), 'a-password-1');
		expect((await pulls(worker.browser, target.id)).status).toBe(200);

		const admin = await signedIn('beijing');
		const response = await disables(admin.browser, admin.account.id, target.id);
		expect(response.status).toBe(200);
		expect(await body(response)).toMatchObject({ disabled: true, account: { id: target.id } });

		expect((await pulls(worker.browser, target.id)).status).toBe(401);
		const again = await worker.browser.call(signIn, '/api/auth/sign-in', {
			body: { login: 'leaving-worker', password: 'a-password-1' }
		});
		expect(await body(again)).toEqual({ code: 'account_disabled' });
	});

	it('lets a district admin disable her district’s accounts only, never a city admin', async () => {
		const admin = await signedIn('dongcheng');
		const own = await staffAccount('dongcheng-worker', 'station_worker', 'dongcheng');
		const peer = await staffAccount('dongcheng-admin-2', 'district_admin', 'dongcheng');
		const other = await staffAccount('chaoyang-worker', 'station_worker', 'chaoyang');
		const city = await staffAccount('city-2', 'city_admin', null);
		const dongchengVolunteer = await registers('13755556666', 'dongcheng');
		const chaoyangVolunteer = await registers('13755557777', 'chaoyang');

		const status = async (target: string) =>
			(await disables(admin.browser, admin.account.id, target)).status;
		expect(await status(own.id)).toBe(200);
		expect(await status(peer.id)).toBe(200);
		expect(await status(dongchengVolunteer)).toBe(200);
		expect(await status(other.id)).toBe(403);
		expect(await status(city.id)).toBe(403);
		expect(await status(chaoyangVolunteer)).toBe(403);
		const disabled = await server.db
			.selectFrom('accounts')
			.select('id')
			.where('disabled', '=', 1)
			.where('id', 'in', [own.id, peer.id, dongchengVolunteer, other.id, city.id])
			.execute();
		expect(disabled.map((r) => r.id).sort()).toEqual([own.id, peer.id, dongchengVolunteer].sort());

		async function registers(phone: string, district: string) {
			const response = await browser().call(register, '/api/auth/register', {
				body: selfRegistration(phone, { district })
			});
			return (await body<{ account: AccountInfo }>(response)).account.id;
		}
	});

	it('refuses station workers and volunteers, whatever the target', async () => {
		const target = await staffAccount('target-worker');
		for (const login of ['xizongbu', '13800000001']) {
			const { browser: as, account } = await signedIn(login);
			const response = await disables(as, account.id, target.id);
			expect(response.status).toBe(403);
			expect(await body(response)).toEqual({ code: 'forbidden' });
		}
		expect((await signedIn('target-worker', browser(), 'a-password-1')).account.id).toBe(target.id);
	});

	it('answers 404 to an unknown account, 400 to a malformed id, 401 when signed out', async () => {
		const admin = await signedIn('beijing');
		expect((await disables(admin.browser, admin.account.id, crypto.randomUUID())).status).toBe(404);
		expect((await disables(admin.browser, admin.account.id, 'not-an-id')).status).toBe(400);
		expect((await disables(browser(), admin.account.id, crypto.randomUUID())).status).toBe(401);
	});
});
