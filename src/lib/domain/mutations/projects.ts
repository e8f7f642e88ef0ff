import * as z from 'zod/mini';
import { defineMutation, MutationError, need, type MutationStore } from '../mutation';
import { category, id, instant, optionalText, skills, text, type Project } from '../schemas';
import { promoteWaitlisted } from './signups';
import { openStation } from './stations';
import { checkOrganizers, organizerFields, organizerList } from './teams';

const projectFields = {
	title: text(80),
	description: optionalText(2000, true),
	category: category(),
	place: text(120),
	requiredSkills: skills(),
	urgent: z.boolean(),
	/** The youngest age that may sign up; null for any. Added later, so a queued change may lack it. */
	minAge: z.optional(
		z.nullable(z.int('invalid_age').check(z.gte(0, 'invalid_age'), z.lte(99, 'invalid_age')))
	),
	/** Its organising team and co-organisers; added later, so a queued change may lack them. */
	...organizerFields
};

async function openProject(store: MutationStore, projectId: string, path = ['id']) {
	const project = await need(store, 'projects', projectId, path);
	if (project.status === 'closed' || project.status === 'cancelled') {
		throw new MutationError('project_closed', path);
	}
	return project;
}

function stamp(project: Project, at: string, actorId: string | null): Project {
	return { ...project, updatedAt: at, updatedBy: actorId };
}

export const createProject = defineMutation({
	name: 'project.create',
	args: z.strictObject({ id: id(), stationId: id(), ...projectFields, at: instant() }),
	async apply(store, args, ctx) {
		if (await store.get('projects', args.id)) throw new MutationError('already_exists');
		// A suspended or closed station releases nothing new.
		const station = await openStation(store, args.stationId, ['stationId']);
		await checkOrganizers(
			store,
			{ stationId: station.id, district: station.district },
			args.teamId,
			args.coOrganizerIds
		);
		await store.put('projects', {
			id: args.id,
			createdAt: args.at,
			updatedAt: args.at,
			version: 0,
			updatedBy: ctx.actorId,
			stationId: station.id,
			district: station.district,
			title: args.title,
			description: args.description,
			category: args.category,
			place: args.place,
			requiredSkills: args.requiredSkills,
			status: 'draft',
			urgent: args.urgent,
			minAge: args.minAge ?? null,
			publishedAt: null,
			closedAt: null,
			calloutId: null,
			teamId: args.teamId ?? null,
			coOrganizerIds: organizerList(args.coOrganizerIds ?? [])
		});
	}
});

export const updateProject = defineMutation({
	name: 'project.update',
	args: z.strictObject({
		id: id(),
		changes: z.partial(z.strictObject(projectFields)),
		at: instant()
	}),
	async apply(store, args, ctx) {
		const project = await openProject(store, args.id);
		const { minAge, teamId, coOrganizerIds, ...changes } = args.changes;
		await checkOrganizers(store, project, teamId, coOrganizerIds, ['changes']);
		await store.put('projects', {
			...stamp(project, args.at, ctx.actorId),
			...changes,
			...(minAge === undefined ? {} : { minAge }),
			...(teamId === undefined ? {} : { teamId }),
			...(coOrganizerIds === undefined ? {} : { coOrganizerIds: organizerList(coOrganizerIds) })
		});
	}
});

export const publishProject = defineMutation({
	name: 'project.publish',
	args: z.strictObject({ id: id(), at: instant() }),
	async apply(store, args, ctx) {
		const project = await openProject(store, args.id);
		if (project.status === 'published') return;
		const shifts = await store.shiftsOfProject(project.id);
		if (shifts.length === 0) throw new MutationError('project_without_shifts');
		await store.put('projects', {
			...stamp(project, args.at, ctx.actorId),
			status: 'published',
			publishedAt: args.at
		});
		// Volunteers' pulls skip a draft's shifts; writing them again gives them versions after any
		// cursor such a device holds, so they arrive with the project.
		if (ctx.authority === 'server') for (const shift of shifts) await store.put('shifts', shift);
	}
});

export const closeProject = defineMutation({
	name: 'project.close',
	args: z.strictObject({ id: id(), at: instant() }),
	async apply(store, args, ctx) {
		const project = await openProject(store, args.id);
		await store.put('projects', {
			...stamp(project, args.at, ctx.actorId),
			status: 'closed',
			closedAt: args.at
		});
	}
});

const shiftTimes = {
	start: instant(),
	end: instant(),
	capacity: z
		.int('invalid_capacity')
		.check(z.gte(1, 'invalid_capacity'), z.lte(10_000, 'invalid_capacity'))
};

function refuseBackwards(start: string, end: string) {
	if (Date.parse(end) <= Date.parse(start)) throw new MutationError('end_before_start', ['end']);
}

export const addShift = defineMutation({
	name: 'shift.add',
	args: z.strictObject({ id: id(), projectId: id(), ...shiftTimes, at: instant() }),
	async apply(store, args, ctx) {
		if (await store.get('shifts', args.id)) throw new MutationError('already_exists');
		const project = await openProject(store, args.projectId, ['projectId']);
		refuseBackwards(args.start, args.end);
		await store.put('shifts', {
			id: args.id,
			createdAt: args.at,
			updatedAt: args.at,
			version: 0,
			updatedBy: ctx.actorId,
			projectId: project.id,
			stationId: project.stationId,
			start: args.start,
			end: args.end,
			capacity: args.capacity,
			confirmedCount: 0,
			waitlistCount: 0,
			waitlistSeq: 0
		});
	}
});

export const updateShift = defineMutation({
	name: 'shift.update',
	args: z.strictObject({ id: id(), changes: z.partial(z.strictObject(shiftTimes)), at: instant() }),
	async apply(store, args, ctx) {
		const shift = await need(store, 'shifts', args.id);
		await openProject(store, shift.projectId, ['projectId']);
		const next = { ...shift, ...args.changes, updatedAt: args.at, updatedBy: ctx.actorId };
		refuseBackwards(next.start, next.end);
		if (ctx.authority === 'server' && next.capacity < shift.confirmedCount) {
			throw new MutationError('capacity_below_confirmed', ['changes', 'capacity'], {
				confirmed: String(shift.confirmedCount)
			});
		}
		await store.put('shifts', next);
		// More room: the waitlist moves up, in arrival order.
		if (ctx.authority === 'server') await promoteWaitlisted(store, next.id, args.at);
	}
});
