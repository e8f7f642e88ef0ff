/** Sync under faults, half 1 of the runs: see $lib/testing/fault-model. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
	faultProperty,
	faultRunSettings,
	faultTemplate,
	type ServerTemplate
} from '$lib/testing/fault-model';

const settings = faultRunSettings(2);

describe('sync under faults (1/2)', () => {
	let template: ServerTemplate;
	beforeAll(async () => {
		template = await faultTemplate();
	});
	afterAll(() => template.dispose());

	it(
		`never loses, duplicates or overbooks (${settings.numRuns} of ${settings.runs} runs)`,
		async () => {
			await fc.assert(faultProperty(template), settings);
		},
		30 * 60_000
	);
});
