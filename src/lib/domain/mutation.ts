/**
 * A mutation is the one way data changes: a name, zod args and an `apply` that both the device
 * (Dexie) and the server (SQL) run through the small `MutationStore` interface. The rules are
 * written once; `ctx.authority` says where they run, so a rule that only the server can decide
 * (capacity, waitlist promotion) is taken there and left pending on the device.
 *
 * `apply` is deterministic: ids and times come in the args, and it awaits nothing but the store.
 */
import type * as z from 'zod/mini';
import type {
	CarePairing,
	CareVisit,
	Team,
	Attendance,
	CalloutResponse,
	Rows,
	Signup,
	Shift,
	TableName,
	Transfer,
	Volunteer
} from './schemas';

export interface MutationStore {
	get<T extends TableName>(table: T, id: string): Promise<Rows[T] | undefined>;
	put<T extends TableName>(table: T, row: Rows[T]): Promise<void>;
	/**
	 * Deletes a record for good: a tombstone that every device holding it receives at its next
	 * sync. Nothing of the record's content is kept (erasure); only what says who receives the
	 * tombstone stays on the server.
	 */
	remove<T extends TableName>(table: T, row: Rows[T]): Promise<void>;
	/** The member holding this normalised phone, if any. */
	volunteerByPhone(phone: string): Promise<Volunteer | undefined>;
	/**
	 * The sign-ups of a shift that hold or wait for a place (pending, confirmed, waitlisted,
	 * checked in) that this store can see; on a device possibly only some. Cancelled and finished
	 * ones are left out, so the cost follows the shift's size, not its history.
	 */
	activeSignupsOfShift(shiftId: string): Promise<Signup[]>;
	/** A member's sign-up that holds or waits for a place on a shift, if any. */
	activeSignup(shiftId: string, volunteerId: string): Promise<Signup | undefined>;
	/** Every shift of a project. */
	shiftsOfProject(projectId: string): Promise<Shift[]>;
	/** Every sign-up of a member on a shift, whatever its status (cancelled ones included). */
	signupsOf(shiftId: string, volunteerId: string): Promise<Signup[]>;
	/** Every sign-up of a shift, whatever its status: closing and verifying a shift's hours. */
	signupsOfShift(shiftId: string): Promise<Signup[]>;
	/** Every attendance event of a member on a shift, in no particular order. */
	attendanceOf(shiftId: string, volunteerId: string): Promise<Attendance[]>;
	/** Every sign-up of a member this store can see, whatever its status. */
	signupsOfVolunteer(volunteerId: string): Promise<Signup[]>;
	/** Every transfer of a member this store can see. */
	transfersOfVolunteer(volunteerId: string): Promise<Transfer[]>;
	/** A member's response to a call-out (one per member and call-out), if she was asked. */
	calloutResponse(calloutId: string, volunteerId: string): Promise<CalloutResponse | undefined>;
	/** Every call-out response of a member this store can see. */
	responsesOfVolunteer(volunteerId: string): Promise<CalloutResponse[]>;
	/** Every team this store can see that lists the member (as its leader too). */
	teamsOfVolunteer(volunteerId: string): Promise<Team[]>;
	/** Every one-to-one pairing of a person helped this store can see. */
	carePairingsOfHelped(helpedId: string): Promise<CarePairing[]>;
	/** Every one-to-one pairing of a member this store can see. */
	carePairingsOfVolunteer(volunteerId: string): Promise<CarePairing[]>;
	/** Every visit of a one-to-one pairing this store can see. */
	visitsOfCarePairing(carePairingId: string): Promise<CareVisit[]>;
}

export interface MutationContext {
	authority: 'client' | 'server';
	/** The account the mutation is made for; null for the system (demo data, tests). */
	actorId: string | null;
	/**
	 * The instant rules about time are judged at (has the shift ended?): the server's clock on the
	 * server, which decides; the device's on the device, for an answer at once. The args' times are
	 * what the person saw, kept for the record, never trusted for a rule.
	 */
	now: string;
}

/** A record a refusal's detail describes: the detail is only shown to whoever may read it. */
export interface RefusalSubject {
	table: TableName;
	id: string;
}

/**
 * A rule refused the mutation. `code` is for the UI to translate; `path` names the field (within
 * the args); `detail` fills the message in, and `subject` names the record it describes, so the
 * pipeline can leave the detail out for a caller who may not read that record.
 */
export class MutationError extends Error {
	constructor(
		readonly code: string,
		readonly path: (string | number)[] = [],
		readonly detail: Record<string, string> = {},
		readonly subject: RefusalSubject | null = null
	) {
		super(code);
		this.name = 'MutationError';
	}
}

export interface Mutation<Schema extends z.ZodMiniType = z.ZodMiniType> {
	readonly name: string;
	readonly args: Schema;
	apply(store: MutationStore, args: z.infer<Schema>, ctx: MutationContext): Promise<void>;
}

export function defineMutation<Schema extends z.ZodMiniType>(
	definition: Mutation<Schema>
): Mutation<Schema> {
	return definition;
}

/** Reads a record a mutation needs, or refuses with `not_found`. */
export async function need<T extends TableName>(
	store: MutationStore,
	table: T,
	id: string,
	path: (string | number)[] = ['id']
): Promise<Rows[T]> {
	const row = await store.get(table, id);
	if (!row) throw new MutationError('not_found', path, { table });
	return row;
}

/** Keeps only the fields whose value differs, so an edit sends only what changed. */
export function changedFields<T extends object>(before: T, after: Partial<T>): Partial<T> {
	const changes: Partial<T> = {};
	for (const key of Object.keys(after) as (keyof T)[]) {
		if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
	}
	return changes;
}
