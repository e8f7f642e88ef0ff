/** A project's details as typed into a form, checked with the mutations' own schemas. */
import type * as z from 'zod/mini';
import { mutations, type Mutations } from '$lib/domain/mutations';
import type { Category } from '$lib/domain/reference';
import type { Project } from '$lib/domain/schemas';
import { errorText, type FieldErrors } from '$lib/i18n/error-text';
import { issueErrors } from './field-errors';

export interface ProjectDraft {
	title: string;
	description: string;
	category: Category | '';
	place: string;
	requiredSkills: Category[];
	urgent: boolean;
	/** The youngest age that may sign up; null for any. */
	minAge: number | null;
	/** The station's team that organises it; '' for none. */
	teamId: string;
	/** Social organizations of the district that organise it with the station. */
	coOrganizerIds: string[];
}

export function emptyProject(): ProjectDraft {
	return {
		title: '',
		description: '',
		category: '',
		place: '',
		requiredSkills: [],
		urgent: false,
		minAge: null,
		teamId: '',
		coOrganizerIds: []
	};
}

export function draftOf(project: Project): ProjectDraft {
	return {
		title: project.title,
		description: project.description,
		category: project.category,
		place: project.place,
		requiredSkills: [...project.requiredSkills],
		urgent: project.urgent,
		minAge: project.minAge,
		teamId: project.teamId ?? '',
		coOrganizerIds: [...project.coOrganizerIds]
	};
}

/** The draft in the mutations' terms: no team is null. */
export function projectFields(draft: ProjectDraft) {
	return { ...draft, teamId: draft.teamId || null };
}

type CreateArgs = z.output<Mutations['project.create']['args']>;

/** The `project.create` args, or the errors to show beside the fields. */
export function checkNewProject(
	draft: ProjectDraft,
	stationId: string,
	id: string,
	at: string
): { ok: true; args: CreateArgs } | { ok: false; errors: FieldErrors } {
	const parsed = mutations['project.create'].args.safeParse({
		id,
		stationId,
		...projectFields(draft),
		at
	});
	if (parsed.success) return { ok: true, args: parsed.data };
	const errors = issueErrors(parsed.error.issues);
	// An empty select is a missing answer, not a malformed id.
	if (!stationId) errors.stationId = errorText('required');
	return { ok: false, errors };
}
