/**
 * The holes found by trying the running server as an attacker would, each one tried again
 * through the real request handlers on a real database with the demo data and accounts.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AccountInfo } from '$lib/domain/accounts';
import { demoData, type DemoOptions } from '$lib/domain/demo';
import { SCHEMA_VERSION, type PushResponse } from '$lib/domain/sync';
import { TestBrowser } from '$lib/testing/browser-client';
import { at, registration } from '$lib/testing/fixtures';
import { testServer } from '$lib/testing/harness';
import { POST as register } from '../../routes/api/auth/register/+server';
import { POST as signIn } from '../../routes/api/auth/sign-in/+server';
import { POST as pull } from '../../routes/api/sync/pull/+server';
import { POST as push } from '../../routes/api/sync/push/+server';
import type { Db } from './database';
import { DEMO_PASSWORD, loadDemoData } from './seed';

const server = vi.hoisted(() => ({ db: undefined as unknown as Db }));
vi.mock('$lib/server/context', () => ({
	serverContext: () => Promise.resolve({ db: server.db, schemaVersion: 3 })
}));

/** Every password the server checks, counted. */
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock('$lib/server/passwords', async (original) => {
	const real = await original<typeof import('./passwords')>();
	return {
		...real,
		verifyPassword: async (...args: Parameters<typeof real.verifyPassword>) => {
			checks.count++;
			return real.verifyPassword(...args);
		},
		verifyDummyPassword: async (...args: Parameters<typeof real.verifyDummyPassword>) => {
			checks.count++;
			return real.verifyDummyPassword(...args);
		}
	};
});

const DEMO: DemoOptions = { stations: 40, members: 160, projects: 20 };
const data = demoData(DEMO);
const xizongbu = data.stations[0]!;

let nextAddress = 1;
const browser = () => new TestBrowser(undefined, `192.0.2.${nextAddress++}`);

beforeAll(async () => {
	server.db = await testServer();
	await loadDemoData(server.db, DEMO);
});

afterEach(() => {
	vi.useRealTimers();
});

async function signedIn(login: string, as = browser()) {
	const response = await as.call(signIn, '/api/auth/sign-in', {
		body: { login, password: DEMO_PASSWORD }
	});
	expect(response.status).toBe(200);
	const { account } = (await response.json()) as { account: AccountInfo };
	return { as, account };
}

/** The first member the demo data registers whose home station passes `at`. */
function memberWhere(at: (stationId: string) => boolean) {
	for (const step of data.steps) {
		const home = step.name === 'volunteer.register' ? step.args.homeStationId : null;
		if (step.name === 'volunteer.register' && home && at(home)) return step.args;
	}
	throw new Error('no such member');
}
const memberOf = (stationId: string) => memberWhere((home) => home === stationId);
/** A member of a station in another district than Xizongbu's. */
const memberElsewhere = () =>
	memberWhere((home) => data.stations.find((s) => s.id === home)?.district !== xizongbu.district);

function pushAs(
	as: TestBrowser,
	account: AccountInfo,
	mutations: { id: number; name: string; args: unknown }[],
	clientId: string = crypto.randomUUID()
) {
	return as.call(push, '/api/sync/push', {
		account: account.id,
		body: { clientId, schemaVersion: SCHEMA_VERSION, mutations }
	});
}

describe('1. sign-in limits hold against requests sent all at once', () => {
	it('checks at most 5 passwords of 41 sent together for one login, the right one last', async () => {
		const from = browser();
		const attempt = (password: string) =>
			from.call(signIn, '/api/auth/sign-in', { body: { login: 'xizongbu2', password } });
		checks.count = 0;
		const answers = await Promise.all([
			...Array.from({ length: 40 }, (_, i) => attempt(`guess-${i}`)),
			attempt(DEMO_PASSWORD)
		]);
		const statuses = answers.map((r) => r.status);
		expect(checks.count).toBeLessThanOrEqual(5);
		expect(statuses.filter((s) => s === 401)).toHaveLength(5);
		expect(statuses.filter((s) => s === 429)).toHaveLength(36);
		expect(statuses).not.toContain(200);
	});

	it('checks at most 30 passwords of 60 sent together from one address for many logins', async () => {
		const from = browser();
		checks.count = 0;
		const answers = await Promise.all(
			Array.from({ length: 60 }, (_, i) =>
				from.call(signIn, '/api/auth/sign-in', {
					body: { login: `someone-${i}`, password: 'guess' }
				})
			)
		);
		expect(checks.count).toBeLessThanOrEqual(30);
		expect(answers.filter((r) => r.status === 429)).toHaveLength(30);
	});
});

describe('10. an address under attack does not lock out its own people', () => {
	it('lets a right password in from a browser its login signed in on before', async () => {
		const station = browser();
		const { as: tablet } = await signedIn('chaoyang1', station);
		// Someone else behind the same address guesses 30 times.
		const guesser = new TestBrowser(undefined, station.address);
		for (let i = 0; i < 30; i++) {
			await guesser.call(signIn, '/api/auth/sign-in', {
				body: { login: `guess-${i}`, password: 'guess' }
			});
		}
		const newcomer = new TestBrowser(undefined, station.address);
		const refused = await newcomer.call(signIn, '/api/auth/sign-in', {
			body: { login: 'chaoyang1', password: DEMO_PASSWORD }
		});
		expect(refused.status).toBe(429);
		// The tablet she signed in on before still gets her in.
		const again = await tablet.call(signIn, '/api/auth/sign-in', {
			body: { login: 'chaoyang1', password: DEMO_PASSWORD }
		});
		expect(again.status).toBe(200);
		// Thirty-two password hashes one after another: on a loaded machine that passes 20 s.
	}, 60_000);

	it('still holds a login’s own limit on a trusted browser', async () => {
		const { as: tablet } = await signedIn('beijing');
		for (let i = 0; i < 5; i++) {
			const wrong = await tablet.call(signIn, '/api/auth/sign-in', {
				body: { login: 'beijing', password: `guess-${i}` }
			});
			expect(wrong.status).toBe(401);
		}
		const sixth = await tablet.call(signIn, '/api/auth/sign-in', {
			body: { login: 'beijing', password: DEMO_PASSWORD }
		});
		expect(sixth.status).toBe(429);
	});
});

describe('2. a refusal names no one outside the caller’s scope', () => {
	it('says another district’s member’s phone is taken without naming her to a Xizongbu worker', async () => {
		const { as, account } = await signedIn('xizongbu');
		const theirs = memberElsewhere();
		const answer = (await (
			await pushAs(as, account, [
				{
					id: 1,
					name: 'volunteer.register',
					args: registration({ phone: theirs.phone, homeStationId: xizongbu.id, at: at() })
				},
				{
					id: 2,
					name: 'volunteer.update',
					args: { id: memberOf(xizongbu.id).id, changes: { phone: theirs.phone }, at: at() }
				}
			])
		).json()) as PushResponse;
		for (const result of answer.results) {
			expect(result).toEqual({
				id: result.id,
				status: 'refused',
				code: 'duplicate_phone',
				path: ['phone'],
				detail: {}
			});
		}
		expect(JSON.stringify(answer)).not.toContain(theirs.name);
		expect(JSON.stringify(answer)).not.toContain(theirs.id);
	});

	it('names her own station’s member to a Xizongbu worker', async () => {
		const { as, account } = await signedIn('xizongbu');
		const own = memberOf(xizongbu.id);
		const answer = (await (
			await pushAs(as, account, [
				{
					id: 1,
					name: 'volunteer.register',
					args: registration({ phone: own.phone, homeStationId: xizongbu.id, at: at() })
				}
			])
		).json()) as PushResponse;
		expect(answer.results[0]?.detail).toEqual({ memberId: own.id, memberName: own.name });
	});
});

describe('3. staff sign up only members in their care', () => {
	it('refuses a Xizongbu worker signing another district’s member up for a Xizongbu shift', async () => {
		const { as, account } = await signedIn('xizongbu');
		const shift = data.steps.find(
			(s) =>
				s.name === 'shift.add' &&
				data.steps.some(
					(p) =>
						p.name === 'project.create' &&
						p.args.id === s.args.projectId &&
						p.args.stationId === xizongbu.id
				)
		);
		if (shift?.name !== 'shift.add') throw new Error('no Xizongbu shift');
		const answer = (await (
			await pushAs(as, account, [
				{
					id: 1,
					name: 'signup.request',
					args: {
						id: crypto.randomUUID(),
						shiftId: shift.args.id,
						volunteerId: memberElsewhere().id,
						at: new Date().toISOString()
					}
				}
			])
		).json()) as PushResponse;
		expect(answer.results[0]).toMatchObject({ status: 'refused', code: 'forbidden' });
	});
});

describe('4. a device id belongs to the account that first used it', () => {
	it('answers another account 403, and the owner’s queue goes on untouched', async () => {
		const owner = await signedIn('xizongbu');
		const intruder = await signedIn('chaoyang1');
		const clientId = crypto.randomUUID();
		const member = (n: number) =>
			registration({
				phone: `1390000${String(7000 + n).padStart(4, '0')}`,
				name: `杨${n}`,
				homeStationId: xizongbu.id,
				at: at()
			});
		// The owner's first mutation is refused, so a stored refusal (with a name) exists.
		const first = await pushAs(
			owner.as,
			owner.account,
			[{ id: 1, name: 'volunteer.register', args: { ...member(1), consent: false } }],
			clientId
		);
		expect(first.status).toBe(200);

		const stolenPull = await intruder.as.call(pull, '/api/sync/pull', {
			account: intruder.account.id,
			body: { clientId, schemaVersion: SCHEMA_VERSION, cursor: 0, resultsAfter: 0 }
		});
		expect(stolenPull.status).toBe(403);
		expect(await stolenPull.json()).toEqual({ code: 'client_not_yours' });
		const stolenPush = await pushAs(
			intruder.as,
			intruder.account,
			[{ id: 2, name: 'volunteer.register', args: member(2) }],
			clientId
		);
		expect(stolenPush.status).toBe(403);

		// The owner's next mutation, with the id the intruder tried, is applied.
		const next = (await (
			await pushAs(
				owner.as,
				owner.account,
				[{ id: 2, name: 'volunteer.register', args: member(3) }],
				clientId
			)
		).json()) as PushResponse;
		expect(next).toEqual({ lastMutationId: 2, results: [{ id: 2, status: 'applied' }] });
	});
});

describe('7. time rules are judged by the server’s clock', () => {
	it('refuses a sign-up dated before the end of a shift that has already ended', async () => {
		const { as, account } = await signedIn('xizongbu');
		const projectId = crypto.randomUUID();
		const shiftId = crypto.randomUUID();
		const now = Date.now();
		const iso = (ms: number) => new Date(now + ms).toISOString();
		const hour = 3_600_000;
		const setup = (await (
			await pushAs(as, account, [
				{
					id: 1,
					name: 'project.create',
					args: {
						id: projectId,
						stationId: xizongbu.id,
						title: '楼道清扫',
						description: '',
						category: 'community_safety',
						place: '西总布社区',
						requiredSkills: [],
						urgent: false,
						at: iso(-4 * hour)
					}
				},
				{
					id: 2,
					name: 'shift.add',
					args: {
						id: shiftId,
						projectId,
						start: iso(-3 * hour),
						end: iso(-hour),
						capacity: 5,
						at: iso(-4 * hour)
					}
				},
				{ id: 3, name: 'project.publish', args: { id: projectId, at: iso(-4 * hour) } }
			])
		).json()) as PushResponse;
		expect(setup.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

		const { as: phone, account: volunteer } = await signedIn('13800000001');
		const answer = (await (
			await pushAs(phone, volunteer, [
				{
					id: 1,
					name: 'signup.request',
					// Her device's clock says two hours ago, before the shift ended.
					args: {
						id: crypto.randomUUID(),
						shiftId,
						volunteerId: volunteer.volunteerId,
						at: iso(-2 * hour)
					}
				}
			])
		).json()) as PushResponse;
		expect(answer.results[0]).toMatchObject({ status: 'refused', code: 'shift_ended' });
	});
});

describe('8. names are stored as people see them', () => {
	it.each([
		['zero-width characters only', '\u200b\u200c\u200d'],
		['a right-to-left override', '张\u202e三'],
		['a NUL', '李\u0000娟'],
		['a lone surrogate', '王\ud800']
	])('refuses a name of %s', async (_what, name) => {
		const answer = await browser().call(register, '/api/auth/register', {
			body: {
				phone: '13911112222',
				password: 'a-long-password',
				name,
				district: 'dongcheng',
				community: '西总布',
				consent: true,
				consentVersion: '2026-01'
			}
		});
		expect(answer.status).toBe(400);
		expect(await answer.json()).toEqual({ code: 'invalid_characters', path: ['name'] });
	});

	it('stores a name in one normal form, however it was typed', async () => {
		const { as, account } = await signedIn('xizongbu');
		const args = registration({
			phone: '13911113333',
			name: 'Zoe\u0301 周',
			homeStationId: xizongbu.id,
			at: at()
		});
		await pushAs(as, account, [{ id: 1, name: 'volunteer.register', args }]);
		const row = await server.db
			.selectFrom('volunteers')
			.select('name')
			.where('id', '=', args.id)
			.executeTakeFirstOrThrow();
		expect(row.name).toBe('Zoé 周');
		expect(row.name).toBe(row.name.normalize('NFC'));
	});
});
