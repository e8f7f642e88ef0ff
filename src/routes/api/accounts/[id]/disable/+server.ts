/**
 * POST /api/accounts/:id/disable. A city admin may disable any account; a district admin the
 * accounts of her district (its station workers, its other district admins and the volunteers
 * whose member record is in it), never a city admin. Every session of the account ends at once.
 */
import { json } from '@sveltejs/kit';
import * as z from 'zod/mini';
import { mayAdministerAccount, type Actor } from '$lib/domain/permissions';
import type { DistrictCode } from '$lib/domain/reference';
import {
	accountInfo,
	asDistrict,
	disableAccount,
	findAccount,
	type AccountRow
} from '$lib/server/accounts';
import { serverContext } from '$lib/server/context';
import type { Db } from '$lib/server/database';
import { accountError, actorFromRequest } from '$lib/server/request-auth';
import type { RequestHandler } from './$types';

export const prerender = false;

/** The district an account belongs to: its own, or for a volunteer her member record's. */
async function districtOf(db: Db, account: AccountRow): Promise<DistrictCode | null> {
	if (account.role !== 'volunteer') return asDistrict(account.district);
	if (!account.volunteer_id) return null;
	const member = await db
		.selectFrom('volunteers')
		.select('district')
		.where('id', '=', account.volunteer_id)
		.executeTakeFirst();
	return asDistrict(member?.district ?? null);
}

const isAdmin = (actor: Actor) => actor.role === 'city_admin' || actor.role === 'district_admin';

async function mayDisable(db: Db, actor: Actor, target: AccountRow): Promise<boolean> {
	const info = accountInfo(target);
	return mayAdministerAccount(actor, { role: info.role, district: await districtOf(db, target) });
}

export const POST: RequestHandler = async (event) => {
	const { db } = await serverContext();
	const auth = await actorFromRequest(event, db);
	if (!auth.ok) return auth.response;
	// Only admins learn whether an id exists.
	if (!isAdmin(auth.actor)) return accountError(403, { code: 'forbidden' });
	const id = z.uuid().safeParse(event.params.id);
	if (!id.success) return accountError(400, { code: 'invalid_id', path: ['id'] });
	const target = await findAccount(db, id.data);
	if (!target) return accountError(404, { code: 'not_found', path: ['id'] });
	if (!(await mayDisable(db, auth.actor, target))) return accountError(403, { code: 'forbidden' });
	await disableAccount(db, target.id);
	return json({ account: accountInfo(target), disabled: true });
};
