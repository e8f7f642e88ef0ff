/**
 * GET /api/me/data: everything the server holds about the signed-in volunteer (PIPL art. 45), as
 * JSON: her member record, her account, her sign-ups with what they were for, her transfers. The
 * phone turns it into the files she downloads (JSON, and CSV for Excel).
 */
import { json } from '@sveltejs/kit';
import { buildMemberExport } from '$lib/domain/member-export';
import type { TableName } from '$lib/domain/schemas';
import { serverContext } from '$lib/server/context';
import type { Db } from '$lib/server/database';
import { decodeRow } from '$lib/server/record-store';
import { accountError, actorFromRequest } from '$lib/server/request-auth';
import type { RequestHandler } from './$types';

export const prerender = false;

async function byIds<T extends TableName>(db: Db, table: T, ids: Iterable<string | null>) {
	const wanted = [...new Set([...ids].filter((id): id is string => Boolean(id)))];
	if (wanted.length === 0) return [];
	const rows = await db
		.selectFrom(table as TableName)
		.select(['data', 'version'])
		.where('id', 'in', wanted)
		.where('deleted', '=', 0)
		.execute();
	return rows.map((row) => decodeRow(table, row));
}

export const GET: RequestHandler = async (event) => {
	const { db } = await serverContext();
	const auth = await actorFromRequest(event, db);
	if (!auth.ok) return auth.response;
	const volunteerId = auth.actor.role === 'volunteer' ? auth.actor.volunteerId : null;
	if (!volunteerId) return accountError(403, { code: 'forbidden' });
	const [member] = await byIds(db, 'volunteers', [volunteerId]);
	if (!member) return accountError(404, { code: 'not_found' });
	const of = (table: 'signups' | 'transfers') =>
		db
			.selectFrom(table)
			.select(['data', 'version'])
			.where('volunteer_id', '=', volunteerId)
			.where('deleted', '=', 0)
			.execute();
	const signups = (await of('signups')).map((row) => decodeRow('signups', row));
	const transfers = (await of('transfers')).map((row) => decodeRow('transfers', row));
	const shifts = await byIds(db, 'shifts', signups.map((s) => s.shiftId));
	const projects = await byIds(db, 'projects', signups.map((s) => s.projectId));
	const stations = await byIds(db, 'stations', [
		member.homeStationId,
		...projects.map((p) => p.stationId),
		...transfers.flatMap((t) => [t.fromStationId, t.toStationId])
	]);
	const account = auth.account;
	const data = buildMemberExport({
		source: 'server',
		generatedAt: new Date().toISOString(),
		member,
		account: {
			login: account.phone,
			createdAt: account.created_at,
			lastSignInAt: account.last_sign_in_at
		},
		signups,
		shifts,
		projects,
		stations,
		transfers
	});
	return json(data, { headers: { 'cache-control': 'no-store' } });
};
