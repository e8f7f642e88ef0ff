import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import {
	OLDEST_SUPPORTED_SCHEMA_VERSION,
	pullRequestSchema,
	pushRequestSchema,
	SCHEMA_VERSION
} from '$lib/domain/sync';
import { readSyncRequest } from './http';

/** Only `request` is read, so a minimal event is enough. */
function event(body: string, contentType = 'application/json'): RequestEvent {
	const request = new Request('http://localhost/api/sync/push', {
		method: 'POST',
		headers: { 'content-type': contentType },
		body
	});
	return { request } as unknown as RequestEvent;
}

const clientId = crypto.randomUUID();

async function refusal(body: string, contentType?: string) {
	const parsed = await readSyncRequest(event(body, contentType), pushRequestSchema);
	if (parsed.ok) throw new Error('expected the request to be refused');
	return { status: parsed.response.status, body: (await parsed.response.json()) as unknown };
}

describe('readSyncRequest', () => {
	it('takes a well-formed push', async () => {
		const push = { clientId, schemaVersion: SCHEMA_VERSION, mutations: [] };
		expect(await readSyncRequest(event(JSON.stringify(push)), pushRequestSchema)).toEqual({
			ok: true,
			value: push
		});
	});

	it('takes the previous protocol version, so an old device can flush its outbox', async () => {
		const pull = { clientId, schemaVersion: OLDEST_SUPPORTED_SCHEMA_VERSION, cursor: 0 };
		const parsed = await readSyncRequest(event(JSON.stringify(pull)), pullRequestSchema);
		expect(parsed.ok).toBe(true);
	});

	it('answers 400 invalid_json to a body that is not JSON', async () => {
		expect(await refusal('{"clientId": ')).toEqual({
			status: 400,
			body: { code: 'invalid_json', path: [] }
		});
	});

	it.each([
		[{ clientId: 'x', schemaVersion: SCHEMA_VERSION, mutations: [] }, ['clientId']],
		[{ clientId, schemaVersion: SCHEMA_VERSION }, ['mutations']],
		[
			{ clientId, schemaVersion: SCHEMA_VERSION, mutations: [{ id: 0, name: 'a' }] },
			['mutations', 0, 'id']
		],
		[{ clientId, schemaVersion: SCHEMA_VERSION, mutations: [], extra: 1 }, ['extra']],
		[[], []]
	])('answers 400 with the field path to the wrong shape %j', async (body, path) => {
		expect(await refusal(JSON.stringify(body))).toMatchObject({
			status: 400,
			body: { code: 'invalid_request', path }
		});
	});

	it('answers 426 to a device whose protocol is too old', async () => {
		const old = { clientId, schemaVersion: OLDEST_SUPPORTED_SCHEMA_VERSION - 1, mutations: [] };
		expect(await refusal(JSON.stringify(old))).toEqual({
			status: 426,
			body: { code: 'client_outdated', expected: SCHEMA_VERSION }
		});
	});

	it('answers 426, not 400, to a too-old device whose envelope has an older shape', async () => {
		// An old protocol may have carried fields the current one no longer knows.
		const old = { clientId, schemaVersion: OLDEST_SUPPORTED_SCHEMA_VERSION - 1, batch: [] };
		expect(await refusal(JSON.stringify(old))).toMatchObject({
			status: 426,
			body: { code: 'client_outdated' }
		});
	});

	it('answers 400 to a protocol version from the future', async () => {
		const future = { clientId, schemaVersion: SCHEMA_VERSION + 1, mutations: [] };
		expect(await refusal(JSON.stringify(future))).toMatchObject({
			status: 400,
			body: { code: 'unknown_schema_version' }
		});
	});

	it('refuses a body that is not declared as JSON', async () => {
		expect(await refusal('{}', 'text/plain')).toMatchObject({
			status: 415,
			body: { code: 'json_required' }
		});
	});
});
