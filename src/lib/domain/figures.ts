/**
 * The figures a federation reports upward, computed on the server for the caller's scope (city,
 * district, street, station) and period (a year, or one month of it): what is asked and what is
 * answered, shared by the server that computes them and the screens that draw them.
 *
 * Each figure, over the period, for the stations in scope:
 * - `stations`: stations that exist (not deleted), whatever their status; `byLevel` splits them;
 * - `newVolunteers`: members whose registration (`createdAt`) falls in the period;
 * - `registeredVolunteers`: active members at the time of asking (no history of status is kept);
 * - `activeVolunteers`: distinct members who gave service (a service visit) in the period;
 * - `projects`: distinct projects, published or closed, with an activity in the period;
 * - `activities`: shifts of those projects that started in the period (and by the time of asking);
 * - `serviceVisits` (服务人次): sign-ups on those activities where she served (checked in,
 *   completed, or hours credited);
 * - `verifiedHours`: hours credited on those sign-ups once verified;
 * - `emergencyTurnouts` (应急出勤人次): those service visits made at an emergency call-out's
 *   muster (its project's activity), counted with the lead station;
 * - `pairings` (结对帮扶数): pairings of a social organization with a station or one of its teams
 *   that were in force at some time in the period (begun by its end, not ended before its start),
 *   counted with the paired station.
 * A member belongs to her home station (and its street and district); one with no home station
 * counts in her own district only. Months are Beijing's calendar months (Asia/Shanghai).
 *
 * One-to-one pairings (一对一结对) are not counted here: they are the stations' own, and a person
 * helped is never reported upward.
 */
import * as z from 'zod/mini';
import { districtCodes, stationLevels } from './reference';

export const figureKeys = [
	'stations',
	'newVolunteers',
	'registeredVolunteers',
	'activeVolunteers',
	'projects',
	'activities',
	'serviceVisits',
	'verifiedHours',
	'emergencyTurnouts',
	'pairings'
] as const;
export type FigureKey = (typeof figureKeys)[number];

/** Whose figures: the unit and, below the city, which one. */
export const figureScopeSchema = z.discriminatedUnion('level', [
	z.strictObject({ level: z.literal('city') }),
	z.strictObject({ level: z.literal('district'), district: z.enum(districtCodes) }),
	z.strictObject({
		level: z.literal('street'),
		district: z.enum(districtCodes),
		street: z.string().check(z.minLength(1), z.maxLength(40))
	}),
	z.strictObject({ level: z.literal('station'), stationId: z.uuid() })
]);
export type FigureScope = z.infer<typeof figureScopeSchema>;

/** `YYYY` for a year, `YYYY-MM` for a month (Beijing's calendar). */
export const figurePeriodSchema = z
	.string()
	.check(z.regex(/^(20\d\d)(-(0[1-9]|1[0-2]))?$/, 'invalid_period'));
export type FigurePeriod = z.infer<typeof figurePeriodSchema>;

const count = () => z.int().check(z.nonnegative());

export const figuresSchema = z.object({
	stations: count(),
	newVolunteers: count(),
	registeredVolunteers: count(),
	activeVolunteers: count(),
	projects: count(),
	activities: count(),
	serviceVisits: count(),
	/** Hours, to two decimals. */
	verifiedHours: z.number().check(z.nonnegative()),
	/** Added later: a copy kept from before it existed reads as none. */
	emergencyTurnouts: z._default(count(), 0),
	pairings: z._default(count(), 0)
});
export type Figures = z.infer<typeof figuresSchema>;

/** One unit one level below the scope (a district of the city, a street, a station). */
export const figureUnitSchema = z.object({
	kind: z.enum(['district', 'street', 'station']),
	/** District code, street name, or station id. */
	key: z.string(),
	/** Street name or station name; districts are named from the reference list by their code. */
	name: z.string(),
	figures: figuresSchema,
	/** Stations in this unit whose tablets have not synced within the stale limit. */
	staleStations: count()
});
export type FigureUnit = z.infer<typeof figureUnitSchema>;

/** When a station's tablets last reached the server, and whether that is too long ago. */
export const stationFreshnessSchema = z.object({
	stationId: z.uuid(),
	name: z.string(),
	district: z.enum(districtCodes),
	street: z.string(),
	level: z.enum(stationLevels),
	status: z.enum(['open', 'suspended', 'closed']),
	/** The latest sync of any station worker's device at this station; null when none ever has. */
	lastSyncAt: z.nullable(z.string()),
	stale: z.boolean()
});
export type StationFreshness = z.infer<typeof stationFreshnessSchema>;

export const figuresAnswerSchema = z.object({
	scope: figureScopeSchema,
	/** The scope's own name (a street's or a station's); null for the city and districts. */
	scopeName: z.nullable(z.string()),
	period: figurePeriodSchema,
	/** The server's time when these were computed: what "as of" shows. */
	asOf: z.string(),
	staleAfterDays: z.int().check(z.positive()),
	totals: figuresSchema,
	byLevel: z.record(z.enum(stationLevels), count()),
	/** The twelve months ending with the period's last month, oldest first. */
	months: z.array(z.object({ month: z.string(), figures: figuresSchema })),
	/** The period's figures for each unit one level below the scope (none for a station). */
	units: z.array(figureUnitSchema),
	/** Every station in scope, with its freshness. */
	stations: z.array(stationFreshnessSchema)
});
export type FiguresAnswer = z.infer<typeof figuresAnswerSchema>;

/** The level below each scope's, whose units an answer lists. */
export const unitKindBelow = {
	city: 'district',
	district: 'street',
	street: 'station',
	station: null
} as const;

/** The months of a period, and the twelve months of its trend. */
export function periodMonths(period: FigurePeriod): { months: string[]; trend: string[] } {
	const [yearText, monthText] = period.split('-');
	const year = Number(yearText);
	const months = monthText
		? [period]
		: Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
	const last = months[months.length - 1] as string;
	const [ly, lm] = last.split('-').map(Number) as [number, number];
	const trend = Array.from({ length: 12 }, (_, i) => {
		const index = ly * 12 + (lm - 1) - (11 - i);
		return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
	});
	return { months, trend };
}

/** Beijing's calendar month (`YYYY-MM`) of a UTC instant. */
export function beijingMonth(instant: string): string {
	const shifted = new Date(Date.parse(instant) + 8 * 3_600_000);
	return shifted.toISOString().slice(0, 7);
}

/** The station figures' period for the month holding `now`, and for its year. */
export const currentMonth = (now: Date) => beijingMonth(now.toISOString());

export const defaultStaleAfterDays = 3;

/**
 * `GET /api/figures?period=2026-11[&district=…[&street=…]|&station=…]`: with no unit named, the
 * caller's own scope (the city for the city admin, her district for a district admin, her station
 * for a worker). Answered 200 with a `FiguresAnswer`, 400 `invalid` with the field's path, 403
 * `forbidden` for a scope that is not the caller's (or for a volunteer).
 */
export const figuresQuerySchema = z.strictObject({
	period: figurePeriodSchema,
	district: z.optional(z.enum(districtCodes)),
	street: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
	station: z.optional(z.uuid())
});
export type FiguresQuery = z.infer<typeof figuresQuerySchema>;

/** The search parameters asking for a scope's figures over a period. */
export function figuresSearch(scope: FigureScope | null, period: FigurePeriod): URLSearchParams {
	const params = new URLSearchParams({ period });
	if (scope?.level === 'district' || scope?.level === 'street')
		params.set('district', scope.district);
	if (scope?.level === 'street') params.set('street', scope.street);
	if (scope?.level === 'station') params.set('station', scope.stationId);
	return params;
}
