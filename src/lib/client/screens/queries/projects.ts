/**
 * Reads for the projects screens. Every query goes through an index (stations by name, projects by
 * station / district / category / status, shifts by project or start), so a device holding a whole
 * district's projects still answers in milliseconds.
 */
import type { Category, DistrictCode } from '$lib/domain/reference';
import type { Organization, Project, Shift, Station, Team } from '$lib/domain/schemas';
import type { LocalDb } from '$lib/client/data/db';
import { compareText } from '$lib/domain/order';

export interface ProjectFilter {
	district?: DistrictCode | '';
	stationId?: string;
	category?: Category | '';
	/** `YYYY-MM-DD`: only projects with a shift starting that day, Beijing time. */
	date?: string;
	/**
	 * Leave out the projects emergency call-outs muster on: a volunteer's list, since people come
	 * to those through the call-out, not by signing up.
	 */
	hideMusters?: boolean;
}

export interface ProjectSummary {
	project: Project;
	stationName: string | null;
	/** The shift to show: that day's first when filtering by date, else the next one not over. */
	shift: Shift | null;
	shiftCount: number;
}

export interface ProjectList {
	items: ProjectSummary[];
	/** More projects match than were read; ask again with a larger limit. */
	more: boolean;
}

export interface ProjectDetail {
	project: Project;
	station: Station | null;
	/** Ordered by start. */
	shifts: Shift[];
	/** The team that organises it, when one does and the device holds it (staff devices). */
	team: Team | null;
	/** Its co-organisers the device holds (staff devices; a volunteer's holds none). */
	coOrganizers: Organization[];
}

const DAY_MS = 86_400_000;

/** The device's stations, sorted by name. */
export async function stationsByName(db: LocalDb): Promise<Station[]> {
	return db.stations.orderBy('name').toArray();
}

/** The UTC instants bounding a Beijing calendar day, or null for a malformed date. */
export function beijingDayRange(date: string): [string, string] | null {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
	const start = Date.parse(`${date}T00:00:00+08:00`);
	if (Number.isNaN(start)) return null;
	return [new Date(start).toISOString(), new Date(start + DAY_MS).toISOString()];
}

/**
 * Ids of the projects matching the index filters; null when no index filter is set. Not async:
 * inside a live query, awaiting a promise that holds no Dexie call loses track of what the
 * query reads, and the screen would stop updating.
 */
function candidateIds(db: LocalDb, filter: ProjectFilter): Promise<Set<string>> | null {
	const lookups: Promise<string[]>[] = [];
	if (filter.stationId) {
		lookups.push(db.projects.where('stationId').equals(filter.stationId).primaryKeys());
	}
	if (filter.district) {
		lookups.push(db.projects.where('district').equals(filter.district).primaryKeys());
	}
	if (filter.category) {
		lookups.push(db.projects.where('category').equals(filter.category).primaryKeys());
	}
	if (lookups.length === 0) return null;
	return Promise.all(lookups).then(([first, ...rest]) => {
		const ids = new Set(first);
		for (const keys of rest) {
			const other = new Set(keys);
			for (const id of ids) if (!other.has(id)) ids.delete(id);
		}
		return ids;
	});
}

async function summarize(
	db: LocalDb,
	projects: Project[],
	pickShift: (shifts: Shift[]) => Shift | null
): Promise<ProjectSummary[]> {
	const ids = projects.map((p) => p.id);
	const [shifts, stations] = await Promise.all([
		db.shifts.where('projectId').anyOf(ids).toArray(),
		db.stations.bulkGet([...new Set(projects.map((p) => p.stationId))])
	]);
	const stationNames = new Map(stations.flatMap((s) => (s ? [[s.id, s.name] as const] : [])));
	const byProject = new Map<string, Shift[]>();
	for (const shift of shifts) {
		const list = byProject.get(shift.projectId) ?? [];
		list.push(shift);
		byProject.set(shift.projectId, list);
	}
	return projects.map((project) => {
		const own = (byProject.get(project.id) ?? []).sort((a, b) => compareText(a.start, b.start));
		return {
			project,
			stationName: stationNames.get(project.stationId) ?? null,
			shift: pickShift(own),
			shiftCount: own.length
		};
	});
}

/** Upcoming shifts first, by start; then projects with no shift left, most recently changed first. */
function byShiftThenUpdated(a: ProjectSummary, b: ProjectSummary, now: string): number {
	const aNext = a.shift && a.shift.end > now ? a.shift.start : null;
	const bNext = b.shift && b.shift.end > now ? b.shift.start : null;
	if (aNext && bNext) return compareText(aNext, bNext);
	if (aNext) return -1;
	if (bNext) return 1;
	return compareText(b.project.updatedAt, a.project.updatedAt);
}

function nextShift(now: string) {
	return (shifts: Shift[]) => shifts.find((s) => s.end > now) ?? shifts.at(-1) ?? null;
}

/**
 * Projects matching the filter, at most `limit`. With a date: the projects with a shift that
 * Beijing day (shifts read by their start index). Without: every match when few, else the
 * projects of upcoming shifts in start order, plus the drafts.
 */
export async function listProjects(
	db: LocalDb,
	filter: ProjectFilter,
	limit = 100,
	now = new Date().toISOString()
): Promise<ProjectList> {
	const lookup = candidateIds(db, filter);
	let candidates = lookup ? await lookup : null;
	if (!candidates) {
		// A device holding few projects lists them all, past ones included.
		const all = await db.projects.limit(limit + 1).primaryKeys();
		if (all.length <= limit) candidates = new Set(all);
	}
	// Call-outs muster on emergency projects: few, found through the category's index. (Only
	// Dexie's own promises are awaited here: the list is a live query.)
	const musters = new Set<string>();
	if (filter.hideMusters) {
		const keys = await db.projects
			.where('category')
			.equals('emergency_response')
			.filter((p) => p.calloutId !== null)
			.primaryKeys();
		for (const id of keys) musters.add(id);
	}
	for (const id of musters) candidates?.delete(id);
	const wanted = (id: string) => !musters.has(id) && (!candidates || candidates.has(id));
	const range = filter.date ? beijingDayRange(filter.date) : null;

	if (range) {
		const [from, to] = range;
		const shifts = await db.shifts.where('start').between(from, to, true, false).toArray();
		const ids = [...new Set(shifts.map((s) => s.projectId).filter(wanted))];
		const projects = (await db.projects.bulkGet(ids.slice(0, limit))).filter(
			(p): p is Project => p !== undefined
		);
		const items = await summarize(
			db,
			projects,
			(own) => own.find((s) => s.start >= from && s.start < to) ?? null
		);
		items.sort((a, b) => compareText(a.shift?.start ?? '', b.shift?.start ?? ''));
		return { items, more: ids.length > limit };
	}

	if (candidates && candidates.size <= limit) {
		const projects = (await db.projects.bulkGet([...candidates])).filter(
			(p): p is Project => p !== undefined
		);
		const items = await summarize(db, projects, nextShift(now));
		return { items: items.sort((a, b) => byShiftThenUpdated(a, b, now)), more: false };
	}

	// Many matches: walk upcoming shifts in start order and stop once the page is full.
	const ids = new Set<string>();
	let more = false;
	await db.shifts
		.where('start')
		.aboveOrEqual(new Date(Date.parse(now) - DAY_MS).toISOString())
		.filter((s) => s.end > now && wanted(s.projectId))
		.until((s) => {
			more = ids.size >= limit && !ids.has(s.projectId);
			return more;
		})
		.each((s) => {
			if (ids.size < limit) ids.add(s.projectId);
		});
	const drafts = await db.projects
		.where('status')
		.equals('draft')
		.filter((p) => !ids.has(p.id) && wanted(p.id))
		.limit(limit)
		.toArray();
	const upcoming = (await db.projects.bulkGet([...ids])).filter(
		(p): p is Project => p !== undefined
	);
	const items = await summarize(db, [...upcoming, ...drafts], nextShift(now));
	return { items: items.sort((a, b) => byShiftThenUpdated(a, b, now)), more };
}

/**
 * One project with its station, its shifts in start order and its organisers; null when not on
 * this device.
 */
export async function projectDetail(db: LocalDb, id: string): Promise<ProjectDetail | null> {
	const project = await db.projects.get(id);
	if (!project) return null;
	const [station, shifts, team, coOrganizers] = await Promise.all([
		db.stations.get(project.stationId),
		db.shifts.where('projectId').equals(id).sortBy('start'),
		db.teams.get(project.teamId ?? ''),
		db.organizations.bulkGet(project.coOrganizerIds)
	]);
	return {
		project,
		station: station ?? null,
		shifts,
		team: team ?? null,
		coOrganizers: coOrganizers.filter((o) => o !== undefined)
	};
}
