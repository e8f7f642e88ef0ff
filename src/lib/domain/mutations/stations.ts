import * as z from 'zod/mini';
import { defineMutation, MutationError } from '../mutation';
import { stationLevels } from '../reference';
import { district, id, instant, optionalText, skills, text } from '../schemas';

/** Opens a new station; only admins may (see the authorization rules). */
export const createStation = defineMutation({
	name: 'station.create',
	args: z.strictObject({
		id: id(),
		name: text(80),
		district: district(),
		community: text(40),
		address: text(120),
		level: z.enum(stationLevels, 'required'),
		contactName: optionalText(40),
		contactPhone: optionalText(32),
		openingHours: optionalText(80),
		services: skills(),
		at: instant()
	}),
	async apply(store, args, ctx) {
		if (await store.get('stations', args.id)) throw new MutationError('already_exists');
		const { at, ...fields } = args;
		await store.put('stations', {
			...fields,
			createdAt: at,
			updatedAt: at,
			version: 0,
			updatedBy: ctx.actorId
		});
	}
});
