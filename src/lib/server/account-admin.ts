/**
 * Staff account administration on the server: who may administer which account (asked of
 * `permissions.ts`), the summary an admin's list shows, and turning the credential an admin chose
 * (a first-time password, or a setup code made here) into what is stored.
 */
import type { RequestEvent } from '@sveltejs/kit';
import * as z from 'zod/mini';
import { isStaff } from '$lib/domain/accounts';
import { mayAdministerAccount, type Actor } from '$lib/domain/permissions';
import type { DistrictCode } from '$lib/domain/reference';
import type { Credential, StaffAccountSummary } from '$lib/domain/staff-accounts';
import { accountInfo, asDistrict, findAccount, type AccountRow } from './accounts';
import type { Db } from './database';
import { CODE_TTL_MS, hashCode, newCode } from './one-time-codes';
import { hashPassword } from './passwords';
import { accountError, actorFromRequest } from './request-auth';

export const isAdmin = (actor: Actor) =>
	actor.role === 'city_admin' || actor.role === 'district_admin';

/** The district an account belongs to: its own, or for a volunteer her member record's. */
export async function districtOf(db: Db, account: AccountRow): Promise<DistrictCode | null> {
	if (account.role !== 'volunteer') return asDistrict(account.district);
	if (!account.volunteer_id) return null;
	const member = await db
		.selectFrom('volunteers')
		.select('district')
		.where('id', '=', account.volunteer_id)
		.executeTakeFirst();
	return asDistrict(member?.district ?? null);
}

export async function mayAdminister(db: Db, actor: Actor, target: AccountRow): Promise<boolean> {
	const info = accountInfo(target);
	return mayAdministerAccount(actor, { role: info.role, district: await districtOf(db, target) });
}

export function summaryOf(row: AccountRow): StaffAccountSummary {
	const info = accountInfo(row);
	return {
		id: row.id,
		role: info.role === 'volunteer' ? 'station_worker' : info.role,
		username: row.username ?? '',
		displayName: row.display_name,
		district: info.district,
		stationId: row.station_id,
		disabled: Number(row.disabled) !== 0,
		mustChangePassword: Number(row.must_change_password) === 1,
		setupExpiresAt: row.password_expires_at,
		lastSignInAt: row.last_sign_in_at,
		createdAt: row.created_at
	};
}

export type Administered =
	{ ok: true; actor: Actor; target: AccountRow } | { ok: false; response: Response };

/**
 * The account `:id` names, for an admin allowed to administer it: 401 signed out, 403 for
 * anyone but admins (before saying whether the id exists) and for an account out of her scope,
 * 400 a malformed id, 404 none.
 */
export async function administeredAccount(event: RequestEvent, db: Db): Promise<Administered> {
	const auth = await actorFromRequest(event, db);
	if (!auth.ok) return auth;
	if (!isAdmin(auth.actor))
		return { ok: false, response: accountError(403, { code: 'forbidden' }) };
	const id = z.uuid().safeParse(event.params.id);
	if (!id.success) {
		return { ok: false, response: accountError(400, { code: 'invalid_id', path: ['id'] }) };
	}
	const target = await findAccount(db, id.data);
	if (!target)
		return { ok: false, response: accountError(404, { code: 'not_found', path: ['id'] }) };
	if (!(await mayAdminister(db, auth.actor, target))) {
		return { ok: false, response: accountError(403, { code: 'forbidden' }) };
	}
	return { ok: true, actor: auth.actor, target };
}

export interface StoredCredential {
	password_hash: string;
	must_change_password: number;
	password_expires_at: string | null;
	/** The code to hand over, shown once; never stored. */
	setupCode?: string;
}

/**
 * What an admin's choice of first credential stores: either way she must choose her own password
 * at her first sign-in; a setup code also stops working after a week.
 */
export async function storedCredential(
	credential: Credential,
	now = new Date()
): Promise<StoredCredential> {
	if (credential.kind === 'password') {
		return {
			password_hash: await hashPassword(credential.password),
			must_change_password: 1,
			password_expires_at: null
		};
	}
	const setupCode = newCode();
	return {
		password_hash: await hashCode(setupCode),
		must_change_password: 1,
		password_expires_at: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
		setupCode
	};
}

/**
 * The staff accounts an admin administers, optionally of one station or district, by station and
 * name. A district admin sees her district's (and no city admin); the city admin everyone's.
 */
export async function staffAccountsFor(
	db: Db,
	actor: Actor,
	filter: { stationId?: string | null; district?: DistrictCode | null }
): Promise<StaffAccountSummary[]> {
	let query = db.selectFrom('accounts').selectAll().where('role', '!=', 'volunteer');
	if (actor.role === 'district_admin') {
		query = query.where('district', '=', actor.district ?? '').where('role', '!=', 'city_admin');
	}
	if (filter.district) query = query.where('district', '=', filter.district);
	if (filter.stationId) query = query.where('station_id', '=', filter.stationId);
	const rows = await query.orderBy('station_id').orderBy('display_name').execute();
	return rows.filter((row) => isStaff(accountInfo(row).role)).map(summaryOf);
}
