/**
 * Matching a call-out on the server: an admin's device holds few members (those she registered
 * or opened), so she asks the server for everyone her call-out reaches. Online only: without the
 * server, `offline`, and the screen matches what the device holds.
 */
import {
	serverMatchAnswerSchema,
	type CalloutCriteria,
	type ServerMatchAnswer
} from '$lib/domain/emergency';
import { callApi, type ApiResult } from './api';

export function matchOnServer(criteria: CalloutCriteria): Promise<ApiResult<ServerMatchAnswer>> {
	return callApi('/api/callouts/match', {
		method: 'POST',
		body: criteria,
		schema: serverMatchAnswerSchema
	});
}
