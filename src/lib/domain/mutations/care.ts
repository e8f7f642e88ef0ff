/**
 * One-to-one pairing (一对一结对): a station records a person its volunteers help, with her consent
 * (her guardian's, for a minor), pairs her with one of its members, and ends the pairing with a
 * reason. The volunteer logs her visits, offline on her phone; the station verifies each, which
 * credits her hours by the district's hours rule, as a shift's are.
 */
import * as z from 'zod/mini';
import { beijingDate } from '../age';
import { defaultRounding, hoursForMinutes, hoursRuleId } from '../attendance';
import { defineMutation, MutationError, need, type MutationStore } from '../mutation';
import { normalizePhone } from '../phone';
import { carePairingKinds, PRIVACY_NOTICE_VERSION } from '../reference';
import {
	date,
	id,
	instant,
	MAX_VISIT_MINUTES,
	optionalText,
	text,
	type HelpedPerson
} from '../schemas';
import { openStation } from './stations';

const helpedFields = {
	/** A name or an alias: what the station and her volunteer call her. */
	alias: text(40),
	community: optionalText(40),
	minor: z.boolean(),
	/** For a minor: the guardian who consents and whom the volunteer contacts. */
	guardianName: optionalText(40),
	guardianPhone: optionalText(32),
	note: optionalText(200)
};

/** A minor is reached through her guardian: both a name and a phone that works. */
function checkGuardian(person: Pick<HelpedPerson, 'minor' | 'guardianName' | 'guardianPhone'>) {
	if (!person.minor) return;
	if (person.guardianName === '') throw new MutationError('required', ['guardianName']);
	if (person.guardianPhone === '') throw new MutationError('required', ['guardianPhone']);
	if (normalizePhone(person.guardianPhone) === null) {
		throw new MutationError('invalid_phone', ['guardianPhone']);
	}
}

async function activePairing(store: MutationStore, pairingId: string, path = ['carePairingId']) {
	const pairing = await need(store, 'carePairings', pairingId, path);
	if (pairing.status !== 'active') throw new MutationError('pairing_ended', path);
	return pairing;
}

export const registerHelped = defineMutation({
	name: 'helped.register',
	args: z.strictObject({
		id: id(),
		stationId: id(),
		...helpedFields,
		/** She (or her guardian) agreed to the station keeping this record. */
		consent: z.boolean(),
		at: instant()
	}),
	async apply(store, args, ctx) {
		if (await store.get('helpedPeople', args.id)) throw new MutationError('already_exists');
		if (!args.consent) throw new MutationError('consent_required', ['consent']);
		const station = await openStation(store, args.stationId, ['stationId']);
		checkGuardian(args);
		await store.put('helpedPeople', {
			id: args.id,
			createdAt: args.at,
			updatedAt: args.at,
			version: 0,
			updatedBy: ctx.actorId,
			stationId: station.id,
			district: station.district,
			alias: args.alias,
			community: args.community,
			minor: args.minor,
			guardianName: args.minor ? args.guardianName : '',
			guardianPhone: args.minor ? args.guardianPhone : '',
			consentAt: args.at,
			consentVersion: PRIVACY_NOTICE_VERSION,
			consentBy: ctx.actorId,
			note: args.note
		});
	}
});

export const updateHelped = defineMutation({
	name: 'helped.update',
	args: z.strictObject({
		id: id(),
		changes: z.partial(z.strictObject(helpedFields)),
		at: instant()
	}),
	async apply(store, args, ctx) {
		const person = await need(store, 'helpedPeople', args.id);
		const next = { ...person, ...args.changes, updatedAt: args.at, updatedBy: ctx.actorId };
		checkGuardian(next);
		if (!next.minor) Object.assign(next, { guardianName: '', guardianPhone: '' });
		await store.put('helpedPeople', next);
	}
});

/**
 * Her record goes (she or her guardian withdrew consent, or the help ended for good): her
 * pairings end, and what visits said of her goes with it; the hours they credited stay.
 */
export const eraseHelped = defineMutation({
	name: 'helped.erase',
	args: z.strictObject({ id: id(), at: instant() }),
	async apply(store, args, ctx) {
		const person = await need(store, 'helpedPeople', args.id);
		for (const pairing of await store.carePairingsOfHelped(person.id)) {
			for (const visit of await store.visitsOfCarePairing(pairing.id)) {
				if (visit.note === '') continue;
				await store.put('careVisits', {
					...visit,
					note: '',
					updatedAt: args.at,
					updatedBy: ctx.actorId
				});
			}
			if (pairing.status === 'ended') continue;
			await store.put('carePairings', {
				...pairing,
				status: 'ended',
				endOn: beijingDate(args.at),
				endReason: '',
				updatedAt: args.at,
				updatedBy: ctx.actorId
			});
		}
		await store.remove('helpedPeople', person);
	}
});

export const pairCare = defineMutation({
	name: 'care.pair',
	args: z.strictObject({
		id: id(),
		helpedId: id(),
		volunteerId: id(),
		kind: z.enum(carePairingKinds, 'required'),
		startOn: date(),
		at: instant()
	}),
	async apply(store, args, ctx) {
		if (await store.get('carePairings', args.id)) throw new MutationError('already_exists');
		const person = await need(store, 'helpedPeople', args.helpedId, ['helpedId']);
		const member = await need(store, 'volunteers', args.volunteerId, ['volunteerId']);
		if (member.homeStationId !== person.stationId) {
			throw new MutationError('not_station_member', ['volunteerId']);
		}
		if (member.status !== 'active') throw new MutationError('volunteer_inactive', ['volunteerId']);
		await store.put('carePairings', {
			id: args.id,
			createdAt: args.at,
			updatedAt: args.at,
			version: 0,
			updatedBy: ctx.actorId,
			stationId: person.stationId,
			district: person.district,
			volunteerId: member.id,
			helpedId: person.id,
			kind: args.kind,
			startOn: args.startOn,
			endOn: null,
			status: 'active',
			endReason: ''
		});
		// Her volunteer's phone may have synced past the record's version: written again, it
		// reaches her with the pairing.
		if (ctx.authority === 'server') await store.put('helpedPeople', person);
	}
});

export const endCare = defineMutation({
	name: 'care.end',
	args: z.strictObject({ id: id(), endOn: date(), reason: text(200), at: instant() }),
	async apply(store, args, ctx) {
		const pairing = await need(store, 'carePairings', args.id);
		if (pairing.status === 'ended') return;
		if (args.endOn < pairing.startOn) throw new MutationError('end_before_start', ['endOn']);
		await store.put('carePairings', {
			...pairing,
			status: 'ended',
			endOn: args.endOn,
			endReason: args.reason,
			updatedAt: args.at,
			updatedBy: ctx.actorId
		});
	}
});

export const logVisit = defineMutation({
	name: 'care.logVisit',
	args: z.strictObject({
		id: id(),
		carePairingId: id(),
		on: date(),
		minutes: z
			.int('invalid_minutes')
			.check(z.gte(1, 'invalid_minutes'), z.lte(MAX_VISIT_MINUTES, 'invalid_minutes')),
		note: optionalText(200),
		at: instant()
	}),
	async apply(store, args, ctx) {
		if (await store.get('careVisits', args.id)) throw new MutationError('already_exists');
		const pairing = await activePairing(store, args.carePairingId);
		if (args.on < pairing.startOn) throw new MutationError('outside_pairing', ['on']);
		// A visit is logged once it has happened: by the day, in Beijing, of whoever logs it.
		if (args.on > beijingDate(args.at)) throw new MutationError('visit_in_future', ['on']);
		await store.put('careVisits', {
			id: args.id,
			createdAt: args.at,
			updatedAt: args.at,
			version: 0,
			updatedBy: ctx.actorId,
			carePairingId: pairing.id,
			stationId: pairing.stationId,
			district: pairing.district,
			volunteerId: pairing.volunteerId,
			on: args.on,
			minutes: args.minutes,
			note: args.note,
			hoursCredited: null,
			verifiedAt: null,
			verifiedBy: null
		});
	}
});

export const verifyVisit = defineMutation({
	name: 'care.verifyVisit',
	args: z.strictObject({ id: id(), at: instant() }),
	async apply(store, args, ctx) {
		const visit = await need(store, 'careVisits', args.id);
		if (visit.verifiedAt !== null) return;
		const rule = await store.get('hoursRules', hoursRuleId(visit.district));
		await store.put('careVisits', {
			...visit,
			hoursCredited: hoursForMinutes(visit.minutes, rule ?? defaultRounding),
			verifiedAt: args.at,
			verifiedBy: ctx.actorId,
			updatedAt: args.at,
			updatedBy: ctx.actorId
		});
	}
});
