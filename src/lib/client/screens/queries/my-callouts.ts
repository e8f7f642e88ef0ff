/**
 * The emergency call-outs that asked a volunteer, for her home screen: her own responses (her
 * phone holds no one else's) joined with their call-outs, open ones first. A call-out that closed
 * or was stood down stays on her home for a day, so she sees that she need not come; then it
 * leaves. Read from the `volunteerId` index and by id, so it all works offline.
 */
import type { LocalDb } from '$lib/client/data/db';
import type { CalloutUrgency } from '$lib/domain/reference';
import type { Callout, CalloutResponse } from '$lib/domain/schemas';
import { compareText } from '$lib/domain/order';

export interface MyCallout {
	callout: Callout;
	response: CalloutResponse;
	/** Her answer is saved on this phone and not yet on the server. */
	waiting: boolean;
}

/** How long a closed or stood-down call-out, or an open one past its end, stays on her home. */
export const KEPT_AFTER_MS = 24 * 3_600_000;

const urgencyOrder: Record<CalloutUrgency, number> = { critical: 0, urgent: 1, normal: 2 };

/** The call-outs to show, open ones first (most urgent, then soonest), then the closed, newest first. */
export function calloutsForHome(items: readonly MyCallout[], now: string): MyCallout[] {
	const since = new Date(Date.parse(now) - KEPT_AFTER_MS).toISOString();
	const shown = items.filter(({ callout }) =>
		callout.status === 'open' ? callout.end > since : (callout.closedAt ?? callout.end) > since
	);
	return shown.sort((a, b) => {
		const openA = a.callout.status === 'open';
		const openB = b.callout.status === 'open';
		if (openA !== openB) return openA ? -1 : 1;
		if (openA) {
			return (
				urgencyOrder[a.callout.urgency] - urgencyOrder[b.callout.urgency] ||
				compareText(a.callout.start, b.callout.start)
			);
		}
		return compareText(b.callout.closedAt ?? '', a.callout.closedAt ?? '');
	});
}

/** Her call-outs as her home shows them (see `calloutsForHome`). */
export async function myCallouts(
	db: LocalDb,
	volunteerId: string,
	now = new Date().toISOString()
): Promise<MyCallout[]> {
	const responses = await db.calloutResponses.where('volunteerId').equals(volunteerId).toArray();
	const callouts = await db.callouts.bulkGet(responses.map((r) => r.calloutId));
	// A change still in the outbox keeps the server's copy of the row it touched.
	const pending = await db.base.bulkGet(responses.map((r) => `calloutResponses:${r.id}`));
	const items: MyCallout[] = [];
	responses.forEach((response, i) => {
		const callout = callouts[i];
		if (callout) items.push({ callout, response, waiting: pending[i] !== undefined });
	});
	return calloutsForHome(items, now);
}
