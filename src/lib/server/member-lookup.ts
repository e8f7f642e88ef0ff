/**
 * The server's half of finding a walk-in by her full phone number (`$lib/domain/member-lookup`):
 * staff only, counted against a per-account limit before the database is asked, answering the
 * least the roster needs.
 */
import { isStaff } from '$lib/domain/roles';
import type { MemberLookupAnswer } from '$lib/domain/member-lookup';
import { maskPhone, normalizePhone } from '$lib/domain/phone';
import type { Actor } from './authorization';
import type { Db } from './database';
import { admit, memberLookupsPerAccount } from './rate-limit';
import { decodeRow } from './record-store';

export type LookupOutcome =
	| { ok: true; answer: MemberLookupAnswer }
	| { ok: false; status: 400 | 403 | 404 | 429; code: string; retryAfter?: number };

export async function lookUpMember(
	db: Db,
	actor: Actor,
	typed: string,
	now = Date.now()
): Promise<LookupOutcome> {
	if (!isStaff(actor.role) || actor.accountId === null) {
		return { ok: false, status: 403, code: 'forbidden' };
	}
	const phone = normalizePhone(typed);
	if (!phone) return { ok: false, status: 400, code: 'invalid_phone' };
	const admission = await admit(db, [memberLookupsPerAccount(actor.accountId)], now);
	if (!admission.ok) {
		return { ok: false, status: 429, code: 'lookup_limited', retryAfter: admission.retryAfter };
	}
	const stored = await db
		.selectFrom('volunteers')
		.select(['data', 'version'])
		.where('phone', '=', phone)
		.where('deleted', '=', 0)
		.executeTakeFirst();
	if (!stored) return { ok: false, status: 404, code: 'not_found' };
	const member = decodeRow('volunteers', stored);
	const home = member.homeStationId
		? await db
				.selectFrom('stations')
				.select(['data', 'version'])
				.where('id', '=', member.homeStationId)
				.executeTakeFirst()
		: undefined;
	return {
		ok: true,
		answer: {
			member: {
				id: member.id,
				name: member.name,
				phone: maskPhone(member.phone),
				status: member.status,
				homeStationName: home ? decodeRow('stations', home).name : null
			}
		}
	};
}
