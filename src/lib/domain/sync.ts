/**
 * The sync protocol between a device and the server. Both sides import these schemas.
 * `SCHEMA_VERSION` is the protocol's number: the server accepts it and the one before.
 */
import * as z from 'zod/mini';
import { tableNames, type TableName } from './schemas';

/**
 * 2: attendance, rosters, hours rules, the staff directory and transfers joined the synced tables.
 * 3: emergency call-outs and their responses.
 * 4: volunteer teams, social organizations, their pairings and the pairings' activity; one-to-one
 *    pairings with the people helped, and their visits.
 */
export const SCHEMA_VERSION = 4;
export const OLDEST_SUPPORTED_SCHEMA_VERSION = SCHEMA_VERSION - 1;
/** A push carries at most this many mutations; the device also keeps batches well under the body limit. */
export const MAX_PUSH_MUTATIONS = 200;
export const MAX_PULL_LIMIT = 5000;

/** Tables a device speaking an older protocol does not know: its pull leaves them out. */
const addedIn: Partial<Record<TableName, number>> = {
	attendance: 2,
	roster: 2,
	hoursRules: 2,
	staff: 2,
	transfers: 2,
	callouts: 3,
	calloutResponses: 3,
	teams: 4,
	organizations: 4,
	pairings: 4,
	pairingActivities: 4,
	helpedPeople: 4,
	carePairings: 4,
	careVisits: 4
};

/** The synced tables a device speaking this protocol version understands. */
export function tablesOfSchema(version: number): TableName[] {
	return tableNames.filter((table) => (addedIn[table] ?? 1) <= version);
}

export const pushRequestSchema = z.strictObject({
	clientId: z.uuid(),
	schemaVersion: z.int(),
	mutations: z
		.array(
			z.strictObject({
				id: z.int().check(z.positive()),
				name: z.string().check(z.minLength(1), z.maxLength(64)),
				args: z.unknown()
			})
		)
		.check(z.maxLength(MAX_PUSH_MUTATIONS))
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const mutationResultSchema = z.object({
	id: z.int(),
	status: z.enum(['applied', 'refused']),
	code: z.optional(z.string()),
	path: z.optional(z.array(z.union([z.string(), z.number()]))),
	detail: z.optional(z.record(z.string(), z.string()))
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({
	lastMutationId: z.int(),
	results: z.array(mutationResultSchema)
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullRequestSchema = z.strictObject({
	clientId: z.uuid(),
	schemaVersion: z.int(),
	cursor: z.int().check(z.nonnegative()),
	limit: z.optional(z.int().check(z.positive(), z.lte(MAX_PULL_LIMIT))),
	/** Refusals after this mutation id come back with the pull, in case a push answer was lost. */
	resultsAfter: z.optional(z.int().check(z.nonnegative()))
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

const isObject = (value: unknown) =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

export const changeSchema = z.object({
	table: z.enum(tableNames as [string, ...string[]]),
	id: z.string(),
	version: z.int(),
	deleted: z.boolean(),
	/**
	 * Any object here: the device checks it against its table's schema next (`checkChange`), and a
	 * record of unknowns would copy every row of a page only to have it copied again there.
	 */
	row: z.nullable(z.custom<Record<string, unknown>>(isObject, 'expected an object'))
});
export type Change = z.infer<typeof changeSchema>;

export const pullResponseSchema = z.object({
	changes: z.array(changeSchema),
	cursor: z.int(),
	hasMore: z.boolean(),
	lastMutationId: z.int(),
	results: z.array(mutationResultSchema),
	/** The newest version on the server when this page was read, to show bootstrap progress. */
	headVersion: z.int()
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** Error body of a request the server did not take as a whole (400, 409, 413, 426). */
export interface SyncErrorBody {
	code: string;
	path?: (string | number)[];
	message?: string;
	expected?: number;
}
