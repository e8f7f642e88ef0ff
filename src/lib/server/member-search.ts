/**
 * The server's half of member search (`$lib/domain/member-search`): staff only, within the
 * caller's scope as `permissions.ts` draws it, in SQL over the members' indexed district and home
 * station columns (a district admin's: her district's members, and the members of her district's
 * stations), a page at a time, answering the least a list shows.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import {
	MEMBER_SEARCH_PAGE,
	searchTerm,
	type MemberSearchAnswer,
	type MemberSearchRequest,
	type SearchTerm
} from '$lib/domain/member-search';
import { factsOf, mayRead } from '$lib/domain/permissions';
import { maskPhone } from '$lib/domain/phone';
import type { Actor } from './authorization';
import type { Db, Schema } from './database';
import { admit, memberSearchesPerAccount } from './rate-limit';
import { decodeRow } from './record-store';

export type SearchOutcome =
	| { ok: true; answer: MemberSearchAnswer }
	| { ok: false; status: 400 | 403 | 429; code: string; retryAfter?: number };

type Members = ExpressionBuilder<Schema, 'volunteers' | 'stations'>;

/** The members in a staff member's scope, by indexed columns; null when she has none. */
function scopeOf(actor: Actor) {
	const { district, stationId } = actor;
	switch (actor.role) {
		case 'city_admin':
			return (eb: Members) => eb.lit(true);
		case 'district_admin':
			if (district === null) return null;
			return (eb: Members) =>
				eb.or([
					eb('volunteers.district', '=', district),
					eb(
						'volunteers.home_station_id',
						'in',
						eb.selectFrom('stations as s').select('s.id').where('s.district', '=', district)
					)
				]);
		case 'station_worker':
			if (stationId === null) return null;
			return (eb: Members) => eb('volunteers.home_station_id', '=', stationId);
		case 'volunteer':
			return null;
	}
}

/** LIKE's wildcards in what was typed match only themselves. */
const literal = (text: string) => text.replace(/[!%_]/g, (c) => `!${c}`);

function matches(term: SearchTerm) {
	// A whole number is the phone index's own lookup; part of one is a scan within the scope.
	if (term.kind === 'phone' && term.digits.length === 11) {
		return (eb: Members) => eb('volunteers.phone', '=', term.digits);
	}
	const pattern = `%${literal(term.kind === 'phone' ? term.digits : term.text)}%`;
	const column = term.kind === 'phone' ? sql.ref('volunteers.phone') : sql.ref('volunteers.name');
	return () => sql<boolean>`${column} LIKE ${pattern} ESCAPE '!'`;
}

export async function searchMembers(
	db: Db,
	actor: Actor,
	request: MemberSearchRequest,
	now = Date.now()
): Promise<SearchOutcome> {
	const scope = scopeOf(actor);
	if (scope === null || actor.accountId === null) {
		return { ok: false, status: 403, code: 'forbidden' };
	}
	const term = searchTerm(request.q);
	if (!term) return { ok: false, status: 400, code: 'query_too_short' };
	const admission = await admit(db, [memberSearchesPerAccount(actor.accountId)], now);
	if (!admission.ok) {
		return { ok: false, status: 429, code: 'search_limited', retryAfter: admission.retryAfter };
	}
	const rows = await db
		.selectFrom('volunteers')
		.leftJoin('stations', 'stations.id', 'volunteers.home_station_id')
		.select([
			'volunteers.data',
			'volunteers.version',
			'stations.data as stationData',
			'stations.version as stationVersion'
		])
		.where('volunteers.deleted', '=', 0)
		.where(scope)
		.where(matches(term))
		.orderBy('volunteers.name')
		.orderBy('volunteers.id')
		.limit(MEMBER_SEARCH_PAGE + 1)
		.offset((request.page - 1) * MEMBER_SEARCH_PAGE)
		.execute();
	const members = rows.slice(0, MEMBER_SEARCH_PAGE).flatMap((row) => {
		const member = decodeRow('volunteers', row);
		const home =
			row.stationData !== null && row.stationVersion !== null
				? decodeRow('stations', { data: row.stationData, version: row.stationVersion })
				: null;
		// The rule itself has the last word on every row the query found.
		const facts = factsOf({ stations: [home] });
		if (!mayRead(actor, { table: 'volunteers', row: member }, facts)) return [];
		return [
			{
				id: member.id,
				name: member.name,
				phone: maskPhone(member.phone),
				status: member.status,
				homeStationName: home?.name ?? null,
				district: member.district
			}
		];
	});
	return {
		ok: true,
		answer: { members, page: request.page, hasMore: rows.length > MEMBER_SEARCH_PAGE }
	};
}
