/**
 * A member's readiness as her form holds it (standby times typed in Beijing wall time), and the
 * steps from it to `volunteer.setReadiness` and back. Errors are codes keyed by the field they
 * belong to (`standby.2.to`), so each shows beside its own field; the form turns them into words.
 */
import { beijingDate } from '$lib/domain/age';
import { setReadiness } from '$lib/domain/mutations/callouts';
import type { ArgsOf } from '$lib/domain/mutations';
import type { EmergencyRole, WeekSlot } from '$lib/domain/reference';
import type { Readiness, Standby, Volunteer } from '$lib/domain/schemas';
import { fromBeijingInput, toBeijingInput } from '$lib/i18n/locale';
import { compareText } from '$lib/domain/order';

/** One standby period as typed: `YYYY-MM-DDTHH:mm`, Beijing time. */
export interface StandbyDraft {
	/** Tells the rows apart while some are added and removed. */
	key: number;
	from: string;
	to: string;
}

export interface ReadinessDraft {
	ready: boolean;
	weekly: WeekSlot[];
	standby: StandbyDraft[];
	roles: EmergencyRole[];
	/** `YYYY-MM-DD`, or '' when not given. */
	firstAidExpiresOn: string;
}

export type ReadinessArgs = ArgsOf<'volunteer.setReadiness'>;

/** Error codes by field: `ready`, `weekly`, `standby`, `standby.<i>.from|to`, `roles`, `firstAidExpiresOn`, `form`. */
export type ReadinessErrors = Record<string, string>;

let nextKey = 0;
const standbyDraft = (from: string, to: string): StandbyDraft => ({ key: nextKey++, from, to });

export function readinessDraftOf(
	member: Pick<Volunteer, 'emergencyResponder' | 'readiness'>
): ReadinessDraft {
	const { weekly, standby, roles, firstAidExpiresOn } = member.readiness;
	return {
		ready: member.emergencyResponder,
		weekly: [...weekly],
		standby: standby.map((p) => standbyDraft(toBeijingInput(p.from), toBeijingInput(p.to))),
		roles: [...roles],
		firstAidExpiresOn: firstAidExpiresOn ?? ''
	};
}

/** A new standby period to start from: tomorrow 08:00 to 20:00, Beijing time. */
export function newStandby(now: string): StandbyDraft {
	const today = toBeijingInput(now).slice(0, 10);
	const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000)
		.toISOString()
		.slice(0, 10);
	return standbyDraft(`${tomorrow}T08:00`, `${tomorrow}T20:00`);
}

const fields = new Set(['emergencyResponder', 'weekly', 'standby', 'roles', 'firstAidExpiresOn']);

/**
 * The field an error's path is about: `['readiness', 'standby', 2, 'to']` is `standby.2.to`.
 * Anything the form has no field for (the member's id, the time) is the form's.
 */
export function readinessField(path: readonly PropertyKey[]): string {
	const steps = path[0] === 'readiness' ? path.slice(1) : path;
	const [head, index, end] = steps;
	if (typeof head !== 'string' || !fields.has(head)) return 'form';
	if (head === 'emergencyResponder') return 'ready';
	if (head === 'standby' && typeof index === 'number') {
		return `standby.${index}.${end === 'to' ? 'to' : 'from'}`;
	}
	return head;
}

/** The args to save, or the errors to show beside the fields. */
export function checkReadiness(
	draft: ReadinessDraft,
	id: string,
	at: string
): { ok: true; args: ReadinessArgs } | { ok: false; errors: ReadinessErrors } {
	const errors: ReadinessErrors = {};
	const standby: Standby[] = draft.standby.map((period, index) => {
		const from = fromBeijingInput(period.from);
		const to = fromBeijingInput(period.to);
		if (!from) errors[`standby.${index}.from`] = period.from ? 'invalid_time' : 'required';
		if (!to) errors[`standby.${index}.to`] = period.to ? 'invalid_time' : 'required';
		else if (from && to <= from) errors[`standby.${index}.to`] = 'end_before_start';
		return { from: from ?? '', to: to ?? '' };
	});
	const firstAid = draft.roles.includes('first_aid') && draft.firstAidExpiresOn !== '';
	const parsed = setReadiness.args.safeParse({
		id,
		emergencyResponder: draft.ready,
		readiness: {
			weekly: draft.weekly,
			standby,
			roles: draft.roles,
			firstAidExpiresOn: firstAid ? draft.firstAidExpiresOn : null
		},
		at
	});
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const code = /^[a-z_]+$/.test(issue.message) ? issue.message : 'invalid';
			errors[readinessField(issue.path)] ??= code;
		}
	}
	if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
	return { ok: true, args: parsed.data };
}

/** Whether a certificate valid through `expiresOn` has run out by `now` (Beijing days). */
export function firstAidExpired(expiresOn: string | null, now: string): boolean {
	return expiresOn !== null && expiresOn !== '' && expiresOn < beijingDate(now);
}

/** Standby periods not yet over, soonest first, and the one she is on now (if any). */
export function standbyAhead(
	standby: Readiness['standby'],
	now: string
): { current: Standby | null; ahead: Standby[] } {
	const ahead = standby.filter((p) => p.to > now).sort((a, b) => compareText(a.from, b.from));
	return { current: ahead.find((p) => p.from <= now) ?? null, ahead };
}
