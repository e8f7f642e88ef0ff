import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountInfoSchema, roles } from '$lib/domain/accounts';
import { districtCodes } from '$lib/domain/reference';
import {
	checkAccountInfo,
	checkAccountRow,
	readIdList,
	readKiosk,
	readMinutes
} from './registry-rows';

const valid = {
	id: '6f1c1f52-7a43-4c59-9d3e-0d7f6a1b2c01',
	role: 'station_worker',
	displayName: 'xizongbu',
	username: 'xizongbu',
	district: 'dongcheng',
	stationId: '6f1c1f52-7a43-4c59-9d3e-0d7f6a1b2c99',
	volunteerId: null
};

/** Whether the hand check and the schema agree on a value: both accept it (alike), or both refuse. */
function agree(value: unknown) {
	const schema = accountInfoSchema.safeParse(value);
	let hand: unknown;
	try {
		hand = checkAccountInfo(value);
	} catch {
		hand = undefined;
	}
	expect(hand === undefined, JSON.stringify(value)).toBe(!schema.success);
	if (schema.success) expect(hand).toEqual(schema.data);
}

describe('the registry’s account check', () => {
	it('agrees with accountInfoSchema on accounts and near-misses', () => {
		const maybeId = fc.oneof(
			fc.uuid(),
			fc.constant(null),
			fc.constant('not-an-id'),
			fc.constant('6F1C1F52-7A43-4C59-9D3E-0D7F6A1B2C01'),
			fc.constant('6f1c1f52-7a43-9c59-9d3e-0d7f6a1b2c01'),
			fc.constant(42)
		);
		const account = fc.record(
			{
				id: maybeId,
				role: fc.oneof(fc.constantFrom(...roles), fc.constant('admin'), fc.constant(null)),
				displayName: fc.oneof(fc.string(), fc.constant(null)),
				username: fc.oneof(fc.string(), fc.constant(null), fc.constant(3)),
				district: fc.oneof(
					fc.constantFrom(...districtCodes),
					fc.constant(null),
					fc.constant('beijing')
				),
				stationId: maybeId,
				volunteerId: maybeId,
				extra: fc.string()
			},
			{ requiredKeys: ['id', 'role', 'displayName'] }
		);
		fc.assert(
			fc.property(account, (value) => agree(value)),
			{ numRuns: 500 }
		);
		for (const odd of [null, [], 'x', 1, { ...valid, id: undefined }]) agree(odd);
		agree(valid);
	});

	it('reads a stored row back, and refuses one of an unknown shape', () => {
		const row = {
			...valid,
			signedInAt: '2026-01-01T00:00:00.000Z',
			pin: { algorithm: 'PBKDF2-SHA256', iterations: 600000, salt: 'c2FsdA==', hash: 'aGFzaA==' },
			misses: 0,
			waitUntil: 0
		};
		// Rows written before the login was kept have none.
		expect(checkAccountRow(row)).toEqual({ ...row, login: null });
		expect(() => checkAccountRow({ ...row, pin: { ...row.pin, algorithm: 'MD5' } })).toThrow();
		expect(() => checkAccountRow({ ...row, misses: -1 })).toThrow();
		expect(() => checkAccountRow({ ...row, role: 'root' })).toThrow();
	});

	it('reads settings, and takes anything odd for their absence', () => {
		expect(readKiosk({ accountId: 'a', stationId: 's', startedAt: 't' })).toEqual({
			accountId: 'a',
			stationId: 's',
			startedAt: 't'
		});
		expect(readKiosk({ accountId: 'a' })).toBeNull();
		expect(readMinutes(5, 1, 60)).toBe(5);
		expect(readMinutes(0, 1, 60)).toBeNull();
		expect(readMinutes('5', 1, 60)).toBeNull();
		expect(readIdList(['a', 'b'])).toEqual(['a', 'b']);
		expect(readIdList(['a', 1])).toEqual([]);
	});
});
