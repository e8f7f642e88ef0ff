/**
 * Accounts: who can sign in, with which role and scope. Staff sign in by username, volunteers by
 * their phone number (normalised, so `138 0000 0001` and `+8613800000001` are the same login).
 */
import type { Selectable } from 'kysely';
import type { AccountInfo, Role } from '$lib/domain/accounts';
import { isStaff, roles } from '$lib/domain/accounts';
import { normalizePhone } from '$lib/domain/phone';
import { districtCodes, type DistrictCode } from '$lib/domain/reference';
import type { StaffEntry } from '$lib/domain/schemas';
import type { Actor } from './authorization';
import type { AccountsTable, Db } from './database';
import { SqlRecordStore } from './record-store';
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
	/** A first-time password or setup code: it opens only the step where she sets her own. */
	mustChangePassword?: boolean;
	/** When a setup code stops working (server clock); null for a password. */
	passwordExpiresAt?: string | null;
	/** The admin who opened it. */
	createdBy?: string | null;
	now?: Date;
}

/** Runs `work` in the caller's transaction, or in a new one. */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
	return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * Writes a staff account's entry in the synced staff directory (its name, role, scope, and
 * whether it is active), so her colleagues' devices can name her offline. Volunteers have none.
 * Call inside the transaction that changes the account.
 */
export async function writeStaffEntry(trx: Db, row: AccountRow, updatedBy: string | null) {
	const role = asRole(row.role);
	if (!isStaff(role)) return;
	const entry: StaffEntry = {
		id: row.id,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		version: 0,
		updatedBy,
		displayName: row.display_name,
		role: role as StaffEntry['role'],
		district: asDistrict(row.district),
		stationId: row.station_id,
		active: Number(row.disabled) === 0
	};
	await new SqlRecordStore(trx).put('staff', entry);
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
	const row: AccountRow = {
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
		updated_at: at,
		must_change_password: account.mustChangePassword ? 1 : 0,
		password_expires_at: account.passwordExpiresAt ?? null,
		last_sign_in_at: null,
		created_by: account.createdBy ?? null
	};
	await inTransaction(db, async (trx) => {
		await trx.insertInto('accounts').values(row).execute();
		await writeStaffEntry(trx, row, row.created_by);
	});
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

/**
 * Changes an account and, for staff, its entry in the staff directory, in one transaction.
 * Returns the account as it is afterwards (undefined when there is none).
 */
export async function updateAccount(
	db: Db,
	id: string,
	changes: Partial<Omit<AccountRow, 'id' | 'created_at'>>,
	by: string | null,
	now = new Date()
): Promise<AccountRow | undefined> {
	const updated = await inTransaction(db, async (trx) => {
		await trx
			.updateTable('accounts')
			.set({ ...changes, updated_at: now.toISOString() })
			.where('id', '=', id)
			.execute();
		const row = await findAccount(trx, id);
		if (row && ('display_name' in changes || 'disabled' in changes)) {
			await writeStaffEntry(trx, row, by);
		}
		return row;
	});
	// A request checked a moment ago may have remembered the account as it was.
	forgetAccount(id);
	return updated;
}

/** Disables an account and ends every session it has, at once. Idempotent. */
export async function disableAccount(
	db: Db,
	id: string,
	now = new Date(),
	by: string | null = null
): Promise<void> {
	await inTransaction(db, async (trx) => {
		await updateAccount(trx, id, { disabled: 1 }, by, now);
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

/**
 * Gives every staff account an entry in the staff directory where it has none (accounts made
 * before the directory existed). Idempotent; run at start.
 */
export async function fillStaffDirectory(db: Db): Promise<number> {
	const missing = await db
		.selectFrom('accounts')
		.selectAll()
		.where('role', '!=', 'volunteer')
		.where((eb) =>
			eb.not(
				eb.exists(
					eb.selectFrom('staff').select('staff.id').whereRef('staff.id', '=', 'accounts.id')
				)
			)
		)
		.execute();
	if (missing.length === 0) return 0;
	await db.transaction().execute(async (trx) => {
		for (const row of missing) await writeStaffEntry(trx, row, null);
	});
	return missing.length;
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
