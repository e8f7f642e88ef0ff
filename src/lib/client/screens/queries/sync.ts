/**
 * Reads for the sync screen: the changes waiting in the outbox and the ones the server refused,
 * each with the record it concerns, found by id (never by scanning a table).
 */
import type { MutationName } from '$lib/domain/mutations';
import { maskPhone } from '$lib/domain/phone';
import type { LocalDb, OutboxEntry, Refusal } from '$lib/client/data/db';

export interface ChangeSubject {
	/** What the change is about, e.g. a member's name and masked phone, or a project's title. */
	label: string;
	/** Where to see that record on this device, when it exists here. */
	member?: string;
	project?: string;
}

const field = (args: unknown, key: string): string => {
	const value = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
	return typeof value[key] === 'string' ? value[key] : '';
};

/** The record a mutation concerns, as far as this device can tell from its args. */
export async function subjectOf(
	db: LocalDb,
	name: MutationName,
	args: unknown
): Promise<ChangeSubject> {
	const id = field(args, 'id');
	switch (name) {
		case 'volunteer.register':
			return {
				label: [field(args, 'name'), maskPhone(field(args, 'phone'))].filter(Boolean).join(' · ')
			};
		case 'volunteer.update':
		case 'volunteer.setStatus': {
			const member = await db.volunteers.get(id);
			return member ? { label: member.name, member: member.id } : { label: '' };
		}
		case 'project.create':
			return { label: field(args, 'title') };
		case 'project.update':
		case 'project.publish':
		case 'project.close': {
			const project = await db.projects.get(id);
			return project ? { label: project.title, project: project.id } : { label: '' };
		}
		case 'shift.add':
		case 'shift.update': {
			const shift = name === 'shift.add' ? null : await db.shifts.get(id);
			const project = await db.projects.get(shift?.projectId ?? field(args, 'projectId'));
			return project ? { label: project.title, project: project.id } : { label: '' };
		}
		case 'signup.request':
		case 'signup.cancel': {
			const signup = name === 'signup.cancel' ? await db.signups.get(id) : null;
			const member = await db.volunteers.get(signup?.volunteerId ?? field(args, 'volunteerId'));
			const shift = await db.shifts.get(signup?.shiftId ?? field(args, 'shiftId'));
			const project = shift ? await db.projects.get(shift.projectId) : undefined;
			return {
				label: [member?.name, project?.title].filter(Boolean).join(' · '),
				member: member?.id,
				project: project?.id
			};
		}
		default:
			return { label: '' };
	}
}

export interface Described<T> {
	entry: T;
	subject: ChangeSubject;
}

export async function refusalsWithSubjects(db: LocalDb): Promise<Described<Refusal>[]> {
	const refusals = await db.refusals.orderBy('mutationId').toArray();
	return Promise.all(
		refusals.map(async (entry) => ({ entry, subject: await subjectOf(db, entry.name, entry.args) }))
	);
}

/** The outbox in send order; at most `limit` entries are described. */
export async function outboxWithSubjects(
	db: LocalDb,
	limit = 100
): Promise<Described<OutboxEntry>[]> {
	const entries = await db.outbox.orderBy('id').limit(limit).toArray();
	return Promise.all(
		entries.map(async (entry) => ({ entry, subject: await subjectOf(db, entry.name, entry.args) }))
	);
}
