/**
 * Teams, social organizations and their pairings (结对帮扶). A station's volunteer teams (志愿服务队)
 * are kept by the station; a district's registry of social organizations by its admin, who pairs
 * an organization with a station or one of its teams; what a pairing did together is logged by
 * the station and its admins. A project names its organising team and its co-organisers here.
 */
import * as z from 'zod/mini';
import { defineMutation, MutationError, need, type MutationStore } from '../mutation';
import { organizationTypes, type DistrictCode } from '../reference';
import {
	date,
	district,
	id,
	instant,
	MAX_ACTIVITY_PHOTOS,
	MAX_CO_ORGANIZERS,
	MAX_TEAM_MEMBERS,
	optionalText,
	photo,
	skills,
	text,
	type Team
} from '../schemas';
import { openStation } from './stations';

const teamFields = {
	name: text(40),
	leaderId: z.nullable(id()),
	memberIds: z.array(id()).check(z.maxLength(MAX_TEAM_MEMBERS, 'too_many')),
	focus: skills()
};

const organizationFields = {
	name: text(80),
	type: z.enum(organizationTypes, 'required'),
	contactName: optionalText(40),
	/** A landline or a mobile, as a station's contact phone. */
	contactPhone: optionalText(32),
	offers: optionalText(500, true)
};

/**
 * The team's members as stored: each once, the leader among them, every one a member of the
 * team's station.
 */
async function teamMembers(
	store: MutationStore,
	stationId: string,
	leaderId: string | null,
	memberIds: readonly string[],
	path: (string | number)[]
): Promise<string[]> {
	const members = [...new Set(leaderId === null ? memberIds : [leaderId, ...memberIds])];
	if (members.length > MAX_TEAM_MEMBERS)
		throw new MutationError('too_many', [...path, 'memberIds']);
	for (const [index, memberId] of members.entries()) {
		const at = memberId === leaderId ? [...path, 'leaderId'] : [...path, 'memberIds', index];
		const member = await need(store, 'volunteers', memberId, at);
		if (member.homeStationId !== stationId) throw new MutationError('not_station_member', at);
	}
	return members;
}

async function activeTeam(store: MutationStore, teamId: string, path: (string | number)[]) {
	const team = await need(store, 'teams', teamId, path);
	if (team.status !== 'active') throw new MutationError('team_disbanded', path);
	return team;
}

async function activeOrganization(
	store: MutationStore,
	organizationId: string,
	districtCode: DistrictCode,
	path: (string | number)[]
) {
	const organization = await need(store, 'organizations', organizationId, path);
	if (organization.status !== 'active') throw new MutationError('organization_inactive', path);
	if (organization.district !== districtCode)
		throw new MutationError('organization_other_district', path);
	return organization;
}

/**
 * A project's organisers: its team (of its own station) and the social organizations of its
 * district that organise it with the station. Throws on the first that does not fit.
 */
export async function checkOrganizers(
	store: MutationStore,
	project: { stationId: string; district: DistrictCode },
	teamId: string | null | undefined,
	coOrganizerIds: readonly string[] | undefined,
	path: string[] = []
): Promise<void> {
	if (teamId) {
		const team = await activeTeam(store, teamId, [...path, 'teamId']);
		if (team.stationId !== project.stationId) {
			throw new MutationError('team_other_station', [...path, 'teamId']);
		}
	}
	for (const [index, organizationId] of (coOrganizerIds ?? []).entries()) {
		await activeOrganization(store, organizationId, project.district, [
			...path,
			'coOrganizerIds',
			index
		]);
	}
}

/** The co-organisers as a project keeps them: each once. */
export const organizerList = (ids: readonly string[]) => [...new Set(ids)];

/** What project.create and project.update accept about organisers. */
export const organizerFields = {
	teamId: z.optional(z.nullable(id())),
	coOrganizerIds: z.optional(z.array(id()).check(z.maxLength(MAX_CO_ORGANIZERS, 'too_many')))
};

export const createTeam = defineMutation({
	name: 'team.create',
	args: z.strictObject({ id: id(), stationId: id(), ...teamFields, at: instant() }),
	async apply(store, args, ctx) {
		if (await store.get('teams', args.id)) throw new MutationError('already_exists');
		const station = await openStation(store, args.stationId, ['stationId']);
		const memberIds = await teamMembers(store, station.id, args.leaderId, args.memberIds, []);
		await store.put('teams', {
			id: args.id,
			createdAt: args.at,
			updatedAt: args.at,
			version: 0,
			updatedBy: ctx.actorId,
			stationId: station.id,
			district: station.district,
			name: args.name,
			leaderId: args.leaderId,
			memberIds,
			focus: args.focus,
			status: 'active'
		});
	}
});

export const updateTeam = defineMutation({
	name: 'team.update',
	args: z.strictObject({
		id: id(),
		changes: z.partial(
			z.strictObject({ ...teamFields, status: z.enum(['active', 'disbanded'], 'required') })
		),
		at: instant()
	}),
	async apply(store, args, ctx) {
		const team = await need(store, 'teams', args.id);
		const next: Team = { ...team, ...args.changes, updatedAt: args.at, updatedBy: ctx.actorId };
		if (args.changes.leaderId !== undefined || args.changes.memberIds !== undefined) {
			next.memberIds = await teamMembers(store, team.stationId, next.leaderId, next.memberIds, [
				'changes'
			]);
		}
		await store.put('teams', next);
	}
});

export const createOrganization = defineMutation({
	name: 'organization.create',
	args: z.strictObject({ id: id(), district: district(), ...organizationFields, at: instant() }),
	async apply(store, args, ctx) {
		if (await store.get('organizations', args.id)) throw new MutationError('already_exists');
		await store.put('organizations', {
			id: args.id,
			createdAt: args.at,
			updatedAt: args.at,
			version: 0,
			updatedBy: ctx.actorId,
			district: args.district,
			name: args.name,
			type: args.type,
			contactName: args.contactName,
			contactPhone: args.contactPhone,
			offers: args.offers,
			status: 'active'
		});
	}
});

export const updateOrganization = defineMutation({
	name: 'organization.update',
	args: z.strictObject({
		id: id(),
		changes: z.partial(
			z.strictObject({
				...organizationFields,
				status: z.enum(['active', 'inactive'], 'required')
			})
		),
		at: instant()
	}),
	async apply(store, args, ctx) {
		const organization = await need(store, 'organizations', args.id);
		await store.put('organizations', {
			...organization,
			...args.changes,
			updatedAt: args.at,
			updatedBy: ctx.actorId
		});
	}
});

export const createPairing = defineMutation({
	name: 'pairing.create',
	args: z.strictObject({
		id: id(),
		organizationId: id(),
		stationId: id(),
		/** One of the station's teams, or null: the station itself. */
		teamId: z.nullable(id()),
		focus: skills(),
		startOn: date(),
		endOn: z.nullable(date()),
		at: instant()
	}),
	async apply(store, args, ctx) {
		if (await store.get('pairings', args.id)) throw new MutationError('already_exists');
		const station = await openStation(store, args.stationId, ['stationId']);
		await activeOrganization(store, args.organizationId, station.district, ['organizationId']);
		if (args.teamId !== null) {
			const team = await activeTeam(store, args.teamId, ['teamId']);
			if (team.stationId !== station.id) throw new MutationError('team_other_station', ['teamId']);
		}
		if (args.endOn !== null && args.endOn < args.startOn) {
			throw new MutationError('end_before_start', ['endOn']);
		}
		await store.put('pairings', {
			id: args.id,
			createdAt: args.at,
			updatedAt: args.at,
			version: 0,
			updatedBy: ctx.actorId,
			organizationId: args.organizationId,
			district: station.district,
			stationId: station.id,
			teamId: args.teamId,
			focus: args.focus,
			startOn: args.startOn,
			endOn: args.endOn,
			status: 'active',
			endReason: ''
		});
	}
});

export const endPairing = defineMutation({
	name: 'pairing.end',
	args: z.strictObject({ id: id(), endOn: date(), reason: text(200), at: instant() }),
	async apply(store, args, ctx) {
		const pairing = await need(store, 'pairings', args.id);
		if (pairing.status === 'ended') return;
		if (args.endOn < pairing.startOn) throw new MutationError('end_before_start', ['endOn']);
		await store.put('pairings', {
			...pairing,
			status: 'ended',
			endOn: args.endOn,
			endReason: args.reason,
			updatedAt: args.at,
			updatedBy: ctx.actorId
		});
	}
});

export const logPairingActivity = defineMutation({
	name: 'pairing.logActivity',
	args: z.strictObject({
		id: id(),
		pairingId: id(),
		on: date(),
		what: text(500),
		who: optionalText(200),
		photos: z.array(photo()).check(z.maxLength(MAX_ACTIVITY_PHOTOS, 'too_many')),
		at: instant()
	}),
	async apply(store, args, ctx) {
		if (await store.get('pairingActivities', args.id)) throw new MutationError('already_exists');
		const pairing = await need(store, 'pairings', args.pairingId, ['pairingId']);
		if (args.on < pairing.startOn || (pairing.endOn !== null && args.on > pairing.endOn)) {
			throw new MutationError('outside_pairing', ['on']);
		}
		await store.put('pairingActivities', {
			id: args.id,
			createdAt: args.at,
			updatedAt: args.at,
			version: 0,
			updatedBy: ctx.actorId,
			pairingId: pairing.id,
			stationId: pairing.stationId,
			district: pairing.district,
			on: args.on,
			what: args.what,
			who: args.who,
			photos: args.photos
		});
	}
});
