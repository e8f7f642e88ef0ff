import { describe, expect, it } from 'vitest';
import type { AccountRow } from './accounts';
import {
	forgetAccount,
	forgetSession,
	recentlyChecked,
	rememberChecked,
	SESSION_CACHE_MS
} from './session-cache';

const account = (id: string): AccountRow => ({
	id,
	username: `worker-${id}`,
	phone: null,
	password_hash: 'x',
	role: 'station_staff',
	district: 'dongcheng',
	station_id: 'station-1',
	volunteer_id: null,
	display_name: '王芳',
	disabled: 0,
	must_change_password: 0,
	password_expires_at: null,
	last_sign_in_at: null,
	created_by: null,
	created_at: '2026-11-01T00:00:00.000Z',
	updated_at: '2026-11-01T00:00:00.000Z'
});

describe('checked sessions', () => {
	it('trusts a check for a few seconds, never past the session’s own expiry', () => {
		const a = account(crypto.randomUUID());
		rememberChecked('hash-a', a, 1_000_000, 0);
		expect(recentlyChecked('hash-a', a.id, SESSION_CACHE_MS - 1)).toEqual(a);
		expect(recentlyChecked('hash-a', a.id, SESSION_CACHE_MS)).toBeUndefined();

		rememberChecked('hash-b', a, 100, 0);
		expect(recentlyChecked('hash-b', a.id, 99)).toEqual(a);
		expect(recentlyChecked('hash-b', a.id, 100)).toBeUndefined();
	});

	it('answers only for the account the session belongs to', () => {
		const a = account(crypto.randomUUID());
		rememberChecked('hash-c', a, Infinity, 0);
		expect(recentlyChecked('hash-c', crypto.randomUUID(), 1)).toBeUndefined();
		expect(recentlyChecked('hash-c', a.id, 1)).toEqual(a);
	});

	it('forgets a signed-out session and every session of a disabled account at once', () => {
		const a = account(crypto.randomUUID());
		const b = account(crypto.randomUUID());
		rememberChecked('hash-d', a, Infinity, 0);
		rememberChecked('hash-e', a, Infinity, 0);
		rememberChecked('hash-f', b, Infinity, 0);
		forgetSession('hash-d');
		expect(recentlyChecked('hash-d', a.id, 1)).toBeUndefined();
		expect(recentlyChecked('hash-e', a.id, 1)).toEqual(a);
		forgetAccount(a.id);
		expect(recentlyChecked('hash-e', a.id, 1)).toBeUndefined();
		expect(recentlyChecked('hash-f', b.id, 1)).toEqual(b);
	});
});
