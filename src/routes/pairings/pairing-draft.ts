/**
 * A new pairing and a logged activity as typed into their forms, checked with the mutations' own
 * schemas before they become `pairing.create` and `pairing.logActivity`.
 */
import type * as z from 'zod/mini';
import { mutations, type Mutations } from '$lib/domain/mutations';
import type { Category } from '$lib/domain/reference';
import { errorText, type FieldErrors } from '$lib/i18n/error-text';
import { issueErrors } from '../projects/field-errors';

type Checked<T> = { ok: true; args: T } | { ok: false; errors: FieldErrors };

export interface PairingDraft {
	/** '' until chosen. */
	stationId: string;
	/** One of the station's teams, or '' for the station as a whole. */
	teamId: string;
	focus: Category[];
	/** `YYYY-MM-DD` from a date input; the end '' when open-ended. */
	startOn: string;
	endOn: string;
}

export function emptyPairing(today: string): PairingDraft {
	return { stationId: '', teamId: '', focus: [], startOn: today, endOn: '' };
}

/** The `pairing.create` args, or the errors to show beside the fields. */
export function checkNewPairing(
	draft: PairingDraft,
	organizationId: string,
	id: string,
	at: string
): Checked<z.output<Mutations['pairing.create']['args']>> {
	const parsed = mutations['pairing.create'].args.safeParse({
		id,
		organizationId,
		stationId: draft.stationId,
		teamId: draft.teamId || null,
		focus: draft.focus,
		startOn: draft.startOn,
		endOn: draft.endOn || null,
		at
	});
	const errors = parsed.success ? {} : issueErrors(parsed.error.issues);
	// An empty select is a missing answer, not a malformed id.
	if (!draft.stationId) errors.stationId = errorText('required');
	if (draft.startOn && draft.endOn && draft.endOn < draft.startOn) {
		errors.endOn ??= errorText('end_before_start');
	}
	if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, args: parsed.data };
}

export interface ActivityDraft {
	on: string;
	what: string;
	who: string;
	/** Photos already made small (JPEG data URLs). */
	photos: string[];
}

export function emptyActivity(today: string): ActivityDraft {
	return { on: today, what: '', who: '', photos: [] };
}

/** The `pairing.logActivity` args, or the errors to show beside the fields. */
export function checkActivity(
	draft: ActivityDraft,
	pairing: { id: string; startOn: string; endOn: string | null },
	id: string,
	at: string
): Checked<z.output<Mutations['pairing.logActivity']['args']>> {
	const parsed = mutations['pairing.logActivity'].args.safeParse({
		id,
		pairingId: pairing.id,
		...draft,
		at
	});
	const errors = parsed.success ? {} : issueErrors(parsed.error.issues);
	// The device says so at once rather than after a refused sync.
	if (draft.on && (draft.on < pairing.startOn || (pairing.endOn && draft.on > pairing.endOn))) {
		errors.on ??= errorText('outside_pairing');
	}
	if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, args: parsed.data };
}
