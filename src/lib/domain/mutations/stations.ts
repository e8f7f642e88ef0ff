import * as z from 'zod/mini';
import { beijingDate } from '../age';
import { defineMutation, MutationError, need, type MutationStore } from '../mutation';
import { stationLevels, stationStatuses } from '../reference';
import { date, district, id, instant, optionalText, skills, text, type Station } from '../schemas';

/** What a station's own workers keep up to date: how to find and reach it, and what it offers. */
const stationDetails = {
	address: text(120),
	contactName: optionalText(40),
	contactPhone: optionalText(32),
	openingHours: optionalText(80),
	services: skills()
};

/** What only its federation changes: its name and place, and the level it was awarded. */
const stationStanding = {
	name: text(80),
	community: text(40),
	street: optionalText(40),
	level: z.enum(stationLevels, 'required'),
	levelAwardedOn: z.nullable(date())
};

/** The fields a station worker may change on her own station (see the authorization rules). */
export const stationDetailFields = Object.keys(stationDetails) as (keyof typeof stationDetails)[];

/** A station that takes new projects and members, or the refusal saying it is not open. */
export async function openStation(
	store: MutationStore,
	stationId: string,
	path: string[]
): Promise<Station> {
	const station = await need(store, 'stations', stationId, path);
	if (station.status !== 'open') {
		throw new MutationError('station_not_open', path, { status: station.status });
	}
	return station;
}

/** A level is awarded on a day that has come (judged by the clock of whoever runs the rule). */
function refuseFutureAward(day: string | null | undefined, now: string, path: string[]) {
	if (day && day > beijingDate(now)) throw new MutationError('date_in_future', path);
}

/** Opens a new station; only admins may (see the authorization rules). */
export const createStation = defineMutation({
	name: 'station.create',
	args: z.strictObject({
		id: id(),
		name: text(80),
		district: district(),
		community: text(40),
		/** Added later: a device's queued station from before may lack it. */
		street: z.optional(optionalText(40)),
		address: text(120),
		level: z.enum(stationLevels, 'required'),
		levelAwardedOn: z.optional(z.nullable(date())),
		contactName: optionalText(40),
		contactPhone: optionalText(32),
		openingHours: optionalText(80),
		services: skills(),
		at: instant()
	}),
	async apply(store, args, ctx) {
		if (await store.get('stations', args.id)) throw new MutationError('already_exists');
		refuseFutureAward(args.levelAwardedOn, ctx.now, ['levelAwardedOn']);
		const { at, street, levelAwardedOn, ...fields } = args;
		await store.put('stations', {
			...fields,
			street: street ?? '',
			levelAwardedOn: levelAwardedOn ?? null,
			status: 'open',
			createdAt: at,
			updatedAt: at,
			version: 0,
			updatedBy: ctx.actorId
		});
	}
});

export const updateStation = defineMutation({
	name: 'station.update',
	args: z.strictObject({
		id: id(),
		/** Only the fields that changed: edits on two devices merge field by field. */
		changes: z.partial(z.strictObject({ ...stationStanding, ...stationDetails })),
		at: instant()
	}),
	async apply(store, args, ctx) {
		const station = await need(store, 'stations', args.id);
		refuseFutureAward(args.changes.levelAwardedOn, ctx.now, ['changes', 'levelAwardedOn']);
		await store.put('stations', {
			...station,
			...args.changes,
			updatedAt: args.at,
			updatedBy: ctx.actorId
		});
	}
});

/**
 * Opens, suspends or closes a station. A station that is not open takes no new projects and no
 * new members (registrations, transfers in); everything it did stays as it was.
 */
export const setStationStatus = defineMutation({
	name: 'station.setStatus',
	args: z.strictObject({ id: id(), status: z.enum(stationStatuses, 'required'), at: instant() }),
	async apply(store, args, ctx) {
		const station = await need(store, 'stations', args.id);
		await store.put('stations', {
			...station,
			status: args.status,
			updatedAt: args.at,
			updatedBy: ctx.actorId
		});
	}
});
