/** The colours a call-out's status and urgency are shown in. */
import type { BadgeTone } from '$lib/components/StatusBadge.svelte';
import type { CalloutUrgency } from '$lib/domain/reference';
import type { CalloutStatus } from '$lib/domain/schemas';

export const statusTone: Record<CalloutStatus, BadgeTone> = {
	open: 'primary',
	closed: 'muted',
	stood_down: 'muted'
};

export const urgencyTone: Record<CalloutUrgency, BadgeTone> = {
	normal: 'muted',
	urgent: 'warn',
	critical: 'danger'
};
