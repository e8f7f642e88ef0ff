/**
 * A mutation name is never reused with a new meaning, nor dropped while devices may still hold it
 * queued. `mutation-names.json` lists every name ever shipped; a retired one stays listed (under
 * `retired`) so it can never be taken again.
 */
import { describe, expect, it } from 'vitest';
import names from './mutation-names.json';
import { mutations } from './mutations';

describe('mutation names', () => {
	const current = Object.keys(mutations).sort();

	it('are all listed as shipped, so a new one is added on purpose', () => {
		expect(
			current.filter((name) => !names.shipped.includes(name)),
			'add new mutation names to src/lib/domain/mutation-names.json'
		).toEqual([]);
	});

	it('keep every shipped name handled: queued mutations must still be understood', () => {
		expect(names.shipped.filter((name) => !current.includes(name))).toEqual([]);
	});

	it('never take a retired name again', () => {
		expect(current.filter((name) => (names.retired as string[]).includes(name))).toEqual([]);
	});
});
