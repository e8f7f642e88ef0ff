/**
 * POST /api/auth/register: a volunteer registers herself on her own phone (see
 * `$lib/server/registration`). 201 with her account and session cookie; 400 or 409 with the code
 * and field; 429 when her address has tried too often.
 */
import { json } from '@sveltejs/kit';
import { selfRegistrationSchema } from '$lib/domain/accounts';
import { accountInfo } from '$lib/server/accounts';
import { serverContext } from '$lib/server/context';
import { admit, registrationsPerAddress } from '$lib/server/rate-limit';
import { registerVolunteerAccount } from '$lib/server/registration';
import {
	accountError,
	cookieIsSecure,
	readCookie,
	readJsonBody,
	refuseCrossSite,
	sessionCookie,
	sessionPolicy
} from '$lib/server/request-auth';
import { DEVICE_COOKIE, deviceCookie, trustDevice } from '$lib/server/trusted-devices';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = async (event) => {
	const refused = refuseCrossSite(event);
	if (refused) return refused;
	const body = await readJsonBody(event, selfRegistrationSchema);
	if (!body.ok) return body.response;
	const { db } = await serverContext();
	const admission = await admit(db, [registrationsPerAddress(event.getClientAddress())]);
	if (!admission.ok) {
		const wait = admission.retryAfter;
		return accountError(
			429,
			{ code: 'too_many_attempts', retryAfter: wait },
			{ 'retry-after': String(wait) }
		);
	}
	const policy = sessionPolicy();
	const registered = await registerVolunteerAccount(db, body.value, policy);
	if (!registered.ok) return accountError(registered.status, registered.body);
	const { account, session } = registered;
	const headers = new Headers();
	headers.append('set-cookie', sessionCookie(event.url, account.id, session.token, policy));
	const device = await trustDevice(db, readCookie(event.request, DEVICE_COOKIE), account.phone!);
	if (device.isNew) {
		headers.append('set-cookie', deviceCookie(device.token, cookieIsSecure(event.url)));
	}
	return json({ account: accountInfo(account) }, { status: 201, headers });
};
