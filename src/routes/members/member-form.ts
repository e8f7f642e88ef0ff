/**
 * The member form's values as typed, and the step from them to a mutation's args and back.
 * Shared by registration (new, or again after a refusal) and editing.
 */
import { normalizePhone } from '$lib/domain/phone';
import { categories, languages, type Category, type Language } from '$lib/domain/reference';
import { genders } from '$lib/domain/schemas';
import { errorText, type FieldErrors } from '$lib/i18n/error-text';

export interface MemberFormValues {
	name: string;
	phone: string;
	district: string;
	community: string;
	skills: Category[];
	gender: '' | (typeof genders)[number];
	birthYear: string;
	/** `YYYY-MM-DD`, or '' when not given; asked of whoever may be a minor. */
	birthDate: string;
	languages: Language[];
	availability: string;
	emergencyResponder: boolean;
	/** A minor's guardian, as typed; blank for an adult. */
	guardian: GuardianValues;
}

/** A minor's guardian as typed in a form. */
export interface GuardianValues {
	name: string;
	phone: string;
	consent: boolean;
}

export const emptyGuardian = (): GuardianValues => ({ name: '', phone: '', consent: false });

/** The guardian to send: null when nothing was typed (the rules then say whether one is needed). */
export function guardianOf(values: GuardianValues) {
	if (!values.name.trim() && !values.phone.trim() && !values.consent) return null;
	return {
		name: values.name,
		phone: normalizePhone(values.phone) ?? values.phone,
		consent: values.consent
	};
}

/** The member's own fields, as `volunteer.register` and `volunteer.update` take them. */
export interface MemberFields {
	name: string;
	phone: string;
	gender: (typeof genders)[number] | null;
	birthYear: number | null;
	birthDate: string | null;
	district: string;
	community: string;
	skills: Category[];
	languages: Language[];
	availability: string;
	emergencyResponder: boolean;
}

export function emptyMemberForm(): MemberFormValues {
	return {
		name: '',
		phone: '',
		district: '',
		community: '',
		skills: [],
		gender: '',
		birthYear: '',
		birthDate: '',
		languages: ['zh'],
		availability: '',
		emergencyResponder: false,
		guardian: emptyGuardian()
	};
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const listOf = <T extends string>(value: unknown, allowed: readonly T[]): T[] =>
	Array.isArray(value) ? value.filter((v): v is T => allowed.includes(v as T)) : [];

/** Form values from a stored member or from the args of a refused registration (any shape). */
export function memberFormFrom(source: unknown): MemberFormValues {
	const r = (typeof source === 'object' && source !== null ? source : {}) as Record<
		string,
		unknown
	>;
	const gender = genders.find((g) => g === r.gender) ?? '';
	return {
		name: text(r.name),
		phone: text(r.phone),
		district: text(r.district),
		community: text(r.community),
		skills: listOf(r.skills, categories),
		gender,
		birthYear: typeof r.birthYear === 'number' ? String(r.birthYear) : '',
		birthDate: text(r.birthDate),
		languages: listOf(r.languages, languages),
		availability: text(r.availability),
		emergencyResponder: r.emergencyResponder === true,
		guardian: guardianFrom(r.guardian)
	};
}

function guardianFrom(source: unknown): GuardianValues {
	const g = (typeof source === 'object' && source !== null ? source : {}) as Record<
		string,
		unknown
	>;
	return { name: text(g.name), phone: text(g.phone), consent: g.consent === true };
}

/** The fields to send; the mutation's schema checks them. A birth year that is not a number stays NaN so the check names it. */
export function memberFieldsOf(values: MemberFormValues): MemberFields {
	const year = values.birthYear.trim();
	return {
		name: values.name,
		phone: normalizePhone(values.phone) ?? values.phone,
		gender: values.gender || null,
		birthYear: year === '' ? null : /^\d+$/.test(year) ? Number(year) : Number.NaN,
		birthDate: values.birthDate || null,
		district: values.district,
		community: values.community,
		skills: values.skills,
		languages: values.languages,
		availability: values.availability,
		emergencyResponder: values.emergencyResponder
	};
}

/** The member who already has the phone number typed, as a refusal names them. */
export interface DuplicateMember {
	id: string;
	name: string;
}

/**
 * A refused registration or edit as the form shows it: the error beside the field it is about
 * (at `depth` in the path, as in `fieldErrors`), and the member who already has the phone number.
 */
export function memberRefusal(
	refusal: { code: string; path: readonly PropertyKey[]; detail: Record<string, string> },
	depth = 0
): { errors: FieldErrors; duplicate: DuplicateMember | null } {
	const { code, path, detail } = refusal;
	const field = String(path[depth] ?? path[0] ?? 'form');
	return {
		errors: { [field]: errorText(code, detail) },
		duplicate:
			code === 'duplicate_phone' && detail.memberId
				? { id: detail.memberId, name: detail.memberName ?? '' }
				: null
	};
}

interface Issue {
	path: PropertyKey[];
	message: string;
}

/** Schema issues as error text per field; `depth` is where the field name sits in the path. */
export function fieldErrors(issues: readonly Issue[], depth = 0): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of issues) {
		const field = String(issue.path[depth] ?? 'form');
		if (errors[field]) continue;
		let code = /^[a-z_]+$/.test(issue.message) ? issue.message : 'invalid';
		if (field === 'birthYear' && code === 'invalid') code = 'invalid_year';
		errors[field] = errorText(code);
	}
	return errors;
}
