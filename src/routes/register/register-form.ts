/** The self-registration form's values as typed, and its refusals as the form shows them. */
import { MIN_PASSWORD_LENGTH } from '$lib/domain/accounts';
import { errorText, type FieldErrors } from '$lib/i18n/error-text';
import { m } from '$lib/paraglide/messages';

/** Everything typed except the password, which is never kept. */
export interface RegisterDraft {
	phone: string;
	name: string;
	birthDate: string;
	district: string;
	community: string;
	/** The station she chooses; she waits there for approval. */
	homeStationId: string;
	guardian: { name: string; phone: string; consent: boolean };
	consent: boolean;
}

export function emptyDraft(): RegisterDraft {
	return {
		phone: '',
		name: '',
		birthDate: '',
		district: '',
		community: '',
		homeStationId: '',
		guardian: { name: '', phone: '', consent: false },
		consent: false
	};
}

/** A refusal whose field error comes with something to do (a link to sign in). */
export type RegisterProblem = 'phone_taken' | 'phone_registered';

interface Refusal {
	code: string;
	path: readonly (string | number)[];
	retryAfter?: number;
}

export interface RegisterErrors {
	errors: FieldErrors;
	problem: RegisterProblem | null;
	formError: string | null;
}

const fieldText: Record<string, () => string> = {
	phone_taken: () => m.register_phone_taken(),
	phone_registered: () => m.register_phone_registered(),
	password_too_short: () => m.register_password_too_short({ min: MIN_PASSWORD_LENGTH })
};

/**
 * Refusals from the form's own check or the server, in words: each next to its field (the first
 * per field), or for the form as a whole when they concern no field.
 */
export function registerErrors(refusals: readonly Refusal[]): RegisterErrors {
	const out: RegisterErrors = { errors: {}, problem: null, formError: null };
	for (const { code: raw, path, retryAfter } of refusals) {
		const code = /^[a-z_]+$/.test(raw) ? raw : 'invalid';
		if (code === 'phone_taken' || code === 'phone_registered') out.problem ??= code;
		if (code === 'too_young') {
			out.errors.birthDate ??= m.register_too_young();
			continue;
		}
		if (code === 'offline') {
			out.formError ??= m.register_network_failed();
			continue;
		}
		if (code === 'too_many_attempts') {
			const minutes = Math.max(1, Math.ceil((retryAfter ?? 60) / 60));
			out.formError ??= m.register_too_many({ minutes });
			continue;
		}
		// The privacy notice's version travels with the consent checkbox.
		const field = path[0] === 'consentVersion' ? 'consent' : path[0];
		const text = fieldText[code]?.() ?? errorText(code);
		if (field === undefined) out.formError ??= text;
		else out.errors[String(field)] ??= text;
	}
	return out;
}
