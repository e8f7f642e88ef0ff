import { describe, expect, it } from 'vitest';
import { noReadiness } from '$lib/domain/schemas';
import {
	checkReadiness,
	firstAidExpired,
	newStandby,
	readinessDraftOf,
	readinessField,
	standbyAhead,
	type ReadinessDraft
} from './readiness-draft';

const id = '5f0c1e7a-3b7e-4c41-9a55-0d6f0e0b1a01';
const at = '2026-07-01T02:00:00.000Z';

function draft(changes: Partial<ReadinessDraft> = {}): ReadinessDraft {
	return {
		ready: true,
		weekly: ['mon_evening'],
		standby: [],
		roles: ['patrol'],
		firstAidExpiresOn: '',
		...changes
	};
}

describe('readinessDraftOf', () => {
	it('shows her standby times in Beijing wall time, ready for datetime-local fields', () => {
		const values = readinessDraftOf({
			emergencyResponder: true,
			readiness: {
				...noReadiness(),
				standby: [{ from: '2026-07-03T00:00:00.000Z', to: '2026-07-03T12:00:00.000Z' }],
				firstAidExpiresOn: '2027-05-01'
			}
		});
		expect(values.ready).toBe(true);
		expect(values.standby).toMatchObject([{ from: '2026-07-03T08:00', to: '2026-07-03T20:00' }]);
		expect(values.firstAidExpiresOn).toBe('2027-05-01');
	});

	it('gives each standby row its own key, so removing one keeps the others', () => {
		const values = readinessDraftOf({
			emergencyResponder: false,
			readiness: {
				...noReadiness(),
				standby: [
					{ from: '2026-07-03T00:00:00.000Z', to: '2026-07-03T12:00:00.000Z' },
					{ from: '2026-07-04T00:00:00.000Z', to: '2026-07-04T12:00:00.000Z' }
				]
			}
		});
		expect(values.standby[0]!.key).not.toBe(values.standby[1]!.key);
	});
});

describe('newStandby', () => {
	it('starts from tomorrow, Beijing time, 08:00 to 20:00', () => {
		// 23:30 in Beijing on 1 July: tomorrow is 2 July.
		expect(newStandby('2026-07-01T15:30:00.000Z')).toMatchObject({
			from: '2026-07-02T08:00',
			to: '2026-07-02T20:00'
		});
	});
});

describe('checkReadiness', () => {
	it('turns standby times typed in Beijing time into UTC instants', () => {
		const result = checkReadiness(
			draft({ standby: [{ key: 1, from: '2026-07-03T08:00', to: '2026-07-04T08:00' }] }),
			id,
			at
		);
		expect(result).toEqual({
			ok: true,
			args: {
				id,
				emergencyResponder: true,
				readiness: {
					weekly: ['mon_evening'],
					standby: [{ from: '2026-07-03T00:00:00.000Z', to: '2026-07-04T00:00:00.000Z' }],
					roles: ['patrol'],
					firstAidExpiresOn: null
				},
				at
			}
		});
	});

	it('puts an end before its start on that period’s end field', () => {
		const result = checkReadiness(
			draft({
				standby: [
					{ key: 1, from: '2026-07-03T08:00', to: '2026-07-03T20:00' },
					{ key: 2, from: '2026-07-05T08:00', to: '2026-07-05T08:00' }
				]
			}),
			id,
			at
		);
		expect(result).toEqual({ ok: false, errors: { 'standby.1.to': 'end_before_start' } });
	});

	it('asks for a time left empty, and names one that is not a time', () => {
		const result = checkReadiness(
			draft({ standby: [{ key: 1, from: '', to: '2026-13-03T20:00' }] }),
			id,
			at
		);
		expect(result).toMatchObject({
			ok: false,
			errors: { 'standby.0.from': 'required', 'standby.0.to': 'invalid_time' }
		});
	});

	it('sends the first-aid date only with first aid ticked', () => {
		const without = checkReadiness(draft({ firstAidExpiresOn: '2027-05-01' }), id, at);
		expect(without.ok && without.args.readiness.firstAidExpiresOn).toBeNull();
		const with_ = checkReadiness(
			draft({ roles: ['first_aid'], firstAidExpiresOn: '2027-05-01' }),
			id,
			at
		);
		expect(with_.ok && with_.args.readiness.firstAidExpiresOn).toBe('2027-05-01');
	});

	it('refuses more standby periods than a member may keep', () => {
		const standby = Array.from({ length: 11 }, (_, i) => ({
			key: i,
			from: `2026-07-${String(i + 10)}T08:00`,
			to: `2026-07-${String(i + 10)}T20:00`
		}));
		expect(checkReadiness(draft({ standby }), id, at)).toEqual({
			ok: false,
			errors: { standby: 'too_many' }
		});
	});
});

describe('readinessField', () => {
	it('finds the field a refusal is about', () => {
		expect(readinessField(['readiness', 'standby', 2, 'to'])).toBe('standby.2.to');
		expect(readinessField(['readiness', 'firstAidExpiresOn'])).toBe('firstAidExpiresOn');
		expect(readinessField(['readiness', 'weekly', 3])).toBe('weekly');
		expect(readinessField(['emergencyResponder'])).toBe('ready');
	});

	it('leaves to the form what has no field of its own', () => {
		expect(readinessField([])).toBe('form');
		expect(readinessField(['id'])).toBe('form');
		expect(readinessField(['at'])).toBe('form');
	});
});

describe('firstAidExpired', () => {
	it('holds a certificate valid through its last day, Beijing time', () => {
		// 1 May 2027, 23:00 in Beijing.
		expect(firstAidExpired('2027-05-01', '2027-05-01T15:00:00.000Z')).toBe(false);
		// 2 May 2027, 00:30 in Beijing.
		expect(firstAidExpired('2027-05-01', '2027-05-01T16:30:00.000Z')).toBe(true);
		expect(firstAidExpired(null, '2030-01-01T00:00:00.000Z')).toBe(false);
	});
});

describe('standbyAhead', () => {
	it('leaves out what is over and says which period she is on now', () => {
		const now = '2026-07-03T04:00:00.000Z';
		const past = { from: '2026-07-01T00:00:00.000Z', to: '2026-07-01T12:00:00.000Z' };
		const current = { from: '2026-07-03T00:00:00.000Z', to: '2026-07-03T12:00:00.000Z' };
		const later = { from: '2026-07-05T00:00:00.000Z', to: '2026-07-05T12:00:00.000Z' };
		expect(standbyAhead([later, past, current], now)).toEqual({
			current,
			ahead: [current, later]
		});
	});
});
