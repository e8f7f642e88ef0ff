/** A shift as typed into a form (Beijing wall time), and its check before it becomes `shift.add`. */
import { nowIso } from '$lib/domain/clock';
import { mutations } from '$lib/domain/mutations';
import { errorText, type FieldErrors } from '$lib/i18n/error-text';
import { fromBeijingInput, toBeijingInput } from '$lib/i18n/locale';
import { fieldOf, issueErrors } from './field-errors';

export interface ShiftDraft {
	/** `YYYY-MM-DDTHH:mm`, Beijing time. */
	start: string;
	end: string;
	capacity: number | null;
}

/** Tomorrow 09:00–12:00 Beijing time, 10 places. */
export function defaultShift(now: string): ShiftDraft {
	const today = toBeijingInput(now).slice(0, 10);
	const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000)
		.toISOString()
		.slice(0, 10);
	return { start: `${tomorrow}T09:00`, end: `${tomorrow}T12:00`, capacity: 10 };
}

export type ShiftTimes = { start: string; end: string; capacity: number };

/** The shift's UTC times and capacity, or the errors to show beside its fields. */
export function checkShift(
	draft: ShiftDraft
): { ok: true; value: ShiftTimes } | { ok: false; errors: FieldErrors } {
	const candidate = {
		id: crypto.randomUUID(),
		projectId: crypto.randomUUID(),
		start: fromBeijingInput(draft.start) ?? '',
		end: fromBeijingInput(draft.end) ?? '',
		capacity: draft.capacity,
		at: nowIso()
	};
	const parsed = mutations['shift.add'].args.safeParse(candidate);
	if (!parsed.success) return { ok: false, errors: issueErrors(parsed.error.issues) };
	const { start, end, capacity } = parsed.data;
	if (Date.parse(end) <= Date.parse(start)) {
		return { ok: false, errors: { end: errorText('end_before_start') } };
	}
	return { ok: true, value: { start, end, capacity } };
}

/** A refused `shift.add` or `shift.update`: beside the time or capacity it is about, else for the whole form. */
export function shiftRefusal(refusal: {
	code: string;
	path: readonly PropertyKey[];
	detail: Record<string, string>;
}): { errors: FieldErrors; formError: string | null } {
	const field = fieldOf(refusal.path);
	const text = errorText(refusal.code, refusal.detail);
	return ['start', 'end', 'capacity'].includes(field)
		? { errors: { [field]: text }, formError: null }
		: { errors: {}, formError: text };
}
