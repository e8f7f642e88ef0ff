import * as z from 'zod/mini';
import { defineMutation, MutationError, need, type MutationStore } from '../mutation';
import { normalizePhone } from '../phone';
import { languages, PRIVACY_NOTICE_VERSION } from '../reference';
import {
	district,
	genders,
	id,
	instant,
	optionalText,
	phone,
	registrationSources,
	skills,
	text
} from '../schemas';

/** The fields a member's own details are made of; registration and edits share them. */
const memberFields = {
	name: text(40),
	phone: phone(),
	gender: z.nullable(z.enum(genders)),
	birthYear: z.nullable(z.int().check(z.gte(1900, 'invalid_year'), z.lte(2030, 'invalid_year'))),
	district: district(),
	community: text(40),
	skills: skills(),
	languages: z.array(z.enum(languages)),
	availability: optionalText(200),
	emergencyResponder: z.boolean()
};

async function refuseDuplicatePhone(store: MutationStore, phone: string, selfId: string) {
	const existing = await store.volunteerByPhone(phone);
	if (existing && existing.id !== selfId) {
		// Names the member only to whoever may read her record (the pipeline checks `subject`).
		throw new MutationError(
			'duplicate_phone',
			['phone'],
			{ memberId: existing.id, memberName: existing.name },
			{ table: 'volunteers', id: existing.id }
		);
	}
}

function normalized(raw: string): string {
	const value = normalizePhone(raw);
	if (!value) throw new MutationError('invalid_phone', ['phone']);
	return value;
}

export const registerVolunteer = defineMutation({
	name: 'volunteer.register',
	args: z.strictObject({
		id: id(),
		...memberFields,
		consent: z.boolean(),
		consentVersion: z.string().check(z.maxLength(20)),
		homeStationId: z.nullable(id()),
		source: z.enum(registrationSources),
		at: instant()
	}),
	async apply(store, args, ctx) {
		if (!args.consent) throw new MutationError('consent_required', ['consent']);
		if (args.consentVersion !== PRIVACY_NOTICE_VERSION) {
			throw new MutationError('consent_outdated', ['consent']);
		}
		const phone = normalized(args.phone);
		if (await store.get('volunteers', args.id)) throw new MutationError('already_exists');
		await refuseDuplicatePhone(store, phone, args.id);
		if (args.homeStationId) await need(store, 'stations', args.homeStationId, ['homeStationId']);
		await store.put('volunteers', {
			id: args.id,
			createdAt: args.at,
			updatedAt: args.at,
			version: 0,
			updatedBy: ctx.actorId,
			name: args.name,
			phone,
			gender: args.gender,
			birthYear: args.birthYear,
			district: args.district,
			community: args.community,
			skills: args.skills,
			languages: args.languages,
			availability: args.availability,
			emergencyResponder: args.emergencyResponder,
			consentAt: args.at,
			consentVersion: args.consentVersion,
			status: 'pending',
			homeStationId: args.homeStationId,
			source: args.source,
			registeredBy: ctx.actorId
		});
	}
});

export const updateVolunteer = defineMutation({
	name: 'volunteer.update',
	args: z.strictObject({
		id: id(),
		/** Only the fields that changed: edits on two devices merge field by field. */
		changes: z.partial(z.strictObject(memberFields)),
		at: instant()
	}),
	async apply(store, args, ctx) {
		const member = await need(store, 'volunteers', args.id);
		const changes = { ...args.changes };
		if (changes.phone !== undefined) {
			changes.phone = normalized(changes.phone);
			await refuseDuplicatePhone(store, changes.phone, member.id);
		}
		await store.put('volunteers', {
			...member,
			...changes,
			updatedAt: args.at,
			updatedBy: ctx.actorId
		});
	}
});

export const setVolunteerStatus = defineMutation({
	name: 'volunteer.setStatus',
	args: z.strictObject({
		id: id(),
		status: z.enum(['active', 'inactive']),
		at: instant()
	}),
	async apply(store, args, ctx) {
		const member = await need(store, 'volunteers', args.id);
		await store.put('volunteers', {
			...member,
			status: args.status,
			updatedAt: args.at,
			updatedBy: ctx.actorId
		});
	}
});
