/** Reads for the home dashboard: counts and the next days' shifts, all through indexes. */
import type { Project, Shift, Station } from '$lib/domain/schemas';
import type { LocalDb } from '$lib/client/data/db';

export interface DashboardCounts {
	stations: number;
	/** The members this device holds: a station's all, an admin's those she registered or opened. */
	members: number;
	publishedProjects: number;
}

export async function dashboardCounts(db: LocalDb): Promise<DashboardCounts> {
	const [stations, members, publishedProjects] = await Promise.all([
		db.stations.count(),
		db.volunteers.count(),
		db.projects.where('status').equals('published').count()
	]);
	return { stations, members, publishedProjects };
}

export interface UpcomingShift {
	shift: Shift;
	project: Project;
	station: Station | null;
}

/** Shifts of published projects starting between `from` and `days` later, soonest first. */
export async function upcomingShifts(
	db: LocalDb,
	from: Date,
	days = 7,
	limit = 20
): Promise<UpcomingShift[]> {
	const until = new Date(from.getTime() + days * 86_400_000);
	const shifts = await db.shifts
		.where('start')
		.between(from.toISOString(), until.toISOString(), true, false)
		.limit(limit * 3)
		.toArray();
	const projects = await db.projects.bulkGet(shifts.map((s) => s.projectId));
	const stations = await db.stations.bulkGet(shifts.map((s) => s.stationId));
	const out: UpcomingShift[] = [];
	shifts.forEach((shift, i) => {
		const project = projects[i];
		if (project?.status === 'published') {
			out.push({ shift, project, station: stations[i] ?? null });
		}
	});
	return out.slice(0, limit);
}
