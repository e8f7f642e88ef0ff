/**
 * The device side of `MutationStore`, used inside a Dexie read-write transaction. Before the
 * first local change to a row it saves the server's copy in `base`, for the rebase.
 */
import type { MutationStore } from '$lib/domain/mutation';
import {
	isActive,
	type Attendance,
	type CalloutResponse,
	type Rows,
	type Shift,
	type Signup,
	type TableName,
	type CarePairing,
	type CareVisit,
	type Team,
	type Transfer,
	type Volunteer
} from '$lib/domain/schemas';
import { baseKey, type LocalDb } from './db';

export class LocalStore implements MutationStore {
	constructor(private readonly db: LocalDb) {}

	async get<T extends TableName>(table: T, id: string): Promise<Rows[T] | undefined> {
		return (await this.db.table(table).get(id)) as Rows[T] | undefined;
	}

	async put<T extends TableName>(table: T, row: Rows[T]): Promise<void> {
		await this.keepBase(table, row.id);
		await this.db.table(table).put(row);
	}

	async remove<T extends TableName>(table: T, row: Rows[T]): Promise<void> {
		await this.keepBase(table, row.id);
		await this.db.table(table).delete(row.id);
	}

	/** Before the first local change to a row, saves the server's copy of it for the rebase. */
	private async keepBase(table: TableName, id: string) {
		const key = baseKey(table, id);
		if (await this.db.base.get(key)) return;
		const current = (await this.db.table(table).get(id)) as Record<string, unknown> | undefined;
		await this.db.base.put({ key, table, id, row: current ?? null });
	}

	async volunteerByPhone(phone: string): Promise<Volunteer | undefined> {
		return this.db.volunteers.where('phone').equals(phone).first();
	}

	async activeSignupsOfShift(shiftId: string): Promise<Signup[]> {
		return this.db.signups.where('shiftId').equals(shiftId).filter(isActive).toArray();
	}

	async activeSignup(shiftId: string, volunteerId: string): Promise<Signup | undefined> {
		return this.db.signups
			.where('[shiftId+volunteerId]')
			.equals([shiftId, volunteerId])
			.filter(isActive)
			.first();
	}

	async signupsOf(shiftId: string, volunteerId: string): Promise<Signup[]> {
		return this.db.signups.where('[shiftId+volunteerId]').equals([shiftId, volunteerId]).toArray();
	}

	async signupsOfShift(shiftId: string): Promise<Signup[]> {
		return this.db.signups.where('shiftId').equals(shiftId).toArray();
	}

	async attendanceOf(shiftId: string, volunteerId: string): Promise<Attendance[]> {
		return this.db.attendance.where('[shiftId+volunteerId]').equals([shiftId, volunteerId]).toArray();
	}

	async signupsOfVolunteer(volunteerId: string): Promise<Signup[]> {
		return this.db.signups.where('volunteerId').equals(volunteerId).toArray();
	}

	async transfersOfVolunteer(volunteerId: string): Promise<Transfer[]> {
		return this.db.transfers.where('volunteerId').equals(volunteerId).toArray();
	}

	async calloutResponse(
		calloutId: string,
		volunteerId: string
	): Promise<CalloutResponse | undefined> {
		return this.db.calloutResponses
			.where('[calloutId+volunteerId]')
			.equals([calloutId, volunteerId])
			.first();
	}

	async responsesOfVolunteer(volunteerId: string): Promise<CalloutResponse[]> {
		return this.db.calloutResponses.where('volunteerId').equals(volunteerId).toArray();
	}

	async teamsOfVolunteer(volunteerId: string): Promise<Team[]> {
		return this.db.teams.where('memberIds').equals(volunteerId).toArray();
	}

	async carePairingsOfHelped(helpedId: string): Promise<CarePairing[]> {
		return this.db.carePairings.where('helpedId').equals(helpedId).toArray();
	}

	async carePairingsOfVolunteer(volunteerId: string): Promise<CarePairing[]> {
		return this.db.carePairings.where('volunteerId').equals(volunteerId).toArray();
	}

	async visitsOfCarePairing(carePairingId: string): Promise<CareVisit[]> {
		return this.db.careVisits.where('carePairingId').equals(carePairingId).toArray();
	}

	async shiftsOfProject(projectId: string): Promise<Shift[]> {
		return this.db.shifts.where('projectId').equals(projectId).toArray();
	}
}
