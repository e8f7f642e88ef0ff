import { describe, expect, it, vi } from 'vitest';
import {
	DEFAULT_COST,
	hashPassword,
	needsRehash,
	verifyDummyPassword,
	verifyPassword
} from './passwords';

/** Every scrypt derivation the module runs, with its length and cost, to compare the two paths. */
const derivations = vi.hoisted(() => [] as { bytes: number; N: number; r: number; p: number }[]);
vi.mock('node:crypto', async (importOriginal) => {
	const crypto = await importOriginal<typeof import('node:crypto')>();
	return {
		...crypto,
		scrypt: ((...args: Parameters<typeof crypto.scrypt>) => {
			const [, , bytes, options] = args as unknown as [
				unknown,
				unknown,
				number,
				{ N: number; r: number; p: number }
			];
			derivations.push({ bytes, N: options.N, r: options.r, p: options.p });
			return (crypto.scrypt as (...a: unknown[]) => void)(...args);
		}) as typeof crypto.scrypt
	};
});

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

	it('does the same work for an unknown login as for a wrong password', async () => {
		// Timing is not asserted (tests never do); the work is: one derivation of the same length
		// at the same cost, so the answer's delay cannot tell whether the login exists.
		const stored = await hashPassword('right', cheap);
		await verifyDummyPassword('warm-up', cheap);
		derivations.length = 0;
		expect(await verifyPassword('wrong', stored)).toBe(false);
		const wrong = derivations.splice(0);
		expect(await verifyDummyPassword('right', cheap)).toBe(false);
		const unknown = derivations.splice(0);
		expect(wrong).toEqual([{ bytes: 64, N: 2 ** cheap.ln, r: cheap.r, p: cheap.p }]);
		expect(unknown).toEqual(wrong);
	});
});
