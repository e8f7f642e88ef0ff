/**
 * A volunteer's copy of everything held about her (PIPL art. 45), as files she keeps: JSON, and a
 * CSV that opens in Excel with Chinese intact (UTF-8 with a byte-order mark, CRLF, and cells that
 * would start a formula neutralised). Online it is the server's complete copy; offline, what her
 * phone holds, and the file says which.
 */
import * as z from 'zod/mini';
import { buildMemberExport, type MemberExport } from '$lib/domain/member-export';
import type { LocalDb } from '$lib/client/data/db';
import { callApi } from '$lib/client/online/api';

/** The envelope is checked; the rest is shown as it came (it is her own data, read back). */
const exportSchema = z.looseObject({
	format: z.literal('volunteer-stations/member-data'),
	version: z.literal(1),
	source: z.enum(['server', 'device']),
	generatedAt: z.string(),
	member: z.looseObject({ id: z.string(), name: z.string() }),
	signups: z.array(z.looseObject({ id: z.string() })),
	transfers: z.array(z.looseObject({ id: z.string() }))
});

/** What her phone holds about her, built the way the server builds its copy. */
export async function exportFromDevice(
	db: LocalDb,
	volunteerId: string,
	/** The phone she signs in with, as this device knows it. */
	login: string | null
): Promise<MemberExport | null> {
	const member = await db.volunteers.get(volunteerId);
	if (!member) return null;
	const signups = await db.signups.where('volunteerId').equals(volunteerId).toArray();
	const transfers = await db.transfers.where('volunteerId').equals(volunteerId).toArray();
	const shifts = await db.shifts.bulkGet(signups.map((s) => s.shiftId));
	const projects = await db.projects.bulkGet(signups.map((s) => s.projectId));
	const stations = await db.stations.bulkGet([
		member.homeStationId ?? '',
		...projects.map((p) => p?.stationId ?? ''),
		...transfers.flatMap((t) => [t.fromStationId ?? '', t.toStationId])
	]);
	return buildMemberExport({
		source: 'device',
		generatedAt: new Date().toISOString(),
		member,
		account: { login, createdAt: null, lastSignInAt: null },
		signups,
		shifts,
		projects,
		stations,
		transfers
	});
}

/** The server's complete copy, or why it could not be had (`offline`...). */
export async function exportFromServer() {
	const result = await callApi('/api/me/data', { schema: exportSchema });
	return result.ok
		? { ok: true as const, data: result.data as unknown as MemberExport }
		: { ok: false as const, code: result.code };
}

/** Labels for the CSV, in the user's language. */
export interface CsvLabels {
	header: [string, string, string];
	sections: { about: string; member: string; account: string; signup: string; transfer: string };
	field: (key: string) => string;
}

type Cell = string | number | boolean | null | undefined;

function flatten(prefix: string, value: unknown, out: [string, Cell][]) {
	if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
		for (const [key, inner] of Object.entries(value)) {
			flatten(prefix ? `${prefix}.${key}` : key, inner, out);
		}
	} else {
		out.push([prefix, Array.isArray(value) ? value.join('、') : (value as Cell)]);
	}
	return out;
}

/** The export as rows of (section, field, value): one table Excel opens as it is. */
export function exportRows(data: MemberExport, labels: CsvLabels): Cell[][] {
	const rows: Cell[][] = [labels.header];
	const add = (section: string, record: unknown) => {
		for (const [key, value] of flatten('', record, []))
			rows.push([section, labels.field(key), value]);
	};
	add(labels.sections.about, {
		generatedAt: data.generatedAt,
		source: data.source,
		controller: data.controller
	});
	add(labels.sections.account, data.account ?? {});
	add(labels.sections.member, data.member);
	data.signups.forEach((signup, i) => add(`${labels.sections.signup} ${i + 1}`, signup));
	data.transfers.forEach((transfer, i) => add(`${labels.sections.transfer} ${i + 1}`, transfer));
	return rows;
}

/** CSV text for Excel: a byte-order mark so it reads UTF-8, CRLF, formulas neutralised. */
export async function toExcelCsv(rows: Cell[][]): Promise<string> {
	// Loaded when she downloads, not with her page.
	const Papa = (await import('papaparse')).default;
	return `\ufeff${Papa.unparse(rows, { newline: '\r\n', escapeFormulae: true, quotes: true })}`;
}

/** Hands a file to the browser to save. */
export function saveFile(name: string, type: string, content: string) {
	const url = URL.createObjectURL(new Blob([content], { type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
