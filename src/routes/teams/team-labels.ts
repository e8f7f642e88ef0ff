/** A team's status in the user's language. */
import type { Team } from '$lib/domain/schemas';
import { m } from '$lib/paraglide/messages';

const statusNames: Record<Team['status'], () => string> = {
	active: m.team_status_active,
	disbanded: m.team_status_disbanded
};

export const teamStatusName = (status: Team['status']) => statusNames[status]();
