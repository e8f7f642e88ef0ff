/** A well-formed `FiguresAnswer` for tests of the screens' side, made without a server. */
import {
	periodMonths,
	type FigurePeriod,
	type FigureScope,
	type Figures,
	type FiguresAnswer
} from '$lib/domain/figures';

export const fixtureStationIds = [
	'0b7e6a52-3c1d-4f8e-9a2b-5c6d7e8f9a01',
	'0b7e6a52-3c1d-4f8e-9a2b-5c6d7e8f9a02'
] as const;

export function figuresOf(n: number): Figures {
	return {
		stations: 2,
		newVolunteers: n,
		registeredVolunteers: 10 * n,
		activeVolunteers: 3 * n,
		projects: n,
		activities: 2 * n,
		serviceVisits: 5 * n,
		verifiedHours: 7.5 * n,
		emergencyTurnouts: n,
		pairings: n
	};
}

export function figuresAnswer(
	scope: FigureScope = { level: 'district', district: 'dongcheng' },
	period: FigurePeriod = '2026-11',
	asOf = '2026-11-30T02:00:00.000Z'
): FiguresAnswer {
	return {
		scope,
		scopeName: null,
		period,
		asOf,
		staleAfterDays: 3,
		totals: figuresOf(4),
		byLevel: { national: 0, municipal: 1, district: 0, community: 1 },
		months: periodMonths(period).trend.map((month, i) => ({ month, figures: figuresOf(i) })),
		units: [
			{
				kind: 'street',
				key: '东华门街道',
				name: '东华门街道',
				figures: figuresOf(3),
				staleStations: 1
			},
			{
				kind: 'street',
				key: '建国门街道',
				name: '建国门街道',
				figures: figuresOf(1),
				staleStations: 0
			}
		],
		stations: [
			{
				stationId: fixtureStationIds[0],
				name: '西总布妇女志愿服务站',
				district: 'dongcheng',
				street: '建国门街道',
				level: 'community',
				status: 'open',
				lastSyncAt: '2026-11-29T09:30:00.000Z',
				stale: false
			},
			{
				stationId: fixtureStationIds[1],
				name: '东华门妇女志愿服务站',
				district: 'dongcheng',
				street: '东华门街道',
				level: 'municipal',
				status: 'open',
				lastSyncAt: null,
				stale: true
			}
		]
	};
}
