/**
 * POST /api/auth/claim {phone, code, password}: a member her station registered claims her record
 * with the one-time code the station gave her, and the password she chooses; 201 with her new
 * account, signed in. Knowing a phone number alone claims nothing: the code is checked (and
 * counted, per phone and per address, before it is) whatever the phone; 401 `wrong_code` for a
 * wrong or unknown one, 403 `code_expired` after its week (server clock).
 */
import { claimRequestSchema } from '$lib/domain/accounts';
import { normalizePhone } from '$lib/domain/phone';
import { createAccount, findAccountOfVolunteer } from '$lib/server/accounts';
import { serverContext } from '$lib/server/context';
import { checkClaimCode } from '$lib/server/one-time-codes';
import { hashPassword } from '$lib/server/passwords';
import { admit, claimPerAddress, claimPerPhone, withdraw } from '$lib/server/rate-limit';
import { decodeRow } from '$lib/server/record-store';
import { accountError, readJsonBody, refuseCrossSite } from '$lib/server/request-auth';
import { startSession } from '$lib/server/sign-in';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = async (event) => {
	const refused = refuseCrossSite(event);
	if (refused) return refused;
	const body = await readJsonBody(event, claimRequestSchema);
	if (!body.ok) return body.response;
	// The schema accepted the phone, so it normalises.
	const phone = normalizePhone(body.value.phone)!;
	const { db } = await serverContext();
	const admission = await admit(db, [
		claimPerPhone(phone),
		claimPerAddress(event.getClientAddress())
	]);
	if (!admission.ok) {
		const wait = admission.retryAfter;
		return accountError(
			429,
			{ code: 'too_many_attempts', retryAfter: wait },
			{ 'retry-after': String(wait) }
		);
	}
	const stored = await db
		.selectFrom('volunteers')
		.select(['data', 'version'])
		.where('phone', '=', phone)
		.where('deleted', '=', 0)
		.executeTakeFirst();
	const member = stored ? decodeRow('volunteers', stored) : null;
	const check = await checkClaimCode(db, member?.id ?? null, body.value.code);
	if (!check.ok || !member) {
		const code = check.ok ? 'wrong_code' : check.code;
		return accountError(code === 'code_expired' ? 403 : 401, { code, path: ['code'] });
	}
	const passwordHash = await hashPassword(body.value.password);
	const account = await db.transaction().execute(async (trx) => {
		if (await findAccountOfVolunteer(trx, member.id)) return null;
		await trx
			.updateTable('one_time_codes')
			.set({ used_at: new Date().toISOString() })
			.where('id', '=', check.codeId)
			.execute();
		return createAccount(trx, {
			role: 'volunteer',
			phone,
			passwordHash,
			volunteerId: member.id,
			displayName: member.name
		});
	});
	if (!account) return accountError(409, { code: 'phone_taken', path: ['phone'] });
	await withdraw(db, admission.attemptId);
	return startSession(event, db, account, phone, 201);
};
