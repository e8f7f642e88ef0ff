/**
 * Names of emergency mobilization's codes (tasks, urgency, a call-out's status, answers, why a
 * volunteer is or is not listed) in the user's language. Tasks, urgency and time windows are named
 * in `readiness-labels.ts`, which a member's readiness shares.
 */
import type { LeftOutReason, MatchReason } from '$lib/domain/emergency';
import type { CalloutAnswer, CalloutStatus } from '$lib/domain/schemas';
import { m } from '$lib/paraglide/messages';

const statusNames: Record<CalloutStatus, () => string> = {
	open: m.callout_status_open,
	closed: m.callout_status_closed,
	stood_down: m.callout_status_stood_down
};

export function calloutStatusName(status: CalloutStatus): string {
	return statusNames[status]?.() ?? status;
}

const answerNames: Record<CalloutAnswer, () => string> = {
	asked: m.callout_answer_asked,
	accepted: m.callout_answer_accepted,
	declined: m.callout_answer_declined,
	no_answer: m.callout_answer_no_answer
};

export function answerName(answer: CalloutAnswer): string {
	return answerNames[answer]?.() ?? answer;
}

const matchReasonNames: Record<MatchReason, () => string> = {
	standby: m.callout_reason_standby,
	available: m.callout_reason_available,
	partly_available: m.callout_reason_partly_available,
	has_skill: m.callout_reason_has_skill,
	same_community: m.callout_reason_same_community,
	same_station: m.callout_reason_same_station,
	ready: m.callout_reason_ready
};

/** A reason code as kept on a response (any string): known ones named, others left out. */
export function matchReasonName(reason: string): string | null {
	return Object.hasOwn(matchReasonNames, reason) ? matchReasonNames[reason as MatchReason]() : null;
}

const leftOutNames: Record<LeftOutReason, () => string> = {
	inactive: m.callout_left_inactive,
	minor: m.callout_left_minor,
	not_ready: m.callout_left_not_ready,
	no_availability: m.callout_left_no_availability,
	not_available: m.callout_left_not_available,
	first_aid_expired: m.callout_left_first_aid_expired,
	no_fitting_role: m.callout_left_no_fitting_role
};

export function leftOutReasonName(reason: LeftOutReason): string {
	return leftOutNames[reason]?.() ?? reason;
}
