/**
 * The registration form's round trip: what `requestRegistration` makes of the real endpoint's
 * answers (and of no answer at all), and the words the form then shows next to which field.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SelfRegistration } from '$lib/domain/accounts';
import { demoData, type DemoOptions } from '$lib/domain/demo';
import { PRIVACY_NOTICE_VERSION } from '$lib/domain/reference';
import type { Db } from '$lib/server/database';
import { loadDemoData } from '$lib/server/seed';
import { TestBrowser } from '$lib/testing/browser-client';
import { testServer } from '$lib/testing/harness';
import { m } from '$lib/paraglide/messages';
import { POST as register } from '../api/auth/register/+server';
import { registerErrors } from './register-form';
import { requestRegistration } from './register-request';

const server = vi.hoisted(() => ({ db: undefined as unknown as Db }));
vi.mock('$lib/server/context', () => ({
	serverContext: () => Promise.resolve({ db: server.db, schemaVersion: 2 })
}));

const DEMO: DemoOptions = { stations: 2, members: 6, projects: 1 };

beforeAll(async () => {
	server.db = await testServer();
	await loadDemoData(server.db, DEMO);
});

let address = 1;
/** A fetch that reaches the real endpoint, from a browser of its own (rate limits are per address). */
function endpoint(): typeof fetch {
	const browser = new TestBrowser(undefined, `192.0.2.${address++}`);
	return (async (_url: string, init: RequestInit) =>
		browser.call(register, '/api/auth/register', { body: String(init.body) })) as typeof fetch;
}

const form = (overrides: Partial<SelfRegistration> = {}): SelfRegistration => ({
	phone: '13911112222',
	password: 'a-long-password',
	name: '周晓梅',
	birthDate: '1988-04-12',
	district: 'dongcheng',
	community: '西总布',
	homeStationId: demoData(DEMO).stations[0]!.id,
	consent: true,
	consentVersion: PRIVACY_NOTICE_VERSION,
	...overrides
});

describe('requestRegistration', () => {
	it('brings back her new volunteer account', async () => {
		const result = await requestRegistration(form(), endpoint());
		expect(result).toMatchObject({
			ok: true,
			account: { role: 'volunteer', displayName: '周晓梅', stationId: null, district: null }
		});
		expect(result.ok && result.account.volunteerId).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('offers sign-in for a phone that already has an account', async () => {
		const result = await requestRegistration(form({ phone: '13800000001' }), endpoint());
		expect(result).toEqual({ ok: false, code: 'phone_taken', path: ['phone'] });
		const shown = registerErrors(result.ok ? [] : [result]);
		expect(shown).toEqual({
			errors: { phone: m.register_phone_taken() },
			problem: 'phone_taken',
			formError: null
		});
	});

	it('sends to her station a phone that staff registered for a member with no account', async () => {
		const staffRegistered = demoData(DEMO).steps.find(
			(s) => s.name === 'volunteer.register' && s.args.phone !== '13800000001'
		);
		const phone = (staffRegistered?.args as { phone: string }).phone;
		const result = await requestRegistration(form({ phone }), endpoint());
		expect(result).toEqual({ ok: false, code: 'phone_registered', path: ['phone'] });
		expect(registerErrors(result.ok ? [] : [result]).errors).toEqual({
			phone: m.register_phone_registered()
		});
	});

	it('puts a short password next to the password field', async () => {
		const result = await requestRegistration(form({ password: 'short' }), endpoint());
		expect(result).toEqual({ ok: false, code: 'password_too_short', path: ['password'] });
		expect(registerErrors(result.ok ? [] : [result]).errors).toEqual({
			password: m.register_password_too_short({ min: 8 })
		});
	});

	it('says the server could not be reached when the request fails or a gateway answers', async () => {
		const unreachable = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
		const gateway = (() =>
			Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502 }))) as typeof fetch;
		for (const fetcher of [unreachable, gateway]) {
			const result = await requestRegistration(form(), fetcher);
			expect(result).toEqual({ ok: false, code: 'offline', path: [] });
			expect(registerErrors(result.ok ? [] : [result])).toEqual({
				errors: {},
				problem: null,
				formError: m.register_network_failed()
			});
		}
	});

	it('tells how long to wait after too many attempts', async () => {
		const limited = (() =>
			Promise.resolve(
				Response.json({ code: 'too_many_attempts', retryAfter: 290 }, { status: 429 })
			)) as typeof fetch;
		const result = await requestRegistration(form(), limited);
		expect(result).toEqual({ ok: false, code: 'too_many_attempts', path: [], retryAfter: 290 });
		expect(registerErrors(result.ok ? [] : [result]).formError).toBe(
			m.register_too_many({ minutes: 5 })
		);
	});
});

describe('registerErrors', () => {
	it('keeps the first error of each field and shows an outdated notice at the checkbox', () => {
		const shown = registerErrors([
			{ code: 'required', path: ['name'] },
			{ code: 'too_long', path: ['name'] },
			{ code: 'consent_outdated', path: ['consentVersion'] },
			{ code: 'Invalid input', path: ['district'] }
		]);
		expect(Object.keys(shown.errors)).toEqual(['name', 'consent', 'district']);
		expect(shown.errors.name).toBe(m.error_required());
		expect(shown.errors.consent).toBe(m.error_consent_outdated());
		expect(shown.errors.district).toBe(m.error_invalid());
		expect(shown.formError).toBeNull();
	});
});
