/**
 * Emergency call-outs: made (with the project and shift its muster uses), members asked, their
 * answers recorded by staff or by themselves, a full phone number's reveal recorded, and the
 * call-out closed or stood down. A member's readiness (her week, standby, emergency roles) is
 * hers or her station's to keep.
 */
import * as z from 'zod/mini';
import { inReach, answerStands } from '../emergency';
import { defineMutation, MutationError, need, type MutationStore } from '../mutation';
import { maskPhone } from '../phone';
import { calloutUrgencies, emergencyRoles, weekSlots } from '../reference';
import {
	calloutReaches,
	calloutRoleSchema,
	date,
	id,
	instant,
	MAX_CALLOUT_ROLES,
	MAX_CALLOUT_STATIONS,
	MAX_STANDBY_PERIODS,
	optionalText,
	text,
	type Callout,
	type CalloutResponse,
	type Volunteer
} from '../schemas';
import { openStation } from './stations';
import { compareText } from '../order';

/** The longest a call-out may run: a week; longer needs are several call-outs. */
const MAX_CALLOUT_HOURS = 7 * 24;
/** How many members one ask may name. */
export const MAX_ASKS = 200;

async function openCallout(store: MutationStore, calloutId: string, path: string[]) {
	const callout = await need(store, 'callouts', calloutId, path);
	if (callout.status !== 'open') {
		throw new MutationError('callout_closed', path, { status: callout.status });
	}
	return callout;
}

export const createCallout = defineMutation({
	name: 'callout.create',
	args: z.strictObject({
		id: id(),
		/** The muster's project and shift, made with it. */
		projectId: id(),
		shiftId: id(),
		title: text(80),
		description: optionalText(1000, true),
		place: text(120),
		community: optionalText(40),
		start: instant(),
		end: instant(),
		urgency: z.enum(calloutUrgencies, 'required'),
		roles: z
			.array(calloutRoleSchema)
			.check(z.minLength(1, 'required'), z.maxLength(MAX_CALLOUT_ROLES, 'too_many')),
		/** The lead station, which musters people at the place. */
		stationId: id(),
		reach: z.enum(calloutReaches, 'required'),
		reachStationIds: z.array(id()).check(z.maxLength(MAX_CALLOUT_STATIONS, 'too_many')),
		at: instant()
	}),
	async apply(store, args, ctx) {
		if (await store.get('callouts', args.id)) throw new MutationError('already_exists');
		if (args.end <= args.start) throw new MutationError('end_before_start', ['end']);
		if (Date.parse(args.end) - Date.parse(args.start) > MAX_CALLOUT_HOURS * 3_600_000) {
			throw new MutationError('callout_too_long', ['end'], { hours: String(MAX_CALLOUT_HOURS) });
		}
		const seen = new Set<string>();
		for (const [index, role] of args.roles.entries()) {
			if (seen.has(role.role)) throw new MutationError('duplicate_role', ['roles', index, 'role']);
			seen.add(role.role);
		}
		const lead = await openStation(store, args.stationId, ['stationId']);
		const reachStationIds =
			args.reach === 'stations' ? [...new Set([lead.id, ...args.reachStationIds])] : [];
		if (reachStationIds.length > MAX_CALLOUT_STATIONS) {
			throw new MutationError('too_many', ['reachStationIds']);
		}
		for (const [index, stationId] of args.reachStationIds.entries()) {
			if (stationId === lead.id) continue;
			const station = await store.get('stations', stationId);
			// A device may not hold every station; the server knows them all and decides.
			if (!station && ctx.authority === 'client') continue;
			const path = ['reachStationIds', index];
			if (!station) throw new MutationError('not_found', path, { table: 'stations' });
			if (station.district !== lead.district) throw new MutationError('other_district', path);
		}
		if (
			(await store.get('projects', args.projectId)) ||
			(await store.get('shifts', args.shiftId))
		) {
			throw new MutationError('already_exists');
		}
		const total = args.roles.reduce((sum, role) => sum + role.headcount, 0);
		const stamp = { createdAt: args.at, updatedAt: args.at, version: 0, updatedBy: ctx.actorId };
		await store.put('callouts', {
			id: args.id,
			...stamp,
			title: args.title,
			description: args.description,
			place: args.place,
			community: args.community,
			start: args.start,
			end: args.end,
			urgency: args.urgency,
			roles: args.roles,
			district: lead.district,
			stationId: lead.id,
			reach: args.reach,
			reachStationIds,
			projectId: args.projectId,
			shiftId: args.shiftId,
			status: 'open',
			createdBy: ctx.actorId,
			closedAt: null,
			closedBy: null,
			closeNote: ''
		});
		await store.put('projects', {
			id: args.projectId,
			...stamp,
			stationId: lead.id,
			district: lead.district,
			title: args.title,
			description: args.description,
			category: 'emergency_response',
			place: args.place,
			requiredSkills: [],
			status: 'published',
			urgent: args.urgency !== 'normal',
			minAge: 18,
			publishedAt: args.at,
			closedAt: null,
			calloutId: args.id,
			teamId: null,
			coOrganizerIds: []
		});
		await store.put('shifts', {
			id: args.shiftId,
			...stamp,
			projectId: args.projectId,
			stationId: lead.id,
			start: args.start,
			end: args.end,
			capacity: Math.min(10_000, total),
			confirmedCount: 0,
			waitlistCount: 0,
			waitlistSeq: 0
		});
	}
});

const askSchema = z.strictObject({
	/** The response record's id, used if she was not asked before. */
	responseId: id(),
	volunteerId: id(),
	role: z.enum(emergencyRoles, 'required'),
	reasons: z.array(z.string().check(z.maxLength(40))).check(z.maxLength(12)),
	/**
	 * Her name, masked phone and home station as the matching showed them, for a device that holds
	 * no record of her (an admin's, matched on the server). The server reads her record instead.
	 */
	shown: z.optional(
		z.strictObject({
			name: text(40),
			phone: z.string().check(z.maxLength(11)),
			stationId: z.nullable(id())
		})
	)
});

export const askMembers = defineMutation({
	name: 'callout.ask',
	args: z.strictObject({
		calloutId: id(),
		asks: z.array(askSchema).check(z.minLength(1, 'required'), z.maxLength(MAX_ASKS, 'too_many')),
		at: instant()
	}),
	async apply(store, args, ctx) {
		const callout = await openCallout(store, args.calloutId, ['calloutId']);
		let asked = false;
		for (const [index, ask] of args.asks.entries()) {
			const path = ['asks', index, 'volunteerId'];
			// Asked before (by this device or another): her record and answer stand as they are.
			if (await store.calloutResponse(callout.id, ask.volunteerId)) continue;
			const member = await store.get('volunteers', ask.volunteerId);
			if (!member && ctx.authority === 'server') {
				throw new MutationError('not_found', path, { table: 'volunteers' });
			}
			if (member) {
				if (member.status !== 'active' || member.consentWithdrawnAt || member.erasureRequestedAt) {
					throw new MutationError('volunteer_inactive', path);
				}
				if (ctx.authority === 'server' && !(await reaches(store, callout, member))) {
					throw new MutationError('not_in_reach', path);
				}
			}
			const shown = member
				? { name: member.name, phone: maskPhone(member.phone), stationId: member.homeStationId }
				: ask.shown;
			if (!shown) throw new MutationError('not_found', path, { table: 'volunteers' });
			if (await store.get('calloutResponses', ask.responseId)) {
				throw new MutationError('already_exists', ['asks', index, 'responseId']);
			}
			await store.put('calloutResponses', {
				id: ask.responseId,
				createdAt: args.at,
				updatedAt: args.at,
				version: 0,
				updatedBy: ctx.actorId,
				calloutId: callout.id,
				volunteerId: ask.volunteerId,
				stationId: shown.stationId,
				district: callout.district,
				memberName: shown.name,
				memberPhone: shown.phone,
				role: ask.role,
				askedRole: ask.role,
				reasons: ask.reasons,
				answer: 'asked',
				answeredAt: null,
				answeredBy: null,
				recordedBy: null,
				askedAt: args.at,
				askedBy: ctx.actorId,
				reveals: []
			});
			asked = true;
		}
		// Written again, unchanged, so that it comes after the cursor of a member's phone that last
		// synced after the call-out was made: she receives it with her response, not the response
		// alone.
		if (asked) await store.put('callouts', callout);
	}
});

async function reaches(store: MutationStore, callout: Callout, member: Volunteer) {
	const home = member.homeStationId ? await store.get('stations', member.homeStationId) : undefined;
	return inReach(callout, member, (stationId) =>
		home && home.id === stationId ? home.district : undefined
	);
}

async function askedResponse(
	store: MutationStore,
	calloutId: string,
	volunteerId: string
): Promise<CalloutResponse> {
	const response = await store.calloutResponse(calloutId, volunteerId);
	if (!response) throw new MutationError('not_asked', ['volunteerId']);
	return response;
}

export const respondToCallout = defineMutation({
	name: 'callout.respond',
	args: z.strictObject({
		calloutId: id(),
		volunteerId: id(),
		answer: z.enum(['accepted', 'declined', 'no_answer'], 'required'),
		/** The role she takes when she accepts; else the one she was asked for. */
		role: z.optional(z.nullable(z.enum(emergencyRoles))),
		/** She answered herself, or staff recorded what she said on a call. */
		answeredBy: z.enum(['member', 'staff']),
		at: instant()
	}),
	async apply(store, args, ctx) {
		const callout = await openCallout(store, args.calloutId, ['calloutId']);
		const response = await askedResponse(store, callout.id, args.volunteerId);
		if (args.role && !callout.roles.some((r) => r.role === args.role)) {
			throw new MutationError('role_not_needed', ['role']);
		}
		const source = {
			answeredBy: args.answeredBy,
			recordedBy: args.answeredBy === 'staff' ? ctx.actorId : null,
			role: args.role ?? response.askedRole ?? response.role
		};
		// An answer given before the standing one was (on another device) changes nothing.
		if (!answerStands(response, args.answer, args.at, source)) return;
		await store.put('calloutResponses', {
			...response,
			...source,
			answer: args.answer,
			answeredAt: args.at,
			updatedAt: args.at,
			updatedBy: ctx.actorId
		});
	}
});

export const revealPhone = defineMutation({
	name: 'callout.revealPhone',
	args: z.strictObject({ calloutId: id(), volunteerId: id(), at: instant() }),
	async apply(store, args, ctx) {
		await need(store, 'callouts', args.calloutId, ['calloutId']);
		const response = await askedResponse(store, args.calloutId, args.volunteerId);
		const by = ctx.actorId ?? 'system';
		if (response.reveals.some((r) => r.by === by && r.at === args.at)) return;
		await store.put('calloutResponses', {
			...response,
			// The newest hundred are kept: enough to say who looked, and when.
			reveals: [...response.reveals, { by, at: args.at }].slice(-100),
			updatedAt: args.at,
			updatedBy: ctx.actorId
		});
	}
});

export const closeCallout = defineMutation({
	name: 'callout.close',
	args: z.strictObject({
		id: id(),
		/** Closed: the work is done. Stood down: no longer needed; nobody should come. */
		outcome: z.enum(['closed', 'stood_down'], 'required'),
		note: optionalText(200),
		at: instant()
	}),
	async apply(store, args, ctx) {
		const callout = await openCallout(store, args.id, ['id']);
		await store.put('callouts', {
			...callout,
			status: args.outcome,
			closedAt: args.at,
			closedBy: ctx.actorId,
			closeNote: args.note,
			updatedAt: args.at,
			updatedBy: ctx.actorId
		});
	}
});

const readinessInput = z.strictObject({
	weekly: z.array(z.enum(weekSlots)).check(z.maxLength(weekSlots.length, 'too_many')),
	standby: z
		.array(z.strictObject({ from: instant(), to: instant() }))
		.check(z.maxLength(MAX_STANDBY_PERIODS, 'too_many')),
	roles: z.array(z.enum(emergencyRoles)).check(z.maxLength(emergencyRoles.length, 'too_many')),
	firstAidExpiresOn: z.nullable(date())
});

export const setReadiness = defineMutation({
	name: 'volunteer.setReadiness',
	args: z.strictObject({
		id: id(),
		emergencyResponder: z.boolean(),
		readiness: readinessInput,
		at: instant()
	}),
	async apply(store, args, ctx) {
		const member = await need(store, 'volunteers', args.id);
		for (const [index, period] of args.readiness.standby.entries()) {
			if (period.to <= period.from) {
				throw new MutationError('end_before_start', ['readiness', 'standby', index, 'to']);
			}
		}
		const { roles, firstAidExpiresOn } = args.readiness;
		await store.put('volunteers', {
			...member,
			emergencyResponder: args.emergencyResponder,
			readiness: {
				weekly: weekSlots.filter((slot) => args.readiness.weekly.includes(slot)),
				standby: [...args.readiness.standby].sort((a, b) => compareText(a.from, b.from)),
				roles: emergencyRoles.filter((role) => roles.includes(role)),
				// A date means nothing without the skill it is for.
				firstAidExpiresOn: roles.includes('first_aid') ? firstAidExpiresOn : null,
				updatedAt: args.at
			},
			updatedAt: args.at,
			updatedBy: ctx.actorId
		});
	}
});
