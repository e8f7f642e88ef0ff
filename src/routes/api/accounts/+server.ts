/**
 * GET /api/accounts[?station=<id>|district=<code>]: the staff accounts the signed-in admin
 * administers, with their last sign-in. POST /api/accounts: opens one (the city admin a district
 * admin, a district admin a worker for one of her district's stations) with a first-time password
 * or a setup code (answered once, to print or read out). Both need the network: accounts live
 * only on the server.
 */
import { json } from '@sveltejs/kit';
import * as z from 'zod/mini';
import { normalizePhone } from '$lib/domain/phone';
import { mayCreateAccount } from '$lib/domain/permissions';
import type { DistrictCode } from '$lib/domain/reference';
import { district as districtSchema } from '$lib/domain/schemas';
import { newStaffAccountSchema } from '$lib/domain/staff-accounts';
import { isAdmin, staffAccountsFor, storedCredential, summaryOf } from '$lib/server/account-admin';
import { asDistrict, createAccount } from '$lib/server/accounts';
import { serverContext } from '$lib/server/context';
import { decodeRow } from '$lib/server/record-store';
import { accountError, actorFromRequest, readJsonBody } from '$lib/server/request-auth';
import type { RequestHandler } from './$types';

export const prerender = false;

const listFilter = z.object({
	station: z.optional(z.uuid()),
	district: z.optional(districtSchema())
});

export const GET: RequestHandler = async (event) => {
	const { db } = await serverContext();
	const auth = await actorFromRequest(event, db);
	if (!auth.ok) return auth.response;
	if (!isAdmin(auth.actor)) return accountError(403, { code: 'forbidden' });
	const filter = listFilter.safeParse(Object.fromEntries(event.url.searchParams));
	if (!filter.success) return accountError(400, { code: 'invalid', path: ['query'] });
	const accounts = await staffAccountsFor(db, auth.actor, {
		stationId: filter.data.station,
		district: filter.data.district
	});
	return json({ accounts }, { headers: { 'cache-control': 'no-store' } });
};

export const POST: RequestHandler = async (event) => {
	const { db } = await serverContext();
	const auth = await actorFromRequest(event, db);
	if (!auth.ok) return auth.response;
	if (!isAdmin(auth.actor)) return accountError(403, { code: 'forbidden' });
	const body = await readJsonBody(event, newStaffAccountSchema);
	if (!body.ok) return body.response;
	const form = body.value;
	if (normalizePhone(form.username)) {
		return accountError(400, { code: 'invalid_username', path: ['username'] });
	}

	// A worker belongs to a station the server knows (a station opened offline syncs first); her
	// district is her station's. A district admin belongs to the district she is given.
	let district: DistrictCode | null = null;
	let stationId: string | null = null;
	if (form.role === 'station_worker') {
		if (!form.stationId) return accountError(400, { code: 'required', path: ['stationId'] });
		const stored = await db
			.selectFrom('stations')
			.select(['data', 'version'])
			.where('id', '=', form.stationId)
			.where('deleted', '=', 0)
			.executeTakeFirst();
		if (!stored) return accountError(404, { code: 'station_not_synced', path: ['stationId'] });
		const station = decodeRow('stations', stored);
		if (station.status !== 'open') {
			return accountError(409, {
				code: 'station_not_open',
				path: ['stationId']
			});
		}
		district = station.district;
		stationId = station.id;
	} else {
		district = asDistrict(form.district ?? null);
		if (!district) return accountError(400, { code: 'required', path: ['district'] });
	}
	if (!mayCreateAccount(auth.actor, { role: form.role, district })) {
		return accountError(403, { code: 'forbidden' });
	}
	const taken = await db
		.selectFrom('accounts')
		.select('id')
		.where('username', '=', form.username)
		.executeTakeFirst();
	if (taken) return accountError(409, { code: 'username_taken', path: ['username'] });

	const { setupCode, ...credential } = await storedCredential(form.credential);
	try {
		const row = await createAccount(db, {
			role: form.role,
			username: form.username,
			passwordHash: credential.password_hash,
			mustChangePassword: true,
			passwordExpiresAt: credential.password_expires_at,
			district,
			stationId,
			displayName: form.displayName,
			createdBy: auth.actor.accountId
		});
		return json(
			{
				account: summaryOf(row),
				...(setupCode ? { setupCode, expiresAt: credential.password_expires_at } : {})
			},
			{ status: 201, headers: { 'cache-control': 'no-store' } }
		);
	} catch (error) {
		// Another admin took the username a moment before.
		if (error instanceof Error && /unique|duplicate/i.test(error.message)) {
			return accountError(409, { code: 'username_taken', path: ['username'] });
		}
		throw error;
	}
};
