/**
 * A volunteer registers herself on her own phone: her member record (made by the domain's
 * `volunteer.register`, through the same pipeline as every other change, as her new account),
 * her account and her first session, in one transaction: either she has all three or nothing was
 * kept.
 *
 * A phone that already has an account is `phone_taken`. A phone that staff registered for a
 * member who has no account yet is `phone_registered`: whoever knows someone's phone number must
 * not be able to claim her record and read her data, so she asks her station instead.
 */
import type { AccountErrorBody, SelfRegistration } from '$lib/domain/accounts';
import { nowIso } from '$lib/domain/clock';
import type { ArgsOf } from '$lib/domain/mutations';
import { normalizePhone } from '$lib/domain/phone';
import { executeMutation } from '$lib/domain/pipeline';
import type { Actor } from '$lib/domain/permissions';
import {
	createAccount,
	findAccountByPhone,
	findAccountOfVolunteer,
	type AccountRow
} from './accounts';
import type { Db } from './database';
import { hashPassword } from './passwords';
import { SqlRecordStore, writeTransaction } from './record-store';
import { createSession, type NewSession, type SessionPolicy } from './sessions';

export type Registered =
	| { ok: true; account: AccountRow; session: NewSession }
	| { ok: false; status: number; body: AccountErrorBody };

/** Ends the transaction (nothing is kept) with this answer. */
class Refusal extends Error {
	constructor(
		readonly status: number,
		readonly body: AccountErrorBody
	) {
		super(body.code);
	}
}

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

/** The member record she registers, as `volunteer.register`'s args. */
function memberArgs(form: SelfRegistration, volunteerId: string, phone: string, at: string) {
	return {
		id: volunteerId,
		name: form.name,
		phone,
		gender: null,
		birthYear: null,
		birthDate: form.birthDate,
		guardian: form.guardian ?? null,
		district: form.district,
		community: form.community,
		skills: [],
		languages: [],
		availability: '',
		emergencyResponder: false,
		consent: form.consent,
		consentVersion: form.consentVersion,
		homeStationId: form.homeStationId,
		source: 'self',
		at
	} satisfies ArgsOf<'volunteer.register'>;
}

export async function registerVolunteerAccount(
	db: Db,
	form: SelfRegistration,
	policy: SessionPolicy
): Promise<Registered> {
	// The schema accepted the phone, so it normalises.
	const phone = normalizePhone(form.phone)!;
	try {
		// Checked before the costly hash, and again inside the transaction that writes.
		await refuseKnownPhone(db, phone);
		const passwordHash = await hashPassword(form.password);
		return await writeTransaction(db, async (trx, versions) => {
			await refuseKnownPhone(trx, phone);
			const accountId = crypto.randomUUID();
			const volunteerId = crypto.randomUUID();
			const now = nowIso();
			const self: Actor = {
				accountId,
				role: 'volunteer',
				district: null,
				stationId: null,
				volunteerId
			};
			const done = await executeMutation(
				new SqlRecordStore(trx, versions),
				'volunteer.register',
				memberArgs(form, volunteerId, phone, now),
				{ authority: 'server', actor: self, now }
			);
			if (!done.ok) {
				const { code, path } = done.refusal;
				throw code === 'duplicate_phone' ? phoneTaken() : new Refusal(400, { code, path });
			}
			const account = await createAccount(trx, {
				now: new Date(now),
				id: accountId,
				role: 'volunteer',
				phone,
				passwordHash,
				volunteerId,
				displayName: form.name
			});
			return { ok: true, account, session: await createSession(trx, accountId, { policy }) };
		});
	} catch (error) {
		if (error instanceof Refusal) return { ok: false, status: error.status, body: error.body };
		// Another registration of the same phone committed first.
		if (isUniqueViolation(error)) return { ok: false, status: 409, body: phoneTaken().body };
		throw error;
	}
}
