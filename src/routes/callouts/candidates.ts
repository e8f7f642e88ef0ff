/**
 * The people a call-out's matching lists, whether matched on this device (`matchMembers` over the
 * members it holds) or on the server (an admin's, whose device holds few), in one shape, and the
 * people left out, grouped by why.
 */
import {
	leftOutReasons,
	type CalloutCriteria,
	type LeftOutReason,
	type MatchReason,
	type MatchResult,
	type ServerMatch,
	type ServerMatchAnswer
} from '$lib/domain/emergency';
import { maskPhone } from '$lib/domain/phone';
import type { EmergencyRole } from '$lib/domain/reference';
import { compareNames, compareText } from '$lib/domain/order';

export interface Candidate {
	volunteerId: string;
	name: string;
	/** Masked: 138****0001. */
	phone: string;
	stationId: string | null;
	role: EmergencyRole;
	reasons: MatchReason[];
	score: number;
	/** Known only from the server's answer: asking her carries what the list showed. */
	fromServer: boolean;
}

export interface LeftOutGroup {
	reason: LeftOutReason;
	count: number;
	/** Their names when the device judged them; the server sends only how many. */
	names: string[] | null;
}

/** Only the criteria's own fields: the server's schema takes nothing else. */
export function criteriaOf(source: CalloutCriteria): CalloutCriteria {
	return {
		start: source.start,
		end: source.end,
		roles: source.roles.map((r) => ({ role: r.role, headcount: r.headcount })),
		community: source.community,
		district: source.district,
		stationId: source.stationId,
		reach: source.reach,
		reachStationIds: [...source.reachStationIds]
	};
}

export function localCandidates(result: MatchResult): Candidate[] {
	return result.matches.map(({ member, role, reasons, score }) => ({
		volunteerId: member.id,
		name: member.name,
		phone: maskPhone(member.phone),
		stationId: member.homeStationId,
		role,
		reasons,
		score,
		fromServer: false
	}));
}

function serverCandidate(match: ServerMatch): Candidate {
	return {
		volunteerId: match.volunteerId,
		name: match.name,
		phone: match.phone,
		stationId: match.stationId,
		role: match.role,
		reasons: match.reasons,
		score: match.score,
		fromServer: true
	};
}

const byRank = (a: Candidate, b: Candidate) =>
	b.score - a.score || compareNames(a.name, b.name) || compareText(a.volunteerId, b.volunteerId);

/**
 * The server's list (it judges everyone the call-out reaches), with the device's matches the
 * server does not know yet (registered or updated offline, not yet sent), best first.
 */
export function mergeCandidates(local: Candidate[], server: ServerMatch[] | null): Candidate[] {
	if (!server) return local;
	const merged = new Map<string, Candidate>();
	for (const match of server) merged.set(match.volunteerId, serverCandidate(match));
	for (const candidate of local) {
		if (!merged.has(candidate.volunteerId)) merged.set(candidate.volunteerId, candidate);
	}
	return [...merged.values()].sort(byRank);
}

export function localLeftOut(result: MatchResult): LeftOutGroup[] {
	return leftOutReasons
		.map((reason) => {
			const names = result.leftOut.filter((l) => l.reason === reason).map((l) => l.member.name);
			return { reason, count: names.length, names };
		})
		.filter((group) => group.count > 0);
}

export function serverLeftOut(answer: ServerMatchAnswer): LeftOutGroup[] {
	return leftOutReasons
		.map((reason) => ({ reason, count: answer.leftOut[reason] ?? 0, names: null }))
		.filter((group) => group.count > 0);
}
