/**
 * Accounts: who can sign in, with which role and scope. Staff sign in by username, volunteers by
 * their phone number (normalised, so `138 0000 0001` and `+8613800000001` are the same login).
 */
import type { AccountInfo, Role } from '$lib/domain/accounts';
import { roles } from '$lib/domain/accounts';
import { normalizePhone } from '$lib/domain/phone';
import { districtCodes, type DistrictCode } from '$lib/domain/reference';
import type { Actor } from './authorization';
import type { AccountsTable, Db } from './database';
import type { Selectable } from 'kysely';
import { forgetAccount } from './session-cache';
import { revokeAccountSessions } from './sessions';

export type AccountRow = Selectable<AccountsTable>;

export interface NewAccount {
	id?: string;
	role: Role;
	/** Staff only. */
	username?: string | null;
	/** Volunteers only; any accepted spelling, stored normalised. */
	phone?: string | null;
	passwordHash: string;
	district?: DistrictCode | null;
	stationId?: string | null;
	volunteerId?: string | null;
	/** Defaults to the username; volunteers: their name. */
	displayName?: string;
	now?: Date;
}

/** Usernames are matched without regard to case or surrounding spaces. */
export const normalizeUsername = (username: string) => username.trim().toLowerCase();

/** The one form of a login that rate limits and look-ups use. */
export function normalizeLogin(login: string): string {
	return normalizePhone(login) ?? normalizeUsername(login);
}

export async function createAccount(db: Db, account: NewAccount): Promise<AccountRow> {
	const staff = account.role !== 'volunteer';
	const username = staff ? normalizeUsername(account.username ?? '') : null;
	const phone = staff ? null : normalizePhone(account.phone ?? '');
	if (staff && !username) throw new Error('a staff account needs a username');
	if (!staff && !phone) throw new Error('a volunteer account needs a valid phone');
	const at = (account.now ?? new Date()).toISOString();
	const row = {
		id: account.id ?? crypto.randomUUID(),
		username,
		phone,
		password_hash: account.passwordHash,
		role: account.role,
		district: account.district ?? null,
		station_id: account.stationId ?? null,
		volunteer_id: account.volunteerId ?? null,
		display_name: account.displayName ?? username ?? phone ?? '',
		disabled: 0,
		created_at: at,
		updated_at: at
	};
	await db.insertInto('accounts').values(row).execute();
	return row;
}

export async function findAccount(db: Db, id: string): Promise<AccountRow | undefined> {
	return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The account a sign-in form's login names: a phone number first, else a username. */
export async function findAccountByLogin(db: Db, login: string): Promise<AccountRow | undefined> {
	const phone = normalizePhone(login);
	const query = db.selectFrom('accounts').selectAll();
	return (
		phone
			? query.where('phone', '=', phone)
			: query.where('username', '=', normalizeUsername(login))
	).executeTakeFirst();
}

export async function findAccountByPhone(db: Db, phone: string): Promise<AccountRow | undefined> {
	return db.selectFrom('accounts').selectAll().where('phone', '=', phone).executeTakeFirst();
}

export async function findAccountOfVolunteer(
	db: Db,
	volunteerId: string
): Promise<AccountRow | undefined> {
	return db
		.selectFrom('accounts')
		.selectAll()
		.where('volunteer_id', '=', volunteerId)
		.executeTakeFirst();
}

/** Disables an account and ends every session it has, at once. Idempotent. */
export async function disableAccount(db: Db, id: string, now = new Date()): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('accounts')
			.set({ disabled: 1, updated_at: now.toISOString() })
			.where('id', '=', id)
			.execute();
		await revokeAccountSessions(trx, id, now);
	});
	// Again once committed: a request checked meanwhile may have remembered the account as live.
	forgetAccount(id);
}

export async function setPasswordHash(db: Db, id: string, passwordHash: string, now = new Date()) {
	await db
		.updateTable('accounts')
		.set({ password_hash: passwordHash, updated_at: now.toISOString() })
		.where('id', '=', id)
		.execute();
}

const asRole = (role: string): Role => {
	if (!(roles as readonly string[]).includes(role)) throw new Error(`unknown role ${role}`);
	return role as Role;
};
export const asDistrict = (district: string | null): DistrictCode | null =>
	district !== null && (districtCodes as readonly string[]).includes(district)
		? (district as DistrictCode)
		: null;

/** What the device is told about an account: no secrets, no phone. */
export function accountInfo(row: AccountRow): AccountInfo {
	return {
		id: row.id,
		role: asRole(row.role),
		displayName: row.display_name,
		username: row.username,
		district: asDistrict(row.district),
		stationId: row.station_id,
		volunteerId: row.volunteer_id
	};
}

/** The actor the sync handler authorizes for this account. */
export function actorOf(row: AccountRow): Actor {
	return {
		accountId: row.id,
		role: asRole(row.role),
		district: asDistrict(row.district),
		stationId: row.station_id,
		volunteerId: row.volunteer_id
	};
}
