/**
 * POST /api/auth/register: a volunteer registers herself on her own phone. Her member record (made
 * by the real `volunteer.register` rule, source "self", no home station yet), her account and her
 * first session are made in one transaction: either she has all three or nothing was kept.
 *
 * A phone that already has an account gets 409 `phone_taken`. A phone that staff registered for a
 * member who has no account yet gets 409 `phone_registered`: whoever knows someone's phone number
 * must not be able to claim her record and read her data, so she asks her station instead.
 */
import { json } from '@sveltejs/kit';
import { MutationError } from '$lib/domain/mutation';
import { mutations } from '$lib/domain/mutations';
import { normalizePhone } from '$lib/domain/phone';
import { selfRegistrationSchema, type AccountErrorBody } from '$lib/domain/accounts';
import {
	accountInfo,
	createAccount,
	findAccountByPhone,
	findAccountOfVolunteer
} from '$lib/server/accounts';
import { serverContext } from '$lib/server/context';
import type { Db } from '$lib/server/database';
import { hashPassword } from '$lib/server/passwords';
import { registrationLimit } from '$lib/server/rate-limit';
import { SqlRecordStore } from '$lib/server/record-store';
import {
	accountError,
	readJsonBody,
	refuseCrossSite,
	sessionCookie,
	sessionPolicy
} from '$lib/server/request-auth';
import { createSession } from '$lib/server/sessions';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Ends the transaction (nothing is kept) with this answer. */
class Refusal extends Error {
	constructor(
		readonly status: number,
		readonly body: AccountErrorBody
	) {
		super(body.code);
	}
}

/** The registry's rule, so registration follows whatever `volunteer.register` means now. */
const registerVolunteer = mutations['volunteer.register'];

const phoneTaken = () => new Refusal(409, { code: 'phone_taken', path: ['phone'] });
async function refuseKnownPhone(db: Db, phone: string) {
	if (await findAccountByPhone(db, phone)) throw phoneTaken();
	const member = await db
		.selectFrom('volunteers')
		.select('id')
		.where('phone', '=', phone)
		.where('deleted', '=', 0)
		.executeTakeFirst();
	if (member) {
		throw (await findAccountOfVolunteer(db, member.id))
			? phoneTaken()
			: new Refusal(409, { code: 'phone_registered', path: ['phone'] });
	}
}

const isUniqueViolation = (error: unknown) =>
	error instanceof Error &&
	/UNIQUE constraint|unique constraint|duplicate key/i.test(error.message);

export const POST: RequestHandler = async (event) => {
	const refused = refuseCrossSite(event);
	if (refused) return refused;
	const body = await readJsonBody(event, selfRegistrationSchema);
	if (!body.ok) return body.response;
	const form = body.value;
	if (!form.consent) return accountError(400, { code: 'consent_required', path: ['consent'] });

	const address = event.getClientAddress();
	const wait = registrationLimit.retryAfter(address);
	if (wait > 0) {
		return accountError(
			429,
			{ code: 'too_many_attempts', retryAfter: wait },
			{ 'retry-after': String(wait) }
		);
	}
	registrationLimit.record(address);

	// The schema accepted the phone, so it normalises.
	const phone = normalizePhone(form.phone)!;
	const policy = sessionPolicy();
	const { db } = await serverContext();
	try {
		// Checked before the costly hash, and again inside the transaction that writes.
		await refuseKnownPhone(db, phone);
		const passwordHash = await hashPassword(form.password);
		const { account, session } = await db.transaction().execute(async (trx) => {
			await refuseKnownPhone(trx, phone);
			const store = new SqlRecordStore(trx);
			const accountId = crypto.randomUUID();
			const volunteerId = crypto.randomUUID();
			const at = new Date().toISOString();
			const args = registerVolunteer.args.parse({
				id: volunteerId,
				name: form.name,
				phone,
				gender: null,
				birthYear: null,
				district: form.district,
				community: form.community,
				skills: [],
				languages: [],
				availability: '',
				emergencyResponder: false,
				consent: true,
				consentVersion: form.consentVersion,
				homeStationId: null,
				source: 'self',
				at
			});
			await registerVolunteer.apply(store, args, { authority: 'server', actorId: accountId });
			const account = await createAccount(trx, {
				id: accountId,
				role: 'volunteer',
				phone,
				passwordHash,
				volunteerId,
				displayName: args.name
			});
			return { account, session: await createSession(trx, accountId, { policy }) };
		});
		return json(
			{ account: accountInfo(account) },
			{
				status: 201,
				headers: { 'set-cookie': sessionCookie(event.url, account.id, session.token, policy) }
			}
		);
	} catch (error) {
		if (error instanceof Refusal) return accountError(error.status, error.body);
		// Another registration of the same phone committed first.
		if (isUniqueViolation(error)) return accountError(409, phoneTaken().body);
		if (error instanceof MutationError) {
			const code = error.code === 'duplicate_phone' ? 'phone_taken' : error.code;
			return accountError(error.code === 'duplicate_phone' ? 409 : 400, {
				code,
				path: error.path
			});
		}
		throw error;
	}
};
