import { describe, expect, it } from 'vitest';
import { at } from '$lib/testing/fixtures';
import { checkActivity, checkNewPairing, emptyActivity, emptyPairing } from './pairing-draft';

const organizationId = crypto.randomUUID();
const stationId = crypto.randomUUID();

describe('checkNewPairing', () => {
	it('asks for a station, and pairs with the station itself when no team is chosen', () => {
		const missing = checkNewPairing(
			emptyPairing('2026-03-01'),
			organizationId,
			crypto.randomUUID(),
			at()
		);
		expect(!missing.ok && Object.keys(missing.errors)).toEqual(['stationId']);
		const checked = checkNewPairing(
			{ ...emptyPairing('2026-03-01'), stationId, focus: ['elderly_care'] },
			organizationId,
			crypto.randomUUID(),
			at()
		);
		expect(checked.ok && checked.args).toMatchObject({ teamId: null, endOn: null, stationId });
	});

	it('refuses an end before the start', () => {
		const checked = checkNewPairing(
			{ ...emptyPairing('2026-03-01'), stationId, endOn: '2026-02-01' },
			organizationId,
			crypto.randomUUID(),
			at()
		);
		expect(!checked.ok && Object.keys(checked.errors)).toEqual(['endOn']);
	});
});

describe('checkActivity', () => {
	const pairing = { id: crypto.randomUUID(), startOn: '2026-01-01', endOn: '2026-06-30' };

	it('asks what was done, and keeps the date within the pairing', () => {
		const checked = checkActivity(
			{ ...emptyActivity('2026-07-02') },
			pairing,
			crypto.randomUUID(),
			at()
		);
		expect(!checked.ok && Object.keys(checked.errors).sort()).toEqual(['on', 'what']);
	});

	it('refuses a photo that is not a small JPEG', () => {
		const checked = checkActivity(
			{ ...emptyActivity('2026-03-02'), what: '走访', photos: ['data:image/png;base64,AAAA'] },
			pairing,
			crypto.randomUUID(),
			at()
		);
		expect(!checked.ok && checked.errors.photos).toBeTruthy();
	});
});
