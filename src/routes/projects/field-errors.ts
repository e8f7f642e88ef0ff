/** Turns a schema's issues (whose messages are error codes) into words per field. */
import { errorText, type FieldErrors } from '$lib/i18n/error-text';

interface Issue {
	readonly path: readonly PropertyKey[];
	readonly message: string;
}

/** The field an issue is about: the last named step of its path (`changes.title` → `title`). */
export function fieldOf(path: readonly PropertyKey[]): string {
	return [...path].reverse().find((step): step is string => typeof step === 'string') ?? '';
}

/** The first error of each field, in the user's language. */
export function issueErrors(issues: readonly Issue[]): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of issues) {
		const field = fieldOf(issue.path);
		const code = /^[a-z_]+$/.test(issue.message) ? issue.message : 'invalid';
		errors[field] ??= errorText(code);
	}
	return errors;
}
