/**
 * Everything held about a member, as she downloads it (PIPL art. 45): her member record, her
 * account, her sign-ups with what they were for, and her transfers. Built the same way from the
 * server's records (complete) and, offline, from what her phone holds.
 */
import type { DistrictCode } from './reference';
import type { Project, Shift, Signup, Station, Transfer, Volunteer } from './schemas';
import { compareText } from './order';

export interface ExportedSignup {
	id: string;
	status: Signup['status'];
	project: string | null;
	station: string | null;
	shiftStart: string | null;
	shiftEnd: string | null;
	requestedAt: string;
	checkInAt: string | null;
	checkOutAt: string | null;
	hoursCredited: number | null;
}

export interface ExportedTransfer {
	id: string;
	status: Transfer['status'];
	from: string | null;
	to: string | null;
	requestedAt: string;
	decidedAt: string | null;
}

export interface MemberExport {
	format: 'volunteer-stations/member-data';
	version: 1;
	generatedAt: string;
	/** `server`: everything the server holds; `device`: what this phone holds (made offline). */
	source: 'server' | 'device';
	/** Who processes her data: the women's federation of this district, through this station. */
	controller: { district: DistrictCode; station: string | null };
	account: { login: string | null; createdAt: string | null; lastSignInAt: string | null } | null;
	member: Omit<Volunteer, 'version' | 'updatedBy'>;
	signups: ExportedSignup[];
	transfers: ExportedTransfer[];
}

export interface ExportInput {
	source: MemberExport['source'];
	generatedAt: string;
	member: Volunteer;
	account: MemberExport['account'];
	signups: readonly Signup[];
	shifts: readonly (Shift | null | undefined)[];
	projects: readonly (Project | null | undefined)[];
	stations: readonly (Station | null | undefined)[];
	transfers: readonly Transfer[];
}

export function buildMemberExport(input: ExportInput): MemberExport {
	const byId = <T extends { id: string }>(rows: readonly (T | null | undefined)[]) =>
		new Map(rows.flatMap((row) => (row ? [[row.id, row] as const] : [])));
	const shifts = byId(input.shifts);
	const projects = byId(input.projects);
	const stations = byId(input.stations);
	const stationName = (id: string | null) => (id ? (stations.get(id)?.name ?? null) : null);
	const { version: _version, updatedBy: _updatedBy, ...member } = input.member;
	const home = member.homeStationId ? stations.get(member.homeStationId) : undefined;
	return {
		format: 'volunteer-stations/member-data',
		version: 1,
		generatedAt: input.generatedAt,
		source: input.source,
		controller: { district: home?.district ?? member.district, station: home?.name ?? null },
		account: input.account,
		member,
		signups: [...input.signups]
			.sort((a, b) => compareText(a.requestedAt, b.requestedAt))
			.map((signup) => {
				const shift = shifts.get(signup.shiftId);
				const project = projects.get(signup.projectId);
				return {
					id: signup.id,
					status: signup.status,
					project: project?.title ?? null,
					station: stationName(project?.stationId ?? shift?.stationId ?? null),
					shiftStart: shift?.start ?? null,
					shiftEnd: shift?.end ?? null,
					requestedAt: signup.requestedAt,
					checkInAt: signup.checkInAt,
					checkOutAt: signup.checkOutAt,
					hoursCredited: signup.hoursCredited
				};
			}),
		transfers: [...input.transfers]
			.sort((a, b) => compareText(a.requestedAt, b.requestedAt))
			.map((t) => ({
				id: t.id,
				status: t.status,
				from: stationName(t.fromStationId),
				to: stationName(t.toStationId),
				requestedAt: t.requestedAt,
				decidedAt: t.decidedAt
			}))
	};
}
