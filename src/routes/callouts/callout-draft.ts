/**
 * A call-out as typed into the form (times in Beijing wall time), the criteria its live matching
 * reads, and its check with the mutation's own schema before it becomes `callout.create`.
 */
import type * as z from 'zod/mini';
import type { CalloutCriteria } from '$lib/domain/emergency';
import { mutations, type Mutations } from '$lib/domain/mutations';
import type { CalloutUrgency, EmergencyRole } from '$lib/domain/reference';
import type { Station } from '$lib/domain/schemas';
import { errorText, type FieldErrors } from '$lib/i18n/error-text';
import { fromBeijingInput, toBeijingInput } from '$lib/i18n/locale';

export interface RoleDraft {
	/** Keeps a row's fields with it when rows above are removed. */
	key: string;
	role: EmergencyRole | '';
	headcount: number | null;
}

export interface CalloutDraft {
	title: string;
	description: string;
	place: string;
	community: string;
	/** `YYYY-MM-DDTHH:mm`, Beijing time. */
	start: string;
	end: string;
	urgency: CalloutUrgency;
	roles: RoleDraft[];
	/** The lead station; '' until chosen. */
	stationId: string;
	reach: 'stations' | 'district';
	/** The other stations asked, with `reach: 'stations'` (the lead station always is). */
	reachStationIds: string[];
}

const HOUR = 3_600_000;

export function newRole(role: EmergencyRole | '' = ''): RoleDraft {
	return { key: crypto.randomUUID(), role, headcount: 5 };
}

/** From the next full hour (Beijing time) for four hours; one task to choose. */
export function emptyCallout(now: string, stationId: string): CalloutDraft {
	const next = Math.ceil(Date.parse(now) / HOUR) * HOUR;
	return {
		title: '',
		description: '',
		place: '',
		community: '',
		start: toBeijingInput(new Date(next).toISOString()),
		end: toBeijingInput(new Date(next + 4 * HOUR).toISOString()),
		urgency: 'urgent',
		roles: [newRole('duty')],
		stationId,
		reach: 'stations',
		reachStationIds: []
	};
}

/** What matching needs from the form; null until it has a lead station, a time and a task. */
export function draftCriteria(
	draft: CalloutDraft,
	lead: Station | undefined
): CalloutCriteria | null {
	const start = fromBeijingInput(draft.start);
	const end = fromBeijingInput(draft.end);
	const roles = draft.roles.flatMap((r) =>
		r.role ? [{ role: r.role, headcount: Math.max(1, r.headcount ?? 1) }] : []
	);
	if (!lead || !start || !end || end <= start || roles.length === 0) return null;
	return {
		start,
		end,
		roles,
		community: draft.community.trim(),
		district: lead.district,
		stationId: lead.id,
		reach: draft.reach,
		reachStationIds:
			draft.reach === 'stations' ? [...new Set([lead.id, ...draft.reachStationIds])] : []
	};
}

/** Where an error is shown: a task's own field (`roles.1.headcount`), else the field named first. */
export function errorKey(path: readonly PropertyKey[]): string {
	const [first, index, field] = path;
	if (first === 'roles' && typeof index === 'number' && typeof field === 'string') {
		return `roles.${index}.${field}`;
	}
	return typeof first === 'string' ? first : '';
}

const fields = new Set([
	'title',
	'description',
	'place',
	'community',
	'start',
	'end',
	'urgency',
	'roles',
	'stationId',
	'reach',
	'reachStationIds'
]);

/** Whether the form shows an error at this key (else it is for the whole form). */
export function isFieldKey(key: string): boolean {
	return fields.has(key) || key.startsWith('roles.');
}

type CreateArgs = z.output<Mutations['callout.create']['args']>;

export interface NewIds {
	id: string;
	projectId: string;
	shiftId: string;
}

/** The `callout.create` args, or the errors to show beside the fields. */
export function checkCallout(
	draft: CalloutDraft,
	ids: NewIds,
	at: string
): { ok: true; args: CreateArgs } | { ok: false; errors: FieldErrors } {
	const candidate = {
		...ids,
		title: draft.title,
		description: draft.description,
		place: draft.place,
		community: draft.community,
		start: fromBeijingInput(draft.start) ?? '',
		end: fromBeijingInput(draft.end) ?? '',
		urgency: draft.urgency,
		roles: draft.roles.map((r) => ({ role: r.role, headcount: r.headcount })),
		stationId: draft.stationId,
		reach: draft.reach,
		reachStationIds: draft.reach === 'stations' ? draft.reachStationIds : [],
		at
	};
	const parsed = mutations['callout.create'].args.safeParse(candidate);
	const errors: FieldErrors = {};
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const key = errorKey(issue.path);
			const code = /^[a-z_]+$/.test(issue.message) ? issue.message : 'invalid';
			errors[key] ??= errorText(code);
		}
	}
	// An empty select is a missing answer, not a malformed id.
	if (!draft.stationId) errors.stationId = errorText('required');
	if (candidate.start && candidate.end && candidate.end <= candidate.start) {
		errors.end ??= errorText('end_before_start');
	}
	if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, args: parsed.data };
}
