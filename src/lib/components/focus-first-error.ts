import { tick } from 'svelte';

/**
 * Once the errors just set are on screen, puts keyboard focus on the first field marked invalid
 * (or the first box of a checkbox group with an error), so the user lands on what to fix.
 */
export async function focusFirstError(form: HTMLElement | undefined) {
	await tick();
	form
		?.querySelector<HTMLElement>('[aria-invalid="true"], fieldset[aria-describedby] input')
		?.focus();
}
