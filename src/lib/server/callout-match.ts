/**
 * Matching a call-out on the server, for an admin whose device holds few members: the members the
 * call-out reaches, read by their indexed home station (or district), judged by the same rules as
 * on a device (`matchMembers`), the best first with their reasons, the rest counted by why. Only
 * staff who could make the call-out (its lead station in their scope) may ask.
 */
import type { ExpressionBuilder } from 'kysely';
import {
	matchMembers,
	SERVER_MATCH_LIMIT,
	type CalloutCriteria,
	type LeftOutReason,
	type ServerMatchAnswer
} from '$lib/domain/emergency';
import { holdsStation } from '$lib/domain/permissions';
import { maskPhone } from '$lib/domain/phone';
import type { DistrictCode } from '$lib/domain/reference';
import type { Actor } from './authorization';
import type { Db, Schema } from './database';
import { admit, calloutMatchesPerAccount } from './rate-limit';
import { decodeRow } from './record-store';

export type MatchOutcome =
	| { ok: true; answer: ServerMatchAnswer }
	| { ok: false; status: 403 | 404 | 429; code: string; retryAfter?: number };

type Members = ExpressionBuilder<Schema, 'volunteers'>;

/** The members a call-out reaches, by indexed columns (`inReach` judges each again). */
function reachOf(criteria: CalloutCriteria) {
	if (criteria.reach === 'stations') {
		const ids =
			criteria.reachStationIds.length > 0 ? criteria.reachStationIds : [criteria.stationId];
		return (eb: Members) => eb('volunteers.home_station_id', 'in', ids);
	}
	const district = criteria.district;
	return (eb: Members) =>
		eb.or([
			eb('volunteers.district', '=', district),
			eb(
				'volunteers.home_station_id',
				'in',
				eb.selectFrom('stations as s').select('s.id').where('s.district', '=', district)
			)
		]);
}

export async function matchCallout(
	db: Db,
	actor: Actor,
	criteria: CalloutCriteria,
	now = Date.now()
): Promise<MatchOutcome> {
	if (actor.accountId === null) return { ok: false, status: 403, code: 'forbidden' };
	const lead = await db
		.selectFrom('stations')
		.select(['id', 'district'])
		.where('id', '=', criteria.stationId)
		.where('deleted', '=', 0)
		.executeTakeFirst();
	if (!lead) return { ok: false, status: 404, code: 'not_found' };
	const district = lead.district as DistrictCode;
	// As making the call-out: staff of its lead station's scope; a worker reaches her own station.
	const allowed =
		holdsStation(actor, lead.id, district) &&
		(actor.role !== 'station_worker' ||
			(criteria.reach === 'stations' &&
				criteria.reachStationIds.every((id) => id === actor.stationId)));
	if (!allowed) return { ok: false, status: 403, code: 'forbidden' };
	const admission = await admit(db, [calloutMatchesPerAccount(actor.accountId)], now);
	if (!admission.ok) {
		return { ok: false, status: 429, code: 'match_limited', retryAfter: admission.retryAfter };
	}
	const judged = { ...criteria, district };
	const rows = await db
		.selectFrom('volunteers')
		.select(['data', 'version'])
		.where('deleted', '=', 0)
		.where(reachOf(judged))
		.execute();
	const members = rows.map((r) => decodeRow('volunteers', r));
	const stationIds = [...new Set(members.map((m) => m.homeStationId).filter((id) => id !== null))];
	const districts = new Map<string, DistrictCode>();
	for (let i = 0; i < stationIds.length; i += 500) {
		const found = await db
			.selectFrom('stations')
			.select(['id', 'district'])
			.where('id', 'in', stationIds.slice(i, i + 500))
			.execute();
		for (const s of found) districts.set(s.id, s.district as DistrictCode);
	}
	const { matches, leftOut } = matchMembers(judged, members, (id) => districts.get(id));
	const counts: Partial<Record<LeftOutReason, number>> = {};
	for (const out of leftOut) counts[out.reason] = (counts[out.reason] ?? 0) + 1;
	return {
		ok: true,
		answer: {
			matches: matches.slice(0, SERVER_MATCH_LIMIT).map((match) => ({
				volunteerId: match.member.id,
				name: match.member.name,
				phone: maskPhone(match.member.phone),
				stationId: match.member.homeStationId,
				community: match.member.community,
				role: match.role,
				reasons: match.reasons,
				score: match.score
			})),
			matched: matches.length,
			leftOut: counts,
			reached: matches.length + leftOut.length
		}
	};
}
