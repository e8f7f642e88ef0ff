/** The sync endpoints' shared request handling: JSON in, a zod check, a clear error out. */
import { json, type RequestEvent } from '@sveltejs/kit';
import type * as z from 'zod/mini';
import { refusalOfIssue } from '$lib/domain/pipeline';
import {
	OLDEST_SUPPORTED_SCHEMA_VERSION,
	SCHEMA_VERSION,
	type SyncErrorBody
} from '$lib/domain/sync';

export function syncError(status: number, body: SyncErrorBody) {
	return json(body, { status });
}

type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

/**
 * Reads and checks a sync request body: 400 with the field path when it does not parse,
 * 426 when the device's protocol is too old to be understood.
 */
export async function readSyncRequest<S extends z.ZodMiniType<{ schemaVersion: number }>>(
	event: RequestEvent,
	schema: S
): Promise<Parsed<z.infer<S>>> {
	if (!(event.request.headers.get('content-type') ?? '').includes('application/json')) {
		return { ok: false, response: syncError(415, { code: 'json_required' }) };
	}
	let body: unknown;
	try {
		body = await event.request.json();
	} catch (error) {
		// adapter-node cuts a body over BODY_SIZE_LIMIT off mid-read with a 413 error: say so, so the
		// device knows to send less rather than that its JSON is broken.
		if ((error as { status?: unknown } | null)?.status === 413) {
			return { ok: false, response: syncError(413, { code: 'too_large' }) };
		}
		return { ok: false, response: syncError(400, { code: 'invalid_json', path: [] }) };
	}
	// Judge the version before the shape: an outdated device may speak an older envelope.
	if (isOutdated(body)) {
		return {
			ok: false,
			response: syncError(426, { code: 'client_outdated', expected: SCHEMA_VERSION })
		};
	}
	const parsed = schema.safeParse(body);
	if (!parsed.success) {
		const { code, path } = refusalOfIssue(parsed.error.issues[0]);
		return {
			ok: false,
			response: syncError(400, { code: 'invalid_request', path, message: code })
		};
	}
	if (parsed.data.schemaVersion > SCHEMA_VERSION) {
		return {
			ok: false,
			response: syncError(400, {
				code: 'unknown_schema_version',
				path: ['schemaVersion'],
				expected: SCHEMA_VERSION
			})
		};
	}
	return { ok: true, value: parsed.data };
}

function isOutdated(body: unknown): boolean {
	return (
		typeof body === 'object' &&
		body !== null &&
		'schemaVersion' in body &&
		typeof body.schemaVersion === 'number' &&
		body.schemaVersion < OLDEST_SUPPORTED_SCHEMA_VERSION
	);
}
