import { json } from '@sveltejs/kit';
import { SCHEMA_VERSION } from '$lib/domain/sync';
import { serverContext } from '$lib/server/context';

export const prerender = false;

export async function GET() {
	const { schemaVersion } = await serverContext();
	return json(
		{ status: 'ok', schemaVersion: SCHEMA_VERSION, databaseVersion: schemaVersion },
		{ headers: { 'cache-control': 'no-store' } }
	);
}
