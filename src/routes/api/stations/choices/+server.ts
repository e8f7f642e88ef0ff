/**
 * GET /api/stations/choices: the stations someone registering herself may choose, open ones only,
 * with what she needs to find hers (district, street, community). Stations are public: every
 * device receives them; this answers a person who has no account (and no device data) yet.
 */
import { json } from '@sveltejs/kit';
import { serverContext } from '$lib/server/context';
import { decodeRow } from '$lib/server/record-store';
import type { RequestHandler } from './$types';

export const prerender = false;

export const GET: RequestHandler = async () => {
	const { db } = await serverContext();
	const rows = await db
		.selectFrom('stations')
		.select(['data', 'version'])
		.where('deleted', '=', 0)
		.execute();
	const stations = rows
		.map((row) => decodeRow('stations', row))
		.filter((s) => s.status === 'open')
		.map(({ id, name, district, street, community }) => ({
			id,
			name,
			district,
			street,
			community
		}));
	return json({ stations }, { headers: { 'cache-control': 'no-store' } });
};
