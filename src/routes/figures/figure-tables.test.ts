import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { toExcelCsv } from '$lib/client/screens/member-data';
import { figuresAnswer, fixtureStationIds } from '$lib/testing/figures-fixture';
import {
	csvFileName,
	csvRows,
	stationsTable,
	totalsTable,
	trendTable,
	unitsTable
} from './figure-tables';

/** What Excel (or anyone) reads back from the downloaded file. */
async function roundTrip(rows: (string | number)[][]) {
	const csv = await toExcelCsv(rows);
	expect(csv.startsWith('\ufeff'), 'a byte-order mark, so Excel reads UTF-8').toBe(true);
	const bytes = new TextEncoder().encode(csv);
	const read = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
	return Papa.parse<string[]>(read, { skipEmptyLines: true }).data;
}

describe('the dashboard tables as CSV', () => {
	// A Chinese browser: headings and names in Chinese.
	beforeAll(() => overwriteGetLocale(() => 'zh'));

	it('the stations table comes back with its Chinese names, headings and marks intact', async () => {
		const table = stationsTable(figuresAnswer());
		const [header, first, second] = await roundTrip(csvRows(table));
		expect(header).toEqual(['服务站', '街道（乡镇）', '级别', '状态', '最后同步', '数据情况']);
		expect(first).toEqual([
			'西总布妇女志愿服务站',
			'建国门街道',
			'社区示范站',
			'正常服务',
			'2026-11-29 17:30',
			'已是最近'
		]);
		expect(second).toEqual([
			'东华门妇女志愿服务站',
			'东华门街道',
			'市级示范站',
			'正常服务',
			'从未同步',
			'数据可能过期'
		]);
	});

	it('the units table holds every figure of each street, as plain numbers', async () => {
		const table = unitsTable(figuresAnswer());
		expect(table).not.toBeNull();
		const rows = await roundTrip(csvRows(table!));
		expect(rows[0]).toEqual([
			'街道（乡镇）',
			'服务站数',
			'新注册志愿者',
			'在册志愿者',
			'活跃志愿者',
			'项目',
			'活动班次',
			'服务人次',
			'志愿服务时长（已核实）',
			'应急出勤人次',
			'结对帮扶数',
			'数据可能过期的服务站'
		]);
		expect(rows[1]).toEqual([
			'东华门街道',
			'2',
			'3',
			'30',
			'9',
			'3',
			'6',
			'15',
			'22.5',
			'3',
			'3',
			'1'
		]);
		expect(rows).toHaveLength(3);
	});

	it('the totals and the trend: a row per figure and level, a row per month', async () => {
		const totals = await roundTrip(csvRows(totalsTable(figuresAnswer())));
		expect(totals).toContainEqual(['服务人次', '20']);
		expect(totals).toContainEqual(['其中：市级示范站', '1']);
		const trend = await roundTrip(csvRows(trendTable(figuresAnswer())));
		expect(trend).toHaveLength(13);
		expect(trend[12]?.[0]).toBe('2026-11');
	});

	it('links each unit and station to its own figures, and names the file by its caption', () => {
		const href = (scope: object) => `/figures?${new URLSearchParams(Object.entries(scope))}`;
		const table = stationsTable(figuresAnswer(), href);
		expect(table.rows[0]?.cells[0]?.href).toBe(
			`/figures?level=station&stationId=${fixtureStationIds[0]}`
		);
		const units = unitsTable(figuresAnswer(), href);
		expect(units?.rows[0]?.cells[0]?.href).toContain('street=');
		expect(csvFileName(table)).toBe('东城区各服务站最后同步时间.csv');
	});
});
