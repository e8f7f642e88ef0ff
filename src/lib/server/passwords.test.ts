import { describe, expect, it } from 'vitest';
import {
	DEFAULT_COST,
	hashPassword,
	needsRehash,
	verifyDummyPassword,
	verifyPassword
} from './passwords';

/** A cheap cost, so the tests run fast; the format and the checks are the same. */
const cheap = { ln: 10, r: 8, p: 1 };

describe('passwords', () => {
	it('stores scrypt with its cost, a 16-byte salt and a 64-byte key', async () => {
		const stored = await hashPassword('demo-pass-2026', cheap);
		const [, name, params, salt, key] = stored.split('$');
		expect([name, params]).toEqual(['scrypt', 'ln=10,r=8,p=1']);
		expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
		expect(Buffer.from(key!, 'base64')).toHaveLength(64);
		expect(stored).not.toContain('demo-pass-2026');
	});

	it('uses a new salt each time, so equal passwords do not look equal', async () => {
		expect(await hashPassword('same', cheap)).not.toBe(await hashPassword('same', cheap));
	});

	it('accepts the right password and refuses others', async () => {
		const stored = await hashPassword('demo-pass-2026', cheap);
		expect(await verifyPassword('demo-pass-2026', stored)).toBe(true);
		expect(await verifyPassword('demo-pass-2025', stored)).toBe(false);
		expect(await verifyPassword('', stored)).toBe(false);
	});

	it('verifies at the cost written in the hash, and says when it is not the current one', async () => {
		const old = await hashPassword('secret-words', cheap);
		expect(await verifyPassword('secret-words', old)).toBe(true);
		expect(needsRehash(old)).toBe(true);
		expect(needsRehash(old, cheap)).toBe(false);
		expect(DEFAULT_COST.ln).toBeGreaterThanOrEqual(15);
	});

	it('refuses a damaged or hostile hash instead of throwing or spending minutes on it', async () => {
		const stored = await hashPassword('x', cheap);
		for (const bad of ['', 'plain', stored.replace('ln=10', 'ln=40'), stored.slice(0, 30)]) {
			expect(await verifyPassword('x', bad)).toBe(false);
		}
	});

	it('takes about as long for an unknown login as for a wrong password', async () => {
		// Costly enough that the hash, not the machine's noise, is what is timed.
		const cost = { ln: 14, r: 8, p: 1 };
		const stored = await hashPassword('right', cost);
		await verifyDummyPassword('warm-up', cost);
		const time = async (run: () => Promise<unknown>) => {
			const start = performance.now();
			await run();
			return performance.now() - start;
		};
		const wrong: number[] = [];
		const unknown: number[] = [];
		for (let i = 0; i < 5; i++) {
			wrong.push(await time(() => verifyPassword('wrong', stored)));
			unknown.push(await time(() => verifyDummyPassword('wrong', cost)));
		}
		const median = (v: number[]) => [...v].sort((a, b) => a - b)[2]!;
		expect(await verifyDummyPassword('right', cost)).toBe(false);
		expect(median(unknown) / median(wrong)).toBeGreaterThan(0.5);
		expect(median(unknown) / median(wrong)).toBeLessThan(2);
	});
});
