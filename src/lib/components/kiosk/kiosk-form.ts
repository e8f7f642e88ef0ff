/**
 * The kiosk's self-registration form: what a walk-up person types, the registration it becomes,
 * and how a refusal reads to them. Nothing here may tell one person anything about another, so a
 * phone number that is already registered gets a neutral message, never the member's name.
 */
import { normalizePhone } from '$lib/domain/phone';
import type { Category } from '$lib/domain/reference';
import { errorText, type FieldErrors } from '$lib/i18n/error-text';
import { m } from '$lib/paraglide/messages';

export interface KioskFormValues {
	name: string;
	phone: string;
	/** `YYYY-MM-DD`: the age rules need the day (see `age.ts`). */
	birthDate: string;
	district: string;
	community: string;
	skills: Category[];
	/** A minor's guardian, there with her. */
	guardian: { name: string; phone: string; consent: boolean };
	consent: boolean;
}

/** The guardian to send, or null when nothing about one was typed. */
function guardianOf(guardian: KioskFormValues['guardian']) {
	if (!guardian.name.trim() && !guardian.phone.trim() && !guardian.consent) return null;
	return {
		name: guardian.name,
		phone: normalizePhone(guardian.phone) ?? guardian.phone,
		consent: guardian.consent
	};
}

/** Where the kiosk stands: its station's district and community are the likely answers. */
export interface KioskPlace {
	district: string;
	community: string;
}

/** A blank form for the next person, with the station's district and community filled in. */
export function emptyKioskForm(place: KioskPlace | null): KioskFormValues {
	return {
		name: '',
		phone: '',
		birthDate: '',
		district: place?.district ?? '',
		community: place?.community ?? '',
		skills: [],
		guardian: { name: '', phone: '', consent: false },
		consent: false
	};
}

/** Whether the person has changed anything, so a reset would throw away their typing. */
export function isTouched(values: KioskFormValues, place: KioskPlace | null): boolean {
	const blank = emptyKioskForm(place);
	return (
		values.name !== blank.name ||
		values.phone !== blank.phone ||
		values.birthDate !== blank.birthDate ||
		values.guardian.name !== '' ||
		values.guardian.phone !== '' ||
		values.guardian.consent ||
		values.district !== blank.district ||
		values.community !== blank.community ||
		values.skills.length > 0 ||
		values.consent
	);
}

export interface KioskContext {
	/** The new member's id, made on the device. */
	id: string;
	/** The kiosk's station: the new member's home station. */
	stationId: string;
	consentVersion: string;
	/** The language the form was filled in: the one thing known about what the person reads. */
	language: 'zh' | 'en';
	at: string;
}

/** The `volunteer.register` args for the typed values; the mutation's schema checks them. */
export function kioskRegistration(values: KioskFormValues, context: KioskContext) {
	return {
		id: context.id,
		name: values.name,
		phone: normalizePhone(values.phone) ?? values.phone,
		gender: null,
		birthYear: null,
		birthDate: values.birthDate || null,
		guardian: guardianOf(values.guardian),
		district: values.district,
		community: values.community,
		skills: values.skills,
		languages: [context.language],
		availability: '',
		emergencyResponder: false,
		consent: values.consent,
		consentVersion: context.consentVersion,
		homeStationId: context.stationId,
		source: 'kiosk' as const,
		at: context.at
	};
}

/**
 * An error code as the kiosk says it. The detail of a refusal (which member has the phone number)
 * is deliberately dropped: it belongs to someone else.
 */
export function kioskErrorText(code: string): string {
	if (code === 'duplicate_phone') return m.kiosk_duplicate_phone();
	if (code === 'too_young') return m.kiosk_too_young();
	return errorText(code);
}

interface Issue {
	path: readonly PropertyKey[];
	message: string;
}

/** The form's fields; an error about anything else (an id, the time) is about the form as a whole. */
const fields = new Set<string>([
	'name',
	'phone',
	'birthDate',
	'district',
	'community',
	'skills',
	'guardian',
	'consent'
]);

/** Schema issues or a refusal as one error per field, the first one for each field winning. */
export function kioskErrors(issues: readonly Issue[]): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of issues) {
		const head = String(issue.path[0] ?? 'form');
		const field = fields.has(head) ? head : 'form';
		if (errors[field]) continue;
		errors[field] = kioskErrorText(/^[a-z_]+$/.test(issue.message) ? issue.message : 'invalid');
	}
	return errors;
}
