/** A team's details as typed into a form, checked with the mutations' own schemas. */
import type * as z from 'zod/mini';
import { changedFields } from '$lib/domain/mutation';
import { mutations, type Mutations } from '$lib/domain/mutations';
import type { Category } from '$lib/domain/reference';
import type { Team } from '$lib/domain/schemas';
import { errorText, type FieldErrors } from '$lib/i18n/error-text';
import { issueErrors } from '../projects/field-errors';

export interface TeamDraft {
	name: string;
	/** '' while no leader is chosen. */
	leaderId: string;
	/** The leader among them, as the team keeps its members. */
	memberIds: string[];
	focus: Category[];
}

export function emptyTeam(): TeamDraft {
	return { name: '', leaderId: '', memberIds: [], focus: [] };
}

export function draftOf(team: Team): TeamDraft {
	return {
		name: team.name,
		leaderId: team.leaderId ?? '',
		memberIds: [...team.memberIds],
		focus: [...team.focus]
	};
}

/** The draft in the mutations' terms: no leader is null, and the leader is one of the members. */
function fieldsOf(draft: TeamDraft) {
	const leaderId = draft.leaderId || null;
	const memberIds =
		leaderId && !draft.memberIds.includes(leaderId)
			? [leaderId, ...draft.memberIds]
			: [...draft.memberIds];
	return { name: draft.name, leaderId, memberIds, focus: draft.focus };
}

type CreateArgs = z.output<Mutations['team.create']['args']>;
type UpdateArgs = z.output<Mutations['team.update']['args']>;

type Checked<T> = { ok: true; args: T } | { ok: false; errors: FieldErrors };

/** The `team.create` args, or the errors to show beside the fields. */
export function checkNewTeam(
	draft: TeamDraft,
	stationId: string,
	id: string,
	at: string
): Checked<CreateArgs> {
	const parsed = mutations['team.create'].args.safeParse({
		id,
		stationId,
		...fieldsOf(draft),
		at
	});
	if (parsed.success) return { ok: true, args: parsed.data };
	const errors = issueErrors(parsed.error.issues);
	// An empty select is a missing answer, not a malformed id.
	if (!stationId) errors.stationId = errorText('required');
	return { ok: false, errors };
}

/** The `team.update` args with only what changed (none: nothing to send), or the errors. */
export function checkTeamChanges(team: Team, draft: TeamDraft, at: string): Checked<UpdateArgs> {
	const parsed = mutations['team.update'].args.safeParse({
		id: team.id,
		changes: fieldsOf(draft),
		at
	});
	if (!parsed.success) return { ok: false, errors: issueErrors(parsed.error.issues) };
	return { ok: true, args: { ...parsed.data, changes: changedFields(team, parsed.data.changes) } };
}
