/**
 * The dashboard's tables, as data: each is shown as an HTML table (with its caption) and saved as
 * the same rows in CSV, so what is downloaded is what is on screen, in the user's language.
 * A cell carries its CSV value (plain numbers, Beijing times Excel reads) and its screen text.
 */
import {
	figureKeys,
	type FigureKey,
	type FigureScope,
	type FiguresAnswer,
	type StationFreshness
} from '$lib/domain/figures';
import { districtCodes, stationLevels, type DistrictCode } from '$lib/domain/reference';
import { districtName, stationLevelName } from '$lib/i18n/labels';
import {
	csvInstant,
	figureName,
	formatFigure,
	formatInstant,
	monthName,
	periodName
} from '$lib/i18n/figures';
import { m } from '$lib/paraglide/messages';

export interface Cell {
	csv: string | number;
	text: string;
	/** The first cell of a row can lead to that unit's own figures. */
	href?: string;
	/** Shown as a warning (a station whose figures may be out of date). */
	warn?: boolean;
}

export interface Column {
	label: string;
	numeric?: boolean;
}

export interface DataTable {
	/** Stable within the page: the table's element ids and test hooks. */
	id: string;
	caption: string;
	columns: Column[];
	rows: { key: string; cells: Cell[] }[];
}

const number = (key: FigureKey, value: number): Cell => ({
	csv: value,
	text: formatFigure(key, value)
});
const text = (value: string, href?: string): Cell => ({ csv: value, text: value, href });

/** The scope's name: Beijing, a district, a street or a station. */
export function scopeLabel(answer: Pick<FiguresAnswer, 'scope' | 'scopeName'>): string {
	const { scope } = answer;
	if (scope.level === 'city') return m.figures_city();
	if (scope.level === 'district') return districtName(scope.district);
	if (scope.level === 'street') return answer.scopeName ?? scope.street;
	return answer.scopeName ?? '';
}

/** Every figure of the period, with the stations split by level. */
export function totalsTable(answer: FiguresAnswer): DataTable {
	return {
		id: 'totals',
		caption: m.figures_totals({ scope: scopeLabel(answer), period: periodName(answer.period) }),
		columns: [{ label: m.figures_col_figure() }, { label: m.figures_col_value(), numeric: true }],
		rows: [
			...figureKeys.map((key) => ({
				key,
				cells: [text(figureName(key)), number(key, answer.totals[key])]
			})),
			...stationLevels.map((level) => ({
				key: `level-${level}`,
				cells: [
					text(m.figures_level_row({ level: stationLevelName(level) })),
					number('stations', answer.byLevel[level] ?? 0)
				]
			}))
		]
	};
}

/** The twelve months to the period's last, every figure. */
export function trendTable(answer: FiguresAnswer): DataTable {
	return {
		id: 'trend',
		caption: m.figures_trend_caption({
			scope: scopeLabel(answer),
			period: periodName(answer.period)
		}),
		columns: [
			{ label: m.figures_col_month() },
			...figureKeys.map((key) => ({ label: figureName(key), numeric: true }))
		],
		rows: answer.months.map(({ month, figures }) => ({
			key: month,
			cells: [
				{ csv: month, text: monthName(month, true) },
				...figureKeys.map((key) => number(key, figures[key]))
			]
		}))
	};
}

const unitColumn = {
	district: m.figures_col_district,
	street: m.figures_col_street,
	station: m.figures_col_station
} as const;
const unitsTitle = {
	district: m.figures_units_district,
	street: m.figures_units_street,
	station: m.figures_units_station
} as const;
export const compareTitle = {
	district: m.figures_compare_district,
	street: m.figures_compare_street,
	station: m.figures_compare_station
} as const;

/** The scope one level down from this one, for a unit of the answer. */
export function unitScope(
	scope: FigureScope,
	unit: FiguresAnswer['units'][number]
): FigureScope | null {
	if (unit.kind === 'district') {
		const district = unitDistrict(unit.key);
		return district ? { level: 'district', district } : null;
	}
	if (unit.kind === 'street' && scope.level === 'district' && unit.key !== '')
		return { level: 'street', district: scope.district, street: unit.key };
	if (unit.kind === 'station') return { level: 'station', stationId: unit.key };
	return null;
}

function unitDistrict(code: string): DistrictCode | null {
	return districtCodes.find((c) => c === code) ?? null;
}

const unitName = (unit: FiguresAnswer['units'][number]) =>
	unit.kind === 'district'
		? districtName(unit.key)
		: unit.name || (unit.kind === 'street' ? m.figures_no_street() : unit.key);

/** The units one level down, every figure, and how many of their stations may be out of date. */
export function unitsTable(
	answer: FiguresAnswer,
	hrefOf: (scope: FigureScope) => string | undefined = () => undefined
): DataTable | null {
	const kind = answer.units[0]?.kind;
	if (!kind) return null;
	return {
		id: 'units',
		caption: m.figures_units_caption({
			scope: scopeLabel(answer),
			period: periodName(answer.period),
			units: unitsTitle[kind]()
		}),
		columns: [
			{ label: unitColumn[kind]() },
			...figureKeys.map((key) => ({ label: figureName(key), numeric: true })),
			{ label: m.figures_col_stale_stations(), numeric: true }
		],
		rows: answer.units.map((unit) => {
			const scope = unitScope(answer.scope, unit);
			return {
				key: `${unit.kind}:${unit.key}`,
				cells: [
					text(unitName(unit), scope ? hrefOf(scope) : undefined),
					...figureKeys.map((key) => number(key, unit.figures[key])),
					{ ...number('stations', unit.staleStations), warn: unit.staleStations > 0 }
				]
			};
		})
	};
}

/** One figure for each unit one level down: the comparison chart's numbers. */
export function compareTable(answer: FiguresAnswer, key: FigureKey): DataTable | null {
	const kind = answer.units[0]?.kind;
	if (!kind) return null;
	return {
		id: 'compare',
		caption: m.figures_compare_caption({
			scope: scopeLabel(answer),
			period: periodName(answer.period),
			figure: figureName(key)
		}),
		columns: [{ label: unitColumn[kind]() }, { label: figureName(key), numeric: true }],
		rows: answer.units.map((unit) => ({
			key: `${unit.kind}:${unit.key}`,
			cells: [text(unitName(unit)), number(key, unit.figures[key])]
		}))
	};
}

const statusName = {
	open: m.station_status_open,
	suspended: m.station_status_suspended,
	closed: m.station_status_closed
} as const;

function lastSync(station: StationFreshness): Cell {
	return station.lastSyncAt
		? { csv: csvInstant(station.lastSyncAt), text: formatInstant(station.lastSyncAt) }
		: text(m.figures_never_synced());
}

/** Every station in scope with its last sync, those out of date marked. */
export function stationsTable(
	answer: FiguresAnswer,
	hrefOf: (scope: FigureScope) => string | undefined = () => undefined
): DataTable {
	return {
		id: 'stations',
		caption: m.figures_stations_caption({ scope: scopeLabel(answer) }),
		columns: [
			{ label: m.figures_col_station() },
			{ label: m.figures_col_street() },
			{ label: m.figures_col_level() },
			{ label: m.figures_col_status() },
			{ label: m.figures_last_sync() },
			{ label: m.figures_col_freshness() }
		],
		rows: answer.stations.map((station) => ({
			key: station.stationId,
			cells: [
				text(station.name, hrefOf({ level: 'station', stationId: station.stationId })),
				text(station.street || m.figures_no_street()),
				text(stationLevelName(station.level)),
				text(statusName[station.status]()),
				lastSync(station),
				station.stale ? { ...text(m.figures_stale()), warn: true } : text(m.figures_fresh())
			]
		}))
	};
}

/** The rows a CSV file holds: the column labels, then each row's CSV values. */
export function csvRows(table: DataTable): (string | number)[][] {
	return [table.columns.map((c) => c.label), ...table.rows.map((r) => r.cells.map((c) => c.csv))];
}

/** A file name from the table's caption, safe on every system. */
export function csvFileName(table: DataTable): string {
	return `${table.caption.replace(/[\\/:*?"<>|]+/g, ' ').trim()}.csv`;
}
