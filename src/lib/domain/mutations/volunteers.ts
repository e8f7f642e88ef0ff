import * as z from 'zod/mini';
import { ADULT_AGE, ageOn, beijingDate, SELF_CONSENT_AGE } from '../age';
import {
	defineMutation,
	MutationError,
	need,
	type MutationContext,
	type MutationStore
} from '../mutation';
import { holdsPlace } from '../attendance';
import { normalizePhone } from '../phone';
import { isKnownNoticeVersion, languages } from '../reference';
import {
	date,
	district,
	gaveService,
	genders,
	noReadiness,
	id,
	instant,
	optionalText,
	phone,
	registrationSources,
	skills,
	text,
	type GuardianRecord,
	type Volunteer
} from '../schemas';
import { cancelActiveSignup, cancelUpcomingSignups } from './signups';
import { openStation } from './stations';

/** The fields a member's own details are made of; registration and edits share them. */
const memberFields = {
	name: text(40),
	phone: phone(),
	gender: z.nullable(z.enum(genders)),
	birthYear: z.nullable(z.int().check(z.gte(1900, 'invalid_year'), z.lte(2030, 'invalid_year'))),
	/** Added later: changes queued on a device before it may lack it. */
	birthDate: z.optional(z.nullable(date())),
	district: district(),
	community: text(40),
	skills: skills(),
	languages: z.array(z.enum(languages)),
	availability: optionalText(200),
	emergencyResponder: z.boolean()
};

/** A minor's guardian as a form gives her: her consent is a box she ticks herself. */
const guardianInput = z.strictObject({
	name: text(40),
	phone: phone(),
	consent: z.boolean()
});
type GuardianInput = z.infer<typeof guardianInput>;

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

function normalized(raw: string, path = ['phone']): string {
	const value = normalizePhone(raw);
	if (!value) throw new MutationError('invalid_phone', path);
	return value;
}

interface AgeFacts {
	birthDate: string | null;
	birthYear: number | null;
	guardian: GuardianRecord | null;
}

/**
 * The age rules of a registration or an edit (see `age.ts`), judged on the calendar day `now`
 * falls on. Returns what is stored: the birth year follows the birth date, and a guardian is kept
 * only for a minor (an adult's is not needed, so not kept).
 */
function applyAgeRules(
	input: {
		birthDate: string | null;
		birthYear: number | null;
		guardian: GuardianInput | null;
		/** Who saw her: the kiosk and her own phone cannot check a child's guardian is there. */
		inPerson: boolean;
		consentAt: string;
		consentVersion: string;
		existingGuardian?: GuardianRecord | null;
	},
	now: string
): AgeFacts {
	const today = beijingDate(now);
	const { birthDate, guardian } = input;
	if (!birthDate) {
		if (!input.inPerson) throw new MutationError('birth_date_required', ['birthDate']);
		// A year alone cannot tell a 17-year-old from an 18-year-old: whoever may be a minor
		// gives her birth date.
		if (input.birthYear !== null && Number(today.slice(0, 4)) - input.birthYear - 1 < ADULT_AGE) {
			throw new MutationError('birth_date_required', ['birthDate']);
		}
		return { birthDate: null, birthYear: input.birthYear, guardian: null };
	}
	if (birthDate > today) throw new MutationError('date_in_future', ['birthDate']);
	const age = ageOn(birthDate, today);
	if (age > 120) throw new MutationError('invalid_date', ['birthDate']);
	const birthYear = Number(birthDate.slice(0, 4));
	if (age >= ADULT_AGE) return { birthDate, birthYear, guardian: null };
	if (age < SELF_CONSENT_AGE && !input.inPerson) {
		throw new MutationError('too_young', ['birthDate'], { age: String(SELF_CONSENT_AGE) });
	}
	if (!guardian) {
		if (input.existingGuardian) return { birthDate, birthYear, guardian: input.existingGuardian };
		throw new MutationError('guardian_required', ['guardian']);
	}
	if (!guardian.consent)
		throw new MutationError('guardian_consent_required', ['guardian', 'consent']);
	return {
		birthDate,
		birthYear,
		guardian: {
			name: guardian.name,
			phone: normalized(guardian.phone, ['guardian', 'phone']),
			consentAt: input.consentAt,
			consentVersion: input.consentVersion
		}
	};
}

function refuseUnknownNotice(version: string, path: string[]) {
	if (!isKnownNoticeVersion(version)) throw new MutationError('consent_outdated', path);
}

export const registerVolunteer = defineMutation({
	name: 'volunteer.register',
	args: z.strictObject({
		id: id(),
		...memberFields,
		/** A minor's guardian (under 18); ignored for an adult. */
		guardian: z.optional(z.nullable(guardianInput)),
		consent: z.boolean(),
		consentVersion: z.string().check(z.maxLength(20)),
		homeStationId: z.nullable(id()),
		source: z.enum(registrationSources),
		at: instant()
	}),
	async apply(store, args, ctx) {
		if (!args.consent) throw new MutationError('consent_required', ['consent']);
		refuseUnknownNotice(args.consentVersion, ['consent']);
		const phone = normalized(args.phone);
		if (await store.get('volunteers', args.id)) throw new MutationError('already_exists');
		await refuseDuplicatePhone(store, phone, args.id);
		// A suspended or closed station takes no new members.
		if (args.homeStationId) await openStation(store, args.homeStationId, ['homeStationId']);
		const age = applyAgeRules(
			{
				birthDate: args.birthDate ?? null,
				birthYear: args.birthYear,
				guardian: args.guardian ?? null,
				inPerson: args.source === 'staff',
				consentAt: args.at,
				consentVersion: args.consentVersion
			},
			ctx.now
		);
		await store.put('volunteers', {
			id: args.id,
			createdAt: args.at,
			updatedAt: args.at,
			version: 0,
			updatedBy: ctx.actorId,
			name: args.name,
			phone,
			gender: args.gender,
			...age,
			district: args.district,
			community: args.community,
			skills: args.skills,
			languages: args.languages,
			availability: args.availability,
			emergencyResponder: args.emergencyResponder,
			readiness: noReadiness(),
			consentAt: args.at,
			consentVersion: args.consentVersion,
			// Registered by staff, who saw her: a member at once. From the kiosk or her own phone:
			// waiting for her station's approval.
			status: args.source === 'staff' ? 'active' : 'pending',
			homeStationId: args.homeStationId,
			source: args.source,
			registeredBy: ctx.actorId,
			consentWithdrawnAt: null,
			erasureRequestedAt: null
		});
	}
});

export const updateVolunteer = defineMutation({
	name: 'volunteer.update',
	args: z.strictObject({
		id: id(),
		/** Only the fields that changed: edits on two devices merge field by field. */
		changes: z.partial(z.strictObject({ ...memberFields, guardian: z.nullable(guardianInput) })),
		at: instant()
	}),
	async apply(store, args, ctx) {
		const member = await need(store, 'volunteers', args.id);
		const { guardian, birthDate, ...changes } = args.changes;
		if (changes.phone !== undefined) {
			changes.phone = normalized(changes.phone);
			await refuseDuplicatePhone(store, changes.phone, member.id);
		}
		let age: Partial<AgeFacts> = {};
		// The age rules are asked again only when what they judge changes.
		if (birthDate !== undefined || changes.birthYear !== undefined || guardian !== undefined) {
			age = applyAgeRules(
				{
					birthDate: birthDate === undefined ? member.birthDate : birthDate,
					birthYear: changes.birthYear === undefined ? member.birthYear : changes.birthYear,
					guardian: guardian ?? null,
					inPerson: true,
					consentAt: args.at,
					consentVersion: member.consentVersion,
					existingGuardian: member.guardian
				},
				ctx.now
			);
		}
		await store.put('volunteers', {
			...member,
			...changes,
			...age,
			updatedAt: args.at,
			updatedBy: ctx.actorId
		});
	}
});

/** Refuses to take part in anything again a member who withdrew consent or asked for erasure. */
function refuseNotProcessed(member: Volunteer) {
	if (member.erasureRequestedAt) throw new MutationError('erasure_requested');
	if (member.consentWithdrawnAt) throw new MutationError('consent_withdrawn');
}

export const setVolunteerStatus = defineMutation({
	name: 'volunteer.setStatus',
	args: z.strictObject({
		id: id(),
		status: z.enum(['active', 'inactive']),
		at: instant()
	}),
	async apply(store, args, ctx) {
		const member = await need(store, 'volunteers', args.id);
		if (args.status === 'active') refuseNotProcessed(member);
		await store.put('volunteers', {
			...member,
			status: args.status,
			updatedAt: args.at,
			updatedBy: ctx.actorId
		});
	}
});

/**
 * She agrees to the privacy notice again (it changed), or gives her consent back after
 * withdrawing it: then she waits for her station's approval, as a new member does.
 */
export const giveConsent = defineMutation({
	name: 'volunteer.consent',
	args: z.strictObject({
		id: id(),
		consentVersion: z.string().check(z.maxLength(20)),
		at: instant()
	}),
	async apply(store, args, ctx) {
		const member = await need(store, 'volunteers', args.id);
		refuseUnknownNotice(args.consentVersion, ['consentVersion']);
		if (member.erasureRequestedAt) throw new MutationError('erasure_requested');
		const withdrawn = member.consentWithdrawnAt !== null;
		await store.put('volunteers', {
			...member,
			consentAt: args.at,
			consentVersion: args.consentVersion,
			consentWithdrawnAt: null,
			status: withdrawn ? 'pending' : member.status,
			updatedAt: args.at,
			updatedBy: ctx.actorId
		});
	}
});

/** Stops processing her: inactive, off every shift still to come. */
async function stopTakingPart(
	store: MutationStore,
	member: Volunteer,
	at: string,
	ctx: MutationContext,
	change: Partial<Volunteer>
) {
	await store.put('volunteers', {
		...member,
		...change,
		status: 'inactive',
		updatedAt: at,
		updatedBy: ctx.actorId
	});
	await cancelUpcomingSignups(store, member.id, at, ctx);
}

/** PIPL art. 15: she may withdraw her consent at any time; she is no longer processed. */
export const withdrawConsent = defineMutation({
	name: 'volunteer.withdrawConsent',
	args: z.strictObject({ id: id(), at: instant() }),
	async apply(store, args, ctx) {
		const member = await need(store, 'volunteers', args.id);
		if (member.consentWithdrawnAt) return;
		await stopTakingPart(store, member, args.at, ctx, { consentWithdrawnAt: args.at });
	}
});

/** PIPL art. 47: she asks for her data to be erased. Her station sees the request and erases. */
export const requestErasure = defineMutation({
	name: 'volunteer.requestErasure',
	args: z.strictObject({ id: id(), at: instant() }),
	async apply(store, args, ctx) {
		const member = await need(store, 'volunteers', args.id);
		if (member.erasureRequestedAt) return;
		await stopTakingPart(store, member, args.at, ctx, { erasureRequestedAt: args.at });
	}
});

/**
 * What must be kept of a sign-up after its member is erased: service that took place, whose hours
 * the regulations (民政部令第67号) require the organiser to keep. It holds no personal field, only
 * the member's id, which nothing on the server or any device names any more.
 */
export const keptAfterErasure = gaveService;

/**
 * Carries out an erasure she asked for: her member record, her transfers and every sign-up that
 * is not service she gave (with the attendance recorded on it) are deleted (tombstones every device receives at its next sync); the
 * places she held go back to their shifts. What service she gave is kept, as the law allows.
 */
export const eraseVolunteer = defineMutation({
	name: 'volunteer.erase',
	args: z.strictObject({ id: id(), at: instant() }),
	async apply(store, args, ctx) {
		const member = await need(store, 'volunteers', args.id);
		if (!member.erasureRequestedAt) throw new MutationError('erasure_not_requested');
		const signups = await store.signupsOfVolunteer(member.id);
		const keptShifts = new Set(signups.filter(keptAfterErasure).map((s) => s.shiftId));
		for (const signup of signups) {
			// The roster's copy of her name and masked phone goes, kept service or not.
			const entry = await store.get('roster', signup.id);
			if (entry) await store.remove('roster', entry);
			if (keptAfterErasure(signup)) continue;
			if (
				signup.status === 'pending' ||
				signup.status === 'confirmed' ||
				signup.status === 'waitlisted'
			) {
				await cancelActiveSignup(store, signup, args.at, ctx);
			} else if (holdsPlace(signup.status) && ctx.authority === 'server') {
				// A no-show counted in her shift's places: the count follows the rows that remain.
				const shift = await need(store, 'shifts', signup.shiftId);
				await store.put('shifts', {
					...shift,
					confirmedCount: shift.confirmedCount - 1,
					updatedAt: args.at
				});
			}
			await store.remove('signups', signup);
			// Attendance recorded against a place she no longer holds (a check-out with no
			// check-in, say) backs no kept hours, so it goes with the sign-up.
			if (keptShifts.has(signup.shiftId)) continue;
			for (const event of await store.attendanceOf(signup.shiftId, member.id)) {
				await store.remove('attendance', event);
			}
		}
		for (const transfer of await store.transfersOfVolunteer(member.id)) {
			await store.remove('transfers', transfer);
		}
		// Call-outs' copies of her name and masked phone go too; a muster's hours stay on its shift.
		for (const response of await store.responsesOfVolunteer(member.id)) {
			await store.remove('calloutResponses', response);
		}
		// Her one-to-one pairings end; visits not yet verified go, verified ones keep their hours
		// and lose their notes.
		for (const pairing of await store.carePairingsOfVolunteer(member.id)) {
			for (const visit of await store.visitsOfCarePairing(pairing.id)) {
				if (visit.verifiedAt === null) await store.remove('careVisits', visit);
				else if (visit.note !== '') await store.put('careVisits', { ...visit, note: '' });
			}
			if (pairing.status === 'active') {
				await store.put('carePairings', {
					...pairing,
					status: 'ended',
					endOn: beijingDate(args.at),
					endReason: '',
					updatedAt: args.at,
					updatedBy: ctx.actorId
				});
			}
		}
		// Her teams forget her (a team lists its members by id).
		for (const team of await store.teamsOfVolunteer(member.id)) {
			await store.put('teams', {
				...team,
				memberIds: team.memberIds.filter((id) => id !== member.id),
				leaderId: team.leaderId === member.id ? null : team.leaderId,
				updatedAt: args.at,
				updatedBy: ctx.actorId
			});
		}
		await store.remove('volunteers', member);
	}
});
